/** RMSProp: per-coordinate step sizes from an exponential average of squared gradients. */
import { bool, nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `rmsprop` (PyTorch's names and defaults). */
export interface RmspropOptions {
  /** Learning rate η or a Schedule (default 1e-2). */
  lr?: LearningRate;
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  alpha?: number;
  /** ε added to √v (default 1e-8). */
  eps?: number;
  /** Momentum μ (default 0). A Schedule with `.momentum` overrides it per step. */
  momentum?: number;
  /** Centered: divide by an estimate of the gradient's standard deviation, √(v − ḡ²) (default false). */
  centered?: boolean;
  /** Coupled L2 weight decay λ (default 0). */
  weightDecay?: number;
}

/** The keys of `RmspropOptions`, listed once (the compiler checks the list against the type). */
const RMSPROP_OPTIONS: Record<keyof RmspropOptions, true> = { lr: true, alpha: true, eps: true, momentum: true, centered: true, weightDecay: true };

/**
 * RMSProp (Hinton, Coursera lecture 6e, 2012), as PyTorch's `torch.optim.RMSprop`:
 *
 *   g ← ∇f(θ) + λθ;   v ← α v + (1 − α) g²
 *   centered: ḡ ← α ḡ + (1 − α) g,  d ← √(v − ḡ²) + ε;  otherwise d ← √v + ε
 *   μ > 0: b ← μ b + g/d,  θ ← θ − η b;  otherwise θ ← θ − η g/d
 *
 * Differences: Hinton's lecture and optax (`decay = 0.9`) and Keras (`rho = 0.9`, ε = 1e-7) use a
 * faster average than PyTorch's α = 0.99; optax and TensorFlow put ε inside the root, 1/√(v+ε).
 * Momentum here accumulates the preconditioned gradient and η multiplies afterwards, as PyTorch.
 */
export function rmsprop(options: RmspropOptions = {}, groups?: readonly ParamGroup[]): Rmsprop {
  return new Rmsprop(options, groups);
}

/** The optimizer `rmsprop` returns. */
export class Rmsprop extends BaseOptimizer {
  readonly name = "rmsprop";
  private readonly alpha: number;
  private readonly eps: number;
  private readonly mu: number;
  private readonly centered: boolean;
  private readonly usesBuffer: boolean;
  private muNow = 0;

  constructor(options: RmspropOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("rmsprop", options, RMSPROP_OPTIONS);
    const lr = learningRate("lr", o.lr ?? 1e-2);
    super(lr, nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.alpha = beta("alpha", o.alpha ?? 0.99);
    this.eps = nonNegative("eps", o.eps ?? 1e-8);
    this.mu = beta("momentum", o.momentum ?? 0);
    this.centered = bool("centered", o.centered ?? false);
    this.usesBuffer = this.mu > 0 || (typeof lr === "function" && lr.momentum !== undefined);
  }

  protected config(): Record<string, OptionValue> {
    return { alpha: this.alpha, eps: this.eps, momentum: this.mu, centered: this.centered, weightDecay: this.weightDecay };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    return { squareAvg: n, gradAvg: this.centered ? n : 0, momentum: this.usesBuffer ? n : 0 };
  }

  protected prepare(step: number): void {
    this.muNow = this.momentumAt(step, this.mu);
    this.stats.momentum = this.usesBuffer ? this.muNow : NaN;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): void {
    const n = T.size;
    const wd = T.weightDecay;
    const a = this.alpha;
    const a1 = 1 - a;
    const eps = this.eps;
    const v = T.slots.squareAvg!;
    const gbar = T.slots.gradAvg;
    const b = T.slots.momentum;
    const mu = this.muNow;
    for (let i = 0; i < n; i++) {
      const j = off + i;
      const gi = g[j]! + wd * p[j]!;
      const vi = a * v[i]! + a1 * gi * gi;
      v[i] = vi;
      let d: number;
      if (gbar) {
        const mi = a * gbar[i]! + a1 * gi;
        gbar[i] = mi;
        d = Math.sqrt(vi - mi * mi) + eps;
      } else {
        d = Math.sqrt(vi) + eps;
      }
      if (b) {
        const bi = mu * b[i]! + gi / d;
        b[i] = bi;
        p[j] = p[j]! - lr * bi;
      } else {
        p[j] = p[j]! - (lr * gi) / d;
      }
    }
  }

  effectiveLr(out: Float64Array): boolean {
    for (const T of this.tensors ?? []) {
      const v = T.slots.squareAvg!;
      const gbar = T.slots.gradAvg;
      const lr = this.stats.lr * T.lrScale;
      for (let i = 0; i < T.size; i++) {
        const d = gbar ? Math.sqrt(v[i]! - gbar[i]! * gbar[i]!) : Math.sqrt(v[i]!);
        out[T.offset + i] = lr / (d + this.eps);
      }
    }
    return true;
  }
}
