/**
 * Exercise B5 — coupled L2 versus decoupled weight decay.
 *
 * Both variants below are Adam (m_0 = v_0 = 0, bias-corrected, ε outside the square root) with
 * weight-decay coefficient λ, at update t = 1, 2, …:
 *
 * Coupled L2 — PyTorch's `torch.optim.Adam(weight_decay=λ)`: the decay enters the gradient,
 *
 *     g'_t = g_t + λ θ_{t−1}
 *     m_t = β₁ m_{t−1} + (1 − β₁) g'_t,       v_t = β₂ v_{t−1} + (1 − β₂) g'_t²
 *     θ_t = θ_{t−1} − η (m_t / (1 − β₁ᵗ)) / (√(v_t / (1 − β₂ᵗ)) + ε)
 *
 * Decoupled — PyTorch's `torch.optim.AdamW(weight_decay=λ)` (Loshchilov & Hutter 2019): the
 * moments see only g_t; the parameters are first shrunk, then take the Adam step,
 *
 *     θ' = θ_{t−1} (1 − η λ)
 *     m_t, v_t from g_t as in Adam
 *     θ_t = θ' − η (m_t / (1 − β₁ᵗ)) / (√(v_t / (1 − β₂ᵗ)) + ε)
 *
 * Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8; λ = 0 for Adam, λ = 0.01 for AdamW.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b05-coupled-l2` to run the public tests.
 */

/**
 * (a) What is coupled L2 regularisation in an adaptive optimizer?
 *
 *   A. Shrinking the parameters by the factor (1 − ηλ) at every update, separately from the
 *      adaptive step.
 *   B. Adding λθ to the gradient before the moments are updated.
 *   C. Adding ½λ‖θ‖² to the loss that is logged, without changing the gradient or the update.
 *   D. Clipping each parameter to [−1/λ, 1/λ].
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Is each setup below an example of COUPLED L2 decay (the decay goes through the gradient)?
 * `true` = example, `false` = non-example, in order:
 *
 *   1. `torch.optim.Adam(params, weight_decay=0.01)`.
 *   2. `torch.optim.AdamW(params, weight_decay=0.01)`.
 *   3. `torch.optim.SGD(params, lr=0.1, weight_decay=1e-4)`.
 *   4. Adding 0.5 · λ · ‖θ‖² to the loss before backpropagation, then stepping with Adam (weight_decay=0).
 *   5. `torch.optim.AdamW(params, weight_decay=0)`.
 */
export const partB: boolean[] | null = null;

/**
 * (c) Treat the denominator as a fixed number, so the coupled update of one coordinate is
 * −η (g + λθ) / (√vhat + ε) (ignore the first moment's averaging). Give the part of this update
 * that comes from the decay, as a formula. (AdamW's decay part is −ηλθ, whatever v̂ is.)
 *
 * Allowed symbols: eta, lambda, theta, vhat, eps (mathjs syntax).
 */
export const partC: string | null = null;

/** Adam's state; t = the number of updates taken so far. */
export interface AdamState {
  params: number[];
  m: number[];
  v: number[];
  t: number;
}

/** Hyperparameters; `weightDecay` is λ. */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/**
 * (d1) One Adam update with COUPLED L2 decay (equations at the top). `state.t` counts the updates
 * already taken; this update uses t = state.t + 1 and returns that t.
 */
export function adamL2Step(state: AdamState, grad: number[], hp: AdamHyper): AdamState {
  return notImplemented(state, grad, hp);
}

/**
 * (d2) One AdamW update with DECOUPLED decay (equations at the top). `state.t` counts the updates
 * already taken; this update uses t = state.t + 1 and returns that t. Example: from a fresh state
 * at θ = [1, −2] with gradient [0.5, 0.5], lr 0.1, λ 0.5, eps 1e-8, the new θ is about [0.85, −2.0].
 */
export function adamwStep(state: AdamState, grad: number[], hp: AdamHyper): AdamState {
  return notImplemented(state, grad, hp);
}

/**
 * (d3) A check on a synthetic 2-D objective whose minimum is away from the origin:
 *
 *     f(x, y) = ½ (100 (x − 1)² + (y − 1)²),     ∇f(x, y) = (100 (x − 1), y − 1).
 *
 * From fresh states at `x0` = [x, y], run `steps` updates of each variant with the same `hp` and
 * return both trajectories (`steps + 1` points each, the first being `x0`).
 */
export function decayTrajectories(x0: number[], steps: number, hp: AdamHyper): { l2: number[][]; adamw: number[][] } {
  return notImplemented(x0, steps, hp);
}

/**
 * (e) You switch a transformer fine-tuning run from Adam(weight_decay=λ) to AdamW(weight_decay=λ).
 * Which metric, logged per layer, shows whether the decay now acts as intended?
 *
 *   A. The gradient norm before clipping, which falls once AdamW starts to shrink the weights.
 *   B. The learning-rate schedule η_t, which AdamW multiplies by (1 − λ) at each step.
 *   C. The norm ‖θ‖ of each layer over training.
 *   D. The training loss including the ½λ‖θ‖² term, which AdamW adds to the objective.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
