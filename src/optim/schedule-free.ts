/**
 * Schedule-free SGD and AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky 2024, "The Road
 * Less Scheduled"): momentum replaced by interpolation and averaging, no decaying schedule.
 *
 * Three sequences, with z₁ = x₁ = the starting point:
 *
 *   y_t     = (1 − β) z_t + β x_t                      (where the gradient is taken)
 *   z_{t+1} = z_t − γ_t ∇f(y_t)                        (a plain SGD step, or AdamW's normalised one)
 *   x_{t+1} = (1 − c_{t+1}) x_t + c_{t+1} z_{t+1}      (a running average of the z's)
 *
 * Which point is which: the optimizer's `params` hold y (`step` receives the gradient at y and
 * writes y_{t+1} back), so a training loop computes gradients at `params` as usual; the point to
 * EVALUATE (validation/test loss, the returned model) is x, written by `averaged(out)`.
 *
 * Averaging weights, c_{t+1} (option `weightLrPower`):
 * - default (null): c_{t+1} = 1/(t+1), the paper's equal-weight average of z₁ … z_{t+1}, starting
 *   point included (x₂ = ½(z₁ + z₂)).
 * - a power p: c_{t+1} = γ_t^p / Σ_{i=1}^{t} γ_i^p, the learning-rate-weighted form the paper gives
 *   for use with warmup (p = 2) and the authors' code uses (facebookresearch/schedule_free,
 *   `weight_lr_power`, default 2); the starting point gets no weight, so x₂ = z₂. (The code weights
 *   by the running maximum of γ, which is the same while γ does not decrease, e.g. warmup then
 *   constant; we use γ_t itself, as the paper's §4.3 writes it.)
 *
 * The LR γ_t = lr(k) · min(1, (k + 1)/warmupSteps) for update k = t − 1 (the code's linear warmup).
 */
import { ArgumentError, integer, nonNegative } from "../validate";
import { BaseOptimizer, beta as checkBeta, betas as checkBetas, learningRate, optimizerOptions, shapeSize, type LearningRate, type OptimizerState, type OptionValue, type ParamGroup, type Params, type Tensor } from "./optimizer";

/** Options shared by `scheduleFreeSgd` and `scheduleFreeAdamw`. */
interface ScheduleFreeCommon {
  /** Learning rate γ (constant, as the method intends; a Schedule is allowed). */
  lr?: LearningRate;
  /** Weight decay λ (default 0): SGD adds λy to the gradient; AdamW takes z ← z − γλy first. */
  weightDecay?: number;
  /** Linear warmup of γ over this many updates (default 0: none). */
  warmupSteps?: number;
  /** null (default): c_{t+1} = 1/(t+1); a number p ≥ 0: c_{t+1} = γ_t^p / Σ_{i≤t} γ_i^p. */
  weightLrPower?: number | null;
}

/** Options of `scheduleFreeSgd`. */
export interface ScheduleFreeSgdOptions extends ScheduleFreeCommon {
  /** Interpolation β between z (β = 0) and x (β = 1) for the gradient point y (default 0.9). */
  beta?: number;
}

/** Options of `scheduleFreeAdamw`. */
export interface ScheduleFreeAdamwOptions extends ScheduleFreeCommon {
  /** [β₁, β₂]: β₁ is the interpolation β, β₂ the second-moment decay (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** ε added to √v̂ (default 1e-8). */
  eps?: number;
}

const SGD_OPTIONS: Record<keyof ScheduleFreeSgdOptions, true> = { lr: true, beta: true, weightDecay: true, warmupSteps: true, weightLrPower: true };
const ADAMW_OPTIONS: Record<keyof ScheduleFreeAdamwOptions, true> = { lr: true, betas: true, eps: true, weightDecay: true, warmupSteps: true, weightLrPower: true };

/**
 * Schedule-free SGD (Defazio et al. 2024), as the authors' `SGDScheduleFreeReference`:
 *
 *   g ← ∇f(y_t) + λ y_t;   z ← z − γ_t g;   x ← (1 − c) x + c z;   y ← (1 − β) z + β x
 *
 * Defaults γ = 1 (the authors advise 10–50× a classical SGD rate; tune it), β = 0.9, λ = 0.
 * `params` hold y; evaluate at x (`averaged`).
 */
export function scheduleFreeSgd(options: ScheduleFreeSgdOptions = {}, groups?: readonly ParamGroup[]): ScheduleFree {
  const o = optimizerOptions("scheduleFreeSgd", options, SGD_OPTIONS);
  const b = checkBeta("beta", o.beta ?? 0.9);
  return new ScheduleFree("schedule-free-sgd", o, b, null, groups);
}

/**
 * Schedule-free AdamW (Defazio et al. 2024), as the authors' `AdamWScheduleFreeReference` (no
 * first moment: β₁ is the interpolation; the second moment is bias-corrected):
 *
 *   z ← z − γ_t λ y_t                                  (decoupled weight decay, taken at y)
 *   v ← β₂ v + (1 − β₂) g²,  g = ∇f(y_t);   v̂ = v / (1 − β₂ᵗ)
 *   z ← z − γ_t g / (√v̂ + ε);   x ← (1 − c) x + c z;   y ← (1 − β₁) z + β₁ x
 *
 * Defaults γ = 0.0025 (the authors'), β = (0.9, 0.999), ε = 1e-8, λ = 0. `params` hold y;
 * evaluate at x (`averaged`). The paper's Algorithm 1 differs: it leaves v uncorrected and folds
 * √(1 − β₂ᵗ) into γ_t (line 8), so there the correction also scales the weight decay and the
 * averaging weights c; the authors' code moved it into v̂ in version 1.3 (`AdamWScheduleFreePaper`
 * keeps the earlier form).
 */
export function scheduleFreeAdamw(options: ScheduleFreeAdamwOptions = {}, groups?: readonly ParamGroup[]): ScheduleFree {
  const o = optimizerOptions("scheduleFreeAdamw", options, ADAMW_OPTIONS);
  const [b1, b2] = checkBetas("betas", o.betas ?? [0.9, 0.999]);
  const eps = nonNegative("eps", o.eps ?? 1e-8);
  return new ScheduleFree("schedule-free-adamw", o, b1, { b2, eps }, groups);
}

/** The optimizer `scheduleFreeSgd` and `scheduleFreeAdamw` return; `averaged` gives the evaluation point x. */
export class ScheduleFree extends BaseOptimizer {
  readonly name: "schedule-free-sgd" | "schedule-free-adamw";
  private readonly beta: number;
  private readonly adam: { b2: number; eps: number } | null;
  private readonly warmup: number;
  private readonly power: number | null;
  /** Σ of the averaging weights so far (the starting point's weight 1 included when power is null). */
  private weightSum = 0;
  private c = 1;
  private gamma = 0;
  private warmFactor = 1;
  private bc2Sqrt = 1;

  constructor(name: "schedule-free-sgd" | "schedule-free-adamw", o: ScheduleFreeCommon, beta: number, adam: { b2: number; eps: number } | null, groups: readonly ParamGroup[] | undefined) {
    super(learningRate("lr", o.lr ?? (adam ? 0.0025 : 1)), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.name = name;
    this.beta = beta;
    this.adam = adam;
    this.warmup = integer("warmupSteps", o.warmupSteps ?? 0);
    const p = o.weightLrPower ?? null;
    this.power = p === null ? null : nonNegative("weightLrPower", p);
    this.resetWeights(0);
  }

  protected config(): Record<string, OptionValue> {
    const c: Record<string, OptionValue> = { beta: this.beta, weightDecay: this.weightDecay, warmupSteps: this.warmup, weightLrPower: this.power ?? "uniform" };
    if (this.adam) Object.assign(c, { beta2: this.adam.b2, eps: this.adam.eps });
    return c;
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    return { z: n, x: n, v: this.adam ? n : 0 };
  }

  /** γ_k: the scheduled LR of update k times the linear warmup factor. */
  private gammaAt(k: number): number {
    return this.lrAt(k) * this.warmupFactor(k);
  }

  /** min(1, (k + 1)/warmupSteps), or 1 without warmup. */
  private warmupFactor(k: number): number {
    return this.warmup > 0 && k < this.warmup ? (k + 1) / this.warmup : 1;
  }

  /** The averaging weight of the z written by update k. */
  private weightAt(k: number): number {
    return this.power === null ? 1 : Math.pow(this.gammaAt(k), this.power);
  }

  /** Σ of the weights of the points averaged after `steps` updates. */
  private resetWeights(steps: number): void {
    let s = this.power === null ? 1 : 0;
    for (let k = 0; k < steps; k++) s += this.weightAt(k);
    this.weightSum = s;
  }

  protected prepare(step: number): void {
    this.gamma = this.gammaAt(step);
    this.warmFactor = this.warmupFactor(step);
    const w = this.weightAt(step);
    this.weightSum += w;
    this.c = this.weightSum > 0 ? w / this.weightSum : 0;
    this.stats.momentum = this.beta;
    if (this.adam) this.bc2Sqrt = Math.sqrt(1 - Math.pow(this.adam.b2, step + 1));
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const z = T.slots.z!;
    const x = T.slots.x!;
    const n = T.size;
    // lr is the base LR of this step times the group's lrScale; γ adds the warmup factor.
    const gamma = lr * this.warmFactor;
    const wd = T.weightDecay;
    const c = this.c;
    const b = this.beta;
    if (this.t === 0) {
      for (let i = 0; i < n; i++) z[i] = x[i] = p[off + i]!;
    }
    if (this.adam) {
      const v = T.slots.v!;
      const { b2, eps } = this.adam;
      const inv = 1 / this.bc2Sqrt;
      for (let i = 0; i < n; i++) {
        const gi = g[off + i]!;
        const y = p[off + i]!;
        const vi = b2 * v[i]! + (1 - b2) * gi * gi;
        v[i] = vi;
        const zi = z[i]! - gamma * wd * y - (gamma * gi) / (Math.sqrt(vi) * inv + eps);
        const xi = (1 - c) * x[i]! + c * zi;
        z[i] = zi;
        x[i] = xi;
        p[off + i] = (1 - b) * zi + b * xi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const y = p[off + i]!;
        const zi = z[i]! - gamma * (g[off + i]! + wd * y);
        const xi = (1 - c) * x[i]! + c * zi;
        z[i] = zi;
        x[i] = xi;
        p[off + i] = (1 - b) * zi + b * xi;
      }
    }
    return 0;
  }

  /**
   * Writes the evaluation point x (the average) into `out`, of the same form as the params
   * given to `step`. Before the first step `out` is left unchanged (x₁ is the starting point).
   */
  averaged(out: Params): void {
    this.write("x", out);
  }

  /** The base sequence z (the raw SGD/AdamW iterates), written like `averaged`. */
  base(out: Params): void {
    this.write("z", out);
  }

  /** Copies slot `key` of every group into `out` (the params' form); nothing before the first step. */
  private write(key: "x" | "z", out: Params): void {
    const ts = this.tensors;
    if (this.t === 0 || !ts) return;
    const flat = out instanceof Float64Array;
    ts.forEach((T, i) => {
      const dst = flat ? (out as Float64Array) : (out as readonly Float64Array[])[i];
      const off = flat ? T.offset : 0;
      if (!(dst instanceof Float64Array)) throw new ArgumentError(flat ? "out" : `out[${i}]`, dst, "a Float64Array of the params' form");
      if (dst.length < off + T.size) {
        throw new ArgumentError(flat ? "out.length" : `out[${i}].length`, dst.length, `at least ${off + T.size}, room for group ${T.name} (offset ${off}, size ${T.size})`);
      }
      dst.set(T.slots[key]!, off);
    });
  }

  /** The c_{t+1} of the last update (1/(t+1) with the default weights). */
  get averagingWeight(): number {
    return this.c;
  }

  /** AdamW: γ/(√v̂ + ε) per parameter (the factor on the gradient in z's step); SGD: false. */
  effectiveLr(out: Float64Array): boolean {
    if (!this.adam) return false;
    for (const T of this.tensors ?? []) {
      const v = T.slots.v!;
      const lr = this.gamma * T.lrScale;
      for (let i = 0; i < T.size; i++) out[T.offset + i] = lr / (Math.sqrt(v[i]!) / this.bc2Sqrt + this.adam.eps);
    }
    return true;
  }

  load(state: OptimizerState): void {
    super.load(state);
    this.resetWeights(this.t);
    if (this.t > 0) this.warmFactor = this.warmupFactor(this.t - 1);
    if (this.t > 0) this.gamma = this.gammaAt(this.t - 1);
    if (this.adam && this.t > 0) this.bc2Sqrt = Math.sqrt(1 - Math.pow(this.adam.b2, this.t));
  }
}
