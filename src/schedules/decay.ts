/**
 * The classic decays: constant, step, multistep, piecewise-constant, exponential, polynomial,
 * linear and inverse-square-root. All follow the course convention: `s(k)` is the LR for update k
 * (0-based). Options are named as in `KINDS` (`kinds.ts`); the older names noted on each options
 * type still work in code.
 */
import { ArgumentError, bool, inRange, integer, nonNegative, positive, positiveInt } from "../validate";
import { build, kindSpec } from "./kinds";
import { schedule, type Schedule } from "./schedule";

/** η(k) = value for every step. */
export function constant(options: { value: number }): Schedule {
  return build("constant", options, (o) => {
    const v = nonNegative("value", o.value);
    return schedule({ value: () => v, phase: "constant", spec: kindSpec("constant", o) });
  });
}

/** Options of `stepDecay`; `initial` is the older name of `peak`. */
export type StepDecayOptions = { peak: number; stepSize: number; gamma?: number } | { initial: number; stepSize: number; gamma?: number };

/**
 * Step decay: η(k) = peak · γ^⌊k / S⌋. Same values as PyTorch's `StepLR(step_size=S, gamma=γ)`
 * after k calls to `scheduler.step()`.
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  return build("step", options, (o) => {
    const eta0 = positive("peak", o.peak);
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
      spec: kindSpec("step", o),
    });
  });
}

/** Options of `multistep`; `initial` is the older name of `peak`. */
export type MultistepOptions = { peak: number; milestones: number[]; gamma?: number } | { initial: number; milestones: number[]; gamma?: number };

/**
 * Multistep decay: η(k) = peak · γ^m(k), where m(k) counts the milestones ≤ k. Milestones are
 * strictly increasing integers ≥ 1 (PyTorch's `MultiStepLR`).
 */
export function multistep(options: MultistepOptions): Schedule {
  return build("multistep", options, (o) => {
    const eta0 = positive("peak", o.peak);
    const gamma = inRange("gamma", o.gamma ?? 0.1, 0, 1, { lo: true });
    const ms = steps("milestones", o.milestones, 1, false);
    return schedule({
      value: (k) => {
        let m = 0;
        while (m < ms.length && ms[m]! <= k) m++;
        return eta0 * gamma ** m;
      },
      phase: "decay",
      spec: kindSpec("multistep", o),
    });
  });
}

/** Strictly increasing integer steps ≥ `min`, as an array (empty allowed when `allowEmpty`). */
function steps(name: string, v: unknown, min: number, allowEmpty: boolean): number[] {
  if (!Array.isArray(v) || (!allowEmpty && v.length === 0)) throw new ArgumentError(name, v, `${allowEmpty ? "an" : "a non-empty"} array of increasing step indices`);
  v.forEach((m, i) => integer(`${name}[${i}]`, m, i === 0 ? min : v[i - 1]! + 1));
  return v as number[];
}

/**
 * Piecewise-constant schedule (optax's `piecewise_constant_schedule`): η(k) = initial · ∏ scales[i]
 * over the boundaries[i] ≤ k. Boundaries are strictly increasing integers ≥ 0, one scale ≥ 0 each;
 * scales may exceed 1. optax's code applies a scale from its boundary on (k ≥ b), as here; its
 * docstring says k > b. The values are products in boundary order, as optax multiplies them.
 */
export function piecewiseConstant(options: { initial: number; boundaries: number[]; scales: number[] }): Schedule {
  return build("piecewise-constant", options, (o) => {
    const initial = nonNegative("initial", o.initial);
    const bs = steps("boundaries", o.boundaries, 0, true);
    const sc = o.scales;
    if (!Array.isArray(sc) || sc.length !== bs.length) throw new ArgumentError("scales", sc, `an array of ${bs.length} factor(s), one per boundary`);
    const values = [initial];
    sc.forEach((f, i) => values.push(values[i]! * nonNegative(`scales[${i}]`, f)));
    return schedule({
      value: (k) => {
        let i = 0;
        while (i < bs.length && bs[i]! <= k) i++;
        return values[i]!;
      },
      phase: "constant",
      spec: kindSpec("piecewise-constant", o),
    });
  });
}

/** Options of `exponential` (`initial` is the older name of `peak`). */
export interface ExponentialOptions {
  peak?: number;
  /** @deprecated the older name of `peak`. */
  initial?: number;
  rate?: number;
  gamma?: number;
  transitionSteps?: number;
  transitionBegin?: number;
  staircase?: boolean;
  end?: number;
}

/**
 * Exponential decay: η(k) = peak for k ≤ B, then max(end, peak · exp(−λ·e)) with
 * e = (k − B) / transitionSteps, floored when `staircase`; B = `transitionBegin` (default 0),
 * `end` default 0. Give exactly one of `rate` (λ per transition, not per step unless
 * transitionSteps = 1) or `gamma` (the factor per transition, λ = −ln γ). With `transitionSteps = 1` and `gamma`, this is PyTorch's
 * `ExponentialLR`; with `gamma` it is optax's `exponential_decay(init_value = peak,
 * transition_steps, decay_rate = γ, transition_begin = B, staircase, end_value = end)` for γ ≤ 1.
 */
export function exponential(options: ExponentialOptions): Schedule {
  return build("exponential", options, (o) => {
    const eta0 = positive("peak", o.peak);
    if ((o.rate === undefined) === (o.gamma === undefined)) {
      throw new ArgumentError("rate/gamma", `${o.rate}/${o.gamma}`, "exactly one of rate (λ ≥ 0) or gamma (in (0, 1])");
    }
    const lambda = o.rate !== undefined ? nonNegative("rate", o.rate) : -Math.log(inRange("gamma", o.gamma, 0, 1, { lo: true }));
    const every = positiveInt("transitionSteps", o.transitionSteps ?? 1);
    const B = integer("transitionBegin", o.transitionBegin ?? 0);
    const stair = bool("staircase", o.staircase ?? false);
    const end = inRange("end", o.end ?? 0, 0, eta0);
    return schedule({
      value: (k) => {
        if (k <= B) return eta0;
        const e = (k - B) / every;
        const v = eta0 * Math.exp(-lambda * (stair ? Math.floor(e) : e));
        return v > end ? v : end;
      },
      phase: (k) => (k < B ? "stable" : "decay"),
      spec: kindSpec("exponential", o),
    });
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

/** Options of `polynomial` (`initial` is the older name of `peak`). */
export interface PolynomialOptions {
  peak?: number;
  /** @deprecated the older name of `peak`. */
  initial?: number;
  end?: number;
  power?: number;
  totalSteps: number;
  transitionBegin?: number;
}

/**
 * Polynomial decay: η(k) = peak for k < B, then (peak − end)·(1 − min(k − B, D)/D)^p + end with
 * D = T − B, holding `end` after step T (B = `transitionBegin`, default 0). This is optax's
 * `polynomial_schedule(init_value = peak, end_value = end, power = p, transition_steps = T − B,
 * transition_begin = B)`: here `totalSteps` is the whole schedule, delay included. PyTorch's
 * `PolynomialLR` decays to 0 and has neither an end value nor a delay.
 */
export function polynomial(options: PolynomialOptions): Schedule {
  return build("polynomial", options, (o) => decayFrom("polynomial", o, undefined));
}

/** Options of `linearDecay` (`initial` is the older name of `peak`). */
export type LinearDecayOptions = Omit<PolynomialOptions, "power">;

/** Linear decay from peak to end over steps B…T: polynomial decay with power 1 (optax's `linear_schedule`). */
export function linearDecay(options: LinearDecayOptions): Schedule {
  return build("linear", options, (o) => decayFrom("linear", o, 1));
}

/** Polynomial decay from read options, with the spec of `kind` (`power` fixed for linear decay). */
function decayFrom(kind: "polynomial" | "linear", o: Record<string, unknown>, power: number | undefined): Schedule {
  const eta0 = nonNegative("peak", o.peak);
  const end = inRange("end", o.end ?? 0, 0, eta0);
  const p = power ?? positive("power", o.power ?? 1);
  const T = positiveInt("totalSteps", o.totalSteps);
  const B = integer("transitionBegin", o.transitionBegin ?? 0, 0, T - 1);
  const D = T - B;
  return schedule({
    value: (k) => (k < B ? eta0 : (eta0 - end) * (1 - Math.min(k - B, D) / D) ** p + end),
    phase: (k) => (k < B ? "stable" : "decay"),
    totalSteps: T,
    spec: kindSpec(kind, o),
  });
}

/** Options of `inverseSqrt`; `initial` is the older name of `peak`. */
export type InverseSqrtOptions = { peak: number; timescale: number; warmupSteps?: number } | { initial: number; timescale: number; warmupSteps?: number };

/**
 * Inverse-square-root decay: η(k) = peak / √(1 + (k − w)/τ) for k ≥ w, after an optional linear
 * warmup peak·k/w for k < w. Continuous at k = w, where it equals the peak. This is Hugging Face's
 * `get_inverse_sqrt_schedule` with `timescale = τ`; the Transformer paper's form
 * d^−½·min(k^−½, k·w^−1.5) is the case τ = w, up to its 1-based step count.
 */
export function inverseSqrt(options: InverseSqrtOptions): Schedule {
  return build("inverse-sqrt", options, (o) => {
    const eta0 = positive("peak", o.peak);
    const tau = positive("timescale", o.timescale);
    const w = integer("warmupSteps", o.warmupSteps ?? 0);
    return schedule({
      value: (k) => (k < w ? (eta0 * k) / w : eta0 / Math.sqrt(1 + (k - w) / tau)),
      phase: (k) => (k < w ? "warmup" : "decay"),
      spec: kindSpec("inverse-sqrt", o),
    });
  });
}
