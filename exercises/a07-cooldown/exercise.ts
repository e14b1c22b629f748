/**
 * Exercise A7 — Cooldown (warmup-stable-decay).
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 * Warmup-stable-decay (WSD) with warmup length W, stable length S and cooldown length D:
 *   η_k = η_peak · k / W                              for k < W
 *   η_k = η_peak                                      for W ≤ k < W + S
 *   η_k = η_floor + (η_peak − η_floor) · (1 − f(x))   for k ≥ W + S, x = min(1, (k − W − S)/D)
 * where f is the cooldown shape, f(0) = 0 and f(1) = 1:
 *   "linear": f(x) = x;   "cosine": f(x) = ½(1 − cos(πx));   "1-sqrt": f(x) = √x (Hägele et al., 2024).
 * The LR reaches η_floor at step W + S + D and holds it afterwards. With W = 0 there is no warmup.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** Cooldown shapes. */
export type CooldownShape = "linear" | "cosine" | "1-sqrt";

/** Parameters of a WSD schedule. */
export interface WsdConfig {
  peak: number;
  floor: number;
  warmupSteps: number;
  stableSteps: number;
  decaySteps: number;
  shape: CooldownShape;
}

/**
 * (a) Which statement defines a cooldown?
 *
 * A. A pause in training during which the accelerators cool down before the final evaluation.
 * B. Lowering the batch size over the last steps of training, so each update sees fewer examples.
 * C. Any decay of the LR that starts at step 0 and lasts for the whole run, such as cosine from the
 *    peak.
 * D. The last phase of a schedule held constant for most of the run: the LR anneals to a low floor.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Is each schedule a warmup-stable-decay schedule with a cooldown (true) or not (false)?
 *
 * 1. 2000 warmup steps, constant η_peak until step 80 000, linear decay to 0 at step 100 000.
 * 2. Warmup, a long constant phase, then a 1−√ decay over the last 10 % of steps.
 * 3. 2000 warmup steps, then cosine decay from step 2000 to the end of the run.
 * 4. A constant LR for the whole run, with the final model taken as an average of checkpoints.
 * 5. A run resumed from a constant-LR checkpoint with a short linear decay to 0, to obtain an
 *    intermediate model without retraining.
 */
export const partB: boolean[] | null = null;

/**
 * (c) Derive the LR at step t of a 1−√ cooldown that starts at step t0 and lasts D steps
 * (t0 ≤ t ≤ t0 + D), from η_peak down to η_floor. Write a mathjs expression in `eta_peak`,
 * `eta_floor`, `t`, `t0` and `D`.
 */
export const partC: string | null = null;

/** (d1) The learning rate at `step` (an integer ≥ 0) of the WSD schedule above. */
export function wsd(config: WsdConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (d2) The sum of the learning rates over the cooldown, Σ η_k for k = W + S … W + S + D − 1,
 * for the schedule `config`. (Compare shapes: 1−√ keeps less LR mass than linear.)
 */
export function cooldownMass(config: WsdConfig): number {
  return notImplemented(config);
}

/**
 * (e) In a WSD run, which measurement shows what the cooldown buys?
 *
 * A. The training loss during the stable phase only, since the cooldown has too few steps to
 *    matter.
 * B. The validation loss at several points before and during the cooldown.
 * C. The peak LR of the stable phase, compared with the peak of a cosine schedule of the same
 *    length.
 * D. The number of warmup steps, which sets how much of the budget is left for the cooldown.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
