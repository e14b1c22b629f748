/** Cosine annealing and cosine annealing with warm restarts (SGDR). */
import { inRange, integer, nonNegative, ordered, positive, positiveInt } from "../validate";
import { schedule, type Schedule } from "./schedule";

/** Half-cosine from `hi` (x = 0) to `lo` (x = 1): lo + ½(hi − lo)(1 + cos πx). */
export function cosineBetween(hi: number, lo: number, x: number): number {
  return lo + 0.5 * (hi - lo) * (1 + Math.cos(Math.PI * x));
}

/**
 * Cosine annealing: η(k) = η_min + ½(η_max − η_min)(1 + cos(π·min(k, T)/T)). It reaches η_min at
 * step T and stays there (as optax's `cosine_decay_schedule`). PyTorch's `CosineAnnealingLR`
 * instead keeps following the cosine past T, so its LR rises again.
 */
export function cosine(o: { max: number; min?: number; totalSteps: number }): Schedule {
  const max = positive("max", o.max);
  const min = nonNegative("min", o.min ?? 0);
  ordered("min", min, "max", max);
  const T = positiveInt("totalSteps", o.totalSteps);
  return schedule({ value: (k) => cosineBetween(max, min, Math.min(k, T) / T), phase: "decay", totalSteps: T });
}

/** Cycle index, start step and length of the cycle containing step k for SGDR cycle lengths T₀·r^i. */
export function restartCycle(k: number, T0: number, Tmult: number): { cycle: number; start: number; length: number } {
  if (Tmult === 1) {
    const cycle = Math.floor(k / T0);
    return { cycle, start: cycle * T0, length: T0 };
  }
  // Closed form from the geometric sum T₀(rⁱ − 1)/(r − 1) ≤ k, then corrected for rounding.
  let cycle = Math.floor(Math.log(1 + (k * (Tmult - 1)) / T0) / Math.log(Tmult));
  const startOf = (i: number) => (T0 * (Tmult ** i - 1)) / (Tmult - 1);
  while (cycle > 0 && startOf(cycle) > k) cycle--;
  while (startOf(cycle + 1) <= k) cycle++;
  return { cycle, start: startOf(cycle), length: T0 * Tmult ** cycle };
}

/**
 * Cosine annealing with warm restarts (Loshchilov & Hutter, SGDR): cycle i lasts T_i = T₀·r^i
 * steps (r = `Tmult`, an integer ≥ 1, as in PyTorch's `CosineAnnealingWarmRestarts`), and within
 * it η = η_min + ½(η_max·d^i − η_min)(1 + cos(π·t_cur/T_i)), where t_cur counts steps since the
 * cycle began and d = `peakDecay` optionally lowers each cycle's peak (1 = no decay). The step
 * where a new cycle begins is labelled "restart".
 */
export function cosineRestarts(o: { max: number; min?: number; T0: number; Tmult?: number; peakDecay?: number }): Schedule {
  const max = positive("max", o.max);
  const min = nonNegative("min", o.min ?? 0);
  ordered("min", min, "max", max);
  const T0 = positiveInt("T0", o.T0);
  const Tmult = integer("Tmult", o.Tmult ?? 1, 1);
  const d = inRange("peakDecay", o.peakDecay ?? 1, 0, 1, { lo: true });
  return schedule({
    value: (k) => {
      const c = restartCycle(k, T0, Tmult);
      return cosineBetween(Math.max(min, max * d ** c.cycle), min, (k - c.start) / c.length);
    },
    phase: (k) => {
      const c = restartCycle(k, T0, Tmult);
      return c.cycle > 0 && k === c.start ? "restart" : "decay";
    },
  });
}
