/**
 * Exercise A2 — Polynomial decay.
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k. A schedule
 * of length T reaches its end value at step T and holds it afterwards.
 *
 * Budgeted polynomial decay of power p from η₀ to η_end over T steps:
 *   η_k = (η₀ − η_end) · (1 − min(k, T)/T)^p + η_end.
 * (p = 1 is linear decay; optax calls this `polynomial_schedule`.) Theory uses a second, open-ended
 * family, η_t = η₀ · (t + 1)^(−α), whose sums decide convergence of SGD: Σ η_t = ∞ and Σ η_t² < ∞
 * hold exactly when ½ < α ≤ 1.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** Parameters of budgeted polynomial decay. */
export interface PolynomialConfig {
  /** Initial learning rate η₀ (> 0). */
  eta0: number;
  /** Final learning rate η_end (0 ≤ η_end ≤ η₀). */
  etaEnd: number;
  /** Length T of the decay in optimizer steps (an integer ≥ 1). */
  totalSteps: number;
  /** Power p (> 0). */
  power: number;
}

/** Parameters of the open-ended decay η_t = η₀ · (t + 1)^(−α). */
export interface PowerLawConfig {
  eta0: number;
  alpha: number;
}

/**
 * (a) Which statement defines budgeted polynomial decay?
 *
 * A. η_k = η₀ · p^k for a factor 0 < p < 1.
 * B. η_k = η₀ · k^p, which rises during warmup and then decreases for the rest of the run.
 * C. η_k = η₀ · (1 − k/T)^p for every k ≥ 0, with no clamp: past step T it turns negative for odd
 *    p.
 * D. η_k = (η₀ − η_end)(1 − min(k, T)/T)^p + η_end for every step k ≥ 0, holding η_end from step T
 *    on.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: exponential decay: it never reaches η_end at step T.
  // B: k^p grows with k for p > 0; it never decreases and has no budget T.
  // C: without clamping k at T (and without η_end) the LR leaves [η_end, η₀] after step T.
);

/**
 * (b) Is each schedule a budgeted polynomial decay (true) or not (false)? Five booleans, in order.
 *
 * 1. Linear decay from 0.1 at step 0 to 0 at step T, held at 0 afterwards.
 * 2. Cosine annealing from 0.1 to 0 over T steps.
 * 3. η_k = 0.1 · (1 − k/T)² for k ≤ T.
 * 4. η_k = 0.1 · 0.999^k.
 * 5. η_k = 1e-5 + (1e-3 − 1e-5)(1 − k/T)^0.9 for k ≤ T (the "poly" schedule of DeepLab).
 */
export const partB: boolean[] | null = [true, false, true, false, true];

/**
 * (c) With η_end = 0, at which (real-valued) step t does budgeted polynomial decay reach half its
 * initial value, η_t = η₀/2? Write a mathjs expression in `T` and `p`.
 */
export const partC: string | null = "T * (1 - 2^(-1/p))";

/** (d1) The learning rate at `step` (an integer ≥ 0) of budgeted polynomial decay; η_end after step T. */
export function polynomialDecay(config: PolynomialConfig, step: number): number {
  const { eta0, etaEnd, totalSteps, power } = config;
  return (eta0 - etaEnd) * (1 - Math.min(step, totalSteps) / totalSteps) ** power + etaEnd;
}

/**
 * (d2) A numerical check of the conditions behind decaying step sizes: for η_t = η₀·(t + 1)^(−α),
 * return the partial sums over the first n updates, t = 0, 1, …, n − 1:
 * `{ sum: Σ η_t, sumOfSquares: Σ η_t² }`.
 */
export function partialSums(config: PowerLawConfig, n: number): { sum: number; sumOfSquares: number } {
  let sum = 0;
  let sumOfSquares = 0;
  for (let t = 0; t < n; t++) {
    const eta = config.eta0 * (t + 1) ** -config.alpha;
    sum += eta;
    sumOfSquares += eta * eta;
  }
  return { sum, sumOfSquares };
}

/**
 * (e) A polynomial-decay schedule was configured in epochs but is stepped once per batch (or the
 * other way round). Which single logged number exposes this fastest?
 *
 * A. The LR at the last optimizer step, compared with η_end.
 * B. The training loss averaged over the last epoch, compared with the loss of a previous run.
 * C. The wall-clock time per optimizer step, which shows whether each batch runs at the expected
 *    speed.
 * D. The number of parameters of the model.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: a different loss has many causes; it does not show that the schedule ended at the wrong
  //      place.
  // C: the step time does not depend on the schedule.
  // D: the schedule's length does not depend on the parameter count.
);
