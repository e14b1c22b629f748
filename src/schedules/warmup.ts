/** Linear warmup in front of any schedule, the standard warmup + cosine, and warmup-stable-decay. */
import { ArgumentError, inRange, integer, knownKeys, nonNegative, oneOf, optionsObject, ordered, positive, positiveInt } from "../validate";
import { cosine, cosineBetween } from "./cosine";
import { build, kindSpec } from "./kinds";
import { schedule, withSpec, type Schedule, type WarmupSpec } from "./schedule";

/** The options `warmup` takes. */
export const WARMUP_OPTIONS = ["steps", "ratio", "totalSteps", "start"] as const;

/**
 * Warmup length for a ratio of a run of `totalSteps` steps: ⌈ratio·T⌉ (Hugging Face's
 * `get_warmup_steps`). The ratio is in [0, 1) and the warmup must leave at least one step.
 */
export function warmupSteps(ratio: number, totalSteps: number): number {
  const r = inRange("warmupRatio", ratio, 0, 1, { hi: true });
  const T = positiveInt("totalSteps", totalSteps);
  const w = Math.ceil(r * T);
  if (w >= T) throw new ArgumentError("warmupRatio", r, `a ratio leaving at least one step after warmup of a ${T}-step run`);
  return w;
}

/**
 * Linear warmup of `steps` steps in front of `inner`: η(k) = start + (inner(0) − start)·k/w for
 * k < w, then inner(k − w). The inner schedule starts after the warmup, so a run of T steps with
 * w warmup steps needs an inner schedule of T − w steps (as in Hugging Face's
 * `get_cosine_schedule_with_warmup` and the lesson's worked example 2). Give `steps`, or `ratio`
 * with the run's `totalSteps` (then the inner schedule's length must be T − ⌈ratio·T⌉).
 */
export function warmup(inner: Schedule, options: WarmupSpec): Schedule {
  const o = optionsObject("warmup options", options) as WarmupSpec;
  knownKeys("warmup", o, WARMUP_OPTIONS);
  if ((o.steps === undefined) === (o.ratio === undefined)) {
    throw new ArgumentError("steps/ratio", `${o.steps}/${o.ratio}`, "exactly one of steps (an integer ≥ 1) or ratio (with totalSteps)");
  }
  let w: number;
  if (o.ratio !== undefined) {
    if (o.totalSteps === undefined) throw new ArgumentError("totalSteps", undefined, "the run length, required with ratio");
    w = warmupSteps(o.ratio, o.totalSteps);
    if (inner.totalSteps !== Infinity && inner.totalSteps !== o.totalSteps - w) {
      throw new ArgumentError(
        "inner.totalSteps",
        inner.totalSteps,
        `${o.totalSteps - w}: a ${o.totalSteps}-step run with ${w} warmup steps leaves ${o.totalSteps - w} steps for the inner schedule`,
      );
    }
  } else {
    w = positiveInt("steps", o.steps);
  }
  const peak = inner(0);
  const start = inRange("start", o.start ?? 0, 0, peak);
  return schedule({
    value: (k) => (k < w ? start + ((peak - start) * k) / w : inner(k - w)),
    phase: (k) => (k < w ? "warmup" : inner.phase(k - w)),
    ...(inner.momentum ? { momentum: (k: number) => inner.momentum!(Math.max(0, k - w)) } : {}),
    totalSteps: w + inner.totalSteps,
    ...(inner.spec ? { spec: { warmup: definedOnly(o), then: inner.spec } } : {}),
  });
}

/** A copy of `o` without its undefined entries (a spec holds only what was given). */
function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Options of `warmupCosine`. */
export interface WarmupCosineOptions {
  peak: number;
  totalSteps: number;
  warmupSteps?: number;
  warmupRatio?: number;
  end?: number;
  start?: number;
  exponent?: number;
}

/**
 * The standard LLM schedule: linear warmup from `start` (default 0) to `peak` over the first
 * warmup steps, then cosine decay to `end` (default 0) at step `totalSteps`, the cosine factor
 * raised to `exponent` (default 1). Give `warmupSteps` or `warmupRatio`. Equivalent to optax's
 * `warmup_cosine_decay_schedule` with `decay_steps = totalSteps`.
 */
export function warmupCosine(options: WarmupCosineOptions): Schedule {
  return build("warmup-cosine", options, (o) => {
    const T = positiveInt("totalSteps", o.totalSteps);
    if ((o.warmupSteps === undefined) === (o.warmupRatio === undefined)) {
      throw new ArgumentError("warmupSteps/warmupRatio", `${o.warmupSteps}/${o.warmupRatio}`, "exactly one of the two");
    }
    const w = o.warmupSteps !== undefined ? integer("warmupSteps", o.warmupSteps, 1, T - 1) : warmupSteps(o.warmupRatio as number, T);
    const decay = cosine({ peak: o.peak as number, end: (o.end ?? 0) as number, totalSteps: T - w, ...(o.exponent !== undefined ? { exponent: o.exponent as number } : {}) });
    const s = warmup(decay, { steps: w, ...(o.start !== undefined ? { start: o.start as number } : {}) });
    return withSpec(s, kindSpec("warmup-cosine", o));
  });
}

/** Shapes of the final decay ("cooldown") of warmup-stable-decay. */
export type CooldownShape = "linear" | "cosine" | "1-sqrt";

/** Fraction of the way from peak to floor after a fraction x ∈ [0, 1] of the cooldown, per shape. */
export function cooldownFraction(shape: CooldownShape, x: number): number {
  if (shape === "linear") return x;
  if (shape === "cosine") return 1 - cosineBetween(1, 0, x);
  return Math.sqrt(x);
}

/** Options of `wsd` (`floor` is the older name of `end`). */
export interface WsdOptions {
  peak: number;
  warmupSteps: number;
  stableSteps: number;
  decaySteps: number;
  shape?: CooldownShape;
  end?: number;
  /** @deprecated the older name of `end`. */
  floor?: number;
  start?: number;
}

/**
 * Warmup-stable-decay (WSD, "trapezoidal"): linear warmup from `start` to `peak` over
 * `warmupSteps`, hold `peak` for `stableSteps`, then cool down to `end` over `decaySteps` with
 * the given shape: linear, cosine, or 1−√ (η = end + (peak − end)(1 − √x), Hägele et al.
 * 2024), where x is the fraction of the cooldown done. Holds `end` after the end.
 */
export function wsd(options: WsdOptions): Schedule {
  return build("wsd", options, (o) => {
    const peak = positive("peak", o.peak);
    const w = integer("warmupSteps", o.warmupSteps);
    const s = integer("stableSteps", o.stableSteps);
    const d = positiveInt("decaySteps", o.decaySteps);
    const shape = oneOf("shape", o.shape ?? "linear", ["linear", "cosine", "1-sqrt"] as const);
    const floor = nonNegative("end", o.end ?? 0);
    ordered("end", floor, "peak", peak);
    const start = inRange("start", o.start ?? 0, 0, peak);
    return schedule({
      value: (k) => {
        if (k < w) return start + ((peak - start) * k) / w;
        if (k < w + s) return peak;
        return peak - (peak - floor) * cooldownFraction(shape, Math.min(1, (k - w - s) / d));
      },
      phase: (k) => (k < w ? "warmup" : k < w + s ? "stable" : "cooldown"),
      totalSteps: w + s + d,
      spec: kindSpec("wsd", o),
    });
  });
}
