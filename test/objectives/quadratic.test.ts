import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/validate";
import {
  conditionedSpectrum,
  diagonalQuadratic,
  illConditionedQuadratic,
  randomRotation,
  rotatedQuadratic,
} from "../../src/objectives/index";

describe("diagonalQuadratic", () => {
  it("computes ½ Σ λᵢ (xᵢ − cᵢ)² and its gradient by hand", () => {
    // λ = (1, 4), c = (1, −1), x = (3, 0): ½(1·2² + 4·1²) = 4, ∇ = (1·2, 4·1).
    const q = diagonalQuadratic([1, 4], { center: [1, -1] });
    const g = new Float64Array(2);
    expect(q.grad(Float64Array.of(3, 0), g)).toBe(4);
    expect(Array.from(g)).toEqual([2, 4]);
    expect(q.conditionNumber).toBe(4);
    expect(q.lambdaMax).toBe(4);
    expect(Array.from(q.minimizer)).toEqual([1, -1]);
  });
  it("gradient descent converges for η just below 2/λ_max and diverges just above", () => {
    const q = diagonalQuadratic([0.5, 2, 8]);
    const run = (eta: number) => {
      const x = Float64Array.of(1, 1, 1);
      const g = new Float64Array(3);
      for (let t = 0; t < 2000; t++) {
        q.grad(x, g);
        for (let j = 0; j < 3; j++) x[j]! -= eta * g[j]!;
      }
      return q.loss(x);
    };
    expect(run(0.99 * (2 / 8))).toBeLessThan(1e-6);
    expect(run(1.01 * (2 / 8))).toBeGreaterThan(1e6);
  });
  it("rejects a non-positive eigenvalue or a center of the wrong length", () => {
    expect(() => diagonalQuadratic([1, 0])).toThrow(/eigenvalues\[1\] = 0/);
    expect(() => diagonalQuadratic([1, 2], { center: [0] })).toThrow(ArgumentError);
  });
});

describe("rotatedQuadratic", () => {
  const lambda = [0.2, 1, 3, 10];
  const q = rotatedQuadratic(lambda, { seed: 7, center: [1, 0, -1, 2] });
  const d = 4;
  const H = q.hessian();

  it("has orthonormal eigenvector columns and H qᵢ = λᵢ qᵢ", () => {
    const Q = q.eigenvectors;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += Q[i * d + a]! * Q[i * d + b]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
      const v = Float64Array.from({ length: d }, (_, i) => Q[i * d + a]!);
      const hv = new Float64Array(d);
      q.hessianTimes(v, hv);
      for (let i = 0; i < d; i++) expect(hv[i]).toBeCloseTo(lambda[a]! * v[i]!, 12);
    }
  });
  it("is symmetric, trace Σλ, and not axis-aligned", () => {
    let trace = 0;
    let offDiagonal = 0;
    for (let i = 0; i < d; i++) {
      trace += H[i * d + i]!;
      for (let j = 0; j < d; j++) {
        expect(H[i * d + j]).toBeCloseTo(H[j * d + i]!, 14);
        if (i !== j) offDiagonal = Math.max(offDiagonal, Math.abs(H[i * d + j]!));
      }
    }
    expect(trace).toBeCloseTo(14.2, 12);
    expect(offDiagonal).toBeGreaterThan(0.1);
  });
  it("rises as ½ λᵢ t² along eigenvector i from the centre", () => {
    const Q = q.eigenvectors;
    for (let a = 0; a < d; a++) {
      const x = Float64Array.from({ length: d }, (_, i) => q.minimizer[i]! + 0.7 * Q[i * d + a]!);
      expect(q.loss(x)).toBeCloseTo(0.5 * lambda[a]! * 0.49, 12);
    }
  });
  it("power iteration on H finds λ_max = 10", () => {
    let v = Float64Array.of(1, 1, 1, 1);
    const w = new Float64Array(d);
    let estimate = 0;
    for (let t = 0; t < 200; t++) {
      q.hessianTimes(v, w);
      const norm = Math.hypot(...w);
      estimate = norm / Math.hypot(...v);
      v = w.map((x) => x / norm);
    }
    expect(estimate).toBeCloseTo(10, 8);
    expect(q.lambdaMax).toBe(10);
    expect(q.conditionNumber).toBe(50);
  });
  it("the same seed gives the same rotation, another seed a different one", () => {
    expect(randomRotation(5, 3)).toEqual(randomRotation(5, 3));
    expect(randomRotation(5, 3)).not.toEqual(randomRotation(5, 4));
  });
});

describe("conditionedSpectrum and illConditionedQuadratic", () => {
  it("spaces eigenvalues geometrically or linearly from λ_max to λ_max/κ", () => {
    const geo = conditionedSpectrum({ dim: 3, condition: 100 });
    [1, 0.1, 0.01].forEach((v, i) => expect(geo[i]).toBeCloseTo(v, 15));
    const lin = conditionedSpectrum({ dim: 3, condition: 100, lambdaMax: 2, spacing: "linear" });
    [2, 1.01, 0.02].forEach((v, i) => expect(lin[i]).toBeCloseTo(v, 15));
  });
  it("gives condition number exactly κ", () => {
    const q = illConditionedQuadratic({ dim: 8, condition: 1000, lambdaMax: 4, seed: 1 });
    expect(q.conditionNumber).toBeCloseTo(1000, 9);
    expect(q.lambdaMin).toBeCloseTo(0.004, 15);
    expect(q.dim).toBe(8);
  });
  it("rejects κ < 1 and an unknown spacing", () => {
    expect(() => conditionedSpectrum({ dim: 3, condition: 0.5 })).toThrow(/condition = 0.5/);
    expect(() => conditionedSpectrum({ dim: 3, condition: 2, spacing: "cubic" as "linear" })).toThrow(/spacing/);
  });
});
