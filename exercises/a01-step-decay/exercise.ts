/**
 * Exercise A1 — Step decay.
 *
 * Conventions used in every exercise of lesson A: steps are counted from 0, and the value of a
 * schedule at step k is the learning rate used for update k (the k-th optimizer step). Step decay
 * multiplies the learning rate by a factor γ every S steps:  η_k = η₀ · γ^⌊k / S⌋.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- a01-step-decay` to run the public tests.
 */

/** Parameters of a step-decay schedule. */
export interface StepDecayConfig {
  /** Initial learning rate η₀ (> 0). */
  eta0: number;
  /** Factor applied at each drop, 0 < γ < 1. */
  gamma: number;
  /** Interval S between drops, in optimizer steps (an integer ≥ 1). */
  stepSize: number;
}

/** Parameters of a multistep schedule: drops by γ at each listed step. */
export interface MultiStepConfig {
  /** Initial learning rate η₀ (> 0). */
  eta0: number;
  /** Factor applied at each drop, 0 < γ < 1. */
  gamma: number;
  /** Steps at which the LR drops, strictly increasing integers ≥ 1. */
  milestones: number[];
}

/**
 * (a) Which statement defines step decay?
 *
 * A. η_k = η₀ · γ^k: the LR is multiplied by γ after every single optimizer step, so it falls
 *    smoothly.
 * B. η_k = η₀ · γ^⌊k/S⌋: constant for S steps, then multiplied by γ at steps S, 2S, 3S, …
 * C. η_k = η₀ − γ · ⌊k/S⌋: γ is subtracted every S steps.
 * D. The LR is multiplied by γ whenever the validation loss has not improved for S consecutive
 *    evaluations.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Is each schedule a step decay (true) or not (false)? Answer with five booleans, in order.
 *
 * 1. η = 0.1 for steps 0–29, 0.05 for steps 30–59, 0.025 for steps 60–89, and so on.
 * 2. η_k = 0.1 · 0.999^k.
 * 3. η is halved whenever the validation loss has not improved for 5 epochs.
 * 4. η_k = 0.01 · 0.1^⌊k / 10000⌋.
 * 5. η falls linearly from 0.1 at step 0 to 0 at step T.
 */
export const partB: boolean[] | null = null;

/**
 * (c) A step-decay schedule starts at η₀ and must fall to a target η_target < η₀. Derive the
 * first step t at which η_t ≤ η_target. Write a mathjs expression in the symbols
 * `eta0`, `gamma`, `S` and `eta_target` (you may use floor, ceil, log, …; log is the natural log).
 */
export const partC: string | null = null;

/** (d1) The learning rate at `step` (an integer ≥ 0) of step decay: η₀ · γ^⌊step / S⌋. */
export function stepDecay(config: StepDecayConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (d2) The learning rate at `step` of multistep decay: η₀ · γ^m, where m is the number of
 * milestones ≤ step (so the LR has already dropped at a milestone step itself).
 */
export function multiStepDecay(config: MultiStepConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (d3) A check on a synthetic 2-D objective: run gradient descent on
 * f(x, y) = ½(λ₁x² + λ₂y²) from `start` = [x₀, y₀] for `steps` updates, using the step-decay
 * learning rate of `config` (update k uses η_k, k = 0, 1, …, steps − 1):
 * [x, y] ← [x − η_k·λ₁·x, y − η_k·λ₂·y]. Return the final point [x, y].
 */
export function descend(config: StepDecayConfig, curvatures: [number, number], start: [number, number], steps: number): [number, number] {
  return notImplemented(config, curvatures, start, steps);
}

/**
 * (e) In a real fine-tuning run with step decay, which quantity should you log to check the
 * schedule itself?
 *
 * A. The validation accuracy at the end of training, compared with the accuracy the recipe reports.
 * B. The configured step size S and factor γ, printed once from the config at the start of the run.
 * C. The LR the optimizer actually applied at every step, logged next to the training loss on the
 *    same axis.
 * D. The norm of the gradient at the first step.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
