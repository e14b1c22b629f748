/** Sampling a schedule over a range of steps into typed arrays, with its phases as runs. */
import { ArgumentError, integer } from "../validate";
import type { Phase, Schedule } from "./schedule";

/** A maximal run of consecutive sampled steps with the same phase; `to` is inclusive. */
export interface PhaseRun {
  phase: Phase;
  from: number;
  to: number;
}

/** Values of a schedule at steps from, from + every, …, ≤ to. */
export interface Sampled {
  steps: Float64Array;
  lr: Float64Array;
  /** Present when the schedule prescribes a momentum. */
  momentum?: Float64Array;
  /** Phases as runs over the sampled steps, in order. */
  phases: PhaseRun[];
}

/** Samples `s` at steps from, from + every, … up to `to` inclusive. */
export function sample(s: Schedule, from: number, to: number, every = 1): Sampled {
  integer("from", from);
  integer("to", to);
  integer("every", every, 1);
  if (to < from) throw new ArgumentError("to", to, `an integer ≥ from = ${from}`);
  const n = Math.floor((to - from) / every) + 1;
  const steps = new Float64Array(n);
  const lr = new Float64Array(n);
  const momentum = s.momentum ? new Float64Array(n) : undefined;
  const phases: PhaseRun[] = [];
  let run: PhaseRun | undefined;
  for (let i = 0; i < n; i++) {
    const k = from + i * every;
    steps[i] = k;
    lr[i] = s(k);
    if (momentum) momentum[i] = s.momentum!(k);
    const p = s.phase(k);
    if (run && run.phase === p) run.to = k;
    else phases.push((run = { phase: p, from: k, to: k }));
  }
  return momentum ? { steps, lr, momentum, phases } : { steps, lr, phases };
}
