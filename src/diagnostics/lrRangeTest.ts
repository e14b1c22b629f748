/** The LR range test (Smith 2017): sweep the LR exponentially upward and read the loss curve. */
import type { Batch, Objective } from "../objectives/objective";
import type { Optimizer } from "../optim/optimizer";
import { schedule, type Schedule } from "../schedules/schedule";
import { ArgumentError, inRange, integer, positive } from "../validate";
import { train } from "../train/train";

/** Options of `lrRangeTest`. */
export interface LrRangeTestOptions {
  objective: Objective;
  /** Builds the optimizer to test, driven by the sweep's LR schedule. */
  optimizer: (lr: Schedule) => Optimizer;
  /** First LR of the sweep (default 1e-7). */
  minLr?: number;
  /** Last LR of the sweep (default 10). */
  maxLr?: number;
  /** Number of steps (default 100). */
  steps?: number;
  seed: number;
  /** Starting parameters (default `objective.init(seed)`). */
  params?: Float64Array;
  /** Minibatch of each step (default the full batch). */
  batches?: (step: number) => Batch;
  /** EMA factor of the smoothed loss (default 0.98, as fastai). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this multiple of its minimum (default 4, as fastai). */
  stopFactor?: number;
}

/** The sweep's record and the LRs it suggests. */
export interface LrRangeTestResult {
  /** LR of each step taken. */
  lr: Float64Array;
  /** Raw loss before each step. */
  loss: Float64Array;
  /** Bias-corrected EMA of the loss. */
  smoothed: Float64Array;
  /** LR where the smoothed loss falls fastest per unit of log LR (steepest descent). */
  steepest: number;
  /** LR at the smoothed loss's minimum, divided by 10 (fastai's "minimum" rule). */
  minimumOverTen: number;
  /** Last LR before the smoothed loss exceeded `stopFactor` × its minimum (or the last LR swept). */
  beforeDivergence: number;
  /** True when the sweep stopped because the loss blew up. */
  diverged: boolean;
}

/**
 * Runs Smith's LR range test: η_k = minLr·(maxLr/minLr)^(k/(steps−1)) from the starting point,
 * recording the loss, its bias-corrected EMA s_k = EMA_k/(1 − βᵏ⁺¹), and stopping when s_k exceeds
 * `stopFactor` × min s or the loss is non-finite. Suggests the steepest-descent LR (minimum of
 * ds/d ln η by central differences), the minimum-over-ten LR and the last LR before divergence.
 * One-cycle's max LR is usually picked between the steepest and the minimum LR.
 */
export function lrRangeTest(o: LrRangeTestOptions): LrRangeTestResult {
  const lo = positive("minLr", o.minLr ?? 1e-7);
  const hi = positive("maxLr", o.maxLr ?? 10);
  if (hi <= lo) throw new ArgumentError("maxLr", hi, `a value > minLr = ${lo}`);
  const T = integer("steps", o.steps ?? 100, 3);
  const beta = inRange("smoothing", o.smoothing ?? 0.98, 0, 1, { hi: true });
  const stopFactor = positive("stopFactor", o.stopFactor ?? 4);
  const ratio = Math.log(hi / lo);
  const sweep = schedule({ value: (k) => lo * Math.exp((ratio * Math.min(k, T - 1)) / (T - 1)), phase: "increase", totalSteps: T });
  const opt = o.optimizer(sweep);
  const run = train({
    objective: o.objective,
    optimizer: opt,
    steps: T,
    seed: o.seed,
    ...(o.params ? { params: o.params } : {}),
    ...(o.batches ? { batches: o.batches } : {}),
    divergenceFactor: Number.MAX_VALUE,
  });
  const lr = new Float64Array(run.steps);
  const smoothed = new Float64Array(run.steps);
  let avg = 0;
  let best = Infinity;
  let n = 0;
  let diverged = false;
  for (let k = 0; k < run.steps; k++) {
    const loss = run.loss[k]!;
    lr[k] = sweep(k);
    if (!Number.isFinite(loss)) {
      diverged = true;
      break;
    }
    avg = beta * avg + (1 - beta) * loss;
    const s = avg / (1 - Math.pow(beta, k + 1));
    smoothed[k] = s;
    n = k + 1;
    if (s > stopFactor * best) {
      diverged = true;
      break;
    }
    best = Math.min(best, s);
  }
  if (n < 3) throw new ArgumentError("minLr", lo, "an LR small enough that the first 3 steps stay finite");
  let iMin = 0;
  for (let k = 1; k < n; k++) if (smoothed[k]! < smoothed[iMin]!) iMin = k;
  // Steepest descent: the most negative ds/d(ln η), by central differences on a uniform ln η grid.
  const h = ratio / (T - 1);
  let iSteep = 1;
  let slope = Infinity;
  for (let k = 1; k < n - 1; k++) {
    const d = (smoothed[k + 1]! - smoothed[k - 1]!) / (2 * h);
    if (d < slope) {
      slope = d;
      iSteep = k;
    }
  }
  const last = diverged ? Math.max(0, n - 2) : n - 1;
  return {
    lr: lr.slice(0, n),
    loss: run.loss.slice(0, n),
    smoothed: smoothed.slice(0, n),
    steepest: lr[iSteep]!,
    minimumOverTen: lr[iMin]! / 10,
    beforeDivergence: lr[last]!,
    diverged,
  };
}
