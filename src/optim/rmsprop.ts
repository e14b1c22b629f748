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

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const n = T.size;
    const wd = T.weightDecay;
    const a = this.alpha;
    const a1 = 1 - a;
    const eps = this.eps;
    const v = T.slots.squareAvg!;
    const gbar = T.slots.gradAvg;
    const b = T.slots.momentum;
    const mu = this.muNow;
    if (gbar) return b ? centeredMomentumPass(p, g, v, gbar, b, off, n, lr, wd, a, a1, eps, mu) : centeredPass(p, g, v, gbar, off, n, lr, wd, a, a1, eps);
    return b ? momentumPass(p, g, v, b, off, n, lr, wd, a, a1, eps, mu) : plainPass(p, g, v, off, n, lr, wd, a, a1, eps);
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

// The kernels, one per variant (centered or not, momentum buffer or not), so no branch runs per
// coordinate: one function per coordinate, and a loop over four coordinates at a time with four
// running sums of g·0 (0 while every g is finite, NaN after a NaN or ±Inf), so a step is one pass
// over memory. V8 inlines the per-coordinate functions; the arithmetic is that of one plain loop.
// Each scalar is multiplied by 1 (exact) once before the loop, so V8 holds it as a raw double
// rather than re-checking a tagged number at every use inside the loop.

/** g′ = g + λθ;  v ← αv + (1 − α)g′²;  θ ← θ − η g′/(√v + ε), at coordinate j (slot index i); returns g·0. */
const plainAt = (p: Float64Array, g: Float64Array, v: Float64Array, i: number, j: number, lr: number, wd: number, a: number, a1: number, eps: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const vi = a * v[i]! + a1 * gi * gi;
  v[i] = vi;
  p[j] = pj - (lr * gi) / (Math.sqrt(vi) + eps);
  return gj * 0;
};

function plainPass(p: Float64Array, g: Float64Array, v: Float64Array, off: number, n: number, lrIn: number, wdIn: number, aIn: number, a1In: number, epsIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const a = aIn * 1;
  const a1 = a1In * 1;
  const eps = epsIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += plainAt(p, g, v, i, j, lr, wd, a, a1, eps);
    s1 += plainAt(p, g, v, i + 1, j + 1, lr, wd, a, a1, eps);
    s2 += plainAt(p, g, v, i + 2, j + 2, lr, wd, a, a1, eps);
    s3 += plainAt(p, g, v, i + 3, j + 3, lr, wd, a, a1, eps);
  }
  for (; i < n; i++) s0 += plainAt(p, g, v, i, off + i, lr, wd, a, a1, eps);
  return s0 + s1 + s2 + s3;
}

/** As `plainAt`, through the buffer: b ← μb + g′/(√v + ε);  θ ← θ − η b; returns g·0. */
const momentumAt = (p: Float64Array, g: Float64Array, v: Float64Array, b: Float64Array, i: number, j: number, lr: number, wd: number, a: number, a1: number, eps: number, mu: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const vi = a * v[i]! + a1 * gi * gi;
  v[i] = vi;
  const bi = mu * b[i]! + gi / (Math.sqrt(vi) + eps);
  b[i] = bi;
  p[j] = pj - lr * bi;
  return gj * 0;
};

function momentumPass(p: Float64Array, g: Float64Array, v: Float64Array, b: Float64Array, off: number, n: number, lrIn: number, wdIn: number, aIn: number, a1In: number, epsIn: number, muIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const a = aIn * 1;
  const a1 = a1In * 1;
  const eps = epsIn * 1;
  const mu = muIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += momentumAt(p, g, v, b, i, j, lr, wd, a, a1, eps, mu);
    s1 += momentumAt(p, g, v, b, i + 1, j + 1, lr, wd, a, a1, eps, mu);
    s2 += momentumAt(p, g, v, b, i + 2, j + 2, lr, wd, a, a1, eps, mu);
    s3 += momentumAt(p, g, v, b, i + 3, j + 3, lr, wd, a, a1, eps, mu);
  }
  for (; i < n; i++) s0 += momentumAt(p, g, v, b, i, off + i, lr, wd, a, a1, eps, mu);
  return s0 + s1 + s2 + s3;
}

/** As `plainAt`, centered: ḡ ← αḡ + (1 − α)g′ and d = √(v − ḡ²) + ε in place of √v + ε; returns g·0. */
const centeredAt = (p: Float64Array, g: Float64Array, v: Float64Array, gbar: Float64Array, i: number, j: number, lr: number, wd: number, a: number, a1: number, eps: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const vi = a * v[i]! + a1 * gi * gi;
  v[i] = vi;
  const mi = a * gbar[i]! + a1 * gi;
  gbar[i] = mi;
  p[j] = pj - (lr * gi) / (Math.sqrt(vi - mi * mi) + eps);
  return gj * 0;
};

function centeredPass(p: Float64Array, g: Float64Array, v: Float64Array, gbar: Float64Array, off: number, n: number, lrIn: number, wdIn: number, aIn: number, a1In: number, epsIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const a = aIn * 1;
  const a1 = a1In * 1;
  const eps = epsIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += centeredAt(p, g, v, gbar, i, j, lr, wd, a, a1, eps);
    s1 += centeredAt(p, g, v, gbar, i + 1, j + 1, lr, wd, a, a1, eps);
    s2 += centeredAt(p, g, v, gbar, i + 2, j + 2, lr, wd, a, a1, eps);
    s3 += centeredAt(p, g, v, gbar, i + 3, j + 3, lr, wd, a, a1, eps);
  }
  for (; i < n; i++) s0 += centeredAt(p, g, v, gbar, i, off + i, lr, wd, a, a1, eps);
  return s0 + s1 + s2 + s3;
}

/** Centered, through the momentum buffer: b ← μb + g′/d;  θ ← θ − η b; returns g·0. */
const centeredMomentumAt = (p: Float64Array, g: Float64Array, v: Float64Array, gbar: Float64Array, b: Float64Array, i: number, j: number, lr: number, wd: number, a: number, a1: number, eps: number, mu: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const vi = a * v[i]! + a1 * gi * gi;
  v[i] = vi;
  const mi = a * gbar[i]! + a1 * gi;
  gbar[i] = mi;
  const bi = mu * b[i]! + gi / (Math.sqrt(vi - mi * mi) + eps);
  b[i] = bi;
  p[j] = pj - lr * bi;
  return gj * 0;
};

function centeredMomentumPass(p: Float64Array, g: Float64Array, v: Float64Array, gbar: Float64Array, b: Float64Array, off: number, n: number, lrIn: number, wdIn: number, aIn: number, a1In: number, epsIn: number, muIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const a = aIn * 1;
  const a1 = a1In * 1;
  const eps = epsIn * 1;
  const mu = muIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += centeredMomentumAt(p, g, v, gbar, b, i, j, lr, wd, a, a1, eps, mu);
    s1 += centeredMomentumAt(p, g, v, gbar, b, i + 1, j + 1, lr, wd, a, a1, eps, mu);
    s2 += centeredMomentumAt(p, g, v, gbar, b, i + 2, j + 2, lr, wd, a, a1, eps, mu);
    s3 += centeredMomentumAt(p, g, v, gbar, b, i + 3, j + 3, lr, wd, a, a1, eps, mu);
  }
  for (; i < n; i++) s0 += centeredMomentumAt(p, g, v, gbar, b, i, off + i, lr, wd, a, a1, eps, mu);
  return s0 + s1 + s2 + s3;
}
