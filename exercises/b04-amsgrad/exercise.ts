/**
 * Exercise B4 — AMSGrad.
 *
 * AMSGrad (Reddi, Kale & Kumar 2018) with PyTorch's conventions (`torch.optim.Adam(amsgrad=True)`).
 * State m_0 = v_0 = vMax_0 = 0; at update t = 1, 2, … (per coordinate):
 *
 *     m_t    = β₁ m_{t−1} + (1 − β₁) g_t
 *     v_t    = β₂ v_{t−1} + (1 − β₂) g_t²
 *     vMax_t = max(vMax_{t−1}, v_t)                  (the maximum of the RAW v, not of v̂)
 *     θ_t    = θ_{t−1} − η · (m_t / (1 − β₁ᵗ)) / (√(vMax_t / (1 − β₂ᵗ)) + ε)
 *
 * Defaults: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (ε outside the square root). The paper's
 * algorithm has no bias correction and optax keeps the maximum of v̂; follow PyTorch here.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b04-amsgrad` to run the public tests.
 */

/**
 * (a) Which statement defines AMSGrad?
 *
 *   A. Adam whose second moment is replaced by a decaying maximum of |g|, u_t = max(β₂ u_{t−1},
 *      |g_t|).
 *   B. Adam whose learning rate is capped at a maximum value η_max, so no step can exceed η_max in
 *      size.
 *   C. Adam whose first moment m_t is replaced by the running maximum of the gradients seen so far.
 *   D. Adam dividing by the running maximum of its second-moment average, which never decreases.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) For each optimizer below, can the per-coordinate second-moment state its denominator is built
 * from never decrease, whatever the gradients? `true` = example, `false` = non-example, in order:
 *
 *   1. AMSGrad (state vMax).
 *   2. Adam (state v).
 *   3. AdaGrad (state G = Σ g²).
 *   4. RMSProp (state v).
 *   5. AdaMax (state u_t = max(β₂ u_{t−1}, |g_t|)).
 */
export const partB: boolean[] | null = null;

/**
 * (c) Before some update, a coordinate has v = vMax = a. That update's gradient is a spike G with
 * G² > a, and every later gradient is 0. Give vMax after k ≥ 1 updates counted from the spike's
 * (the spike's update is k = 1), as a formula.
 *
 * Allowed symbols: a, G, beta2, k (mathjs syntax).
 */
export const partC: string | null = null;

/** AMSGrad's state; t = the number of updates taken so far. */
export interface AmsgradState {
  params: number[];
  m: number[];
  v: number[];
  vMax: number[];
  t: number;
}

/** AMSGrad's hyperparameters. */
export interface AmsgradHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/**
 * (d1) One AMSGrad update (equations at the top of the file). `state.t` counts the updates already
 * taken (0 for a fresh state); this update uses t = state.t + 1 and returns that t. Like Adam's,
 * the first update from a fresh state moves each coordinate by about η against its gradient's sign.
 */
export function amsgradStep(state: AmsgradState, grad: number[], hp: AmsgradHyper): AmsgradState {
  return notImplemented(state, grad, hp);
}

/**
 * (d2) A check on a synthetic 2-D objective: run AMSGrad from a fresh state for `steps` updates on
 *
 *     f(x, y) = ½ (100 x² + y²),     ∇f(x, y) = (100 x, y),
 *
 * starting at `x0` = [x, y]. Return the trajectory `params` (`steps + 1` points, the first being
 * `x0`) and `vMax` (`steps` entries: vMax after each update).
 */
export function amsgradTrajectory(x0: number[], steps: number, hp: AmsgradHyper): { params: number[][]; vMax: number[][] } {
  return notImplemented(x0, steps, hp);
}

/**
 * (e) A long run with AMSGrad slows to a crawl after an early loss spike. Which metric, logged per
 * layer, shows whether a stale maximum is to blame?
 *
 *   A. The first-moment norm ‖m_t‖, which drops after a spike once the gradients settle again.
 *   B. The median of √vMax_t / √v_t over each layer's coordinates.
 *   C. The training loss smoothed over the last thousand steps, compared with an Adam baseline.
 *   D. The scheduled learning rate η_t, which AMSGrad lowers after each spike.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
