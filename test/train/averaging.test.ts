import { describe, expect, it } from "vitest";
import { averageIterates, emaAverage, IterateAverage, polyakAverage, swaAverage } from "../../src/train/averaging";

const v = (...xs: number[]) => Float64Array.from(xs);

describe("iterate averaging", () => {
  it("uniform (Polyak–Ruppert) is the running mean: 1, 3, 8 → 1, 2, 4", () => {
    const a = polyakAverage();
    const seen: number[] = [];
    for (const [k, x] of [1, 3, 8].entries()) { a.observe(k, v(x)); seen.push(a.value[0]!); }
    expect(seen).toEqual([1, 2, 4]);
    expect(a.count).toBe(3);
  });

  it("EMA starts at the first iterate: δ = 0.5 on 1, 3, 7 gives 1, 2, 4.5", () => {
    const a = emaAverage(0.5);
    const seen: number[] = [];
    for (const [k, x] of [1, 3, 7].entries()) { a.observe(k, v(x, -x)); seen.push(a.value[0]!); }
    expect(seen).toEqual([1, 2, 4.5]);
    expect(a.value[1]).toBe(-4.5);
  });

  it("SWA averages every c-th iterate from the start step (Izmailov et al. 2018, Algorithm 1)", () => {
    // Steps 0…5 with θ = 10, 20, …, 60; start 1, every 2 → steps 1, 3, 5 → (20 + 40 + 60)/3 = 40.
    const a = swaAverage(1, 2);
    const taken = [10, 20, 30, 40, 50, 60].map((x, k) => a.observe(k, v(x)));
    expect(taken).toEqual([false, true, false, true, false, true]);
    expect(a.value[0]).toBeCloseTo(40, 14);
  });

  it("averageIterates reads a recorded run (entry 0 is the start and is not averaged)", () => {
    const iterates = [v(100), v(2), v(4), v(6)];
    expect(averageIterates(iterates, { kind: "uniform" })[0]).toBeCloseTo(4, 14);
    expect(averageIterates(iterates, { kind: "uniform", start: 1 })[0]).toBeCloseTo(5, 14);
    expect(averageIterates(iterates, { kind: "ema", decay: 0.5 })[0]).toBeCloseTo(0.5 * (0.5 * 2 + 0.5 * 4) + 0.5 * 6, 14);
    expect(() => averageIterates(iterates, { kind: "uniform", start: 3 })).toThrow(/options.start = 3/);
  });

  it("rejects bad options, naming them", () => {
    expect(() => new IterateAverage({ kind: "ema" })).toThrow(/decay/);
    expect(() => emaAverage(1)).toThrow(/decay = 1/);
    expect(() => swaAverage(0, 0)).toThrow(/every = 0/);
    expect(() => new IterateAverage({ kind: "mean" as never })).toThrow(/kind/);
    const a = polyakAverage();
    a.observe(0, v(1, 2));
    expect(() => a.observe(1, v(1))).toThrow(/theta.length = 1/);
  });
});
