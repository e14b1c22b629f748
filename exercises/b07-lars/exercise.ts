/**
 * Exercise B7 — LARS (layer-wise adaptive rate scaling).
 *
 * LARS (You, Gitman & Ginsburg 2017) is SGD with momentum in which every layer l gets its own
 * local learning rate from the norms of its weights w and gradient g (Euclidean norms ‖·‖ over the
 * layer). With global learning rate η, trust coefficient τ (the paper's η, default 0.001), weight
 * decay β and momentum μ:
 *
 *     local_l = η · τ · ‖w_l‖ / (‖g_l‖ + β ‖w_l‖)       (local_l = η when ‖w_l‖ = 0 or ‖g_l‖ = 0)
 *     u_l ← μ u_l + local_l · (g_l + β w_l)              (velocity, u_0 = 0)
 *     w_l ← w_l − u_l
 *
 * This is the paper's form (also NVIDIA's and torchlars'), including the zero-norm rule. optax's
 * `lars` and the course library divide by ‖g + βw‖ instead of ‖g‖ + β‖w‖; the two agree when g ∥ w.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b07-lars` to run the public tests.
 */

/**
 * (a) Which statement defines LARS?
 *
 *   A. Adam applied to each layer, with the Adam update rescaled by the ratio ‖w‖ / ‖update‖.
 *   B. SGD whose learning rate is multiplied by the batch size divided by 256, the same for every
 *      layer.
 *   C. Momentum SGD in which each layer's learning rate is scaled by τ‖w‖ / (‖g‖ + β‖w‖), computed
 *      per layer.
 *   D. SGD with each layer's gradient clipped to norm 1.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Does each optimizer below scale each layer's step by a ratio of that layer's weight norm to
 * its gradient or update norm? `true` = example, `false` = non-example, in order:
 *
 *   1. LARS.
 *   2. LAMB.
 *   3. Adam.
 *   4. SGD with global gradient-norm clipping at 1.0.
 *   5. SGD with the linear scaling rule (η ∝ batch size) and warmup.
 */
export const partB: boolean[] | null = null;

/**
 * (c) A layer sits in a quadratic bowl with curvature h, so its gradient is g = h·w. Take momentum
 * μ = 0 and weight decay β ≥ 0. Give the norm of the layer's LARS update ‖Δw‖ in terms of the
 * weight norm W = ‖w‖.
 *
 * Allowed symbols: eta, tau, h, beta, W (mathjs syntax).
 */
export const partC: string | null = null;

/** LARS hyperparameters: η (`lr`), τ (`trust`), β (`weightDecay`), μ (`momentum`). */
export interface LarsHyper {
  lr: number;
  trust: number;
  weightDecay: number;
  momentum: number;
}

/**
 * (d1) The local learning rate of one layer with weights `w` and gradient `g` (equation at the
 * top, including the zero-norm rule). Example: w = [3, 4], g = [0.6, 0.8], lr 1, trust 0.001,
 * weightDecay 0 gives 0.001 · 5 / 1 = 0.005.
 */
export function larsLocalLr(w: number[], g: number[], hp: LarsHyper): number {
  return notImplemented(w, g, hp);
}

/** LARS state: per layer, the weights and the velocity (same shapes). */
export interface LarsState {
  params: number[][];
  velocity: number[][];
}

/**
 * (d2) One LARS update of all layers (`grads[l]` is layer l's gradient). Returns the new state.
 */
export function larsStep(state: LarsState, grads: number[][], hp: LarsHyper): LarsState {
  return notImplemented(state, grads, hp);
}

/**
 * (d3) A check on a synthetic objective with two or more layers of very different curvature:
 *
 *     f(w) = ½ Σ_l Σ_i H[l][i] · w[l][i]²,       ∇f(w)[l][i] = H[l][i] · w[l][i].
 *
 * From `w0` and zero velocity, run `steps` LARS updates; return the trajectory (`steps + 1`
 * entries, each the list of layers, the first being `w0`).
 */
export function larsTrajectory(w0: number[][], H: number[][], steps: number, hp: LarsHyper): number[][][] {
  return notImplemented(w0, H, steps, hp);
}

/**
 * (e) Which metric, logged per layer, shows whether LARS is doing its job of equalising how fast
 * layers move in a large-batch run?
 *
 *   A. The relative update size ‖Δw_l‖ / ‖w_l‖ of every layer.
 *   B. The global gradient norm summed over all the layers, before and after clipping.
 *   C. The training loss at the largest batch size, compared with the loss at a small batch.
 *   D. The number of warmup steps, scaled with the batch size like the learning rate.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
