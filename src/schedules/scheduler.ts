/** A stateful scheduler over a pure schedule, with state to save and restore alongside the model. */
import { integer } from "../validate";
import type { Phase, Schedule } from "./schedule";

/** Saved state of a `Scheduler`: the number of updates already taken. */
export interface SchedulerState {
  step: number;
}

/**
 * Steps through a schedule the way a training loop does: read `lr` (and `momentum`) for the next
 * update, apply the update, call `step()`. Unlike PyTorch's schedulers, which mutate the
 * optimizer, this only reports values, and its whole state is the step count, so
 * `load(state())` resumes a run exactly.
 */
export class Scheduler {
  private k = 0;

  constructor(readonly schedule: Schedule) {}

  /** Updates taken so far: the index of the next update. */
  get stepCount(): number {
    return this.k;
  }

  /** The learning rate for the next update. */
  get lr(): number {
    return this.schedule(this.k);
  }

  /** The momentum for the next update, when the schedule prescribes one. */
  get momentum(): number | undefined {
    return this.schedule.momentum?.(this.k);
  }

  /** The phase of the next update. */
  get phase(): Phase {
    return this.schedule.phase(this.k);
  }

  /** Marks one update as taken; returns the learning rate for the next one. */
  step(): number {
    this.k++;
    return this.lr;
  }

  /** A JSON-serialisable copy of the state. */
  state(): SchedulerState {
    return { step: this.k };
  }

  /** Restores a state saved by `state()`. */
  load(state: SchedulerState): void {
    this.k = integer("state.step", state?.step);
  }
}
