/** Cyclical learning rates (Smith, 2017) and the one-cycle policy (Smith & Topin, 2018). */
import { ArgumentError, inRange, oneOf, ordered, positive, positiveInt } from "../validate";
import { cosineBetween } from "./cosine";
import { schedule, type Phase, type Schedule } from "./schedule";

/** Modes of the cyclic schedule: constant amplitude, amplitude halved each cycle, or scaled by γ^k. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/**
 * Cyclic LR: a triangle wave between `base` and `max`, rising for `stepSizeUp` steps and falling
 * for `stepSizeDown` (default: the same). The amplitude is scaled per mode: 1 (triangular),
 * 1/2^(cycle−1) (triangular2), or γ^k (exp_range). Momentum cycles inversely between
 * `maxMomentum` (at the LR's base) and `baseMomentum` (at its peak). Values equal PyTorch's
 * `CyclicLR` after k calls to `scheduler.step()`.
 */
export function cyclic(o: {
  base: number;
  max: number;
  stepSizeUp: number;
  stepSizeDown?: number;
  mode?: CyclicMode;
  gamma?: number;
  baseMomentum?: number;
  maxMomentum?: number;
}): Schedule {
  const base = positive("base", o.base);
  const max = positive("max", o.max);
  ordered("base", base, "max", max);
  const up = positiveInt("stepSizeUp", o.stepSizeUp);
  const down = positiveInt("stepSizeDown", o.stepSizeDown ?? up);
  const mode = oneOf("mode", o.mode ?? "triangular", ["triangular", "triangular2", "exp_range"] as const);
  const gamma = inRange("gamma", o.gamma ?? 1, 0, 1, { lo: true });
  const mBase = inRange("baseMomentum", o.baseMomentum ?? 0.8, 0, 1);
  const mMax = inRange("maxMomentum", o.maxMomentum ?? 0.9, 0, 1);
  ordered("baseMomentum", mBase, "maxMomentum", mMax);
  const size = up + down;
  const ratio = up / size;
  const position = (k: number) => {
    const cycle = Math.floor(1 + k / size);
    const x = 1 + k / size - cycle;
    return { cycle, rising: x <= ratio, height: x <= ratio ? x / ratio : (x - 1) / (ratio - 1) };
  };
  const amplitude = (k: number, cycle: number) =>
    mode === "triangular" ? 1 : mode === "triangular2" ? 1 / 2 ** (cycle - 1) : gamma ** k;
  return schedule({
    value: (k) => {
      const p = position(k);
      return base + (max - base) * p.height * amplitude(k, p.cycle);
    },
    momentum: (k) => {
      const p = position(k);
      return mMax - (mMax - mBase) * p.height * amplitude(k, p.cycle);
    },
    phase: (k) => (position(k).rising ? "increase" : "decay"),
  });
}

/**
 * One-cycle policy. Two phases (default): the LR rises from η_max/div to η_max over the first
 * `pctStart`·T steps, then anneals to η_max/(div·finalDiv) at step T; momentum moves inversely,
 * from `maxMomentum` down to `baseMomentum` at the LR's peak and back up to `maxMomentum`. With
 * `threePhase`, the LR comes back down to η_max/div over a second equal span, then anneals to the
 * final value over the rest while momentum stays at its maximum. `anneal` is "cos" or "linear".
 *
 * Convention: the peak is at step pctStart·T and the final value at step T (the course's
 * "a schedule of length T ends at step T"). PyTorch's `OneCycleLR` puts them one step earlier
 * (pctStart·T − 1 and T − 1) and raises past T; here steps past T hold the final value.
 */
export function oneCycle(o: {
  maxLr: number;
  totalSteps: number;
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
  anneal?: "cos" | "linear";
  threePhase?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}): Schedule {
  const max = positive("maxLr", o.maxLr);
  const T = positiveInt("totalSteps", o.totalSteps);
  const three = o.threePhase ?? false;
  const pct = inRange("pctStart", o.pctStart ?? 0.3, 0, three ? 0.5 : 1, { lo: true, hi: true });
  const div = positive("divFactor", o.divFactor ?? 25);
  const finalDiv = positive("finalDivFactor", o.finalDivFactor ?? 1e4);
  const anneal = oneOf("anneal", o.anneal ?? "cos", ["cos", "linear"] as const);
  const mBase = inRange("baseMomentum", o.baseMomentum ?? 0.85, 0, 1);
  const mMax = inRange("maxMomentum", o.maxMomentum ?? 0.95, 0, 1);
  ordered("baseMomentum", mBase, "maxMomentum", mMax);
  const peak = pct * T;
  if (peak < 1) throw new ArgumentError("pctStart", pct, `a value with pctStart·totalSteps ≥ 1 (totalSteps = ${T})`);
  const initial = max / div;
  const final = initial / finalDiv;
  const interp = (from: number, to: number, x: number) =>
    anneal === "cos" ? cosineBetween(from, to, x) : from + (to - from) * x;
  // Each phase: [start step, end step, lr from, lr to, momentum from, momentum to, label].
  type Seg = [number, number, number, number, number, number, Phase];
  const segs: Seg[] = three
    ? [
        [0, peak, initial, max, mMax, mBase, "warmup"],
        [peak, 2 * peak, max, initial, mBase, mMax, "anneal"],
        [2 * peak, T, initial, final, mMax, mMax, "cooldown"],
      ]
    : [
        [0, peak, initial, max, mMax, mBase, "warmup"],
        [peak, T, max, final, mBase, mMax, "anneal"],
      ];
  const segOf = (k: number): Seg => {
    let i = 0;
    while (i < segs.length - 1 && k >= segs[i]![1]) i++;
    return segs[i]!;
  };
  const at = (g: Seg, k: number) => Math.min(1, (k - g[0]) / (g[1] - g[0]));
  return schedule({
    value: (k) => {
      const g = segOf(k);
      return interp(g[2], g[3], at(g, k));
    },
    momentum: (k) => {
      const g = segOf(k);
      return interp(g[4], g[5], at(g, k));
    },
    phase: (k) => segOf(k)[6],
    totalSteps: T,
  });
}
