/**
 * Exercise A12 — Averaging and schedule-free SGD.
 *
 * Conventions: vectors are arrays of numbers, one entry per coordinate. The objective is a
 * quadratic f(w) = ½ Σᵢ λᵢ (wᵢ − cᵢ)², whose gradient is λᵢ (wᵢ − cᵢ) in coordinate i.
 *
 * Schedule-free SGD (Defazio et al. 2024, "The Road Less Scheduled") keeps two sequences, x and z,
 * both equal to the starting point at t = 1 (z₁ = x₁), and a learning rate γ and β in [0, 1):
 *   y_t     = (1 − β) z_t + β x_t                    (the point where the gradient is taken)
 *   z_{t+1} = z_t − γ ∇f(y_t)                        (a plain SGD step, from z)
 *   x_{t+1} = (1 − c_{t+1}) x_t + c_{t+1} z_{t+1},   c_{t+1} = 1/(t + 1)
 * so x_{t+1} is the equal-weight mean of z₁, …, z_{t+1}. x is the point to evaluate.
 *
 * Iterates of a training run: `iterates[k]` is the parameter vector after update k (k = 0, 1, …).
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** The quadratic f(w) = ½ Σᵢ λᵢ (wᵢ − cᵢ)²: `lambdas` are the λᵢ > 0, `centers` the cᵢ. */
export interface Quadratic {
  lambdas: number[];
  centers: number[];
}

/** Hyperparameters of schedule-free SGD: the learning rate γ (`lr`) and the interpolation β (`beta`). */
export interface ScheduleFreeConfig {
  lr: number;
  beta: number;
}

/** The state before update t: the average x_t, the base sequence z_t and the index t (t ≥ 1). */
export interface ScheduleFreeState {
  x: number[];
  z: number[];
  t: number;
}

/**
 * (a) After training with schedule-free SGD, at which point should you measure the validation loss
 * (and which should you ship as the model)?
 *
 * A. y_t, the interpolated point, since every gradient of the run was computed there.
 * B. z_t, the base sequence, since it is the point that the SGD step moves directly.
 * C. x_t, the running average of the z's, which the method builds to be the quiet one.
 * D. The midpoint of y_t and z_t, which balances the two points that each step touches.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: y is only where gradients are taken; it is noisier than x (about twice x's loss in A12).
  // B: z is the raw SGD sequence at a constant step, the noisiest of the three points.
  // D: no such point appears in the method; the average x is the one it is designed to evaluate.
);

/**
 * (b) Is each an equal-weight average of the iterates it includes (true) or not (false)?
 *
 * 1. Polyak–Ruppert averaging of every iterate from step 200 on.
 * 2. An exponential moving average of the iterates with decay δ = 0.999.
 * 3. SWA: the iterates sampled every 50 steps over the last quarter of the run.
 * 4. Schedule-free SGD's x with c_{t+1} = 1/(t + 1), over z₁, …, z_{t+1}.
 * 5. Schedule-free SGD's x during a linear warmup, with c_{t+1} = γ_t² / Σ_{i≤t} γ_i².
 */
export const partB: boolean[] | null = [true, false, true, true, false];

/**
 * (c) Constant-LR SGD on f(x) = ½λx² with gradient noise of variance σ² has stationary iterates of
 * variance s² = ησ²/(λ(2 − ηλ)) and covariance Cov(x_i, x_j) = s²(1 − ηλ)^|i−j|. Derive the
 * variance of the mean of N consecutive stationary iterates for large N (keep only the leading
 * term, the one in 1/N). Write a mathjs expression in `sigma`, `lambda`, `eta` and `N`.
 */
export const partC: string | null = "sigma^2 / (lambda^2 * N)";

/**
 * (d1) One update of schedule-free SGD on `problem` from `state` (x_t, z_t, t): returns
 * { x: x_{t+1}, z: z_{t+1}, t: t + 1 }. Does not modify its arguments.
 */
export function scheduleFreeStep(problem: Quadratic, config: ScheduleFreeConfig, state: ScheduleFreeState): ScheduleFreeState {
  const { lambdas, centers } = problem;
  const { lr, beta } = config;
  const y = state.z.map((zi, i) => (1 - beta) * zi + beta * state.x[i]!);
  const z = state.z.map((zi, i) => zi - lr * lambdas[i]! * (y[i]! - centers[i]!));
  const c = 1 / (state.t + 1);
  const x = state.x.map((xi, i) => (1 - c) * xi + c * z[i]!);
  return { x, z, t: state.t + 1 };
}

/**
 * (d2) `steps` updates of schedule-free SGD on `problem` from `start` (x₁ = z₁ = start, t = 1).
 * Returns the final x, z and y = (1 − β) z + β x (the point the optimizer would take the next
 * gradient at).
 */
export function scheduleFreeRun(problem: Quadratic, config: ScheduleFreeConfig, start: number[], steps: number): { x: number[]; y: number[]; z: number[] } {
  let state: ScheduleFreeState = { x: start.slice(), z: start.slice(), t: 1 };
  for (let k = 0; k < steps; k++) state = scheduleFreeStep(problem, config, state);
  const y = state.z.map((zi, i) => (1 - config.beta) * zi + config.beta * state.x[i]!);
  return { x: state.x, y, z: state.z };
}

/**
 * (d3) The exponential moving average of `iterates` with decay δ: ā = iterates[0], then
 * ā ← δ ā + (1 − δ) iterates[k] for k = 1, 2, …. Returns the final ā.
 */
export function emaOf(iterates: number[][], decay: number): number[] {
  let avg = iterates[0]!.slice();
  for (let k = 1; k < iterates.length; k++) avg = avg.map((a, i) => decay * a + (1 - decay) * iterates[k]![i]!);
  return avg;
}

/**
 * (d4) SWA: the equal-weight mean of iterates[k] for k = start, start + every, start + 2·every, …
 * (k < iterates.length; at least one such k).
 */
export function swaOf(iterates: number[][], start: number, every: number): number[] {
  const sum = iterates[0]!.map(() => 0);
  let n = 0;
  for (let k = start; k < iterates.length; k += every) {
    iterates[k]!.forEach((v, i) => (sum[i] = sum[i]! + v));
    n++;
  }
  return sum.map((s) => s / n);
}

/**
 * (e) In A12, on the digits with each method's learning rate tuned on a validation split and 15
 * test seeds, what did the data show?
 *
 * A. Tuned WSD beat the tuned constant learning rate on the test loss in every test seed.
 * B. A tuned constant rate did as well as the tuned schedules, within the seed spread.
 * C. Schedule-free SGD had the lowest test loss of the six methods in every seed.
 * D. SWA lowered the constant rate's test loss in every seed, beyond the seed spread.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: WSD was below the constant LR's last iterate in 6 of 15 seeds (the constant LR below WSD in 9).
  // C: schedule-free SGD was below WSD, the constant LR and SWA in only 4, 6 and 2 of 15 seeds.
  // D: SWA was below the constant LR's last iterate in 8 of 15 seeds, not every seed.
);
