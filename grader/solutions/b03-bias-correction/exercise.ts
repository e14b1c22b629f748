/**
 * Exercise B3 — bias correction.
 *
 * Adam's moments start at m_0 = v_0 = 0, so early on they are biased toward zero: with constant
 * gradients g, m_t = (1 − β₁ᵗ) g and v_t = (1 − β₂ᵗ) g². Adam (Kingma & Ba 2015; PyTorch's
 * `torch.optim.Adam`) divides them by those factors. At update t = 1, 2, … (t counts from 1):
 *
 *     m_t = β₁ m_{t−1} + (1 − β₁) g_t,         v_t = β₂ v_{t−1} + (1 − β₂) g_t²
 *     m̂_t = m_t / (1 − β₁ᵗ),                   v̂_t = v_t / (1 − β₂ᵗ)
 *     θ_t = θ_{t−1} − η m̂_t / (√v̂_t + ε)      (ε outside the square root, after correction)
 *
 * Defaults: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. "Without bias correction" means m̂_t = m_t
 * and v̂_t = v_t in the same update.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b03-bias-correction` to run the public tests.
 */

/**
 * (a) What is Adam's bias correction?
 *
 *   A. Dividing each moving average by 1 − βᵗ, so constant gradients give m̂_t = g and v̂_t = g².
 *   B. Subtracting the running mean of the gradients from each new gradient before it enters the
 *      averages.
 *   C. Multiplying the learning rate by 1 − β₁ᵗ at update t, which acts as a built-in warmup of the
 *      step.
 *   D. Initialising m_0 and v_0 with the first gradient and its square, instead of with zeros.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: centring the gradients is a different idea; it does not undo the zero start.
  // C: multiplying by 1 − β₁ᵗ makes the early bias worse instead of removing it.
  // D: a different fix of the zero start, not Adam's correction (Adam starts at zero and divides).
);

/**
 * (b) For each zero- or otherwise-initialised state below, does dividing by 1 − βᵗ (β being its
 * decay factor, t the number of updates) turn it into an unbiased average of the recent gradients
 * (constant gradients in, the same constant out)? `true` = example, `false` = non-example, in order:
 *
 *   1. Adam's m_t = β₁ m_{t−1} + (1 − β₁) g_t with m_0 = 0.
 *   2. Adam's v_t = β₂ v_{t−1} + (1 − β₂) g_t² with v_0 = 0.
 *   3. An average started at the first gradient, a_1 = g_1, then a_t = β a_{t−1} + (1 − β) g_t.
 *   4. AdaGrad's accumulator G_t = Σ_{s ≤ t} g_s².
 *   5. The SGD momentum buffer b_t = μ b_{t−1} + g_t with b_0 = 0 (PyTorch's `SGD(momentum=μ)`).
 */
export const partB: boolean[] | null = [true, true, false, false, false];

/**
 * (c) With the same gradient g ≠ 0 at every update and ε = 0, give the ratio of the update size of
 * Adam WITHOUT bias correction to the update size WITH it, at update t, as a formula in β₁, β₂, t.
 *
 * Allowed symbols: beta1, beta2, t (mathjs syntax, e.g. "beta1^t / beta2").
 */
export const partC: string | null = "(1 - beta1^t) / sqrt(1 - beta2^t)";

/** The two decay factors [β₁, β₂]. */
export type Betas = [number, number];

/**
 * (d1) The bias-corrected moments m̂_t = m / (1 − β₁ᵗ) and v̂_t = v / (1 − β₂ᵗ) of moment vectors
 * `m` and `v` after `t` ≥ 1 updates. Example: m = [0.1], v = [0.001], t = 1, betas [0.9, 0.999]
 * gives mHat = [1], vHat = [1].
 */
export function biasCorrected(m: number[], v: number[], t: number, betas: Betas): { mHat: number[]; vHat: number[] } {
  const c1 = 1 - betas[0] ** t;
  const c2 = 1 - betas[1] ** t;
  return { mHat: m.map((x) => x / c1), vHat: v.map((x) => x / c2) };
}

/** Adam's hyperparameters, and whether to apply bias correction. */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  biasCorrection: boolean;
}

/**
 * (d2) A check on a synthetic 2-D objective: run Adam from m_0 = v_0 = 0 for `steps` updates on
 *
 *     f(x, y) = ½ (100 x² + y²),     ∇f(x, y) = (100 x, y),
 *
 * starting at `x0` = [x, y], with or without bias correction (`hp.biasCorrection`). Return the
 * Euclidean norms ‖θ_t − θ_{t−1}‖ of the `steps` updates, in order.
 */
export function adamStepSizes(x0: number[], steps: number, hp: AdamHyper): number[] {
  let theta = [...x0];
  let m = [0, 0];
  let v = [0, 0];
  const sizes: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = [100 * theta[0]!, theta[1]!];
    m = m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * g[i]!);
    v = v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * g[i]! * g[i]!);
    const { mHat, vHat } = hp.biasCorrection ? biasCorrected(m, v, t, [hp.beta1, hp.beta2]) : { mHat: m, vHat: v };
    const step = mHat.map((mh, i) => (hp.lr * mh) / (Math.sqrt(vHat[i]!) + hp.eps));
    theta = theta.map((p, i) => p - step[i]!);
    sizes.push(Math.hypot(step[0]!, step[1]!));
  }
  return sizes;
}

/**
 * (e) A run is resumed from a checkpoint and diverges within a few hundred updates. You suspect
 * that m and v were re-initialised to zero while the step count t was restored (so the first
 * updates after the resume were effectively not bias-corrected). Which metric, logged per layer
 * from the first update after the resume, shows it directly?
 *
 *   A. The gradient norm ‖g_t‖ before clipping, which grows when the moments are re-initialised.
 *   B. The scheduled learning rate η_t, compared with its value just before the checkpoint.
 *   C. The training loss smoothed with β = 0.999, which reacts within a few updates.
 *   D. The relative update size ‖Δθ_t‖ / ‖θ_t‖, next to the step count t.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: the gradient does not depend on the optimizer's moments.
  // B: the schedule is unaffected by the moments being reset.
  // C: with β = 0.999 the smoothing spans about a thousand updates; it cannot react within a few.
);
