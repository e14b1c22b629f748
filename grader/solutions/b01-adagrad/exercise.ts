/**
 * Exercise B1 — the AdaGrad accumulator.
 *
 * AdaGrad (Duchi, Hazan & Singer 2011) with PyTorch's conventions (`torch.optim.Adagrad`,
 * `lr_decay = 0`). For every coordinate i, at update t = 1, 2, …:
 *
 *     G_t,i = G_{t−1},i + g_t,i²                       (the accumulator, G_0 = 0 unless stated)
 *     θ_t,i = θ_{t−1},i − η · g_t,i / (√G_t,i + ε)
 *
 * The accumulator is updated BEFORE it divides the step, and ε is added OUTSIDE the square root.
 * PyTorch's defaults: η = 0.01, ε = 1e-10. The quantity η / (√G_t,i + ε) is coordinate i's
 * *effective learning rate*.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b01-adagrad` to run the public tests.
 */

/**
 * (a) Which statement defines the AdaGrad accumulator?
 *
 *   A. An exponential moving average of squared gradients, v_t = β v_{t−1} + (1 − β) g_t², per
 *      coordinate.
 *   B. The per-coordinate sum of all squared gradients so far, G_t = Σ_{s ≤ t} g_s², which only
 *      ever grows.
 *   C. The per-coordinate sum of all gradients so far, Σ_{s ≤ t} g_s, used as the direction of the
 *      step.
 *   D. The per-coordinate largest squared gradient so far, max_{s ≤ t} g_s².
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: that is RMSProp's average, which forgets old gradients.
  // C: unsquared gradients: that is a momentum-like sum, not a scale.
  // D: a maximum, not a sum (it is closer to AMSGrad's idea).
);

/**
 * (b) For each per-coordinate state below, is it an AdaGrad accumulator (a sum of squared gradients
 * that never forgets)? `true` = example, `false` = non-example, in this order:
 *
 *   1. G_t = G_{t−1} + g_t², with the step η g_t / (√G_t + ε).
 *   2. v_t = 0.99 v_{t−1} + 0.01 g_t² (RMSProp).
 *   3. G_t = G_{t−1} + g_t² started from G_0 = 0.1 (PyTorch's `initial_accumulator_value = 0.1`).
 *   4. u_t = max(u_{t−1}, g_t²).
 *   5. s_t = s_{t−1} + g_t (a running sum of raw gradients).
 */
export const partB: boolean[] | null = [true, false, true, false, false];

/**
 * (c) Starting from G_0 = 0, a coordinate receives the same gradient g at every one of the first
 * t updates. Give its effective learning rate η / (√G_t + ε) after update t as a formula in
 * t and g (g may be negative), with ε placed as PyTorch places it.
 *
 * Allowed symbols: eta, eps, g, t. Functions: sqrt, abs, … (mathjs syntax, e.g. "eta / (2 * t)").
 */
export const partC: string | null = "eta / (sqrt(t * g^2) + eps)";

/** AdaGrad's state: the parameters θ and the accumulator G (same length). */
export interface AdagradState {
  params: number[];
  accum: number[];
}

/** AdaGrad's hyperparameters: the learning rate η and ε. */
export interface AdagradHyper {
  lr: number;
  eps: number;
}

/**
 * (d1) One AdaGrad update (equations at the top of the file). Returns the new state; does not
 * modify its arguments. Example: from accum [0, 0] with grad [3, −0.5], lr 0.1, eps 1e-10, every
 * coordinate moves by 0.1 against the sign of its gradient (up to ε).
 */
export function adagradStep(state: AdagradState, grad: number[], hp: AdagradHyper): AdagradState {
  const accum = state.accum.map((G, i) => G + grad[i]! * grad[i]!);
  const params = state.params.map((p, i) => p - (hp.lr * grad[i]!) / (Math.sqrt(accum[i]!) + hp.eps));
  return { params, accum };
}

/**
 * (d2) The effective learning rate η / (√G_i + ε) of every coordinate, for accumulator `accum`.
 */
export function effectiveLr(accum: number[], hp: AdagradHyper): number[] {
  return accum.map((G) => hp.lr / (Math.sqrt(G) + hp.eps));
}

/**
 * (d3) A check on a synthetic 2-D objective: run AdaGrad (from G_0 = [0, 0]) for `steps` updates on
 *
 *     f(x, y) = ½ (100 x² + y²),     ∇f(x, y) = (100 x, y),
 *
 * starting at `x0` = [x, y]. Return the trajectory: `steps + 1` points, the first being `x0`.
 */
export function adagradTrajectory(x0: number[], steps: number, hp: AdagradHyper): number[][] {
  let state: AdagradState = { params: [...x0], accum: [0, 0] };
  const path = [[...x0]];
  for (let k = 0; k < steps; k++) {
    const [x, y] = state.params as [number, number];
    state = adagradStep(state, [100 * x, y], hp);
    path.push(state.params);
  }
  return path;
}

/**
 * (e) In a real LLM or fine-tuning run trained with AdaGrad, which metric best shows the
 * accumulator at work (and catches learning that has silently stalled)?
 *
 *   A. The training loss smoothed with an exponential moving average, which flattens when learning
 *      stalls.
 *   B. The global gradient norm ‖g_t‖ after clipping, which shrinks as the accumulator grows.
 *   C. Per layer, the spread of the effective rates η / (√G + ε).
 *   D. The scheduled base learning rate η_t, which AdaGrad divides by the step count.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: a flat loss has many causes; it does not show the accumulator.
  // B: the gradient does not involve the accumulator, and clipping hides its size.
  // D: AdaGrad does not divide η by the step count; the base LR is a configured value.
);
