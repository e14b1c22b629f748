/**
 * The schedule kinds as data: each kind's options (one name per meaning across kinds: `peak` is
 * the top LR, `end` the value a decay ends at, `start` the first warmup value, `totalSteps` the
 * schedule's length), their defaults and docs, and where the kind differs from PyTorch. The
 * builders, the JSON spec (`spec.ts`) and the command line all read their option names from here.
 */
import { ArgumentError, closest, optionsObject, UnknownKeyError } from "../validate";
import type { KindSpec, Schedule } from "./schedule";

/** How an option's value is typed: in a spec, and when read from a command-line flag. */
export type OptionType = "number" | "int" | "string" | "bool" | "list";

/** One option of a kind: its type, its default, a short description; `optional` marks one of an either-or pair. */
export interface OptionSpec {
  type: OptionType;
  default?: number | string | boolean;
  optional?: boolean;
  doc: string;
}

/** A schedule kind: what it computes, its options, older option names, and how it compares with PyTorch. */
export interface KindInfo {
  doc: string;
  /** Where the kind's convention or values differ from PyTorch's (shown by `--help`). */
  pytorch: string;
  options: Record<string, OptionSpec>;
  /** Option names the library took before the names were unified (old → current); accepted in code only. */
  renamed?: Record<string, string>;
}

const num = (doc: string, d?: number): OptionSpec => ({ type: "number", doc, ...(d !== undefined ? { default: d } : {}) });
const int = (doc: string, d?: number): OptionSpec => ({ type: "int", doc, ...(d !== undefined ? { default: d } : {}) });
const str = (doc: string, d: string): OptionSpec => ({ type: "string", doc, default: d });
const flag = (doc: string): OptionSpec => ({ type: "bool", doc, default: false });
const list = (doc: string): OptionSpec => ({ type: "list", doc });
const either = (spec: OptionSpec): OptionSpec => ({ ...spec, optional: true });

const peak = num("the top LR");
const totalSteps = int("T, the schedule's length");
const begin = int("steps holding peak before the decay begins (optax's transition_begin)", 0);

/** Every schedule kind, by name (the spec's `kind` and the command line's first argument). */
export const KINDS = {
  constant: {
    doc: "η(k) = value",
    pytorch: "a fixed LR (optax's constant_schedule); PyTorch's ConstantLR is a temporary factor instead",
    options: { value: num("the learning rate") },
  },
  step: {
    doc: "peak·γ^⌊k/S⌋",
    pytorch: "same values as StepLR(step_size=S, gamma=γ) after k calls to scheduler.step()",
    options: { peak, stepSize: int("S, steps between drops"), gamma: num("γ, factor per drop", 0.1) },
    renamed: { initial: "peak" },
  },
  multistep: {
    doc: "peak·γ^(number of milestones ≤ k)",
    pytorch: "same values as MultiStepLR(milestones, gamma) after k calls to scheduler.step()",
    options: { peak, milestones: list("comma-separated steps, increasing"), gamma: num("γ", 0.1) },
    renamed: { initial: "peak" },
  },
  "piecewise-constant": {
    doc: "initial × the product of the scales whose boundary is ≤ k",
    pytorch: "no PyTorch scheduler (MultiStepLR has one γ for every milestone); optax's piecewise_constant_schedule, whose code scales from step b on (its docstring says after b)",
    options: { initial: num("the LR before the first boundary"), boundaries: list("comma-separated steps, increasing"), scales: list("comma-separated factors ≥ 0, one per boundary") },
  },
  exponential: {
    doc: "peak·exp(−λ·(k − B)/transitionSteps) after B steps at peak, never below end; give --rate λ or --gamma",
    pytorch: "with --gamma and --transition-steps 1, ExponentialLR; transition-begin, staircase and end are optax's exponential_decay",
    options: {
      peak,
      rate: either(num("λ, continuous rate (or --gamma)")),
      gamma: either(num("factor per transition (or --rate)")),
      transitionSteps: int("steps per transition", 1),
      transitionBegin: begin,
      staircase: flag("floor (k − B)/transitionSteps"),
      end: num("lower bound", 0),
    },
    renamed: { initial: "peak" },
  },
  polynomial: {
    doc: "(peak − end)(1 − (k − B)/(T − B))^power + end, after B steps at peak",
    pytorch: "PyTorch's PolynomialLR decays to 0 (no end, no delay); optax's polynomial_schedule with transition_steps = T − B",
    options: { peak, end: num("final value", 0), power: num("p", 1), totalSteps, transitionBegin: begin },
    renamed: { initial: "peak" },
  },
  linear: {
    doc: "linear decay from peak to end over steps B…T",
    pytorch: "PyTorch's LinearLR scales by factors from start_factor to end_factor; here the values are absolute (optax's linear_schedule)",
    options: { peak, end: num("final value", 0), totalSteps, transitionBegin: begin },
    renamed: { initial: "peak" },
  },
  "inverse-sqrt": {
    doc: "peak/√(1 + (k − w)/τ) after a linear warmup of w steps",
    pytorch: "no PyTorch scheduler; Hugging Face's get_inverse_sqrt_schedule",
    options: { peak, timescale: num("τ"), warmupSteps: int("w", 0) },
    renamed: { initial: "peak" },
  },
  cosine: {
    doc: "end + (peak − end)(½(1 + cos(π·min(k, T)/T)))^exponent",
    pytorch: "CosineAnnealingLR(T_max=T, eta_min=end) follows the cosine past T and rises again; here end holds after T (optax's cosine_decay_schedule, whose exponent this is)",
    options: { peak, end: num("final value", 0), totalSteps, exponent: num("p, applied to the cosine factor", 1) },
    renamed: { max: "peak", min: "end" },
  },
  "cosine-restarts": {
    doc: "SGDR: cosine cycles of cycleSteps·cycleMult^i steps, peaks scaled by peakDecay^i",
    pytorch: "CosineAnnealingWarmRestarts(T_0=cycle-steps, T_mult=cycle-mult, eta_min=end); peak-decay has no PyTorch counterpart",
    options: { peak, end: num("value at each cycle's end", 0), cycleSteps: int("length of the first cycle"), cycleMult: int("cycle growth factor", 1), peakDecay: num("peak factor per cycle", 1) },
    renamed: { max: "peak", min: "end", T0: "cycleSteps", Tmult: "cycleMult" },
  },
  cyclic: {
    doc: "triangle wave between base and peak, with inverse momentum",
    pytorch: "same values as CyclicLR(base_lr=base, max_lr=peak, …) after k calls to scheduler.step()",
    options: {
      base: num("lowest LR"),
      peak,
      stepSizeUp: int("steps rising"),
      stepSizeDown: either(int("steps falling (default: stepSizeUp)")),
      mode: str("triangular | triangular2 | exp_range", "triangular"),
      gamma: num("exp_range factor per step", 1),
      baseMomentum: num("momentum at the LR's peak", 0.8),
      maxMomentum: num("momentum at the LR's base", 0.9),
    },
    renamed: { max: "peak" },
  },
  "one-cycle": {
    doc: "one-cycle policy with inverse momentum",
    pytorch: "the peak is at step pctStart·T and the final value at step T; PyTorch's OneCycleLR puts them one step earlier (pct_start·T − 1 and T − 1) and raises an error past T, where this holds the final value",
    options: {
      peak,
      totalSteps,
      pctStart: num("fraction of T rising", 0.3),
      divFactor: num("peak / initial LR", 25),
      finalDivFactor: num("initial LR / final LR", 1e4),
      anneal: str("cos | linear", "cos"),
      threePhase: flag("fastai-style three phases"),
      baseMomentum: num("momentum at the LR's peak", 0.85),
      maxMomentum: num("momentum at the ends", 0.95),
    },
    renamed: { maxLr: "peak" },
  },
  "warmup-cosine": {
    doc: "linear warmup from start to peak, then cosine decay to end at step T (the standard LLM schedule)",
    pytorch: "no single PyTorch scheduler; Hugging Face's get_cosine_schedule_with_warmup, optax's warmup_cosine_decay_schedule (decay_steps = T)",
    options: {
      peak,
      totalSteps: int("T, including warmup"),
      warmupSteps: either(int("warmup steps (or --warmup-ratio)")),
      warmupRatio: either(num("warmup as a fraction of T (or --warmup-steps)")),
      end: num("final value", 0),
      start: num("first warmup value", 0),
      exponent: num("p, applied to the cosine factor", 1),
    },
  },
  wsd: {
    doc: "warmup-stable-decay with a linear, cosine or 1-sqrt cooldown",
    pytorch: "no PyTorch scheduler",
    options: {
      peak,
      warmupSteps: int("warmup steps"),
      stableSteps: int("steps at the peak"),
      decaySteps: int("cooldown steps"),
      shape: str("linear | cosine | 1-sqrt", "linear"),
      end: num("final value", 0),
      start: num("first warmup value", 0),
    },
    renamed: { floor: "end" },
  },
} satisfies Record<string, KindInfo>;

/** The name of a schedule kind. */
export type KindName = keyof typeof KINDS;

/** The kind's info, typed as the general `KindInfo`. */
export function kindInfo(kind: KindName): KindInfo {
  return KINDS[kind];
}

/**
 * Runs a builder on its options: rejects keys the kind does not take (suggesting the closest),
 * maps the older names in `renamed` to the current ones (both at once is an error) and drops
 * undefined values; `make` receives the options under their current names. An argument error
 * from `make` names the option as the caller spelled it (`max` when the caller passed `max`).
 */
export function build(kind: KindName, options: unknown, make: (o: Record<string, unknown>) => Schedule): Schedule {
  const info = kindInfo(kind);
  const given = optionsObject(`${kind} options`, options);
  const renamed = info.renamed ?? {};
  const valid = Object.keys(info.options);
  const o: Record<string, unknown> = {};
  const spelled: Record<string, string> = {};
  for (const [key, v] of Object.entries(given)) {
    if (!valid.includes(key) && !(key in renamed)) throw new UnknownKeyError(key, kind, valid, closest(key, valid));
    if (v === undefined) continue;
    const name = renamed[key] ?? key;
    if (name in o) {
      const old = key !== name ? key : spelled[name]!;
      throw new ArgumentError(old, given[old], `only one of ${old} and ${name} (${old} is the older name of ${name})`);
    }
    o[name] = Array.isArray(v) ? [...v] : v;
    if (name !== key) spelled[name] = key;
  }
  if (Object.keys(spelled).length === 0) return make(o);
  try {
    return make(o);
  } catch (e) {
    if (!(e instanceof ArgumentError) || e instanceof UnknownKeyError) throw e;
    const as = (name: string) => spelled[name] ?? name;
    const argument = e.argument.replace(/^[A-Za-z0-9]+/, as);
    throw new ArgumentError(argument, e.value, e.expected.replace(/\b([A-Za-z][A-Za-z0-9]*)(?= = )/g, as));
  }
}

/** The spec of a kind, from its options under their current names. */
export function kindSpec(kind: KindName, o: Record<string, unknown>): KindSpec {
  return { kind, ...o } as KindSpec;
}
