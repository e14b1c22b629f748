import { describe, expect, it } from "vitest";
import { lrRangeTest, measureNoiseScale, newtonSchulzMap, orthogonalityError, singularValues, stateMemory } from "../../src/diagnostics/index";
import { diagonalQuadratic, noisyGradient, type Objective } from "../../src/objectives/index";
import { sgd } from "../../src/optim/index";
import { ArgumentError } from "../../src/validate";

describe("lrRangeTest", () => {
  const lambda = Array.from({ length: 50 }, (_, i) => 0.01 + (0.99 * i) / 49); // λ_max = 1
  const run = (seed: number) =>
    lrRangeTest({
      objective: noisyGradient(diagonalQuadratic(lambda), { sigma: 0.1, seed }),
      optimizer: (s) => sgd({ lr: s }),
      seed: 0,
      params: new Float64Array(50).fill(1),
      minLr: 1e-4,
      maxLr: 10,
      steps: 100,
    });

  it("sweeps η_k = minLr·(maxLr/minLr)^(k/(T−1)) and smooths with a bias-corrected EMA", () => {
    const r = run(1);
    for (let k = 0; k < r.lr.length; k++) expect(r.lr[k]).toBeCloseTo(1e-4 * Math.pow(1e5, k / 99), 12);
    expect(r.smoothed[0]).toBeCloseTo(r.loss[0]!, 14);
    expect(r.smoothed[1]).toBeCloseTo((0.98 * 0.02 * r.loss[0]! + 0.02 * r.loss[1]!) / (1 - 0.98 ** 2), 12);
  });

  it("finds divergence only past the stability bound 2/λ_max, and suggests LRs below it", () => {
    for (const seed of [1, 2, 3]) {
      const r = run(seed);
      expect(r.diverged).toBe(true);
      expect(r.beforeDivergence).toBeGreaterThan(2);
      expect(r.steepest).toBeLessThan(2);
      expect(r.minimumOverTen).toBeLessThan(2);
      expect(r.lr.length).toBeLessThan(100);
    }
  });

  it("validates its options", () => {
    const f = diagonalQuadratic([1]);
    expect(() => lrRangeTest({ objective: f, optimizer: (s) => sgd({ lr: s }), seed: 0, minLr: 1, maxLr: 0.1 })).toThrow(/maxLr = 0.1 is invalid: expected a value > minLr = 1/);
    expect(() => lrRangeTest({ objective: f, optimizer: (s) => sgd({ lr: s }), seed: 0, steps: 2 })).toThrow(/steps = 2/);
    expect(() => lrRangeTest({ objective: f, optimizer: (s) => sgd({ lr: s }), seed: 0, smoothing: 1 })).toThrow(/smoothing = 1/);
  });
});

describe("measureNoiseScale", () => {
  // Three examples with per-example gradients (1, 0), (3, 0), (2, 3) wherever θ is.
  const G = [[1, 0], [3, 0], [2, 3]];
  const f: Objective = {
    name: "three fixed gradients",
    dim: 2,
    examples: 3,
    loss: () => 0,
    grad(_x, out, batch) {
      out.fill(0);
      const idx = batch ?? [0, 1, 2];
      for (let k = 0; k < idx.length; k++) for (let j = 0; j < 2; j++) out[j]! += G[idx[k]!]![j]! / idx.length;
      return 0;
    },
    init: () => new Float64Array(2),
  };

  it("B_simple = tr(Σ)/|G|² from per-example gradients, by hand", () => {
    // Mean (2, 1); deviations (−1, −1), (1, −1), (0, 2): Σ‖·‖² = 8, tr(Σ) = 8/2 = 4.
    // |G|² = |mean|² − tr(Σ)/n = 5 − 4/3 = 11/3; B = 4/(11/3) = 12/11.
    const r = measureNoiseScale(f, new Float64Array(2), [0, 1, 2]);
    expect(r.traceCov).toBeCloseTo(4, 14);
    expect(r.gradNormSq).toBeCloseTo(11 / 3, 14);
    expect(r.bSimple).toBeCloseTo(12 / 11, 14);
  });

  it("needs a data objective and valid example indices", () => {
    expect(() => measureNoiseScale(diagonalQuadratic([1]), new Float64Array(1), [0, 1])).toThrow(ArgumentError);
    expect(() => measureNoiseScale(f, new Float64Array(2), [0, 3])).toThrow(/examples\[1\] = 3 is invalid: expected an example index in 0…2/);
  });
});

describe("Newton–Schulz diagnostics", () => {
  it("orthogonalityError is 0 for orthonormal rows/columns and ‖XᵀX − I‖_F otherwise", () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    expect(orthogonalityError(new Float64Array([c, -s, s, c]), 2, 2)).toBeLessThan(1e-15);
    expect(orthogonalityError(new Float64Array([2, 0, 0, 1]), 2, 2)).toBeCloseTo(3, 15);
    // Tall 3×2 with orthonormal columns e₁ and (0, 0.6, 0.8); and its wide transpose.
    expect(orthogonalityError(new Float64Array([1, 0, 0, 0.6, 0, 0.8]), 3, 2)).toBeLessThan(1e-15);
    expect(orthogonalityError(new Float64Array([1, 0, 0, 0, 0.6, 0.8]), 2, 3)).toBeLessThan(1e-15);
    expect(orthogonalityError(new Float64Array([1, 1]), 1, 2)).toBeCloseTo(1, 15); // XXᵀ = 2
  });

  it("singularValues of diagonal-like matrices, largest first", () => {
    expect(Array.from(singularValues(new Float64Array([3, 0, 0, 0.5]), 2, 2))).toEqual([3, 0.5]);
    const sv = singularValues(new Float64Array([3, 0, 0, 0, 0, -4]), 3, 2);
    expect(sv[0]).toBeCloseTo(4, 14);
    expect(sv[1]).toBeCloseTo(3, 14);
  });

  it("rejects a matrix whose length is not rows·cols, and a bad step count", () => {
    expect(() => orthogonalityError(new Float64Array(5), 2, 3)).toThrow(/X.length = 5 is invalid: expected rows·cols = 6/);
    expect(() => singularValues(new Float64Array(4), 0, 4)).toThrow(/rows = 0/);
    expect(() => newtonSchulzMap(0.5, -1)).toThrow(/steps = -1/);
  });

  it("newtonSchulzMap iterates p(x) = 3.4445x − 4.7750x³ + 2.0315x⁵", () => {
    expect(newtonSchulzMap(1, 1)).toBeCloseTo(0.701, 14);
    expect(newtonSchulzMap(0.37, 0)).toBe(0.37);
    const p = (x: number) => 3.4445 * x - 4.775 * x ** 3 + 2.0315 * x ** 5;
    expect(newtonSchulzMap(0.02)).toBeCloseTo(p(p(p(p(p(0.02))))), 14);
  });
});

describe("stateMemory", () => {
  it("counts full versus factored second moments from the shapes", () => {
    const M = [[1000, 1000]];
    expect(stateMemory("adam", M).bytes).toBe(2 * 8 * 1e6);
    expect(stateMemory("adamw", M).perParam).toBe(2);
    expect(stateMemory("adam-amsgrad", M).perParam).toBe(3);
    expect(stateMemory("adafactor", M).bytes).toBe(8 * 2000);
    expect(stateMemory("adafactor", M).slots).toEqual({ row: 1000, col: 1000 });
    expect(stateMemory("adafactor", [[1000]]).bytes).toBe(8 * 1000); // vectors are not factored
    expect(stateMemory("adafactor-momentum", M).bytes).toBe(8 * (1e6 + 2000));
    expect(stateMemory("sgd", M).bytes).toBe(0);
    expect(stateMemory("sgd-momentum", [[10]]).bytes).toBe(80);
    expect(stateMemory("rmsprop", [[10]]).bytes).toBe(80);
    expect(stateMemory("lars", [[10, 3]]).bytes).toBe(8 * 30);
    expect(stateMemory("lamb", [[10, 3]]).bytes).toBe(8 * 60);
    expect(stateMemory("muon", [[10, 3]]).bytes).toBe(8 * 30);
    expect(stateMemory("shampoo", [[10, 20]]).bytes).toBe(8 * (100 + 400));
    expect(stateMemory("adam", [[3, 4], [4]]).params).toBe(16);
  });

  it("rejects unknown methods and empty shapes", () => {
    expect(() => stateMemory("adamax", [[1]])).toThrow(/method = "adamax" is invalid: expected one of "sgd"/);
    expect(() => stateMemory("adam", [])).toThrow(/shapes/);
  });
});
