/**
 * Exercise B9 — Shampoo (preview).
 *
 * Shampoo (Gupta, Koren & Singer 2018) preconditions a matrix parameter W with two small
 * matrices instead of one huge one: a left statistic L (rows × rows) and a right statistic
 * R (cols × cols). With gradient G at update t = 1, 2, … and L_0 = R_0 = ε I:
 *
 *     L ← L + G Gᵀ,         R ← R + Gᵀ G               (statistics first, then the step)
 *     W ← W − η L^(−1/4) G R^(−1/4)
 *
 * M^(−1/4) is the inverse fourth root of a symmetric positive-definite matrix: with the
 * eigendecomposition M = Q diag(λ₁, λ₂) Qᵀ, M^(−1/4) = Q diag(λ₁^(−1/4), λ₂^(−1/4)) Qᵀ — a matrix
 * function, not the element-wise power. In this exercise every matrix is 2 × 2.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b09-shampoo` to run the public tests.
 */

/**
 * (a) Which statement describes Shampoo?
 *
 *   A. It accumulates L = Σ G Gᵀ and R = Σ Gᵀ G and steps along L^(−1/4) G R^(−1/4).
 *   B. It accumulates the full (rows·cols) × (rows·cols) matrix Σ vec(G) vec(G)ᵀ and steps along
 *      its inverse square root.
 *   C. It keeps moving averages of the row and column sums of G² and divides G by the root of their
 *      rank-1 product.
 *   D. It runs Newton's method with the exact Hessian of the loss, inverted once every few hundred
 *      steps.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: that is full-matrix AdaGrad, which Shampoo approximates with two small factors.
  // C: that is Adafactor's factored second moment.
  // D: Shampoo uses gradient statistics, not the Hessian.
);

/**
 * (b) Does each optimizer below precondition a weight matrix's gradient with two full (non-diagonal)
 * matrices, one multiplying it from the left and one from the right (Kronecker factors)?
 * `true` = example, `false` = non-example, in order:
 *
 *   1. Shampoo.
 *   2. K-FAC.
 *   3. Adam.
 *   4. Adafactor.
 *   5. Full-matrix AdaGrad.
 */
export const partB: boolean[] | null = [true, true, false, false, false];

/**
 * (c) A 2 × 2 parameter receives the same gradient G = [[g, 0], [0, 0]] (g > 0) at each of its first
 * t updates. Let ε → 0. Give the top-left entry of the update ΔW (the change in W) made by update t.
 *
 * Allowed symbols: eta, g, t (mathjs syntax).
 */
export const partC: string | null = "-eta / sqrt(t)";

/** The inverse fourth root of a symmetric positive-definite 2 × 2 matrix. */
function inverseFourthRoot(M: number[][]): number[][] {
  const a = M[0]![0]!;
  const b = M[0]![1]!;
  const d = M[1]![1]!;
  const mean = (a + d) / 2;
  const rad = Math.hypot((a - d) / 2, b);
  const hi = mean + rad;
  const lo = mean - rad;
  const f = (x: number): number => x ** -0.25;
  if (rad === 0) return [[f(a), 0], [0, f(a)]];
  // f(M) = f(lo) I + (f(hi) − f(lo)) / (hi − lo) · (M − lo I), exact for a 2 × 2 symmetric M.
  const s = (f(hi) - f(lo)) / (hi - lo);
  return [
    [f(lo) + s * (a - lo), s * b],
    [s * b, f(lo) + s * (d - lo)],
  ];
}

/** The product of two 2 × 2 matrices. */
function mul(A: number[][], B: number[][]): number[][] {
  return [0, 1].map((i) => [0, 1].map((j) => A[i]![0]! * B[0]![j]! + A[i]![1]! * B[1]![j]!));
}

/** The transpose of a 2 × 2 matrix. */
function transpose(A: number[][]): number[][] {
  return [0, 1].map((i) => [0, 1].map((j) => A[j]![i]!));
}

/**
 * (d1) The preconditioned gradient L^(−1/4) G R^(−1/4) for 2 × 2 matrices (L and R symmetric
 * positive-definite). Example: L = diag(16, 1), R = diag(1, 81), G = [[1, 1], [1, 1]] gives
 * [[0.5, 0.5/3], [1, 1/3]].
 */
export function shampooPreconditioned(G: number[][], L: number[][], R: number[][]): number[][] {
  return mul(mul(inverseFourthRoot(L), G), inverseFourthRoot(R));
}

/** Shampoo state: the 2 × 2 parameter W and statistics L, R. */
export interface ShampooState {
  W: number[][];
  L: number[][];
  R: number[][];
}

/**
 * (d2) One Shampoo update with gradient `G` (equations at the top: statistics first, then the
 * step). Returns the new state.
 */
export function shampooStep(state: ShampooState, G: number[][], hp: { lr: number }): ShampooState {
  const add = (A: number[][], B: number[][]): number[][] => A.map((r, i) => r.map((x, j) => x + B[i]![j]!));
  const L = add(state.L, mul(G, transpose(G)));
  const R = add(state.R, mul(transpose(G), G));
  const P = shampooPreconditioned(G, L, R);
  const W = state.W.map((r, i) => r.map((w, j) => w - hp.lr * P[i]![j]!));
  return { W, L, R };
}

/**
 * (d3) A check on a synthetic matrix objective with Kronecker-structured curvature:
 *
 *     f(W) = ½ tr(Wᵀ P W Q),       ∇f(W) = P W Q         (P, Q symmetric positive-definite 2 × 2)
 *
 * From W = `W0` and L_0 = R_0 = `hp.eps` · I, run `steps` Shampoo updates; return the trajectory
 * (`steps + 1` matrices, the first being `W0`).
 */
export function shampooTrajectory(
  W0: number[][],
  P: number[][],
  Q: number[][],
  steps: number,
  hp: { lr: number; eps: number },
): number[][][] {
  let state: ShampooState = {
    W: W0.map((r) => [...r]),
    L: [[hp.eps, 0], [0, hp.eps]],
    R: [[hp.eps, 0], [0, hp.eps]],
  };
  const path = [state.W];
  for (let k = 0; k < steps; k++) {
    state = shampooStep(state, mul(mul(P, state.W), Q), hp);
    path.push(state.W);
  }
  return path;
}

/**
 * (e) Which metric, logged per layer, warns that Shampoo's preconditioner is becoming numerically
 * unreliable (so its inverse roots need more damping or more frequent recomputation)?
 *
 *   A. The trace of G.
 *   B. The training loss, smoothed, which rises as soon as the preconditioner becomes unreliable.
 *   C. The condition number of L and of R.
 *   D. The number of nonzero entries of W, which falls when the inverse roots are damped.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: the trace of the gradient says nothing about the conditioning of L and R.
  // B: a late and indirect symptom with many causes.
  // D: unrelated to the preconditioner.
);
