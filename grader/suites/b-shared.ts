/**
 * Helpers shared by the hidden suites of lesson B (b01…b11): numeric comparison of nested arrays
 * and plain objects, small dense matrix algebra for the trusted computations, and the gradient of
 * the lessons' 2-D test objective. Choice, classification and expression tasks come from
 * `a-shared.ts`.
 */
import { softFail } from "../harness/run/suite";
import type { Rng } from "../../src/random";
import { expectShape, f32, TOL } from "./a-shared";

/** A number, or arrays / plain objects of them: the shapes the exercises return. */
export type Numeric = number | Numeric[] | { [key: string]: Numeric };

/** Largest absolute number inside `x`. */
function magnitude(x: Numeric): number {
  if (typeof x === "number") return Math.abs(x);
  const parts = Array.isArray(x) ? x : Object.values(x);
  return parts.reduce((m: number, p) => Math.max(m, magnitude(p)), 0);
}

/**
 * Asserts that `actual` has the shape of `expected` (a wrong shape is named, see `expectShape`)
 * and that every number agrees within relative
 * tolerance `rel` (see TOL in a-shared.ts and F32B below for the reasons behind each value), with an absolute
 * floor of `rel` times the largest magnitude in `expected` (per field of an object; so values that have converged to ≈ 0
 * are not compared digit by digit), or in `scale` where it is larger. `scale` (per field of an
 * object, like `expected`) holds the magnitudes of the terms a result is computed from: where
 * they cancel, round-off is relative to them, not to the small result. −0 equals 0.
 */
export function nearAll(actual: unknown, expected: Numeric, rel: number = TOL.FLOAT32, what = "value", scale?: Numeric): void {
  expectShape(actual, expected);
  // A state object's fields (params, m, v, t, …) have different units: each gets its own floor.
  if (typeof expected === "object" && !Array.isArray(expected)) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return softFail(what, "should be an object");
    const scales = scale !== undefined && typeof scale === "object" && !Array.isArray(scale) ? scale : {};
    for (const k of Object.keys(expected)) nearAll((actual as Record<string, unknown>)[k], expected[k]!, rel, `${what}.${k}`, scales[k]);
    return;
  }
  const floor = rel * Math.max(magnitude(expected), scale === undefined ? 0 : magnitude(scale));
  // A failed check is recorded and the walk goes on where the structure allows (see `softFail`).
  const walk = (a: unknown, e: Numeric, path: string): void => {
    if (typeof e === "number") {
      if (typeof a !== "number") return softFail(path, "should be a number");
      if (!(Math.abs(a - e) <= rel * Math.abs(e) + floor)) softFail(path, `got ${a}, expected ${e}`);
    } else if (Array.isArray(e)) {
      if (!Array.isArray(a)) return softFail(path, "should be an array");
      if (a.length !== e.length) return softFail(path, `should have ${e.length} entries`);
      e.forEach((ei, i) => walk(a[i], ei, `${path}[${i}]`));
    } else {
      if (typeof a !== "object" || a === null || Array.isArray(a)) return softFail(path, "should be an object");
      for (const k of Object.keys(e)) walk((a as Record<string, unknown>)[k], e[k]!, `${path}.${k}`);
    }
  };
  walk(actual, expected, what);
}

/** ∇f for f(x, y) = ½ (100 x² + y²), the 2-D test objective of lesson B. */
export function bowlGrad(p: readonly number[]): number[] {
  return [100 * p[0]!, p[1]!];
}

/** Euclidean norm. */
export function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

/** The matrix product A B. */
export function matmul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, x, k) => s + x * B[k]![j]!, 0)));
}

/** The transpose. */
export function transpose(A: number[][]): number[][] {
  return A[0]!.map((_, j) => A.map((row) => row[j]!));
}

/** A rows × cols matrix of seeded draws. */
export function randomMatrix(rows: number, cols: number, draw: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric 2 × 2 matrix, in closed form:
 * the eigenvalues are the mean of the diagonal ± the radius √(((a − d)/2)² + b²).
 */
export function eigenSym2(M: number[][]): { values: [number, number]; vectors: [number[], number[]] } {
  const a = M[0]![0]!;
  const b = M[0]![1]!;
  const d = M[1]![1]!;
  const mean = (a + d) / 2;
  const rad = Math.hypot((a - d) / 2, b);
  const hi = mean + rad;
  const lo = mean - rad;
  if (b === 0) return a >= d ? { values: [a, d], vectors: [[1, 0], [0, 1]] } : { values: [d, a], vectors: [[0, 1], [1, 0]] };
  // (M − hi I) v = 0  ⇒  v ∝ (b, hi − a).
  const v = [b, hi - a];
  const n = Math.hypot(v[0]!, v[1]!);
  const v1 = [v[0]! / n, v[1]! / n];
  return { values: [hi, lo], vectors: [v1, [-v1[1]!, v1[0]!]] };
}

/** A symmetric 2 × 2 matrix raised to the power p through its eigendecomposition. */
export function symPow2(M: number[][], p: number): number[][] {
  const { values, vectors } = eigenSym2(M);
  const out = [[0, 0], [0, 0]];
  for (let k = 0; k < 2; k++) {
    const f = values[k]! ** p;
    const v = vectors[k]!;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) out[i]![j] = out[i]![j]! + f * v[i]! * v[j]!;
  }
  return out;
}

/** Singular values (descending) of a matrix with at most two rows or at most two columns. */
export function singularValues2(A: number[][]): number[] {
  const gram = A.length <= A[0]!.length ? matmul(A, transpose(A)) : matmul(transpose(A), A);
  if (gram.length === 1) return [Math.sqrt(gram[0]![0]!)];
  return eigenSym2(gram).values.map((x) => Math.sqrt(Math.max(x, 0)));
}

/** The quintic Newton–Schulz coefficient a = p′(0): how much one step enlarges a small singular value. */
export const NS_A = 3.4445;

/**
 * κ(β) = β/(1 − β), the relative condition number of 1 − β with respect to β: a float32 β is off
 * by up to u·β, so 1 − β (a moving average's weight) is off by up to κ(β)·u relative (999u at
 * β = 0.999). It also bounds the bias correction 1 − βᵗ (t ≥ 1), whose condition number is
 * tβᵗ/(1 − βᵗ) ≤ β/(1 − β), and whose rounded βᵗ adds βᵗ·u/(1 − βᵗ) ≤ κ(β)·u more.
 */
export function kappa(beta: number): number {
  return beta / (1 - beta);
}

/** λ_max/λ_min of a symmetric positive-definite 2 × 2 matrix. */
export function condSym2(M: number[][]): number {
  const [hi, lo] = eigenSym2(M).values;
  return hi / lo;
}

/**
 * `nearAll` for the state after one Adam-type step (b02 adamStep, b04 amsgradStep, b05
 * adamL2Step / adamwStep, b08 lambStep), with the allowance K = `F32B.adamStep(β₁, β₂)` where it
 * applies: the moving averages m and v (and vMax) within K of the magnitudes of their terms,
 * β·|old| + (1 − β)·|new| (the terms may cancel); the parameters within TOL.FLOAT32 of their own
 * size plus K of the step's size, since the corrections' κ's reach only the step. `before` is the
 * trusted state the step started from and `g` the magnitudes of the gradient the moments saw (for
 * coupled L2, |g| + λ|θ|); layers may be flattened. `expected` is checked whole against `actual`
 * first.
 */
export function nearAdamStep(
  actual: unknown,
  expected: { params: Numeric; m: Numeric; v: Numeric; [field: string]: Numeric },
  before: { params: number[]; m: number[]; v: number[]; vMax?: number[] },
  g: number[],
  hp: { beta1: number; beta2: number },
  what = "state",
): void {
  expectShape(actual, expected);
  const got = actual as Record<string, Numeric>;
  const K = F32B.adamStep(hp.beta1, hp.beta2);
  const flat = (x: Numeric): number[] => (typeof x === "number" ? [x] : (Array.isArray(x) ? x : Object.values(x)).flatMap(flat));
  const after = flat(expected.params);
  const step = after.reduce((m, x, i) => Math.max(m, Math.abs(x - before.params[i]!)), 0);
  const vTerms = before.v.map((x, i) => hp.beta2 * Math.abs(x) + (1 - hp.beta2) * g[i]! ** 2);
  for (const k of Object.keys(expected)) {
    if (k === "params") nearAll(got[k], expected[k]!, TOL.FLOAT32, `${what}.${k}`, [...before.params, (K / TOL.FLOAT32) * step]);
    else if (k === "m") nearAll(got[k], expected[k]!, K, `${what}.${k}`, before.m.map((x, i) => hp.beta1 * Math.abs(x) + (1 - hp.beta1) * Math.abs(g[i]!)));
    else if (k === "v") nearAll(got[k], expected[k]!, K, `${what}.${k}`, vTerms);
    else if (k === "vMax") nearAll(got[k], expected[k]!, K, `${what}.${k}`, [...(before.vMax ?? []), ...vTerms]);
    else nearAll(got[k], expected[k]!, K, `${what}.${k}`);
  }
}

/**
 * The float32 allowance of every lesson-B task that draws random inputs, derived from the worst
 * case over the ranges it draws from (the model and the test that checks it at the corners are
 * described at `F32` in a-shared.ts; u = 2⁻²⁴, κ = `kappa`). Fields are compared against the
 * magnitudes of the terms they are computed from (`scale` of `nearAll`, `nearAdamStep`), so a
 * sum that cancels (β₁m + (1 − β₁)g ≈ 0, θ − step ≈ 0) is judged on its terms' scale.
 *
 * `TOL.FLOAT32` bounds the rest over their whole ranges: b01 adagradStep (the step is ≤ η and its
 * ~8 roundings are inside it), b06 adafactorSecondMoment of a rank-one G² (sums of ≤ 4 positive
 * terms, ≤ 15u), b07 larsLocalLr and its scale invariance (norms of ≤ 8 entries, ≤ 4u each; two
 * evaluations and c·g's rounding ≤ 33u), b07 larsStep (local LR ≤ 16u, a two-term velocity),
 * b08 lambTrustRatio and its two scalings (norms of ≤ 6 entries and a division, twice: ≤ 16u).
 */
export const F32B = {
  /**
   * b02 adamFirstMoment, 40 moving-average steps, against the gradients' largest magnitude G:
   * computing with the rounded β₁ shifts every weight βʲ(1 − β) of the average, by at most
   * 2κ(β₁)·u·G in all; each step's three roundings (≤ u·G each, damped by β₁ per step) add
   * 3u·G/(1 − β₁) = 3(κ + 1)u·G; g's rounding u·G: (5κ(β₁) + 4)u·G.
   */
  adamFirstMoment: (beta1: number): number => f32(5 * kappa(beta1)),
  /**
   * One Adam-type step (b02 adamStep, b04 amsgradStep, b05 adamL2Step / adamwStep, b08
   * lambStep; applied by `nearAdamStep`): m and v are off by (κ + 5)u of their terms (κ from
   * 1 − β); m̂ = m/(1 − β₁ᵗ) and v̂ add 2κ(β₁)u and 2κ(β₂)u through the corrections, and √v̂
   * halves v̂'s: the step is off by (3κ(β₁) + 1.5κ(β₂))u of itself plus the fixed roundings
   * (2025u at β = 0.9, 0.999).
   */
  adamStep: (beta1: number, beta2: number): number => f32(3 * kappa(beta1) + 2 * kappa(beta2)),
  /** b03 biasCorrected, x/(1 − βᵗ): 2κ(β)·u through the correction (see `kappa`), per moment. */
  biasCorrection: (beta: number): number => f32(2 * kappa(beta)),
  /**
   * b06 adafactorSecondMoment with a moving average: R and C are sums of positive terms weighted
   * by 1 − β̂₂, off by κ(β̂₂)u each (one sign for all, from β̂₂'s rounding); V̂ = R C / ΣR takes two
   * of them and divides by a third that moves the same way: 2κ(β̂₂)u.
   */
  adafactor: (beta2: number): number => f32(2 * kappa(beta2)),
  /**
   * b08 lambStep's step norm ‖θ_new − θ‖ = η‖θ‖: the answer θ_new is rounded to float32, and so
   * was the θ it was computed from, each by u·|θ| per entry, which is u/η of the step's size:
   * 2u/η (200u at η = 0.01), plus the step's own error.
   */
  lambStepNorm: (lr: number): number => f32(2 / lr),
  /**
   * b09 shampooStep, floors |W| and η|P|: L^(−1/4) from the closed-form eigenvalues, whose
   * smaller one λ_min = mean − radius loses cond(L)·u (relative) to cancellation, a quarter of
   * which reaches λ_min^(−1/4); likewise for R. `L` and `R` are the updated statistics (the
   * ranges give cond up to about 2000).
   */
  shampoo: (L: number[][], R: number[][]): number => f32((condSym2(L) + condSym2(R)) / 4),
  /**
   * b10 newtonSchulz after `steps` quintic steps (also muonStep, whose update is η·√(rows/cols)·O
   * and is compared with η·√(rows/cols) as floor): a rounding error along a singular value near
   * 0 (G nearly of rank one) is multiplied by p′(0) = a = 3.4445 at every step, so the first
   * roundings (the normalisation, u per entry, and the first products) reach the answer multiplied
   * by aˢᵗᵉᵖˢ: 4aˢᵗᵉᵖˢ·u bounds them (484 at 5 steps; nearly rank-one corners reach 1.5aˢᵗᵉᵖˢ·u).
   */
  newtonSchulz: (steps: number): number => f32(4 * NS_A ** steps),
  /**
   * b10 muonStep, floors |W| + η·√(rows/cols) and μ|B| + |G|: newtonSchulz's allowance, times how
   * far the matrix it orthogonalises (the momentum buffer, or G + μB under Nesterov) cancels,
   * ‖its terms' magnitudes‖/‖itself‖ ≥ 1: its round-off is relative to its terms, and the
   * normalisation divides by its own norm.
   */
  muonStep: (steps: number, cancellation: number): number => f32(4 * NS_A ** steps * cancellation),
  /**
   * b11 lionStep's momentum m ← β₂m + (1 − β₂)g, against its terms' magnitudes: computing 1 − β₂
   * from the rounded β₂ is off by κ(β₂)·u relative, plus a few roundings. (The parameters keep
   * TOL.FLOAT32 against |θ| + η: the sign is exact where |c| is far from 0, as `lionDraws` ensures.)
   */
  lionMomentum: (beta2: number): number => f32(2 * kappa(beta2)),
} as const;

/** A rows × 2 (or 2 × cols) matrix with singular values `sv`, from seeded rotations. */
export function withSingularValues(rows: number, cols: number, sv: [number, number], draw: () => number): number[][] {
  const small = Math.min(rows, cols);
  const big = Math.max(rows, cols);
  // Orthonormal 2 columns in R^big by Gram–Schmidt on random vectors; a random 2 × 2 rotation.
  const u1 = Array.from({ length: big }, draw);
  const n1 = Math.hypot(...u1);
  const e1 = u1.map((x) => x / n1);
  const u2 = Array.from({ length: big }, draw);
  const d = u2.reduce((s, x, i) => s + x * e1[i]!, 0);
  const w2 = u2.map((x, i) => x - d * e1[i]!);
  const n2 = Math.hypot(...w2);
  const e2 = w2.map((x) => x / n2);
  const th = 6 * draw();
  const V = [[Math.cos(th), -Math.sin(th)], [Math.sin(th), Math.cos(th)]];
  const M = e1.map((_, i) => [0, 1].map((j) => sv[0] * e1[i]! * V[j]![0]! + sv[1] * e2[i]! * V[j]![1]!));
  return small === cols ? M : transpose(M);
}

/** The seeded random layers of b07's larsLocalLr task: weights, gradient, hyperparameters, a gradient scale, and the same without weight decay. */
export function larsLocalDraws(r: Rng) {
  return Array.from({ length: 10 }, () => {
    const n = 1 + r.int(8);
    const w = Array.from({ length: n }, () => r.normal());
    const g = Array.from({ length: n }, () => 10 ** (2 * r.uniform() - 1) * r.normal());
    const hp = { lr: 0.1 + r.uniform(), trust: 10 ** (-3 + r.uniform()), weightDecay: 0.01 * r.uniform(), momentum: 0.9 };
    const c = 0.1 + 10 * r.uniform();
    const h0 = { ...hp, weightDecay: 0 };
    return { w, g, hp, c, h0 };
  });
}

/**
 * The seeded Lion steps of b11's lionStep task: a chain of `steps` updates from a random state,
 * with hyperparameters drawn once (β₁ ∈ [0.8, 0.95], β₂ ∈ [0.9, 0.999], λ ∈ [0, 0.5]) and gradients
 * of scales 10⁻²…10². A gradient entry whose interpolation c = β₁m + (1 − β₁)g falls within 10⁻³ of
 * its terms' magnitudes is turned to m's sign, so sign(c) does not depend on round-off. `step`
 * computes the trusted next state (the suite's own Algorithm 2).
 */
export function lionDraws<S extends { params: number[]; m: number[] }, H>(
  r: Rng,
  steps: number,
  step: (st: S, g: number[], hp: H & { lr: number; beta1: number; beta2: number; weightDecay: number }) => S,
): Array<{ st: S; g: number[]; hp: H & { lr: number; beta1: number; beta2: number; weightDecay: number } }> {
  const hp = { lr: 10 ** (-3 + 2 * r.uniform()), beta1: 0.8 + 0.15 * r.uniform(), beta2: 0.9 + 0.099 * r.uniform(), weightDecay: 0.5 * r.uniform() } as H & { lr: number; beta1: number; beta2: number; weightDecay: number };
  let st = { params: [r.normal(), r.normal(), r.normal(), r.normal()], m: [0, 0, 0, 0] } as S;
  const out: Array<{ st: S; g: number[]; hp: typeof hp }> = [];
  for (let k = 0; k < steps; k++) {
    const g = st.params.map(() => 10 ** (4 * r.uniform() - 2) * r.normal());
    g.forEach((gi, i) => {
      const a = hp.beta1 * st.m[i]!;
      const b = (1 - hp.beta1) * gi;
      if (Math.abs(a + b) < 1e-3 * (Math.abs(a) + Math.abs(b))) g[i] = (st.m[i]! < 0 ? -1 : 1) * Math.max(Math.abs(gi), 1e-2);
    });
    out.push({ st, g, hp });
    st = step(st, g, hp);
  }
  return out;
}
