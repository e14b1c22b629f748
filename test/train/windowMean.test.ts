import { describe, expect, it } from "vitest";
import { windowMean } from "../../src/train/index";

describe("windowMean", () => {
  it("averages values[from..to), by default the whole series", () => {
    const v = Float64Array.from([1, 2, 4, 8, 16]);
    expect(windowMean(v)).toBe(31 / 5);
    expect(windowMean(v, 1, 3)).toBe(3); // (2 + 4) / 2
    expect(windowMean(v, 3)).toBe(12); // (8 + 16) / 2
    expect(windowMean([7], 0, 1)).toBe(7);
  });

  it("gives the mean of an arithmetic run k = a…b−1 as (a + b − 1)/2", () => {
    const ks = Array.from({ length: 3000 }, (_, k) => k);
    expect(windowMean(ks, 1000, 3000)).toBe((1000 + 2999) / 2);
  });

  it("sums in index order, as a left-to-right loop does", () => {
    // 1e16 + 1 + 1 rounds to 1e16 each time from the left; any other order could keep the 2.
    expect(windowMean([1e16, 1, 1])).toBe(1e16 / 3);
  });

  it("rejects an empty or reversed window, or one outside the series, naming the argument", () => {
    const v = [1, 2, 3];
    expect(() => windowMean(v, 2, 2)).toThrow(/from/);
    expect(() => windowMean(v, 3, 1)).toThrow(/from/);
    expect(() => windowMean(v, 0, 4)).toThrow(/to/);
    expect(() => windowMean(v, -1, 2)).toThrow(/from/);
    expect(() => windowMean(v, 0.5, 2)).toThrow(/from/);
    expect(() => windowMean([])).toThrow(/to/);
  });
});
