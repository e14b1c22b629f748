/**
 * Iterate averaging: keep, beside the optimizer's own iterates θ_k, an average of them, and
 * evaluate the average. Three rules:
 *
 * - uniform (Polyak–Ruppert): θ̄ = the equal-weight mean of θ_k for k ≥ start,
 *   θ̄_n = θ̄_{n−1} + (θ − θ̄_{n−1})/n;
 * - EMA: θ̄ ← δ θ̄ + (1 − δ) θ, started at the first observed θ (as PyTorch's
 *   `get_ema_multi_avg_fn` and timm's ModelEma, which copy the model first);
 * - SWA (Izmailov et al. 2018, Algorithm 1): the equal-weight mean of the iterates sampled every
 *   c steps from `start` on, θ_SWA ← (θ_SWA · n + θ)/(n + 1), typically with a constant or cyclic
 *   LR in that phase. It is `uniform` with `every: c`.
 *
 * Steps are those of the training loop: `observe(k, θ)` with θ the parameters after update k
 * (k = 0, 1, …), i.e. θ_{k+1}; pass `TrainResult.iterates` to `averageIterates` to average a
 * recorded run (its entry j is θ after j updates, j = 0 being the start, which is not averaged).
 */
import { ArgumentError, integer, inRange, oneOf, optionsObject, knownKeys, positiveInt } from "../validate";

/** Options of `IterateAverage`. */
export interface AverageOptions {
  /** "uniform" (Polyak–Ruppert, SWA) or "ema". */
  kind: "uniform" | "ema";
  /** EMA decay δ in [0, 1) (required for "ema"; 0.99–0.9999 are common). */
  decay?: number;
  /** First step k whose iterate is averaged (default 0). */
  start?: number;
  /** Average every c-th step from `start` on: k = start, start + c, … (default 1). */
  every?: number;
}

/** A running average of parameter vectors: `observe(k, θ)` after each update, read `value`. */
export class IterateAverage {
  readonly kind: "uniform" | "ema";
  readonly decay: number;
  readonly start: number;
  readonly every: number;
  /** The average (length of the first observed θ; empty before it). */
  value: Float64Array = new Float64Array(0);
  /** Number of iterates averaged so far. */
  count = 0;

  constructor(options: AverageOptions) {
    const o = optionsObject("averaging options", options);
    knownKeys("IterateAverage", o, ["kind", "decay", "start", "every"]);
    this.kind = oneOf("kind", o.kind, ["uniform", "ema"] as const);
    if (this.kind === "ema") {
      if (o.decay === undefined) throw new ArgumentError("decay", undefined, "a number in [0, 1) for kind \"ema\"");
      this.decay = inRange("decay", o.decay, 0, 1, { hi: true });
    } else {
      if (o.decay !== undefined) throw new ArgumentError("decay", o.decay, "no decay for kind \"uniform\" (use kind \"ema\")");
      this.decay = NaN;
    }
    this.start = integer("start", o.start ?? 0);
    this.every = positiveInt("every", o.every ?? 1);
  }

  /** Whether step k's iterate enters the average. */
  takes(k: number): boolean {
    return k >= this.start && (k - this.start) % this.every === 0;
  }

  /** Folds θ (the parameters after update k) into the average if step k is sampled; returns whether it was. */
  observe(k: number, theta: Float64Array): boolean {
    integer("k", k);
    if (!(theta instanceof Float64Array)) throw new ArgumentError("theta", theta, "a Float64Array of parameters");
    if (!this.takes(k)) return false;
    if (this.count === 0) {
      this.value = Float64Array.from(theta);
      this.count = 1;
      return true;
    }
    if (theta.length !== this.value.length) throw new ArgumentError("theta.length", theta.length, `${this.value.length} (the length of the first iterate averaged)`);
    const a = this.value;
    if (this.kind === "ema") {
      const d = this.decay;
      for (let i = 0; i < a.length; i++) a[i] = d * a[i]! + (1 - d) * theta[i]!;
    } else {
      const w = 1 / (this.count + 1);
      for (let i = 0; i < a.length; i++) a[i] = a[i]! + w * (theta[i]! - a[i]!);
    }
    this.count++;
    return true;
  }
}

/** Polyak–Ruppert averaging: the equal-weight mean of the iterates from step `start` on. */
export function polyakAverage(start = 0): IterateAverage {
  return new IterateAverage({ kind: "uniform", start });
}

/** An exponential moving average of the iterates with decay δ, from step `start` on. */
export function emaAverage(decay: number, start = 0): IterateAverage {
  return new IterateAverage({ kind: "ema", decay, start });
}

/** SWA (Izmailov et al. 2018): the equal-weight mean of the iterates at steps start, start + every, …. */
export function swaAverage(start: number, every: number): IterateAverage {
  return new IterateAverage({ kind: "uniform", start, every });
}

/**
 * The average of a recorded run: `iterates[j]` is θ after j updates (`TrainResult.iterates`,
 * j = 0 the start); step k's iterate is `iterates[k + 1]`. Throws if no iterate is sampled.
 */
export function averageIterates(iterates: readonly Float64Array[], options: AverageOptions): Float64Array {
  if (!Array.isArray(iterates) || iterates.length < 2) throw new ArgumentError("iterates", Array.isArray(iterates) ? `${iterates.length} iterates` : iterates, "a recorded run with at least one update (train({ recordParams: true }).iterates)");
  const avg = new IterateAverage(options);
  for (let k = 0; k + 1 < iterates.length; k++) avg.observe(k, iterates[k + 1]!);
  if (avg.count === 0) throw new ArgumentError("options.start", avg.start, `a step before the end of the run (${iterates.length - 1} updates)`);
  return avg.value;
}
