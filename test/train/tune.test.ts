import { describe, expect, it } from "vitest";
import { spread, tuneOnValidation } from "../../src/train/index";

describe("spread", () => {
  it("gives the mean, the sample sd (n − 1), min, max and n of a hand-computed set", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32/7.
    const s = spread([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(s).toMatchObject({ min: 2, max: 9, n: 8 });
  });

  it("gives sd 0 for one value and |a − b|/√2 for two", () => {
    expect(spread([3.5])).toEqual({ mean: 3.5, sd: 0, min: 3.5, max: 3.5, n: 1 });
    expect(spread([1, 4]).sd).toBeCloseTo(3 / Math.SQRT2, 14);
  });

  it("rejects an empty array or a non-finite value, naming it", () => {
    expect(() => spread([])).toThrow(/values/);
    expect(() => spread([1, NaN])).toThrow(/values\[1\]/);
    expect(() => spread([Infinity])).toThrow(/values\[0\]/);
  });
});

describe("tuneOnValidation", () => {
  it("picks the configuration with the lowest mean score over the seeds", () => {
    // score = (lr − 0.3)² + seed/100: the seed term is common to all, so lr = 0.3 wins.
    const r = tuneOnValidation([0.1, 0.3, 1], (lr, seed) => (lr - 0.3) ** 2 + seed / 100, [1, 2]);
    expect(r.best).toBe(0.3);
    expect(r.bestIndex).toBe(1);
    expect(r.trials.map((t) => t.scores)).toEqual([
      [0.04 + 0.01, 0.04 + 0.02].map((x) => expect.closeTo(x, 14)),
      [0.01, 0.02].map((x) => expect.closeTo(x, 14)),
      [0.49 + 0.01, 0.49 + 0.02].map((x) => expect.closeTo(x, 14)),
    ]);
    expect(r.trials[1]!.mean).toBeCloseTo(0.015, 14);
  });

  it("judges by the mean, not by one lucky seed", () => {
    // A: 1 and 5 (mean 3); B: 2 and 2 (mean 2). A has the single best score, B the best mean.
    const table: Record<string, number[]> = { A: [1, 5], B: [2, 2] };
    const r = tuneOnValidation(["A", "B"], (c, seed) => table[c]![seed]!, [0, 1]);
    expect(r.best).toBe("B");
  });

  it("breaks a tie in favour of the first configuration", () => {
    const r = tuneOnValidation(["x", "y", "z"], (c) => (c === "x" ? 2 : 1), [0]);
    expect(r.best).toBe("y");
    expect(r.bestIndex).toBe(1);
  });

  it("counts a non-finite score as +∞: a configuration that diverges in any seed never wins", () => {
    const r = tuneOnValidation([1, 2, 3], (c, seed) => (c === 1 && seed === 7 ? NaN : c === 1 ? 0 : c), [5, 7]);
    expect(r.trials[0]!.scores).toEqual([0, Infinity]);
    expect(r.trials[0]!.mean).toBe(Infinity);
    expect(r.best).toBe(2);
    expect(() => tuneOnValidation([1], () => Infinity, [0])).toThrow(/configs/);
  });

  it("calls score once per configuration and seed, with those seeds", () => {
    const calls: string[] = [];
    tuneOnValidation(["a", "b"], (c, s) => (calls.push(`${c}${s}`), 0), [3, 9]);
    expect(calls.sort()).toEqual(["a3", "a9", "b3", "b9"]);
  });

  it("rejects empty configs, a non-function score and bad seeds, naming the argument", () => {
    expect(() => tuneOnValidation([], () => 0, [0])).toThrow(/configs/);
    expect(() => tuneOnValidation([1], 3 as never, [0])).toThrow(/score/);
    expect(() => tuneOnValidation([1], () => 0, [])).toThrow(/seeds/);
    expect(() => tuneOnValidation([1], () => 0, [1.5])).toThrow(/seeds\[0\]/);
    expect(() => tuneOnValidation([1], () => 0, [-1])).toThrow(/seeds\[0\]/);
    expect(() => tuneOnValidation([1], () => 0, [2, 2])).toThrow(/seeds/);
  });
});
