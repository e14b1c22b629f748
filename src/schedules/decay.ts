/**
 * The classic decays: constant, step, multistep, exponential, polynomial, linear and
 * inverse-square-root. All follow the course convention: `s(k)` is the LR for update k (0-based).
 */
import { ArgumentError, inRange, integer, nonNegative, positive, positiveInt } from "../validate";
import { schedule, type Schedule } from "./schedule";

/** η(k) = value for every step. */
export function constant(o: { value: number }): Schedule {
  const v = nonNegative("value", o.value);
  return schedule({ value: () => v, phase: "constant" });
}

/**
 * Step decay: η(k) = η₀ · γ^⌊k / S⌋. Same values as PyTorch's `StepLR(step_size=S, gamma=γ)`
 * after k calls to `scheduler.step()`.
 */
export function stepDecay(o: { initial: number; stepSize: number; gamma?: number }): Schedule {
  const eta0 = positive("initial", o.initial);
  const S = positiveInt("stepSize", o.stepSize);
  const gamma = inRange("gamma", o.gamma ?? 0.1, 0, 1, { lo: true });
  // η₀·γ^i is recomputed only when the drop index i changes.
  let drops = 0;
  let value = eta0;
  return schedule({
    value: (k) => {
      const i = Math.floor(k / S);
      if (i !== drops) {
        drops = i;
        value = eta0 * gamma ** i;
      }
      return value;
    },
    phase: "decay",
  });
}

/**
 * Multistep decay: η(k) = η₀ · γ^m(k), where m(k) counts the milestones ≤ k. Milestones are
 * strictly increasing integers ≥ 1 (PyTorch's `MultiStepLR`).
 */
export function multistep(o: { initial: number; milestones: number[]; gamma?: number }): Schedule {
  const eta0 = positive("initial", o.initial);
  const gamma = inRange("gamma", o.gamma ?? 0.1, 0, 1, { lo: true });
  const ms = o.milestones;
  if (!Array.isArray(ms) || ms.length === 0) throw new ArgumentError("milestones", ms, "a non-empty array of step indices");
  ms.forEach((m, i) => integer(`milestones[${i}]`, m, i === 0 ? 1 : ms[i - 1]! + 1));
  return schedule({
    value: (k) => {
      let m = 0;
      while (m < ms.length && ms[m]! <= k) m++;
      return eta0 * gamma ** m;
    },
    phase: "decay",
  });
}

/**
 * Exponential decay: η(k) = η₀ · exp(−λ·e), with e = k / transitionSteps, floored when
 * `staircase`. Give exactly one of `rate` (λ, continuous) or `gamma` (the factor per transition,
 * λ = −ln γ). With `transitionSteps = 1` and `gamma`, this is PyTorch's `ExponentialLR`; with
 * `decayRate`-style arguments it is optax's `exponential_decay` (without its `end_value`).
 */
export function exponential(o: {
  initial: number;
  rate?: number;
  gamma?: number;
  transitionSteps?: number;
  staircase?: boolean;
}): Schedule {
  const eta0 = positive("initial", o.initial);
  if ((o.rate === undefined) === (o.gamma === undefined)) {
    throw new ArgumentError("rate/gamma", `${o.rate}/${o.gamma}`, "exactly one of rate (λ ≥ 0) or gamma (in (0, 1])");
  }
  const lambda = o.rate !== undefined ? nonNegative("rate", o.rate) : -Math.log(inRange("gamma", o.gamma, 0, 1, { lo: true }));
  const every = positiveInt("transitionSteps", o.transitionSteps ?? 1);
  const stair = o.staircase ?? false;
  return schedule({
    value: (k) => eta0 * Math.exp(-lambda * (stair ? Math.floor(k / every) : k / every)),
    phase: "decay",
  });
}

/** Half-life of exponential decay with continuous rate λ: t½ = ln 2 / λ steps. */
export function halfLife(rate: number): number {
  return Math.LN2 / positive("rate", rate);
}

/** The continuous rate λ that takes η from `from` to `to` in `steps` steps: λ = ln(from/to) / steps. */
export function decayRate(from: number, to: number, steps: number): number {
  const a = positive("from", from);
  const b = inRange("to", to, 0, a, { lo: true });
  return Math.log(a / b) / positive("steps", steps);
}

/**
 * Polynomial decay: η(k) = (η₀ − η_end)·(1 − min(k, T)/T)^p + η_end; it holds η_end after step T
 * (optax's `polynomial_schedule`; PyTorch's `PolynomialLR` decays to 0 and has no end value).
 */
export function polynomial(o: { initial: number; end?: number; power?: number; totalSteps: number }): Schedule {
  const eta0 = nonNegative("initial", o.initial);
  const end = inRange("end", o.end ?? 0, 0, eta0);
  const p = positive("power", o.power ?? 1);
  const T = positiveInt("totalSteps", o.totalSteps);
  return schedule({
    value: (k) => (eta0 - end) * (1 - Math.min(k, T) / T) ** p + end,
    phase: "decay",
    totalSteps: T,
  });
}

/** Linear decay from η₀ to η_end over T steps: polynomial decay with power 1. */
export function linearDecay(o: { initial: number; end?: number; totalSteps: number }): Schedule {
  return polynomial({ ...o, power: 1 });
}

/**
 * Inverse-square-root decay: η(k) = η₀ / √(1 + (k − w)/τ) for k ≥ w, after an optional linear
 * warmup η₀·k/w for k < w. Continuous at k = w, where it equals η₀. This is Hugging Face's
 * `get_inverse_sqrt_schedule` with `timescale = τ`; the Transformer paper's form
 * d^−½·min(k^−½, k·w^−1.5) is the case τ = w, up to its 1-based step count.
 */
export function inverseSqrt(o: { initial: number; timescale: number; warmupSteps?: number }): Schedule {
  const eta0 = positive("initial", o.initial);
  const tau = positive("timescale", o.timescale);
  const w = integer("warmupSteps", o.warmupSteps ?? 0);
  return schedule({
    value: (k) => (k < w ? (eta0 * k) / w : eta0 / Math.sqrt(1 + (k - w) / tau)),
    phase: (k) => (k < w ? "warmup" : "decay"),
  });
}
