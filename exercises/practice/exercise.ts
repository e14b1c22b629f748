/**
 * Practice problems 1–5 and worked examples 1–3 of the lesson "Learning Rate Schedules".
 *
 * Each answer is a JavaScript number (0.0008, 8e-4) or a string holding a mathjs constant
 * expression that evaluates to it, e.g. "5e-4 * (1 + cos(0.37 * pi))": numbers, pi, e,
 * + - * / ^, parentheses and sqrt exp log log2 log10 sin cos tan floor ceil round abs min max
 * (angles in radians; log is the natural log). A fraction may be written as a percentage with a
 * "%" at the very end, which divides the whole answer by 100: "50.03 %" and "50.03%" are read as
 * 0.5003, like "0.5003", while "50.03" without the "%" is 50.03. Nothing else is accepted (no
 * units, no other "%", no variables).
 *
 * Precision: a number is accepted when it is within half a unit in the 3rd significant figure of
 * the exact value, so the exact value rounded to 3 significant figures always passes (0.00023,
 * i.e. 2.30e-4, for 2.3026e-4; 1.55e-4 for 1.5481e-4) and more digits are fine; a 3rd figure
 * off by one (0.0015 = 1.50e-3 for 1.5143e-3) is not. Problem 3a states its own precision (±1 step).
 *
 * Answers marked "expression" are formulas in the listed symbols, checked at many points: any
 * algebraically equal form is accepted, even one that overflows or underflows in floating point.
 *
 * Conventions: steps are counted from 0; the value at step t is the LR for update t; a phase of
 * length T that starts at step s reaches its end value at step s + T.
 *
 * Fill in every constant that is `null`.
 */

/** Worked example 1: cosine annealing, η_max = 1e-3, η_min = 0, T = 100 000. The LR at t = 37 000. */
export const example1: number | string | null = null;

/** Worked example 2: warmup 2000 steps from 0 to 3e-4, then cosine to 0 at step 100 000. The LR at step 1500. */
export const example2a: number | string | null = null;

/** Worked example 2: the same schedule at step 50 000. */
export const example2b: number | string | null = null;

/** Worked example 3: η_t = 0.01·e^(−λt) reaches 0.001 at t = 10 000. The decay constant λ. */
export const example3a: number | string | null = null;

/** Worked example 3: the half-life of that schedule, in steps. */
export const example3b: number | string | null = null;

/** Problem 1: cosine annealing, η_max = 5e-4, η_min = 1e-5, T = 50 000. The LR at t = 12 500. */
export const problem1: number | string | null = null;

/**
 * Problem 2 (expression): step decay η_t = η₀·γ^⌊t/S⌋. The LR at step t = kS + δ (k ≥ 0 an
 * integer, 0 ≤ δ < S), in `eta0`, `gamma`, `k`, `S` and `delta`.
 */
export const problem2a: number | string | null = null;

/**
 * Problem 2 (expression): the ratio η_{t+1}/η_t of consecutive learning rates at any step t, in
 * `gamma`, `t` and `S`. (It is γ when t + 1 crosses a boundary, and 1 otherwise: write one
 * formula for both.)
 */
export const problem2b: number | string | null = null;

/**
 * Problem 3: a 50 000-step run (steps 0 … 49 999) warms up linearly for 1000 steps,
 * η_t = 1e-3·t/1000 for t < 1000, then decays with a cosine from 1e-3 at step 1000 to 1e-6 at
 * step 50 000. How many of the 50 000 steps have η_t > η_max/2 = 5e-4? (Exact, ±1 step.)
 */
export const problem3a: number | string | null = null;

/** Problem 3: that count as a fraction of the run (a number between 0 and 1). */
export const problem3b: number | string | null = null;

/** Problem 4: batch 256 with LR 0.1 scaled to batch 2048 by the linear scaling rule. The new LR. */
export const problem4a: number | string | null = null;

/**
 * Problem 4: the expected distance moved by 8 steps of the old setup (LR 0.1, batch 256) divided
 * by the expected distance moved by 1 step of the new one (LR 0.8, batch 2048), for a constant
 * expected gradient. A number.
 */
export const problem4b: number | string | null = null;

/**
 * Problem 5: one-cycle (the lesson's linear two-phase form) with T_total = 100 000,
 * T_peak = 30 000, η_max = 0.01, η_min = 1e-4. The LR at t = 90 000.
 */
export const problem5a: number | string | null = null;

/**
 * Problem 5: the momentum the one-cycle policy prescribes at t = 90 000, with momentum cycling
 * inversely to the LR between 0.85 (at the LR peak) and 0.95 (at the start and end), linearly.
 */
export const problem5b: number | string | null = null;
