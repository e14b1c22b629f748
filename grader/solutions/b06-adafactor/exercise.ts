/**
 * Exercise B6 — Adafactor's factored second moment.
 *
 * Adafactor (Shazeer & Stern 2018) stores, for an n × m weight matrix, a row statistic R (n numbers)
 * and a column statistic C (m numbers) instead of Adam's n·m second moments. With gradient G and
 * decay β̂₂ (element-wise square G², ε₁ a tiny constant, 1_m a vector of m ones):
 *
 *     R_i = β̂₂ R_i + (1 − β̂₂) Σ_j (G_ij² + ε₁)          (row sums)
 *     C_j = β̂₂ C_j + (1 − β̂₂) Σ_i (G_ij² + ε₁)          (column sums)
 *     V̂_ij = R_i C_j / Σ_k R_k                           (rank-1 reconstruction)
 *
 * (Hugging Face's implementation keeps row and column MEANS; the reconstruction V̂ is the same.)
 * The simplified Adafactor of (d3) has no momentum, no update clipping and no relative step size:
 *
 *     W ← W − η G / √V̂,       with the paper's decay schedule β̂₂ = 1 − t^(−0.8) at update t = 1, 2, …
 *
 * (so β̂₂ = 0 at t = 1), starting from R = 0 and C = 0.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b06-adafactor` to run the public tests.
 */

/**
 * (a) Which statement describes Adafactor's second-moment estimate for an n × m weight matrix?
 *
 *   A. Moving averages of the row and column sums of G², whose outer product over their total gives
 *      V̂.
 *   B. A rank-k truncated SVD of the gradient G, recomputed at every step and used in place of G.
 *   C. Adam's full n·m second moments, stored in 8-bit blocks, each block with its own scale
 *      factor.
 *   D. One scalar per matrix, the moving average of the mean of G², shared by all n·m entries of
 *      the matrix.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: a low-rank gradient, not a factored second moment.
  // C: that is 8-bit Adam: the full n·m state, quantised.
  // D: a single scalar loses the row and column structure that Adafactor keeps.
);

/**
 * (b) In Hugging Face's Adafactor, is the second moment of each parameter below stored in factored
 * (row/column) form? `true` = example, `false` = non-example, in order:
 *
 *   1. A 1024 × 4096 weight matrix of a feed-forward layer.
 *   2. A bias vector of length 4096.
 *   3. Any parameter of a model trained with Adam instead.
 *   4. A 4-D convolution kernel (factored over its last two dimensions).
 *   5. A LayerNorm gain vector.
 */
export const partB: boolean[] | null = [true, false, false, true, false];

/**
 * (c) One update from R = C = 0 with β̂₂ = 0 and ε₁ = 0, for a 2 × 2 gradient whose squares are
 * G² = [[p, q], [r, s]] (all > 0). Give the reconstruction V̂₁₁ (top-left entry) as a formula.
 *
 * Allowed symbols: p, q, r, s (mathjs syntax).
 */
export const partC: string | null = "(p + q) * (p + r) / (p + q + r + s)";

/** The factored statistics: `row` (length n) and `col` (length m). */
export interface FactoredState {
  row: number[];
  col: number[];
}

/**
 * (d1) One update of the factored statistics for the n × m gradient `grad` (rows of length m), and
 * the reconstruction V̂ (n × m), per the equations at the top of the file with β̂₂ = `hp.beta2`.
 * Example: from zero state, grad [[1, 2], [3, 4]], beta2 0, eps1 0 gives row [5, 25], col [10, 20]
 * and V̂₁₁ = 5 · 10 / 30.
 */
export function adafactorSecondMoment(
  state: FactoredState,
  grad: number[][],
  hp: { beta2: number; eps1: number },
): { row: number[]; col: number[]; vhat: number[][] } {
  const sq = grad.map((r) => r.map((g) => g * g + hp.eps1));
  const row = state.row.map((R, i) => hp.beta2 * R + (1 - hp.beta2) * sq[i]!.reduce((a, b) => a + b, 0));
  const col = state.col.map((C, j) => hp.beta2 * C + (1 - hp.beta2) * sq.reduce((a, r) => a + r[j]!, 0));
  const total = row.reduce((a, b) => a + b, 0);
  const vhat = row.map((R) => col.map((C) => (R * C) / total));
  return { row, col, vhat };
}

/**
 * (d2) A check on a synthetic matrix objective: run the simplified Adafactor of the header for
 * `steps` updates on
 *
 *     f(W) = ½ Σ_ij H_ij W_ij²,       ∇f(W)_ij = H_ij W_ij      (H > 0 element-wise, same shape as W)
 *
 * from W = `W0` and R = C = 0, with β̂₂ = 1 − t^(−0.8) at update t. Return the trajectory:
 * `steps + 1` matrices, the first being `W0`.
 */
export function adafactorTrajectory(W0: number[][], H: number[][], steps: number, hp: { lr: number; eps1: number }): number[][][] {
  let W = W0.map((r) => [...r]);
  let state: FactoredState = { row: W0.map(() => 0), col: W0[0]!.map(() => 0) };
  const path = [W];
  for (let t = 1; t <= steps; t++) {
    const G = W.map((r, i) => r.map((w, j) => H[i]![j]! * w));
    const { row, col, vhat } = adafactorSecondMoment(state, G, { beta2: 1 - t ** -0.8, eps1: hp.eps1 });
    state = { row, col };
    W = W.map((r, i) => r.map((w, j) => w - (hp.lr * G[i]![j]!) / Math.sqrt(vhat[i]![j]!)));
    path.push(W);
  }
  return path;
}

/**
 * (e) Training a large model with Adafactor (update clipping threshold d = 1) shows occasional
 * instabilities. Which metric, logged per layer, tells you how often the factored estimate is
 * producing oversized updates?
 *
 *   A. The memory taken by the optimizer state.
 *   B. The gradient's largest absolute entry, logged before and after the layer's update clipping.
 *   C. The first-moment norm, which Adafactor's default configuration keeps for every layer.
 *   D. The RMS of the unclipped update G / √V̂ and how often it exceeds d.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: the state is n + m numbers per matrix, whatever the estimate's accuracy.
  // B: the gradient, not the preconditioned update that clipping acts on.
  // C: Adafactor's default keeps no first moment.
);
