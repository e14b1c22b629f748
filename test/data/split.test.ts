import { describe, expect, it } from "vitest";
import { linearData, trainTestSplit, trainValidationTestSplit } from "../../src/data/index";

describe("trainValidationTestSplit", () => {
  // Targets 0…39 make each example identifiable by its y.
  const base = linearData({ n: 40, features: 2, seed: 9 });
  const d = { ...base, y: Float64Array.from({ length: 40 }, (_, i) => i) };
  const ys = (s: { y: Float64Array }): number[] => Array.from(s.y);

  it("gives parts of round(fraction · n) examples that are disjoint and together the data", () => {
    const { train, validation, test } = trainValidationTestSplit(d, { validationFraction: 0.2, testFraction: 0.25, seed: 3 });
    expect([train.n, validation.n, test.n]).toEqual([40 - 8 - 10, 8, 10]);
    const all = [...ys(train), ...ys(validation), ...ys(test)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("keeps trainTestSplit's test set for the same seed and carves validation out of its training set", () => {
    const three = trainValidationTestSplit(d, { validationFraction: 0.2, testFraction: 0.25, seed: 3 });
    const two = trainTestSplit(d, { testFraction: 0.25, seed: 3 });
    expect(ys(three.test)).toEqual(ys(two.test));
    expect([...ys(three.validation), ...ys(three.train)]).toEqual(ys(two.train));
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const o = { validationFraction: 0.25, testFraction: 0.25 };
    expect(trainValidationTestSplit(d, { ...o, seed: 1 })).toEqual(trainValidationTestSplit(d, { ...o, seed: 1 }));
    expect(ys(trainValidationTestSplit(d, { ...o, seed: 1 }).test)).not.toEqual(ys(trainValidationTestSplit(d, { ...o, seed: 2 }).test));
  });

  it("gives each held-out part at least one example", () => {
    const { train, validation, test } = trainValidationTestSplit(d, { validationFraction: 0.001, testFraction: 0.001, seed: 0 });
    expect([train.n, validation.n, test.n]).toEqual([38, 1, 1]);
  });

  it("rejects fractions outside (0, 1), a sum ≥ 1 or too few examples, naming the argument", () => {
    expect(() => trainValidationTestSplit(d, { validationFraction: 0, testFraction: 0.2, seed: 0 })).toThrow(/validationFraction = 0/);
    expect(() => trainValidationTestSplit(d, { validationFraction: 0.2, testFraction: 1, seed: 0 })).toThrow(/testFraction = 1/);
    expect(() => trainValidationTestSplit(d, { validationFraction: 0.5, testFraction: 0.5, seed: 0 })).toThrow(/validationFraction \+ testFraction/);
    // n = 4: round(0.45 · 4) = 2 each for validation and test leaves none to train on.
    const four = linearData({ n: 4, features: 1, seed: 0 });
    expect(() => trainValidationTestSplit(four, { validationFraction: 0.45, testFraction: 0.45, seed: 0 })).toThrow(/data\.n = 4/);
    const three = linearData({ n: 3, features: 1, seed: 0 });
    expect(trainValidationTestSplit(three, { validationFraction: 0.4, testFraction: 0.4, seed: 0 }).train.n).toBe(1);
    const two = linearData({ n: 2, features: 1, seed: 0 });
    expect(() => trainValidationTestSplit(two, { validationFraction: 0.1, testFraction: 0.1, seed: 0 })).toThrow(/data\.n = 2/);
  });
});
