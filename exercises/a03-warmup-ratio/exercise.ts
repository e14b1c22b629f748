/**
 * Exercise A3 — Warmup ratio.
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 * A warmup ratio r ∈ [0, 1) says which fraction of a run of T optimizer steps is spent in linear
 * warmup. As in Hugging Face, the warmup length is w = ⌈r·T⌉ steps, and the "linear schedule with
 * warmup" is
 *   η_k = η_peak · k / w                     for k < w   (so η_0 = 0),
 *   η_k = η_peak · max(0, (T − k)/(T − w))   for k ≥ w   (so η_w = η_peak and η_T = 0).
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** A linear schedule with warmup given as a ratio. */
export interface WarmupLinearConfig {
  /** Peak learning rate η_peak (> 0). */
  peak: number;
  /** Warmup ratio r, 0 ≤ r < 1 (with ⌈r·T⌉ < T). */
  warmupRatio: number;
  /** Total number of optimizer steps T (an integer ≥ 2). */
  totalSteps: number;
}

/**
 * (a) Which statement defines the warmup ratio?
 *
 * A. The ratio of the peak learning rate to the learning rate at step 0 of the warmup.
 * B. The fraction r of the run's optimizer steps spent warming up linearly: ⌈r·T⌉ steps.
 * C. The fraction of the training data that is seen before the first evaluation on validation data.
 * D. The number of warmup epochs divided by the number of GPUs, so warmup shrinks as the cluster
 *    grows.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Does each schedule contain a linear warmup phase (true) or not (false)? Five booleans.
 *
 * 1. Step decay η₀·γ^⌊k/S⌋.
 * 2. Warmup + cosine, as used to pretrain GPT-3 and Llama.
 * 3. Warmup-stable-decay (WSD).
 * 4. Cosine annealing with warm restarts (SGDR) with η jumping back to η_max at each restart.
 * 5. The Transformer paper's schedule d^−0.5 · min(s^−0.5, s · w^−1.5).
 */
export const partB: boolean[] | null = null;

/**
 * (c) How much "learning-rate mass" does warmup cost? Assume w = r·T is an integer and derive the
 * sum over the warmup steps k = 0 … w − 1 of (η_peak − η_k), the LR given up compared with
 * starting at the peak. Write a mathjs expression in `r`, `T` and `eta_peak`.
 */
export const partC: string | null = null;

/** (d1) The number of warmup steps ⌈r·T⌉ for a ratio r and a run of T steps. */
export function warmupSteps(warmupRatio: number, totalSteps: number): number {
  return notImplemented(warmupRatio, totalSteps);
}

/** (d2) The learning rate at `step` (an integer ≥ 0) of the linear schedule with warmup above; 0 from step T on. */
export function warmupLinear(config: WarmupLinearConfig, step: number): number {
  return notImplemented(config, step);
}

/**
 * (d3) A check on a synthetic 2-D objective. Gradient descent on f(x, y) = ½(λ₁x² + λ₂y²) is
 * stable only while η < 2/λ_max. For the schedule `config` and curvatures [λ₁, λ₂], return the
 * first step k whose learning rate η_k is ≥ 2/max(λ₁, λ₂) (the first update that would amplify
 * the error), or −1 if no step in 0 … T − 1 does.
 */
export function firstUnstableStep(config: WarmupLinearConfig, curvatures: [number, number]): number {
  return notImplemented(config, curvatures);
}

/**
 * (e) Which quantity, logged per step during the first few thousand steps, best shows whether the
 * warmup is long enough?
 *
 * A. The validation perplexity every 10 000 steps, which smooths out the noise of single batches.
 * B. The learning rate alone, which confirms that the warmup ramp has the configured length.
 * C. The total number of tokens in the dataset, divided by the number of warmup steps.
 * D. The per-layer update-to-weight ratio ‖Δθ‖/‖θ‖, with the training loss.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
