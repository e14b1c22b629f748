// WRONG: rounds the step count down, so the last partial step of the budget is dropped.
/**
 * Exercise A9 — Token-budget scheduling.
 *
 * LLM pretraining runs are budgeted in tokens, not steps. One optimizer step consumes
 * tokensPerStep = sequences per step × sequence length tokens (sequences per step = micro-batch ×
 * accumulation steps × workers). A schedule written in tokens is turned into steps by dividing by
 * tokensPerStep; a run of N tokens has ⌈N / tokensPerStep⌉ optimizer steps (the last one may be
 * partial).
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** A warmup + cosine schedule written in tokens. */
export interface TokenScheduleConfig {
  peak: number;
  /** Final learning rate (0 ≤ floor ≤ peak). */
  floor: number;
  /** Tokens of linear warmup from 0 to the peak. */
  warmupTokens: number;
  /** Token budget: the cosine reaches `floor` when this many tokens have been consumed. */
  totalTokens: number;
}

/** How many tokens one optimizer step consumes. */
export interface StepShape {
  microBatch: number;
  accumulationSteps: number;
  workers: number;
  sequenceLength: number;
}

/**
 * (a) Which statement describes token-budget scheduling?
 *
 * A. Stopping training when the tokenizer's vocabulary is exhausted.
 * B. Giving each layer its own learning rate.
 * C. Choosing the number of epochs so that every token is seen exactly once.
 * D. Expressing the schedule's lengths (warmup, decay, end) in tokens consumed, so the LR reaches
 *    its floor exactly when the token budget is spent, whatever the batch size.
 */
export const partA: "A" | "B" | "C" | "D" | null = "D";

/**
 * (b) Is each setup consistent with the token budget (true) or not (false)?
 *
 * 1. 300B tokens at 4M tokens per step; cosine decay length set to 75 000 steps.
 * 2. A warmup of 375M tokens (GPT-3) converted to steps by dividing by the tokens per step.
 * 3. Cosine decay length fixed at 100 000 steps, but the 200B-token budget is spent after 50 000
 *    steps of 4M tokens, so the run stops at half the decay.
 * 4. A batch-size ramp during which the schedule is indexed by tokens consumed.
 * 5. Gradient accumulation doubled mid-run while the schedule keeps counting optimizer steps as
 *    if nothing changed.
 */
export const partB: boolean[] | null = [true, true, false, true, false];

/**
 * (c) Derive the number of optimizer steps (ignore rounding) for a budget of N tokens when each of
 * P workers processes micro-batches of b sequences of L tokens and A micro-batches are accumulated
 * per optimizer step. Write a mathjs expression in `N`, `b`, `A`, `P` and `L`.
 */
export const partC: string | null = "N / (b * A * P * L)";

/** (d1) Tokens consumed by one optimizer step. */
export function tokensPerStep(shape: StepShape): number {
  return shape.microBatch * shape.accumulationSteps * shape.workers * shape.sequenceLength;
}

/** (d2) The number of optimizer steps for a budget of `tokenBudget` tokens: ⌈budget / tokensPerStep⌉. */
export function stepsForTokens(tokenBudget: number, shape: StepShape): number {
  return Math.floor(tokenBudget / tokensPerStep(shape));
}

/**
 * (d3) The learning rate after `tokensSeen` tokens (≥ 0) of the token schedule: peak·n/n_w for
 * n < n_w (n_w = warmupTokens), then floor + ½(peak − floor)(1 + cos(π·(n − n_w)/(N − n_w)))
 * up to N = totalTokens, and `floor` after N.
 */
export function lrAtTokens(config: TokenScheduleConfig, tokensSeen: number): number {
  const { peak, floor, warmupTokens: nw, totalTokens: N } = config;
  if (tokensSeen < nw) return (peak * tokensSeen) / nw;
  const x = Math.min(1, (tokensSeen - nw) / (N - nw));
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * x));
}

/**
 * (d4) The learning rate for optimizer step `step` (0-based) of the token schedule, when every
 * step consumes `tokensPerStep(shape)` tokens: the LR at the tokens consumed before that step.
 */
export function lrAtStep(config: TokenScheduleConfig, shape: StepShape, step: number): number {
  return lrAtTokens(config, step * tokensPerStep(shape));
}

/**
 * (e) Which quantity should be logged at every step of a token-budgeted run?
 *
 * A. Tokens consumed so far (and the LR against it), so the schedule's position can be checked
 *    against the budget even when the batch size changes.
 * B. The number of epochs.
 * C. The number of unique tokens in the vocabulary.
 * D. The optimizer step count only.
 */
export const partE: "A" | "B" | "C" | "D" | null = "A";
