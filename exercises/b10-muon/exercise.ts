/**
 * Exercise B10 — Muon (preview).
 *
 * Muon (Jordan et al. 2024) updates a weight matrix along an approximately orthogonalised momentum:
 * if the momentum matrix is U Σ Vᵀ (its SVD), Muon steps along ≈ U Vᵀ, every singular value pushed
 * toward 1. It gets there without an SVD, by the quintic Newton–Schulz iteration of Keller Jordan's
 * reference code (`zeropower_via_newtonschulz5`), with (a, b, c) = (3.4445, −4.7750, 2.0315):
 *
 *     X ← G / (‖G‖_F + 1e-7)                        (Frobenius norm)
 *     if G has more rows than columns: X ← Xᵀ       (work on the wide side)
 *     repeat `steps` times:  A = X Xᵀ;  X ← a X + (b A + c A A) X
 *     if transposed: X ← Xᵀ                          (the result has G's shape)
 *
 * A Muon update of a rows × cols parameter W with momentum μ (buffer B, B_0 = 0):
 *
 *     B ← μ B + G
 *     U = G + μ B  if Nesterov, else  U = B
 *     W ← W − η · √max(1, rows / cols) · NewtonSchulz(U, nsSteps)
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b10-muon` to run the public tests.
 */

/**
 * (a) Which statement describes Muon?
 *
 *   A. Adam applied to weight matrices that were initialised as orthogonal matrices.
 *   B. Momentum SGD on weight matrices whose update is orthogonalised by Newton–Schulz iterations.
 *   C. SGD that projects the weights themselves onto the orthogonal matrices after every step of
 *      training.
 *   D. Training a low-rank factorisation of each weight matrix, obtained from the SVD of its
 *      gradient.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) In the usual Muon recipe, is Muon the optimizer used for each parameter below (rather than
 * AdamW)? `true` = example, `false` = non-example, in order:
 *
 *   1. A 768 × 3072 hidden-layer weight matrix of a transformer block.
 *   2. The token embedding table.
 *   3. The final output (classifier / unembedding) layer.
 *   4. Biases and LayerNorm gains.
 *   5. A convolution kernel, flattened to 2-D over its last three dimensions.
 */
export const partB: boolean[] | null = null;

/**
 * (c) Let X have singular value decomposition U Σ Vᵀ. One Newton–Schulz iteration
 * X ← a X + (b A + c A A) X with A = X Xᵀ keeps U and V and maps each singular value x to a new
 * value. Give that new value as a polynomial in x.
 *
 * Allowed symbols: a, b, c, x (mathjs syntax).
 */
export const partC: string | null = null;

/**
 * (d1) The quintic Newton–Schulz iteration of the header applied `steps` times to the matrix `G`
 * (any shape). Returns a matrix of G's shape. Example: for G = [[2, 0], [0, 2]] the normalised
 * start is diag(0.7071, 0.7071) and one step gives diag(p, p) with p = a x + b x³ + c x⁵ at x = 0.7071.
 */
export function newtonSchulz(G: number[][], steps: number): number[][] {
  return notImplemented(G, steps);
}

/** Muon state: the parameter W and the momentum buffer B (same shape). */
export interface MuonState {
  W: number[][];
  B: number[][];
}

/** Muon hyperparameters. */
export interface MuonHyper {
  lr: number;
  momentum: number;
  nesterov: boolean;
  nsSteps: number;
}

/**
 * (d2) One Muon update with gradient `G` (equations at the top, including the √max(1, rows/cols)
 * scale). Returns the new state.
 */
export function muonStep(state: MuonState, G: number[][], hp: MuonHyper): MuonState {
  return notImplemented(state, G, hp);
}

/**
 * (d3) A check on a synthetic matrix objective: run `steps` Muon updates on
 *
 *     f(W) = ½ ‖W − T‖_F²,        ∇f(W) = W − T,
 *
 * from W = `W0` (same shape as the target `T`) and B = 0. Return the trajectory (`steps + 1`
 * matrices, the first being `W0`).
 */
export function muonTrajectory(W0: number[][], T: number[][], steps: number, hp: MuonHyper): number[][][] {
  return notImplemented(W0, T, steps, hp);
}

/**
 * (e) Which metric, logged per layer, checks that the Newton–Schulz iteration is actually
 * orthogonalising Muon's updates (enough iterations, sane normalisation)?
 *
 *   A. The second-moment moving average of the gradient, which Muon keeps for every entry.
 *   B. The Frobenius norm of the weights, which orthogonal updates keep constant.
 *   C. The training loss, which falls faster when the updates are orthogonal.
 *   D. The spread of the singular values of the update O, or ‖OᵀO − I‖.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
