import { describe, expect, it } from "vitest";
import { blobs, linearData, spirals, moons } from "../../src/data/index";
import { rng } from "../../src/random";
import {
  diagonalQuadratic,
  finiteDifferenceGradient,
  gradientError,
  illConditionedQuadratic,
  leastSquares,
  logisticRegression,
  mlp,
  noisyGradient,
  rosenbrock,
  rotatedQuadratic,
  softmaxRegression,
  type Objective,
} from "../../src/objectives/index";

/** Seeded random points with coordinates N(0, scale²). */
function points(dim: number, count: number, seed: number, scale = 1): Float64Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: dim }, () => scale * r.normal()));
}

function expectGradientMatches(f: Objective, seed: number, batch?: ArrayLike<number>, scale = 1) {
  for (const x of points(f.dim, 5, seed, scale)) {
    expect(gradientError(f, x, batch)).toBeLessThan(1e-6);
    // grad returns the loss at x, the same number loss() gives.
    const g = new Float64Array(f.dim);
    expect(f.grad(x, g, batch)).toBe(f.loss(x, batch));
  }
}

describe("finite differences themselves", () => {
  it("match a closed-form gradient: f = Σ exp(xⱼ) · j has ∂f/∂xⱼ = j·exp(xⱼ)", () => {
    const f: Objective = {
      name: "exp",
      dim: 3,
      loss: (x) => x.reduce((s, v, j) => s + j * Math.exp(v), 0),
      grad: () => 0,
      init: () => new Float64Array(3),
    };
    const x = Float64Array.of(0.3, -1.1, 2.0);
    const fd = finiteDifferenceGradient(f, x);
    [0, Math.exp(-1.1), 2 * Math.exp(2)].forEach((v, j) => expect(fd[j]).toBeCloseTo(v, 8));
    expect(Array.from(x)).toEqual([0.3, -1.1, 2.0]); // restored
  });
  it("gradientError flags a wrong gradient", () => {
    const q = diagonalQuadratic([1, 2]);
    const wrong: Objective = { ...q, grad: (x, out) => (out.set([x[0]!, x[1]!]), q.loss(x)) }; // forgets λ₂ = 2
    expect(gradientError(wrong, Float64Array.of(1, 1))).toBeGreaterThan(0.1);
  });
});

describe("every gradient agrees with central finite differences (relative error < 1e-6)", () => {
  const cls3 = spirals({ n: 60, classes: 3, seed: 4 });
  const cls2 = moons({ n: 50, seed: 5 });
  const batch = Int32Array.of(3, 17, 17, 0, 41, 8);
  it("diagonal quadratic", () => expectGradientMatches(diagonalQuadratic([1, 10, 100], { center: [1, -2, 0.5] }), 1));
  it("rotated quadratic", () => expectGradientMatches(rotatedQuadratic([0.1, 1, 5, 30], { seed: 2, center: [1, 2, 3, 4] }), 2));
  it("ill-conditioned quadratic, κ = 1e4", () => expectGradientMatches(illConditionedQuadratic({ dim: 6, condition: 1e4, seed: 3 }), 3));
  it("Rosenbrock 2-D and 5-D", () => {
    expectGradientMatches(rosenbrock(), 4);
    expectGradientMatches(rosenbrock({ dim: 5, b: 30 }), 5);
  });
  it("least squares with L2, full batch and minibatch", () => {
    const f = leastSquares(linearData({ n: 50, features: 3, seed: 6 }), { l2: 0.3 });
    expectGradientMatches(f, 6);
    expectGradientMatches(f, 7, batch);
  });
  it("logistic regression with and without L2", () => {
    expectGradientMatches(logisticRegression(cls2), 8);
    expectGradientMatches(logisticRegression(cls2, { l2: 0.1 }), 9, batch);
  });
  it("softmax regression with and without L2", () => {
    expectGradientMatches(softmaxRegression(cls3), 10);
    expectGradientMatches(softmaxRegression(cls3, { l2: 0.05 }), 11, batch);
  });
  it("MLP, tanh, two hidden layers, L2, minibatch", () => {
    const f = mlp(cls3, { hidden: [5, 4], activation: "tanh", l2: 0.01 });
    expectGradientMatches(f, 12);
    expectGradientMatches(f, 13, batch);
  });
  it("MLP, ReLU, one hidden layer", () => {
    const f = mlp(blobs({ n: 48, classes: 4, features: 3, seed: 14 }), { hidden: [6], activation: "relu" });
    expectGradientMatches(f, 15, batch);
  });
  it("noisy gradient with σ = 0 is the exact gradient", () => {
    expectGradientMatches(noisyGradient(rosenbrock(), { sigma: 0, seed: 1 }), 16);
  });
});
