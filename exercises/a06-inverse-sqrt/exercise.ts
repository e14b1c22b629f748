/**
 * Exercise A6 — Inverse-square-root decay.
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 * With a linear warmup of w steps to a peak η_peak (fairseq's `inverse_sqrt`, Hugging Face's
 * `get_inverse_sqrt_schedule` with timescale w):
 *   η_k = η_peak · k / w        for k < w,
 *   η_k = η_peak · √(w / k)     for k ≥ w      (continuous: η_w = η_peak).
 * The Transformer paper writes it with a 1-based step number s = k + 1 and the model width d:
 *   lrate(s) = d^(−0.5) · min(s^(−0.5), s · w^(−1.5)).
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** Inverse-square-root decay with linear warmup. */
export interface InverseSqrtConfig {
  peak: number;
  /** Warmup length w (an integer ≥ 1). */
  warmupSteps: number;
}

/** The Transformer paper's ("Noam") schedule. */
export interface NoamConfig {
  /** Model width d_model. */
  dModel: number;
  /** Warmup length w (an integer ≥ 1). */
  warmupSteps: number;
}

/**
 * (a) Which statement defines inverse-square-root decay?
 *
 * A. After warmup the LR falls like 1/t: it halves each time the step count doubles.
 * B. After warmup the LR is proportional to 1/√t: it halves when the step count quadruples.
 * C. The LR is the square root of the step count divided by the total number of steps, so it grows.
 * D. The LR is divided by √2 every S steps, like step decay with the factor γ = 1/√2.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Is each schedule an inverse-square-root decay (true) or not (false)? Five booleans.
 *
 * 1. η_k = η₀ / (1 + k), the classic 1/t decay.
 * 2. Cosine annealing from η_max to 0.
 * 3. The Transformer paper's d^(−0.5) · min(s^(−0.5), s · w^(−1.5)).
 * 4. T5's η_k = 1/√max(k, 10⁴): constant for 10⁴ steps, then falling like 1/√k.
 * 5. fairseq's `inverse_sqrt`: linear warmup to η_peak over w steps, then η_peak·√(w/k).
 */
export const partB: boolean[] | null = null;

/**
 * (c) After warmup, at which step k has the LR fallen to a fraction q of the peak
 * (η_k = q·η_peak, 0 < q ≤ 1)? Write a mathjs expression in `w` and `q`.
 */
export const partC: string | null = null;

/** (d1) The learning rate at `step` (an integer ≥ 0) of inverse-square-root decay with warmup. */
export function inverseSqrt(config: InverseSqrtConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (d2) The Transformer paper's LR for update `step` (our 0-based step k; the paper's step number
 * is s = k + 1): d^(−0.5) · min(s^(−0.5), s · w^(−1.5)).
 */
export function noam(config: NoamConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (e) Which plot confirms that the decay after warmup really is inverse-square-root?
 *
 * A. LR against step on linear axes: after warmup the curve should be a straight falling line.
 * B. The training loss against the LR over the steps after warmup, which should be a straight line.
 * C. LR against step on log–log axes: after warmup, a line of slope −½.
 * D. A histogram of the LR values of the run.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
