/** Reduce-on-plateau: the one schedule that depends on the metric, not only on the step. */
import { inRange, integer, knownKeys, nonNegative, oneOf, optionsObject, positive } from "../validate";

/** Saved state of a `ReduceOnPlateau`, plain JSON (`best` is null before the first metric). */
export interface PlateauState {
  lr: number;
  best: number | null;
  badSteps: number;
  cooldownLeft: number;
  calls: number;
}

/**
 * Lowers the LR by `factor` once the metric has not improved for more than `patience` calls,
 * then waits `cooldown` calls before counting again. Follows PyTorch's `ReduceLROnPlateau`
 * exactly: improvement is relative (`a < best·(1 − threshold)` in "min" mode) or absolute
 * (`a < best − threshold`), the LR never goes below `minLr`, and a reduction smaller than `eps`
 * is skipped. Call `step(metric)` once per evaluation; it returns the LR to use next.
 */
export class ReduceOnPlateau {
  private s: PlateauState;
  private readonly mode: "min" | "max";
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly thresholdMode: "rel" | "abs";
  private readonly cooldown: number;
  private readonly minLr: number;
  private readonly eps: number;

  constructor(o: {
    initial: number;
    mode?: "min" | "max";
    factor?: number;
    patience?: number;
    threshold?: number;
    thresholdMode?: "rel" | "abs";
    cooldown?: number;
    minLr?: number;
    eps?: number;
  }) {
    knownKeys("ReduceOnPlateau", optionsObject("ReduceOnPlateau options", o), ["initial", "mode", "factor", "patience", "threshold", "thresholdMode", "cooldown", "minLr", "eps"]);
    const lr = positive("initial", o.initial);
    this.mode = oneOf("mode", o.mode ?? "min", ["min", "max"] as const);
    this.factor = inRange("factor", o.factor ?? 0.1, 0, 1, { lo: true, hi: true });
    this.patience = integer("patience", o.patience ?? 10);
    this.threshold = nonNegative("threshold", o.threshold ?? 1e-4);
    this.thresholdMode = oneOf("thresholdMode", o.thresholdMode ?? "rel", ["rel", "abs"] as const);
    this.cooldown = integer("cooldown", o.cooldown ?? 0);
    this.minLr = nonNegative("minLr", o.minLr ?? 0);
    this.eps = nonNegative("eps", o.eps ?? 1e-8);
    this.s = { lr, best: null, badSteps: 0, cooldownLeft: 0, calls: 0 };
  }

  /** The current learning rate. */
  get lr(): number {
    return this.s.lr;
  }

  /** Records one evaluation of the metric and returns the (possibly reduced) learning rate. */
  step(metric: number): number {
    const s = this.s;
    if (!Number.isFinite(metric)) throw new RangeError(`metric = ${metric} is invalid: expected a finite number (check the loss for NaN before calling step)`);
    s.calls++;
    if (s.best === null || this.isBetter(metric, s.best)) {
      s.best = metric;
      s.badSteps = 0;
    } else {
      s.badSteps++;
    }
    if (s.cooldownLeft > 0) {
      s.cooldownLeft--;
      s.badSteps = 0;
    }
    if (s.badSteps > this.patience) {
      const next = Math.max(s.lr * this.factor, this.minLr);
      if (s.lr - next > this.eps) s.lr = next;
      s.cooldownLeft = this.cooldown;
      s.badSteps = 0;
    }
    return s.lr;
  }

  /** A JSON-serialisable copy of the state. */
  state(): PlateauState {
    return { ...this.s };
  }

  /** Restores a state saved by `state()`, so a resumed run continues exactly. */
  load(state: PlateauState): void {
    this.s = { ...state };
  }

  private isBetter(a: number, best: number): boolean {
    const t = this.threshold;
    if (this.mode === "min") return this.thresholdMode === "rel" ? a < best * (1 - t) : a < best - t;
    return this.thresholdMode === "rel" ? a > best * (1 + t) : a > best + t;
  }
}
