/** Cyclical learning rates (Smith, 2017) and the one-cycle policy (Smith & Topin, 2018). */
import { ArgumentError, bool, inRange, oneOf, ordered, positive, positiveInt } from "../validate";
import { build, kindSpec } from "./kinds";
import { schedule, type Phase, type Schedule } from "./schedule";

/** Modes of the cyclic schedule: constant amplitude, amplitude halved each cycle, or scaled by γ^k. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/** Options of `cyclic` (`max` is the older name of `peak`). */
export interface CyclicOptions {
  base: number;
  peak?: number;
  /** @deprecated the older name of `peak`. */
  max?: number;
  stepSizeUp: number;
  stepSizeDown?: number;
  mode?: CyclicMode;
  gamma?: number;
  baseMomentum?: number;
  maxMomentum?: number;
}

/**
 * Cyclic LR: a triangle wave between `base` and `peak`, rising for `stepSizeUp` steps and falling
 * for `stepSizeDown` (default: the same). The amplitude is scaled per mode: 1 (triangular),
 * 1/2^(cycle−1) (triangular2), or γ^k (exp_range). Momentum cycles inversely between
 * `maxMomentum` (at the LR's base) and `baseMomentum` (at its peak). Values equal PyTorch's
 * `CyclicLR` after k calls to `scheduler.step()`.
 */
export function cyclic(options: CyclicOptions): Schedule {
  return build("cyclic", options, (o) => {
    const base = positive("base", o.base);
    const max = positive("peak", o.peak);
    ordered("base", base, "peak", max);
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
      spec: kindSpec("cyclic", o),
    });
  });
}

/** Options of `oneCycle` (`maxLr` is the older name of `peak`). */
export interface OneCycleOptions {
  peak?: number;
  /** @deprecated the older name of `peak`. */
  maxLr?: number;
  totalSteps: number;
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
  anneal?: "cos" | "linear";
  threePhase?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}

/**
 * One-cycle policy. Two phases (default): the LR rises from peak/div to the peak over the first
 * `pctStart`·T steps, then anneals to peak/(div·finalDiv) at step T; momentum moves inversely,
 * from `maxMomentum` down to `baseMomentum` at the LR's peak and back up to `maxMomentum`. With
 * `threePhase`, the LR comes back down to peak/div over a second equal span, then anneals to the
 * final value over the rest while momentum stays at its maximum. `anneal` is "cos" or "linear".
 *
 * Convention: the peak is at step pctStart·T and the final value at step T (the course's
 * "a schedule of length T ends at step T"). PyTorch's `OneCycleLR` puts them one step earlier
 * (pctStart·T − 1 and T − 1) and raises past T; here steps past T hold the final value.
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  return build("one-cycle", options, (o) => {
    const max = positive("peak", o.peak);
    const T = positiveInt("totalSteps", o.totalSteps);
    const three = bool("threePhase", o.threePhase ?? false);
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
    /** One phase of the cycle: its steps [start, end) and what the LR and momentum do over it. */
    interface Leg {
      start: number;
      end: number;
      lr: [number, number];
      momentum: [number, number];
      phase: Phase;
    }
    const leg = (start: number, end: number, lr: [number, number], momentum: [number, number], phase: Phase): Leg => ({ start, end, lr, momentum, phase });
    const legs: Leg[] = three
      ? [
          leg(0, peak, [initial, max], [mMax, mBase], "warmup"),
          leg(peak, 2 * peak, [max, initial], [mBase, mMax], "anneal"),
          leg(2 * peak, T, [initial, final], [mMax, mMax], "cooldown"),
        ]
      : [leg(0, peak, [initial, max], [mMax, mBase], "warmup"), leg(peak, T, [max, final], [mBase, mMax], "anneal")];
    // The leg and the fraction x done of it, located once per step and shared by the LR, the
    // momentum and the phase label (sampling asks for all three at each step).
    const cos = anneal === "cos";
    let memoStep = -1;
    let memoLeg = legs[0]!;
    let memoX = 0;
    let memoCos = 1;
    const locate = (k: number): Leg => {
      if (k !== memoStep) {
        let i = 0;
        while (i < legs.length - 1 && k >= legs[i]!.end) i++;
        memoLeg = legs[i]!;
        memoX = Math.min(1, (k - memoLeg.start) / (memoLeg.end - memoLeg.start));
        if (cos) memoCos = Math.cos(Math.PI * memoX);
        memoStep = k;
      }
      return memoLeg;
    };
    // Half-cosine (as cosineBetween) with the cosine computed once per step, or linear.
    const interp = (ends: [number, number]) =>
      cos ? ends[1] + 0.5 * (ends[0] - ends[1]) * (1 + memoCos) : ends[0] + (ends[1] - ends[0]) * memoX;
    return schedule({
      value: (k) => interp(locate(k).lr),
      momentum: (k) => interp(locate(k).momentum),
      phase: (k) => locate(k).phase,
      totalSteps: T,
      spec: kindSpec("one-cycle", o),
    });
  });
}
