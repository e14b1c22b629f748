/** Cosine annealing and cosine annealing with warm restarts (SGDR). */
import { inRange, integer, nonNegative, ordered, positive, positiveInt } from "../validate";
import { build, kindSpec } from "./kinds";
import { schedule, type Schedule } from "./schedule";

/** Half-cosine from `hi` (x = 0) to `lo` (x = 1): lo + ½(hi − lo)(1 + cos πx). */
export function cosineBetween(hi: number, lo: number, x: number): number {
  return lo + 0.5 * (hi - lo) * (1 + Math.cos(Math.PI * x));
}

/** Options of `cosine`; `max` and `min` are the older names of `peak` and `end`. */
export type CosineOptions =
  | { peak: number; end?: number; totalSteps: number; exponent?: number }
  | { max: number; min?: number; totalSteps: number; exponent?: number };

/**
 * Cosine annealing: η(k) = end + (peak − end)·c^p with c = ½(1 + cos(π·min(k, T)/T)) and p =
 * `exponent` (default 1). It reaches `end` at step T and stays there: optax's
 * `cosine_decay_schedule(init_value = peak, decay_steps = T, alpha = end/peak, exponent = p)`.
 * PyTorch's `CosineAnnealingLR` (p = 1 only) keeps following the cosine past T, so its LR rises again.
 */
export function cosine(options: CosineOptions): Schedule {
  return build("cosine", options, (o) => {
    const max = positive("peak", o.peak);
    const min = nonNegative("end", o.end ?? 0);
    ordered("end", min, "peak", max);
    const T = positiveInt("totalSteps", o.totalSteps);
    const p = positive("exponent", o.exponent ?? 1);
    return schedule({
      value: p === 1 ? (k) => cosineBetween(max, min, Math.min(k, T) / T) : (k) => min + (max - min) * (0.5 * (1 + Math.cos((Math.PI * Math.min(k, T)) / T))) ** p,
      phase: "decay",
      totalSteps: T,
      spec: kindSpec("cosine", o),
    });
  });
}

/** Where SGDR's cycles lie: the cycle containing a step, and each cycle's start and length. */
interface RestartCycles {
  cycleOf(k: number): number;
  start(cycle: number): number;
  length(cycle: number): number;
}

/**
 * SGDR's cycles for lengths T₀·r^i. Cycle starts are the exact integers T₀(rⁱ − 1)/(r − 1),
 * tabulated once up to 2⁵³ (at most 54 cycles for r ≥ 2); the last cycle found is checked first,
 * so sampling consecutive steps costs O(1) per step.
 */
function restartCycles(T0: number, Tmult: number): RestartCycles {
  if (Tmult === 1) return { cycleOf: (k) => Math.floor(k / T0), start: (i) => i * T0, length: () => T0 };
  const starts = [0];
  const lengths = [T0];
  while (starts[starts.length - 1]! + lengths[lengths.length - 1]! <= Number.MAX_SAFE_INTEGER) {
    starts.push(starts[starts.length - 1]! + lengths[lengths.length - 1]!);
    lengths.push(lengths[lengths.length - 1]! * Tmult);
  }
  let last = 0;
  return {
    cycleOf(k) {
      if (starts[last]! <= k && k < starts[last]! + lengths[last]!) return last;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= k) lo = mid;
        else hi = mid - 1;
      }
      return (last = lo);
    },
    start: (i) => starts[i]!,
    length: (i) => lengths[i]!,
  };
}

/** Options of `cosineRestarts`; `max`, `min`, `T0` and `Tmult` are the older names of `peak`, `end`, `cycleSteps` and `cycleMult`. */
export type CosineRestartsOptions =
  | { peak: number; end?: number; cycleSteps: number; cycleMult?: number; peakDecay?: number }
  | { max: number; min?: number; T0: number; Tmult?: number; peakDecay?: number };

/**
 * Cosine annealing with warm restarts (Loshchilov & Hutter, SGDR): cycle i lasts T_i = T₀·r^i
 * steps (T₀ = `cycleSteps`, r = `cycleMult`, an integer ≥ 1, as PyTorch's
 * `CosineAnnealingWarmRestarts(T_0, T_mult)`), and within it
 * η = end + ½(peak·d^i − end)(1 + cos(π·t_cur/T_i)), where t_cur counts steps since the cycle
 * began and d = `peakDecay` optionally lowers each cycle's peak (1 = no decay). The step where a
 * new cycle begins is labelled "restart".
 */
export function cosineRestarts(options: CosineRestartsOptions): Schedule {
  return build("cosine-restarts", options, (o) => {
    const max = positive("peak", o.peak);
    const min = nonNegative("end", o.end ?? 0);
    ordered("end", min, "peak", max);
    const T0 = positiveInt("cycleSteps", o.cycleSteps);
    const Tmult = integer("cycleMult", o.cycleMult ?? 1, 1);
    const d = inRange("peakDecay", o.peakDecay ?? 1, 0, 1, { lo: true });
    const cycles = restartCycles(T0, Tmult);
    return schedule({
      value: (k) => {
        const i = cycles.cycleOf(k);
        const peak = d === 1 ? max : Math.max(min, max * d ** i);
        return cosineBetween(peak, min, (k - cycles.start(i)) / cycles.length(i));
      },
      phase: (k) => {
        const i = cycles.cycleOf(k);
        return i > 0 && k === cycles.start(i) ? "restart" : "decay";
      },
      spec: kindSpec("cosine-restarts", o),
    });
  });
}
