/**
 * Exercise B2 — Adam's first moment.
 *
 * Adam (Kingma & Ba 2015) with PyTorch's conventions (`torch.optim.Adam`). State m_0 = v_0 = 0;
 * at update t = 1, 2, … with gradient g_t (all operations per coordinate):
 *
 *     m_t = β₁ m_{t−1} + (1 − β₁) g_t          (first moment)
 *     v_t = β₂ v_{t−1} + (1 − β₂) g_t²         (second moment)
 *     m̂_t = m_t / (1 − β₁ᵗ),   v̂_t = v_t / (1 − β₂ᵗ)
 *     θ_t = θ_{t−1} − η m̂_t / (√v̂_t + ε)      (ε outside the square root)
 *
 * Defaults: η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b02-adam-first-moment` to run the public tests.
 */

/**
 * (a) Which statement defines Adam's first moment m_t?
 *
 *   A. The moving average of squared gradients, β₁ m_{t−1} + (1 − β₁) g_t².
 *   B. The arithmetic mean of all the gradients seen so far, (1/t) Σ_{s ≤ t} g_s, with equal
 *      weights.
 *   C. The moving average m_t = β₁ m_{t−1} + (1 − β₁) g_t, started at m_0 = 0.
 *   D. The heavy-ball buffer m_t = β₁ m_{t−1} + g_t of SGD with momentum, started at zero.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: squared gradients: that is the second moment v_t.
  // B: equal weights for all past gradients, not exponentially decaying ones.
  // D: no (1 − β₁) factor: the buffer grows to g/(1 − β₁) for a constant gradient.
);

/**
 * (b) Does each optimizer below keep an exponential moving average of the gradient, a first
 * moment in Adam's sense, m ← β m + (1 − β) g? `true` = example, `false` = non-example, in order:
 *
 *   1. Adam.
 *   2. AdamW.
 *   3. AdaGrad.
 *   4. RMSProp with PyTorch's default `momentum = 0`.
 *   5. Lion (Chen et al. 2023), which steps along the sign of an interpolation of its buffer and g.
 */
export const partB: boolean[] | null = [true, true, false, false, true];

/**
 * (c) The gradient is the same number g at every update. Give m_t (no bias correction) as a
 * formula in g, β₁ and t.
 *
 * Allowed symbols: g, beta1, t (mathjs syntax, e.g. "g * beta1 / t").
 */
export const partC: string | null = "g * (1 - beta1^t)";

/**
 * (d1) The first moments m_1, …, m_T for the scalar gradients `grads` = [g_1, …, g_T], from m_0 = 0.
 * Example: grads [1, 1] with β₁ = 0.5 gives [0.5, 0.75].
 */
export function adamFirstMoment(grads: number[], beta1: number): number[] {
  const out: number[] = [];
  let m = 0;
  for (const g of grads) {
    m = beta1 * m + (1 - beta1) * g;
    out.push(m);
  }
  return out;
}

/** Adam's state: parameters, first and second moments, and t = the number of updates taken so far. */
export interface AdamState {
  params: number[];
  m: number[];
  v: number[];
  t: number;
}

/** Adam's hyperparameters. */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/**
 * (d2) One Adam update (equations at the top of the file). `state.t` counts the updates already
 * taken (0 for a fresh state), so this update uses t = state.t + 1 and returns that t.
 * Because m̂_1 = g_1 and v̂_1 = g_1², the first update moves each coordinate by about η against the
 * sign of its gradient.
 */
export function adamStep(state: AdamState, grad: number[], hp: AdamHyper): AdamState {
  const t = state.t + 1;
  const m = state.m.map((mi, i) => hp.beta1 * mi + (1 - hp.beta1) * grad[i]!);
  const v = state.v.map((vi, i) => hp.beta2 * vi + (1 - hp.beta2) * grad[i]! * grad[i]!);
  const c1 = 1 - hp.beta1 ** t;
  const c2 = 1 - hp.beta2 ** t;
  const params = state.params.map((p, i) => p - (hp.lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + hp.eps));
  return { params, m, v, t };
}

/**
 * (d3) A check on a synthetic 2-D objective: run Adam from a fresh state for `steps` updates on
 *
 *     f(x, y) = ½ (100 x² + y²),     ∇f(x, y) = (100 x, y),
 *
 * starting at `x0` = [x, y]. Return the trajectory: `steps + 1` points, the first being `x0`.
 */
export function adamTrajectory(x0: number[], steps: number, hp: AdamHyper): number[][] {
  let state: AdamState = { params: [...x0], m: [0, 0], v: [0, 0], t: 0 };
  const path = [[...x0]];
  for (let k = 0; k < steps; k++) {
    const [x, y] = state.params as [number, number];
    state = adamStep(state, [100 * x, y], hp);
    path.push(state.params);
  }
  return path;
}

/**
 * (e) A fine-tuning run shows a loss spike. Which metric, logged per layer, shows what Adam's first
 * moment was doing before the spike?
 *
 *   A. Per layer, ‖m_t‖ and the cosine between m_t and g_t.
 *   B. The global gradient norm ‖g_t‖ before clipping, summed over all layers of the model.
 *   C. The weight-decay coefficient λ.
 *   D. The validation loss at the end of every epoch, compared with the training loss of that
 *      epoch.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: the gradient, not the first moment, and not per layer.
  // C: a constant of the configuration.
  // D: far too coarse, and it does not involve m_t.
);
