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
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

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
export const partB: boolean[] | null = null;

/**
 * (c) A 2 × 2 parameter receives the same gradient G = [[g, 0], [0, 0]] (g > 0) at each of its first
 * t updates. Let ε → 0. Give the top-left entry of the update ΔW (the change in W) made by update t.
 *
 * Allowed symbols: eta, g, t (mathjs syntax).
 */
export const partC: string | null = null;

/**
 * (d1) The preconditioned gradient L^(−1/4) G R^(−1/4) for 2 × 2 matrices (L and R symmetric
 * positive-definite). Example: L = diag(16, 1), R = diag(1, 81), G = [[1, 1], [1, 1]] gives
 * [[0.5, 0.5/3], [1, 1/3]].
 */
export function shampooPreconditioned(G: number[][], L: number[][], R: number[][]): number[][] {
  return notImplemented(G, L, R);
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
  return notImplemented(state, G, hp);
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
  return notImplemented(W0, P, Q, steps, hp);
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
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
