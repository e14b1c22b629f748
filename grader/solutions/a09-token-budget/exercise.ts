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
 * A. Stopping training as soon as every token of the tokenizer's vocabulary has appeared at least
 *    once.
 * B. Giving each layer its own learning rate in proportion to the number of tokens its gradient
 *    saw.
 * C. Choosing the number of epochs so that every token of the dataset is seen exactly once in
 *    training.
 * D. Warmup, decay and end are counted in tokens, so the LR reaches its floor as the budget is
 *    spent.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: the vocabulary has nothing to do with the schedule's length.
  // B: token-budget scheduling sets one schedule in tokens, not per-layer rates.
  // C: that fixes the data passes, not the schedule's lengths.
);

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
  return Math.ceil(tokenBudget / tokensPerStep(shape));
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
 * A. The tokens consumed so far, with the LR against them.
 * B. The number of epochs completed, which tells how far the run is through the dataset.
 * C. The number of unique tokens in the vocabulary, logged with every checkpoint of the run.
 * D. The optimizer step count only, which is proportional to the tokens consumed.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: epochs count passes over the data, not the token budget the schedule is written in.
  // C: a constant of the tokenizer.
  // D: steps are proportional to tokens only while the batch size is fixed; a changed batch breaks
  //      it.
);
