/**
 * Exercise A4 — Cosine annealing with warm restarts (SGDR, Loshchilov & Hutter).
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 * Cycle i (i = 0, 1, 2, …) lasts T_i = T₀ · T_mult^i steps and starts at step
 * s_i = T₀ + T₀·T_mult + … + T₀·T_mult^(i−1) (so s_0 = 0). Inside cycle i, with t = k − s_i steps
 * since the cycle began,
 *   η_k = η_min + ½(η_max − η_min)(1 + cos(π · t / T_i)).
 * So η = η_max at the first step of every cycle (a "restart"); the last step of a cycle is just
 * above η_min. Angles are in radians (Math.cos).
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** Parameters of SGDR. */
export interface RestartsConfig {
  etaMax: number;
  etaMin: number;
  /** Length T₀ of the first cycle in steps (an integer ≥ 1). */
  T0: number;
  /** Growth factor T_mult of the cycle length (an integer ≥ 1). */
  Tmult: number;
}

/**
 * (a) Which statement defines cosine annealing with warm restarts?
 *
 * A. A half-cosine from η_max to η_min in each cycle, then a jump back to η_max; cycles last T₀,
 *    T₀·T_mult, …
 * B. The LR rises and falls linearly between two bounds with a fixed period, a triangle wave, for
 *    the whole run.
 * C. One half-cosine from η_max to η_min over the whole run, with the weights reset to the best
 *    checkpoint at the end.
 * D. Training restarts from the initial weights whenever the loss diverges.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: that is the triangular cyclical LR: linear, not cosine, and no jump back to η_max.
  // C: a single cosine has no restarts; resetting weights is not part of SGDR.
  // D: SGDR restarts the learning rate, never the weights.
);

/**
 * (b) Is each schedule an example of cosine annealing with warm restarts (true) or not (false)?
 * Six booleans, in order.
 *
 * 1. A half-cosine from 0.1 to 0 every 1000 steps, jumping back to 0.1 at steps 1000, 2000, …
 * 2. Half-cosine cycles of 1000, 2000, 4000, … steps.
 * 3. A triangular cyclic LR rising linearly for 500 steps and falling linearly for 500.
 * 4. A single cosine decay from η_max to 0 over the whole run.
 * 5. Step decay that multiplies η by 0.1 every 30 epochs.
 * 6. Half-cosine cycles whose peak is halved at every restart.
 */
export const partB: boolean[] | null = [true, true, false, false, false, true];

/**
 * (c) Derive the step s_i at which the i-th restart happens (i = 1 is the first restart) for a
 * growth factor T_mult > 1. Write a mathjs expression in `T0`, `Tmult` and `i`.
 */
export const partC: string | null = "T0 * (Tmult^i - 1) / (Tmult - 1)";

/** (d1) The learning rate at `step` (an integer ≥ 0) of SGDR as defined above. */
export function cosineWithRestarts(config: RestartsConfig, step: number): number {
  const { etaMax, etaMin, T0, Tmult } = config;
  let start = 0;
  let length = T0;
  while (step >= start + length) {
    start += length;
    length *= Tmult;
  }
  return etaMin + 0.5 * (etaMax - etaMin) * (1 + Math.cos((Math.PI * (step - start)) / length));
}

/** (d2) The restart steps s_1, s_2, … that are < `totalSteps`, in increasing order (step 0 is not a restart). */
export function restartSteps(config: RestartsConfig, totalSteps: number): number[] {
  const out: number[] = [];
  let start = config.T0;
  let length = config.T0 * config.Tmult;
  while (start < totalSteps) {
    out.push(start);
    start += length;
    length *= config.Tmult;
  }
  return out;
}

/**
 * (e) What should you log to judge whether the restarts help?
 *
 * A. The training loss just after each restart, when the LR is back at η_max.
 * B. The losses at the end of each cycle, just before a restart, with the LR.
 * C. The cycle index alone, logged at each restart, to check that the cycles have the intended
 *    lengths.
 * D. The gradient norm at step 0, which sets the scale of every later cycle of the run.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: right after a restart the loss is inflated by the high LR; those values are not comparable
  //      across cycles.
  // C: it checks the schedule, not whether the restarts help.
  // D: one gradient norm at the start says nothing about the cycles (and sets no scale).
);
