import { describe, expect, it } from "vitest";
import type { ClassificationData } from "../../src/data/index";
import { blobs, linearData, spirals } from "../../src/data/index";
import {
  leastSquares,
  logisticRegression,
  mlp,
  noisyGradient,
  rosenbrock,
  rotatedQuadratic,
  softmaxRegression,
  layerSize,
  type Layer,
} from "../../src/objectives/index";

/** Four hand-made 2-D points, labels 0, 1, 1, 0. */
const tiny: ClassificationData = {
  kind: "classification",
  n: 4,
  features: 2,
  classes: 2,
  x: Float64Array.of(1, 2, -1, 0, 3, -2, 0, 1),
  labels: Int32Array.of(0, 1, 1, 0),
};

function expectTiling(layers: readonly Layer[], dim: number) {
  let next = 0;
  for (const l of layers) {
    expect(l.offset).toBe(next);
    next += layerSize(l);
  }
  expect(next).toBe(dim);
}

describe("Rosenbrock", () => {
  it("has the textbook values at the classic start (−1.2, 1) and the minimum (1, 1)", () => {
    const f = rosenbrock();
    const g = new Float64Array(2);
    expect(f.grad(Float64Array.of(-1.2, 1), g)).toBeCloseTo(24.2, 12);
    expect(g[0]).toBeCloseTo(-215.6, 10);
    expect(g[1]).toBeCloseTo(-88, 10);
    expect(f.loss(Float64Array.of(1, 1))).toBe(0);
  });
  it("n-D: zero at all ones, sums the 2-D terms", () => {
    const f = rosenbrock({ dim: 3 });
    // (1−0)² + 100(1−0)² + (1−1)² + 100(2−1)² = 1 + 100 + 0 + 100
    expect(f.loss(Float64Array.of(0, 1, 2))).toBe(201);
    expect(f.loss(Float64Array.of(1, 1, 1))).toBe(0);
    expect(() => rosenbrock({ dim: 1 })).toThrow(/dim = 1/);
  });
});

describe("logistic regression", () => {
  it("at w = 0 has loss log 2 and gradient mean((½ − y) x)", () => {
    const f = logisticRegression(tiny);
    const g = new Float64Array(3);
    expect(f.grad(new Float64Array(3), g)).toBeCloseTo(Math.LN2, 15);
    // (½−y)x rows: (0.5, 1), (0.5, 0), (−1.5, 1), (0, 0.5); mean: (−0.125, 0.625); bias: mean(½−y) = 0
    expect(g[0]).toBeCloseTo(-0.125, 15);
    expect(g[1]).toBeCloseTo(0.625, 15);
    expect(g[2]).toBeCloseTo(0, 15);
  });
  it("L2 adds (λ/2)‖w‖² but leaves the bias alone", () => {
    const f0 = logisticRegression(tiny);
    const f1 = logisticRegression(tiny, { l2: 0.5 });
    const w = Float64Array.of(1, -2, 7);
    expect(f1.loss(w) - f0.loss(w)).toBeCloseTo(0.25 * 5, 12);
  });
  it("predicts the sign of w·x + b and reports accuracy", () => {
    const f = logisticRegression(tiny);
    // w = (0, −1), b = 0.5: scores −1.5, 0.5, 2.5, −0.5 → 0, 1, 1, 0: all right.
    const w = Float64Array.of(0, -1, 0.5);
    expect(f.accuracy(w)).toBe(1);
    expect(f.accuracy(Float64Array.of(0, 1, -0.5))).toBe(0);
    expect(f.accuracy(w, [0, 1])).toBe(1);
    expect(f.predict(w, [0, 0])).toBe(1);
  });
  it("stays finite at huge scores", () => {
    const f = logisticRegression(tiny);
    expect(Number.isFinite(f.loss(Float64Array.of(1e4, -1e4, 0)))).toBe(true);
  });
  it("rejects three-class data and bad batch indices", () => {
    expect(() => logisticRegression(spirals({ n: 30, classes: 3, seed: 1 }))).toThrow(/classes = 3/);
    const f = logisticRegression(tiny);
    expect(() => f.loss(new Float64Array(3), [0, 4])).toThrow(/batch\[1\] = 4/);
    expect(() => f.loss(new Float64Array(3), [])).toThrow(/batch.length = 0/);
  });
});

describe("softmax regression and MLP", () => {
  const data = spirals({ n: 45, classes: 3, seed: 2 });
  it("softmax: loss log k at zero weights", () => {
    const f = softmaxRegression(data);
    expect(f.loss(new Float64Array(f.dim))).toBeCloseTo(Math.log(3), 14);
    expect(f.layers.map((l) => l.shape)).toEqual([[3, 2], [3]]);
    expectTiling(f.layers, f.dim);
  });
  it("an MLP without hidden layers is softmax regression (same layout, same loss)", () => {
    const s = softmaxRegression(data, { l2: 0.1 });
    const m = mlp(data, { hidden: [], l2: 0.1 });
    expect(m.dim).toBe(s.dim);
    const w = s.init(3).map((v, j) => v + 0.01 * j);
    expect(m.loss(w)).toBeCloseTo(s.loss(w), 12);
  });
  it("MLP layers: shapes [out, in] then [out], tiling the parameter vector", () => {
    const m = mlp(data, { hidden: [8, 5] });
    expect(m.layers.map((l) => [l.name, l.shape])).toEqual([
      ["dense0.weight", [8, 2]],
      ["dense0.bias", [8]],
      ["dense1.weight", [5, 8]],
      ["dense1.bias", [5]],
      ["dense2.weight", [3, 5]],
      ["dense2.bias", [3]],
    ]);
    expect(m.dim).toBe(16 + 8 + 40 + 5 + 15 + 3);
    expectTiling(m.layers, m.dim);
  });
  it("MLP init: biases zero, He-scaled ReLU weights have variance ≈ 2/fan_in", () => {
    const m = mlp(blobs({ n: 10, features: 50, classes: 2, seed: 1 }), { hidden: [400], activation: "relu" });
    const w = m.init(9);
    const first = w.subarray(0, 400 * 50);
    const variance = first.reduce((s, v) => s + v * v, 0) / first.length;
    expect(variance).toBeGreaterThan((2 / 50) * 0.97); // 20 000 draws: sd of the estimate ≈ 1 %
    expect(variance).toBeLessThan((2 / 50) * 1.03);
    expect(w.subarray(20000, 20400).every((v) => v === 0)).toBe(true);
    expect(m.init(9)).toEqual(w);
  });
  it("full-batch gradient descent fits the blobs with an MLP", () => {
    const d = blobs({ n: 90, classes: 3, spread: 0.8, seed: 5 });
    const m = mlp(d, { hidden: [8] });
    const w = m.init(1);
    const g = new Float64Array(m.dim);
    const first = m.loss(w);
    for (let t = 0; t < 300; t++) {
      m.grad(w, g);
      for (let j = 0; j < m.dim; j++) w[j]! -= 0.5 * g[j]!;
    }
    expect(m.loss(w)).toBeLessThan(first / 5);
    expect(m.accuracy(w)).toBeGreaterThan(0.95);
  });
});

describe("least squares", () => {
  it("is zero at the generating weights of noiseless data", () => {
    const data = linearData({ n: 30, features: 3, noise: 0, bias: 0.5, seed: 1 });
    const f = leastSquares(data);
    expect(f.loss(Float64Array.of(...data.weights, 0.5))).toBeCloseTo(0, 25);
  });
});

describe("noisyGradient", () => {
  const base = rotatedQuadratic([1, 3], { seed: 2 });
  const x = Float64Array.of(0.5, -1);
  const exact = new Float64Array(2);
  base.grad(x, exact);

  it("adds zero-mean noise of standard deviation σ, keeps the loss exact and the spectrum", () => {
    const f = noisyGradient(base, { sigma: 0.3, seed: 11 });
    const g = new Float64Array(2);
    const count = 20000;
    const sum = [0, 0];
    const sq = [0, 0];
    for (let t = 0; t < count; t++) {
      expect(f.grad(x, g)).toBe(base.loss(x));
      for (let j = 0; j < 2; j++) {
        const e = g[j]! - exact[j]!;
        sum[j]! += e;
        sq[j]! += e * e;
      }
    }
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(sum[j]! / count)).toBeLessThan((4 * 0.3) / Math.sqrt(count));
      expect(Math.sqrt(sq[j]! / count)).toBeGreaterThan(0.3 * 0.97);
      expect(Math.sqrt(sq[j]! / count)).toBeLessThan(0.3 * 1.03);
    }
    expect(f.lambdaMax).toBe(3);
  });
  it("resumes its noise stream exactly from a saved state", () => {
    const f = noisyGradient(base, { sigma: 1, seed: 3 });
    const g = new Float64Array(2);
    const draw = () => (f.grad(x, g), Array.from(g));
    draw();
    const saved = f.noiseState();
    const after = [draw(), draw()];
    draw();
    f.restoreNoise(saved);
    const again = [draw(), draw()];
    expect(again).toEqual(after);
  });
});
