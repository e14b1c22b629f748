/**
 * The schedule type every part of the course shares.
 *
 * Convention (as in optax and Hugging Face): a schedule is evaluated at the 0-based count of updates
 * already taken, so `s(k)` is the learning rate used for update k. PyTorch schedulers count
 * `last_epoch` from the same origin but *after* `scheduler.step()`; the value PyTorch reports after
 * k calls to `step()` is our `s(k)`.
 */
import { ArgumentError, integer } from "../validate";
import type { KindName } from "./kinds";

/** The phase a step belongs to, used to label and shade plots. */
export type Phase =
  | "constant"
  | "warmup"
  | "stable"
  | "decay"
  | "anneal"
  | "restart"
  | "increase"
  | "cooldown"
  | "rewind"
  | "plateau";

/**
 * A learning-rate schedule: a pure function of the 0-based step, plus its phase labels, its
 * length and, for schedules that prescribe one (cyclic, one-cycle), a paired momentum.
 */
export interface Schedule {
  /** The learning rate for update `step` (an integer ≥ 0). */
  (step: number): number;
  /** The phase label of `step`. */
  readonly phase: (step: number) => Phase;
  /** The momentum (β₁) paired with the LR at `step`, for schedules that cycle momentum. */
  readonly momentum?: (step: number) => number;
  /** Number of steps over which the schedule is defined; `Infinity` for open-ended ones. */
  readonly totalSteps: number;
  /** The JSON spec that rebuilds this schedule (`fromSpec`); absent for schedules made with `schedule` directly. */
  readonly spec?: ScheduleSpec;
}

/** A schedule kind with its options, under the names of `KINDS` (for example `{"kind": "cosine", "peak": 0.1, "totalSteps": 100}`). */
export type KindSpec = { kind: KindName } & { [option: string]: number | string | boolean | number[] };

/** Options of a warmup in a spec: `warmup`'s own (`steps`, or `ratio` with `totalSteps`; `start`). */
export interface WarmupSpec {
  steps?: number;
  ratio?: number;
  totalSteps?: number;
  start?: number;
}

/**
 * A schedule as JSON: a kind with its options, or a composition of specs — a linear warmup in
 * front of another schedule, schedules joined at step boundaries, a scaled schedule, a rewound
 * one, or one defined over tokens (see `fromSpec`).
 */
export type ScheduleSpec =
  | KindSpec
  | { warmup: WarmupSpec; then: ScheduleSpec }
  | { join: ScheduleSpec[]; boundaries: number[] }
  | { scale: number; of: ScheduleSpec }
  | { rewind: number; of: ScheduleSpec }
  | { fromTokens: number; of: ScheduleSpec };

/** Parts from which `schedule` builds a validated Schedule. */
export interface ScheduleParts {
  value: (step: number) => number;
  phase: Phase | ((step: number) => Phase);
  momentum?: (step: number) => number;
  totalSteps?: number;
  /** The spec that rebuilds the schedule, when it has one. */
  spec?: ScheduleSpec;
}

/** Throws unless `step` is an integer ≥ 0; returns it. */
function checkStep(step: number): number {
  if (!Number.isInteger(step) || step < 0) throw new ArgumentError("step", step, "an integer ≥ 0");
  return step;
}

/**
 * Builds a Schedule from its parts. The returned function checks that the step is an integer ≥ 0;
 * steps past `totalSteps` are passed through unchanged (each schedule documents what it does there).
 */
export function schedule(parts: ScheduleParts): Schedule {
  const { value, momentum } = parts;
  const phase = typeof parts.phase === "string" ? constantPhase(parts.phase) : parts.phase;
  const totalSteps = parts.totalSteps ?? Infinity;
  if (totalSteps !== Infinity) integer("totalSteps", totalSteps, 1);
  const s = (step: number) => value(checkStep(step));
  return Object.assign(s, {
    phase: (step: number) => phase(checkStep(step)),
    ...(momentum ? { momentum: (step: number) => momentum(checkStep(step)) } : {}),
    totalSteps,
    ...(parts.spec ? { spec: parts.spec } : {}),
  });
}

/** Gives a schedule that a builder has just made from another builder its own spec; returns it. */
export function withSpec(s: Schedule, spec: ScheduleSpec): Schedule {
  return Object.assign(s, { spec });
}

function constantPhase(p: Phase): (step: number) => Phase {
  return () => p;
}
