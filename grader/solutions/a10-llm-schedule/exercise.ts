/**
 * Exercise A10 — Designing an LLM pretraining schedule.
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 * The standard LLM schedule: linear warmup over w steps, then cosine decay to a floor η_min
 * (often 10 % of the peak) at step T, held afterwards:
 *   η_k = η_max · k / w                                                  for k < w
 *   η_k = η_min + ½(η_max − η_min)(1 + cos(π · (k − w)/(T − w)))         for w ≤ k ≤ T
 *   η_k = η_min                                                          for k > T.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** A warmup + cosine schedule in steps. */
export interface LlmScheduleConfig {
  peak: number;
  minLr: number;
  warmupSteps: number;
  totalSteps: number;
}

/** What a pretraining run is given. */
export interface RunBudget {
  totalTokens: number;
  tokensPerStep: number;
  warmupTokens: number;
  peak: number;
  /** Floor as a fraction of the peak, e.g. 0.1. */
  minLrRatio: number;
}

/**
 * (a) Which statement describes the standard LLM pretraining schedule?
 *
 * A. A constant LR for the whole run, with the peak chosen by an LR range test before training.
 * B. Step decay by 10× at 50 % and 75 % of training, after a short warmup to the peak LR.
 * C. A short linear warmup to the peak, then cosine decay to about 10 % of it at the end of the
 *    run.
 * D. Cosine annealing with warm restarts every 1000 steps, each restart returning the LR to the
 *    peak.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: no warmup and no decay.
  // B: step decay, not the cosine decay of the standard schedule.
  // D: the standard schedule decays once over the whole run, without restarts.
);

/**
 * (b) Is each configuration a sound LLM pretraining schedule (true) or a mistake (false)?
 *
 * 1. 2000 warmup steps in a 100 000-step run, cosine to 10 % of the peak at step 100 000.
 * 2. Cosine decay length 300 000 steps, but the run stops at step 100 000.
 * 3. Warmup over 50 % of the run.
 * 4. Resuming from a checkpoint at step 40 000 and restarting the scheduler at step 0.
 * 5. Warmup, a constant LR, then a linear cooldown to 0 over the last 10 % (WSD).
 */
export const partB: boolean[] | null = [true, false, false, false, true];

/**
 * (c) Derive the LR at step t of the decay phase (w ≤ t ≤ T) of the schedule above. Write a
 * mathjs expression in `eta_max`, `eta_min`, `t`, `w` and `T`.
 */
export const partC: string | null = "eta_min + (eta_max - eta_min) / 2 * (1 + cos(pi * (t - w) / (T - w)))";

/** (d1) The learning rate at `step` (an integer ≥ 0) of the schedule above. */
export function llmSchedule(config: LlmScheduleConfig, step: number): number {
  const { peak, minLr, warmupSteps: w, totalSteps: T } = config;
  if (step < w) return (peak * step) / w;
  const x = Math.min(1, (step - w) / (T - w));
  return minLr + 0.5 * (peak - minLr) * (1 + Math.cos(Math.PI * x));
}

/**
 * (d2) Turn a run budget into a schedule: totalSteps = ⌈totalTokens / tokensPerStep⌉,
 * warmupSteps = ⌈warmupTokens / tokensPerStep⌉, minLr = peak · minLrRatio.
 */
export function designSchedule(budget: RunBudget): LlmScheduleConfig {
  return {
    peak: budget.peak,
    minLr: budget.peak * budget.minLrRatio,
    warmupSteps: Math.ceil(budget.warmupTokens / budget.tokensPerStep),
    totalSteps: Math.ceil(budget.totalTokens / budget.tokensPerStep),
  };
}

/**
 * (d3) A diagnostic on a logged run: given the LR actually applied at steps 0, 1, …, n − 1
 * (`logged`) and the intended config, return the first step whose logged LR differs from
 * llmSchedule(config, step) by more than 1e-6 relative (|a − b| > 1e-6·max(|a|, |b|)), or −1 if
 * none does. (Catches schedules restarted after resuming, or decayed over the wrong length.)
 */
export function firstDeviation(config: LlmScheduleConfig, logged: number[]): number {
  for (let k = 0; k < logged.length; k++) {
    const a = logged[k]!;
    const b = llmSchedule(config, k);
    if (Math.abs(a - b) > 1e-6 * Math.max(Math.abs(a), Math.abs(b))) return k;
  }
  return -1;
}

/**
 * (e) Which signals should a pretraining run log at every step to catch instabilities early?
 *
 * A. The validation loss once per day.
 * B. The LR, the training loss and the gradient norm before clipping.
 * C. The tokenizer's vocabulary size and the number of tokens per batch, checked at each step.
 * D. The number of checkpoints saved so far, so that a diverged run can be rolled back quickly.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: far too rare to catch a spike early.
  // C: constants of the setup; they do not change when training becomes unstable.
  // D: useful for recovery, but it does not detect anything.
);
