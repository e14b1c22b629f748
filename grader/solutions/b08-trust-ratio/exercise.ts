/**
 * Exercise B8 — the trust ratio (LAMB).
 *
 * LAMB (You et al. 2020) computes an Adam direction per layer, adds decoupled weight decay, and
 * rescales each layer's step by the trust ratio ‖w‖ / ‖u‖. Per layer l (norms over the layer),
 * m_0 = v_0 = 0, update t = 1, 2, …:
 *
 *     m = β₁ m + (1 − β₁) g,        v = β₂ v + (1 − β₂) g²
 *     m̂ = m / (1 − β₁ᵗ),            v̂ = v / (1 − β₂ᵗ)
 *     u_l = m̂ / (√v̂ + ε) + λ w_l                      (the update direction, ε outside the root)
 *     r_l = ‖w_l‖ / ‖u_l‖                               (r_l = 1 when ‖w_l‖ = 0 or ‖u_l‖ = 0)
 *     w_l ← w_l − η r_l u_l
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b08-trust-ratio` to run the public tests.
 */

/**
 * (a) What is LAMB's trust ratio of a layer?
 *
 *   A. The ratio of the clipped to the unclipped global gradient norm of the whole model.
 *   B. The ratio ‖u‖ / ‖w‖ of the layer's update norm to its weight norm.
 *   C. The ratio of the current learning rate to the peak learning rate of the schedule.
 *   D. The ratio ‖w‖ / ‖u‖ of the layer's weight norm to its update norm.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: global, and about clipping, not per layer.
  // B: the inverse: it would make the step norm ‖u‖²/‖w‖ instead of proportional to ‖w‖.
  // C: a property of the schedule, not of a layer.
);

/**
 * (b) True or false, for LAMB's trust ratio r = ‖w‖ / ‖u‖ (in order):
 *
 *   1. With ε = 0 and λ = 0, multiplying every gradient of a layer by c > 0 leaves its r unchanged.
 *   2. Multiplying a layer's weights by c > 0 while keeping its u fixed multiplies r by c.
 *   3. When ‖u‖ > 0, each layer's step has norm η ‖w‖ whatever the size of u.
 *   4. r is a single number computed from the norms of the whole model.
 *   5. Without a special case, a layer whose weights start at zero (a zero-initialised bias) would
 *      get r = 0 and never move.
 *   6. r is larger for a layer whose weights are small compared with its update.
 */
export const partB: boolean[] | null = [true, true, true, false, true, false];

/**
 * (c) The Adam direction a = m̂ / (√v̂ + ε) of a layer has norm A and is orthogonal to the layer's
 * weights w, whose norm is W. With weight decay λ, give the trust ratio r.
 *
 * Allowed symbols: A, W, lambda (mathjs syntax).
 */
export const partC: string | null = "W / sqrt(A^2 + lambda^2 * W^2)";

/**
 * (d1) The trust ratio ‖w‖ / ‖update‖ of one layer (1 when either norm is 0).
 * Example: w = [3, 4], update = [0, 0.5] gives 10.
 */
export function lambTrustRatio(w: number[], update: number[]): number {
  const wn = Math.hypot(...w);
  const un = Math.hypot(...update);
  return wn === 0 || un === 0 ? 1 : wn / un;
}

/** LAMB state: per layer, weights and moments; t = the number of updates taken so far. */
export interface LambState {
  params: number[][];
  m: number[][];
  v: number[][];
  t: number;
}

/** LAMB hyperparameters; `weightDecay` is λ. */
export interface LambHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/**
 * (d2) One LAMB update of all layers (`grads[l]` is layer l's gradient), per the equations at the
 * top. This update uses t = state.t + 1 and returns that t.
 */
export function lambStep(state: LambState, grads: number[][], hp: LambHyper): LambState {
  const t = state.t + 1;
  const c1 = 1 - hp.beta1 ** t;
  const c2 = 1 - hp.beta2 ** t;
  const m = state.m.map((ml, l) => ml.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * grads[l]![i]!));
  const v = state.v.map((vl, l) => vl.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * grads[l]![i]! ** 2));
  const params = state.params.map((w, l) => {
    const u = w.map((x, i) => m[l]![i]! / c1 / (Math.sqrt(v[l]![i]! / c2) + hp.eps) + hp.weightDecay * x);
    const r = lambTrustRatio(w, u);
    return w.map((x, i) => x - hp.lr * r * u[i]!);
  });
  return { params, m, v, t };
}

/**
 * (d3) A check on a synthetic objective with layers of very different curvature:
 *
 *     f(w) = ½ Σ_l Σ_i H[l][i] · w[l][i]²,       ∇f(w)[l][i] = H[l][i] · w[l][i].
 *
 * From `w0` and a fresh state, run `steps` LAMB updates; return the trajectory (`steps + 1`
 * entries, each the list of layers, the first being `w0`).
 */
export function lambTrajectory(w0: number[][], H: number[][], steps: number, hp: LambHyper): number[][][] {
  const zeros = w0.map((w) => w.map(() => 0));
  let state: LambState = { params: w0.map((w) => [...w]), m: zeros, v: zeros, t: 0 };
  const path = [state.params];
  for (let k = 0; k < steps; k++) {
    const grads = state.params.map((w, l) => w.map((x, i) => H[l]![i]! * x));
    state = lambStep(state, grads, hp);
    path.push(state.params);
  }
  return path;
}

/**
 * (e) A BERT pretraining run with LAMB plateaus early. Which metric, logged per layer, is the first
 * to check?
 *
 *   A. The global gradient norm of the model, before clipping, at every step of the run.
 *   B. The trust ratio r_l with ‖w_l‖ and ‖u_l‖.
 *   C. The loss scale of mixed-precision training, which LAMB adjusts for each layer.
 *   D. The learning-rate schedule η_t.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: global: it hides the per-layer ratio that LAMB applies.
  // C: LAMB does not set the loss scale.
  // D: the schedule is global; it says nothing about a layer's ratio.
);
