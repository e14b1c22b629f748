// Sharpness by power iteration on finite-difference Hessian-vector products, against spectra
// known in closed form.
import { describe, expect, it } from "vitest";
import { linearData } from "../../src/data/index";
import { hessianVectorProduct, sharpness } from "../../src/diagnostics/index";
import { diagonalQuadratic, leastSquares, quarticWell, rotatedQuadratic, type Objective } from "../../src/objectives/index";

describe("hessianVectorProduct", () => {
  it("equals H v on a rotated quadratic (affine gradient: exact up to rounding)", () => {
    const q = rotatedQuadratic([4, 2, 1, 0.5], { seed: 3, center: [1, -1, 2, 0] });
    const x = Float64Array.of(0.3, -2, 1, 5);
    const v = Float64Array.of(1, 2, -3, 0.5);
    const out = new Float64Array(4);
    const exact = new Float64Array(4);
    hessianVectorProduct(q, x, v, out);
    q.hessianTimes(v, exact);
    for (let i = 0; i < 4; i++) expect(out[i]).toBeCloseTo(exact[i]!, 9);
    hessianVectorProduct(q, x, new Float64Array(4), out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });

  it("equals diag(λᵢ + 3xᵢ²) v on the quartic well, to O(h²)", () => {
    const well = quarticWell({ lambdas: [1, 0.3, 2], start: [0, 0, 0] });
    const x = Float64Array.of(2.5, -2, 0.1);
    const v = Float64Array.of(1, -1, 2);
    const out = new Float64Array(3);
    hessianVectorProduct(well, x, v, out);
    [1 + 3 * 6.25, -(0.3 + 12), 2 * (2 + 0.03)].forEach((e, i) => expect(out[i]).toBeCloseTo(e, 6));
  });

  it("validates lengths and h", () => {
    const q = diagonalQuadratic([1, 2]);
    const x = new Float64Array(2);
    expect(() => hessianVectorProduct(q, x, new Float64Array(3), new Float64Array(2))).toThrow(/v.length = 3/);
    expect(() => hessianVectorProduct(q, x, x, x, { h: 0 })).toThrow(/h = 0/);
  });
});

describe("sharpness", () => {
  it("recovers λ_max of quadratics with known spectra, wherever it is evaluated", () => {
    expect(sharpness(diagonalQuadratic([0.5, 5, 3, 1]), Float64Array.of(1, 2, 3, 4))).toBeCloseTo(5, 8);
    const rot = rotatedQuadratic([10, 1, 1, 1], { seed: 2 });
    expect(sharpness(rot, rot.init(1))).toBeCloseTo(10, 8);
    // A harder gap: λ₂/λ₁ = 0.9 still converges within the default iterations.
    expect(sharpness(rotatedQuadratic([1, 0.9, 0.5, 0.1], { seed: 4 }), new Float64Array(4))).toBeCloseTo(1, 6);
  });

  it("recovers the top eigenvalue of least squares' Hessian (1/n)Σ[xᵢ, 1][xᵢ, 1]ᵀ", () => {
    const data = linearData({ n: 200, features: 1, bias: 0.7, seed: 9 });
    const a = data.x.reduce((s, v) => s + v * v, 0) / data.n; // mean x²
    const b = data.x.reduce((s, v) => s + v, 0) / data.n; // mean x
    const top = (a + 1) / 2 + Math.sqrt(((a - 1) / 2) ** 2 + b * b); // λ_max of [[a, b], [b, 1]]
    expect(sharpness(leastSquares(data), Float64Array.of(0.3, -0.2))).toBeCloseTo(top, 8);
  });

  it("gives the quartic well's λ_max(x) = maxᵢ(λᵢ + 3xᵢ²), which changes along the way", () => {
    const well = quarticWell({ lambdas: [1, 0.3], start: [2.5, -2] });
    expect(sharpness(well, Float64Array.of(2.5, -2))).toBeCloseTo(19.75, 5);
    expect(sharpness(well, Float64Array.of(0, 0))).toBeCloseTo(1, 5);
  });

  it("returns the eigenvalue of largest magnitude, with its sign, for an indefinite Hessian", () => {
    // f = ½(x² − 3y²): eigenvalues 1 and −3.
    const saddle: Objective = {
      name: "saddle",
      dim: 2,
      loss: (p) => 0.5 * (p[0]! ** 2 - 3 * p[1]! ** 2),
      grad: (p, out) => ((out[0] = p[0]!), (out[1] = -3 * p[1]!), 0.5 * (p[0]! ** 2 - 3 * p[1]! ** 2)),
      init: () => new Float64Array(2),
    };
    expect(sharpness(saddle, Float64Array.of(1, 1))).toBeCloseTo(-3, 8);
  });

  it("validates its options", () => {
    const q = diagonalQuadratic([1]);
    expect(() => sharpness(q, Float64Array.of(0), { iterations: 0 })).toThrow(/iterations = 0/);
    expect(() => sharpness(q, Float64Array.of(0), { tolerance: -1 })).toThrow(/tolerance = -1/);
    expect(() => sharpness(q, Float64Array.of(0, 1))).toThrow(/x.length = 2/);
  });
});
