/**
 * The schedule kinds the command line knows, with their options and defaults. Each kind's
 * `build` is the library function itself; the defaults here match the library's (a test checks).
 */
import * as S from "../schedules/index";
import type { Schedule } from "../schedules/index";

/** How an option's text is read. */
export type OptionType = "number" | "int" | "string" | "bool" | "list";

/** One option of a kind: its type, its default, a short description; `optional` marks one of an either-or pair. */
export interface OptionSpec {
  type: OptionType;
  default?: number | string | boolean;
  optional?: boolean;
  doc: string;
}

/** A schedule kind: what it is, its options (camelCase keys; --kebab-case on the command line). */
export interface Kind {
  doc: string;
  options: Record<string, OptionSpec>;
  build: (o: Record<string, unknown>) => Schedule;
}

const num = (doc: string, d?: number): OptionSpec => ({ type: "number", doc, ...(d !== undefined ? { default: d } : {}) });
const int = (doc: string, d?: number): OptionSpec => ({ type: "int", doc, ...(d !== undefined ? { default: d } : {}) });
const str = (doc: string, d: string): OptionSpec => ({ type: "string", doc, default: d });
const flag = (doc: string): OptionSpec => ({ type: "bool", doc, default: false });
const either = (spec: OptionSpec): OptionSpec => ({ ...spec, optional: true });

/** Every kind, by command-line name. */
export const kinds: Record<string, Kind> = {
  constant: { doc: "η(k) = value", options: { value: num("the learning rate") }, build: (o) => S.constant(o as never) },
  step: {
    doc: "η₀·γ^⌊k/S⌋",
    options: { initial: num("η₀"), stepSize: int("S, steps between drops"), gamma: num("γ, factor per drop", 0.1) },
    build: (o) => S.stepDecay(o as never),
  },
  multistep: {
    doc: "η₀·γ^(milestones ≤ k)",
    options: { initial: num("η₀"), milestones: { type: "list", doc: "comma-separated steps, increasing" }, gamma: num("γ", 0.1) },
    build: (o) => S.multistep(o as never),
  },
  exponential: {
    doc: "η₀·exp(−λ·k/transitionSteps); give --rate λ or --gamma",
    options: {
      initial: num("η₀"),
      rate: either(num("λ, continuous rate (or --gamma)")),
      gamma: either(num("factor per transition (or --rate)")),
      transitionSteps: int("steps per transition", 1),
      staircase: flag("floor k/transitionSteps"),
    },
    build: (o) => S.exponential(o as never),
  },
  polynomial: {
    doc: "(η₀ − end)(1 − k/T)^power + end",
    options: { initial: num("η₀"), end: num("final value", 0), power: num("p", 1), totalSteps: int("T") },
    build: (o) => S.polynomial(o as never),
  },
  linear: {
    doc: "linear decay from η₀ to end over T steps",
    options: { initial: num("η₀"), end: num("final value", 0), totalSteps: int("T") },
    build: (o) => S.linearDecay(o as never),
  },
  "inverse-sqrt": {
    doc: "η₀/√(1 + (k − w)/τ) after a linear warmup of w steps",
    options: { initial: num("η₀"), timescale: num("τ"), warmupSteps: int("w", 0) },
    build: (o) => S.inverseSqrt(o as never),
  },
  cosine: {
    doc: "η_min + ½(η_max − η_min)(1 + cos(πk/T))",
    options: { max: num("η_max"), min: num("η_min", 0), totalSteps: int("T") },
    build: (o) => S.cosine(o as never),
  },
  "cosine-restarts": {
    doc: "SGDR: cosine cycles of T₀·Tmult^i steps, peaks scaled by peakDecay^i",
    options: { max: num("η_max"), min: num("η_min", 0), T0: int("first cycle length"), Tmult: int("cycle growth factor", 1), peakDecay: num("peak factor per cycle", 1) },
    build: (o) => S.cosineRestarts(o as never),
  },
  cyclic: {
    doc: "triangle wave between base and max, with inverse momentum",
    options: {
      base: num("lowest LR"),
      max: num("highest LR"),
      stepSizeUp: int("steps rising"),
      stepSizeDown: either(int("steps falling (default: stepSizeUp)")),
      mode: str("triangular | triangular2 | exp_range", "triangular"),
      gamma: num("exp_range factor per step", 1),
      baseMomentum: num("momentum at the LR's peak", 0.8),
      maxMomentum: num("momentum at the LR's base", 0.9),
    },
    build: (o) => S.cyclic(o as never),
  },
  "one-cycle": {
    doc: "one-cycle policy with inverse momentum",
    options: {
      maxLr: num("η_max"),
      totalSteps: int("T"),
      pctStart: num("fraction of T rising", 0.3),
      divFactor: num("η_max / initial LR", 25),
      finalDivFactor: num("initial LR / final LR", 1e4),
      anneal: str("cos | linear", "cos"),
      threePhase: flag("fastai-style three phases"),
      baseMomentum: num("momentum at the LR's peak", 0.85),
      maxMomentum: num("momentum at the ends", 0.95),
    },
    build: (o) => S.oneCycle(o as never),
  },
  "warmup-cosine": {
    doc: "linear warmup then cosine decay (the standard LLM schedule)",
    options: {
      peak: num("η_max"),
      totalSteps: int("T, including warmup"),
      warmupSteps: either(int("warmup steps (or --warmup-ratio)")),
      warmupRatio: either(num("warmup as a fraction of T (or --warmup-steps)")),
      end: num("final value", 0),
      start: num("first warmup value", 0),
    },
    build: (o) => S.warmupCosine(o as never),
  },
  wsd: {
    doc: "warmup-stable-decay with a linear, cosine or 1-sqrt cooldown",
    options: {
      peak: num("η_max"),
      warmupSteps: int("warmup steps"),
      stableSteps: int("steps at the peak"),
      decaySteps: int("cooldown steps"),
      shape: str("linear | cosine | 1-sqrt", "linear"),
      floor: num("final value", 0),
      start: num("first warmup value", 0),
    },
    build: (o) => S.wsd(o as never),
  },
};
