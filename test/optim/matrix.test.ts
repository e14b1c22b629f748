import { describe, expect, it } from "vitest";
import { eigs } from "mathjs";
import {
  adafactor,
  eigenWork,
  lamb,
  lars,
  muon,
  newtonSchulz,
  nsWork,
  shampoo,
  symmetricEigen,
  symmetricPower,
} from "../../src/optim/index";
import { rng } from "../../src/random";

const f64 = (...x: number[]) => new Float64Array(x);

function gaussian(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => r.normal());
}

/** Singular values of a rows×cols matrix from mathjs's symmetric eigensolver on the small Gram matrix. */
function mathjsSingularValues(X: Float64Array, rows: number, cols: number): number[] {
  const M = Array.from({ length: rows }, (_, i) => Array.from(X.subarray(i * cols, (i + 1) * cols)));
  const small = rows <= cols;
  const k = small ? rows : cols;
  const G = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      if (small) for (let l = 0; l < cols; l++) s += M[i]![l]! * M[j]![l]!;
      else for (let l = 0; l < rows; l++) s += M[l]![i]! * M[l]![j]!;
      return s;
    }),
  );
  const vals = eigs(G).values as unknown as number[];
  return vals.map((v) => Math.sqrt(Math.max(0, v))).sort((a, b) => b - a);
}

describe("adafactor", () => {
  it("factored V̂ = R Cᵀ/mean(R) is exact for a rank-1 G², so the first step is α·sign(G)", () => {
    // |G| = a bᵀ (rank one): G² = (a²)(b²)ᵀ, which the row/column factorisation reproduces exactly.
    const a = [1, 2, 3];
    const b = [0.5, -1, 2, 4];
    const G = new Float64Array(12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) G[i * 4 + j] = a[i]! * b[j]! * (i === 1 ? -1 : 1);
    const theta = gaussian(12, 3);
    const rms = Math.sqrt(theta.reduce((s, x) => s + x * x, 0) / 12);
    const before = Float64Array.from(theta);
    const opt = adafactor({ eps1: 0 }, [{ shape: [3, 4] }]);
    opt.step(theta, G);
    // t = 1: β̂₂₁ = 1 − 1^(−0.8) = 0, ρ₁ = min(1e-2, 1) = 1e-2, α = 1e-2·max(1e-3, RMS(θ₀)).
    // U = G/|G| = sign(G), RMS(U) = 1, so no clipping at d = 1.
    for (let i = 0; i < 12; i++) expect(theta[i]!).toBeCloseTo(before[i]! - 1e-2 * rms * Math.sign(G[i]!), 14);
    expect(opt.stateBytes()).toBe(8 * (3 + 4));
    // The factor that multiplied G was α/√V̂ = α/|G|.
    const eff = new Float64Array(12);
    expect(opt.effectiveLr(eff)).toBe(true);
    for (let i = 0; i < 12; i++) expect(eff[i]!).toBeCloseTo((1e-2 * rms) / Math.abs(G[i]!), 12);
  });

  it("β̂₂ₜ = 1 − t^(−0.8): the second step averages g₁² and g₂² with weights 2^(−0.8) and 1 − 2^(−0.8)", () => {
    const opt = adafactor({ eps1: 0 });
    const x = f64(1);
    opt.step(x, f64(3));
    opt.step(x, f64(1));
    const b = 1 - Math.pow(2, -0.8);
    expect(opt.state().slots.v![0]![0]).toBeCloseTo(b * 9 + (1 - b) * 1, 14);
  });

  it("clips the update to RMS ≤ d", () => {
    // Vector, first step: U = g/|g| = sign(g), RMS(U) = 1; with d = 0.5 the update halves.
    const opt = adafactor({ eps1: 0, clipThreshold: 0.5, scaleParameter: false, lr: 0.1 });
    const x = f64(0, 0);
    opt.step(x, f64(4, -1));
    expect(x[0]).toBeCloseTo(-0.05, 15);
    expect(x[1]).toBeCloseTo(0.05, 15);
  });

  it("relative step ρₜ = min(1e-2, 1/√t)", () => {
    const opt = adafactor();
    const x = f64(1);
    opt.step(x, f64(1));
    expect(opt.stats.lr).toBe(1e-2);
    const s = opt.state();
    opt.load({ ...s, step: 39_999 }); // the next update is t = 40 000
    opt.step(x, f64(1));
    expect(opt.stats.lr).toBeCloseTo(1 / 200, 15);
  });

  it("a first moment β₁ adds a full-size slot", () => {
    expect(adafactor({ beta1: 0.9 }, [{ shape: [10, 20] }]).stateBytes()).toBe(8 * (10 + 20 + 200));
  });
});

describe("lars", () => {
  it("trust ratio ‖θ‖/‖g + λθ‖ by hand, and the first momentum step", () => {
    // θ = (3, 4), ‖θ‖ = 5; g = (0.6, 0.8), ‖g‖ = 1; λ = 0 → r = 5.
    const opt = lars({ lr: 1, trustCoefficient: 1e-3, momentum: 0.9 });
    const x = f64(3, 4);
    opt.step(x, f64(0.6, 0.8));
    expect(opt.stats.trustRatio[0]).toBeCloseTo(5, 14);
    // b = γηr u = 0.005 (0.6, 0.8); θ ← θ − b.
    expect(x[0]).toBeCloseTo(3 - 0.003, 15);
    expect(x[1]).toBeCloseTo(4 - 0.004, 15);
  });

  it("weight decay enters the denominator as ‖g + λθ‖", () => {
    // θ = (3, 4), g = (0, 0), λ = 0.1: u = 0.1θ, ‖u‖ = 0.5, r = 10.
    const opt = lars({ weightDecay: 0.1 });
    opt.step(f64(3, 4), f64(0, 0));
    expect(opt.stats.trustRatio[0]).toBeCloseTo(10, 14);
  });

  it("groups with trustRatio: false are plain momentum SGD; zero norms give r = 1", () => {
    const opt = lars({ lr: 0.1, momentum: 0 }, [{ shape: [2] }, { shape: [1], trustRatio: false }]);
    const x = f64(0, 0, 2);
    opt.step(x, f64(1, 0, 1));
    expect(opt.stats.trustRatio[0]).toBe(1); // ‖θ‖ = 0
    expect(Number.isNaN(opt.stats.trustRatio[1]!)).toBe(true);
    expect(x[0]).toBeCloseTo(-0.1 * 1e-3, 15);
    expect(x[2]).toBeCloseTo(2 - 0.1, 15);
  });
});

describe("lamb", () => {
  it("first step: u = m̂/(√v̂+ε) + λθ, r = ‖θ‖/‖u‖, θ ← θ − η r u", () => {
    const opt = lamb({ lr: 0.01, eps: 0, weightDecay: 0.1 });
    const x = f64(3, 4);
    opt.step(x, f64(0.6, -0.8));
    // m̂/√v̂ = sign(g) = (1, −1); u = (1 + 0.3, −1 + 0.4) = (1.3, −0.6); ‖u‖ = √2.05.
    const r = 5 / Math.sqrt(2.05);
    expect(opt.stats.trustRatio[0]).toBeCloseTo(r, 14);
    expect(x[0]).toBeCloseTo(3 - 0.01 * r * 1.3, 14);
    expect(x[1]).toBeCloseTo(4 + 0.01 * r * 0.6, 14);
  });

  it("trustClip clamps r per layer: [0, 1] (timm's LAMBC) caps r = 5/√2 at 1 and leaves 0.5/√2 alone", () => {
    const opt = lamb({ lr: 0.01, eps: 0, trustClip: [0, 1] }, [{ shape: [2] }, { shape: [2] }]);
    const x = f64(3, 4, 0.3, 0.4);
    opt.step(x, f64(1, 1, 1, -1));
    expect(opt.stats.trustRatio[0]).toBe(1);
    expect(opt.stats.trustRatio[1]).toBeCloseTo(0.5 / Math.SQRT2, 14);
    // With r = 1 the first layer moves by exactly η·sign(g).
    expect([x[0], x[1]]).toEqual([3 - 0.01, 4 - 0.01]);
    const floor = lars({ lr: 1, trustClip: [8, 20] });
    floor.step(f64(3, 4), f64(0.6, 0.8)); // r = 5, raised to 8
    expect(floor.stats.trustRatio[0]).toBe(8);
    expect(() => lamb({ trustClip: [2, 1] })).toThrow(/trustClip = \[2, 1\] is invalid: expected a pair \[lo, hi\] with 0 ≤ lo ≤ hi/);
    expect(() => lars({ trustClip: [-1, 1] })).toThrow(/trustClip = \[-1, 1\]/);
  });

  it("the trust ratio is per layer", () => {
    const opt = lamb({ lr: 0.01, eps: 0 }, [{ shape: [2], name: "a" }, { shape: [2], name: "b" }]);
    opt.step(f64(3, 4, 0.3, 0.4), f64(1, 1, 1, -1));
    // u = sign(g) in both layers, ‖u‖ = √2; ‖θ‖ = 5 and 0.5.
    expect(opt.stats.trustRatio[0]).toBeCloseTo(5 / Math.SQRT2, 14);
    expect(opt.stats.trustRatio[1]).toBeCloseTo(0.5 / Math.SQRT2, 14);
  });
});

describe("linear algebra", () => {
  it("Jacobi eigenvalues agree with mathjs and A = V diag(w) Vᵀ", () => {
    const n = 6;
    const B = gaussian(n * n, 7);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = B[i * n + j]! + B[j * n + i]!;
    const work = Float64Array.from(A);
    const V = new Float64Array(n * n);
    const w = new Float64Array(n);
    symmetricEigen(work, n, V, w);
    const ref = (eigs(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)))).values as unknown as number[]).sort((a, b) => a - b);
    const mine = Array.from(w).sort((a, b) => a - b);
    for (let i = 0; i < n; i++) expect(mine[i]!).toBeCloseTo(ref[i]!, 10);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += V[i * n + k]! * w[k]! * V[j * n + k]!;
        expect(s).toBeCloseTo(A[i * n + j]!, 10);
      }
    }
  });

  it("symmetricPower: (A^(−1/4))⁴ · A = I", () => {
    const A = f64(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const P = new Float64Array(9);
    symmetricPower(A, -1 / 4, P, eigenWork(3));
    const mul = (X: Float64Array, Y: Float64Array) => {
      const Z = new Float64Array(9);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) Z[i * 3 + j]! += X[i * 3 + k]! * Y[k * 3 + j]!;
      return Z;
    };
    const I = mul(mul(mul(mul(P, P), P), P), A);
    for (let i = 0; i < 9; i++) expect(I[i]!).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12);
  });
});

describe("shampoo", () => {
  it("vector: full-matrix AdaGrad, first step η g/√(ε + ‖g‖²)", () => {
    // H = εI + ggᵀ has g as an eigenvector with eigenvalue ε + ‖g‖², so H^(−1/2) g = g/√(ε + ‖g‖²).
    const opt = shampoo({ lr: 0.5, eps: 1e-4 });
    const x = f64(0, 0, 0);
    const g = f64(1, 2, 2);
    opt.step(x, g);
    for (let i = 0; i < 3; i++) expect(x[i]!).toBeCloseTo((-0.5 * g[i]!) / Math.sqrt(1e-4 + 9), 12);
  });

  it("matrix: for G = σ u vᵀ the first step is η σ/√(ε + σ²) u vᵀ", () => {
    // L = εI + σ² u uᵀ and R = εI + σ² v vᵀ: L^(−1/4) u = (ε+σ²)^(−1/4) u, likewise for v.
    const u = [0.6, 0.8];
    const v = [2 / 3, -1 / 3, 2 / 3];
    const sigma = 3;
    const G = new Float64Array(6);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) G[i * 3 + j] = sigma * u[i]! * v[j]!;
    const opt = shampoo({ lr: 0.1, eps: 1e-2 }, [{ shape: [2, 3] }]);
    const x = new Float64Array(6);
    opt.step(x, G);
    const c = (0.1 * sigma) / Math.sqrt(1e-2 + sigma * sigma);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(x[i * 3 + j]!).toBeCloseTo(-c * u[i]! * v[j]!, 12);
    expect(opt.stateBytes()).toBe(8 * (4 + 9));
  });
});

describe("muon", () => {
  it("Newton–Schulz maps each singular value σ to p⁵(σ/‖G‖_F), p(x) = 3.4445x − 4.7750x³ + 2.0315x⁵", () => {
    const rows = 12;
    const cols = 20;
    const G = gaussian(rows * cols, 5);
    const out = new Float64Array(rows * cols);
    newtonSchulz(G, 0, out, nsWork(rows, cols));
    const fro = Math.sqrt(G.reduce((s, x) => s + x * x, 0));
    const p = (x: number) => 3.4445 * x - 4.775 * x ** 3 + 2.0315 * x ** 5;
    const predicted = mathjsSingularValues(G, rows, cols).map((s) => p(p(p(p(p(s / (fro + 1e-7)))))));
    const got = mathjsSingularValues(out, rows, cols);
    // p is not monotone, so compare the sorted sets.
    predicted.sort((a, b) => b - a);
    for (let i = 0; i < rows; i++) expect(got[i]!).toBeCloseTo(predicted[i]!, 8);
  });

  it("quintic NS output singular values land in [0.68, 1.14] (the map's attracting band 0.6818…1.1344)", () => {
    // For a 32×64 Gaussian matrix σ_min/‖G‖_F ≈ (√64 − √32)/√2048 ≈ 0.05, well inside the range
    // where five iterations reach the band (inputs ≥ 0.01). A tall matrix exercises the transpose.
    for (const [rows, cols, seed] of [[32, 64, 1], [48, 16, 2]] as const) {
      const G = gaussian(rows * cols, seed);
      const out = new Float64Array(rows * cols);
      newtonSchulz(G, 0, out, nsWork(rows, cols));
      const s = mathjsSingularValues(out, rows, cols);
      expect(Math.min(...s)).toBeGreaterThan(0.68);
      expect(Math.max(...s)).toBeLessThan(1.1344);
    }
  });

  it("a step is θ − η·s·NS(u) with s = max(1, rows/cols)^½, or 0.2·√max(rows, cols) for 'moonshot'", () => {
    const rows = 8;
    const cols = 4;
    const g = gaussian(rows * cols, 9);
    const ns = new Float64Array(rows * cols);
    // First step, Nesterov: b = (1 − β)g, u = (1 − β)g + β b = (1 − β²) g; NS(c·g) = NS(g) up to the 1e-7 guard.
    const u = g.map((x) => (1 - 0.95 ** 2) * x);
    newtonSchulz(u, 0, ns, nsWork(rows, cols));
    for (const [scale, s] of [["jordan", Math.SQRT2], ["moonshot", 0.2 * Math.sqrt(8)]] as const) {
      const opt = muon({ lr: 0.02, scale }, [{ shape: [rows, cols] }]);
      const x = new Float64Array(rows * cols);
      opt.step(x, g);
      for (let i = 0; i < rows * cols; i++) expect(x[i]!).toBeCloseTo(-0.02 * s * ns[i]!, 14);
    }
  });

  it("treats a vector as a 1×n matrix: the update is u/‖u‖ scaled by p⁵(1)", () => {
    const opt = muon({ lr: 1, nesterov: false, momentum: 0.5 });
    const x = f64(0, 0);
    opt.step(x, f64(3, 4));
    const p = (y: number) => 3.4445 * y - 4.775 * y ** 3 + 2.0315 * y ** 5;
    const k = p(p(p(p(p(2.5 / (2.5 + 1e-7)))))); // ‖u‖ = ‖0.5 g‖ = 2.5
    expect(x[0]).toBeCloseTo(-k * 0.6, 12);
    expect(x[1]).toBeCloseTo(-k * 0.8, 12);
  });
});
