/** Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay. */
import { ArgumentError, bool, nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `sgd` (PyTorch's names and defaults). */
export interface SgdOptions {
  /** Learning rate η, or a Schedule (default 1e-3, as in recent PyTorch releases). */
  lr?: LearningRate;
  /** Momentum μ in [0, 1) (default 0). A Schedule with `.momentum` overrides it per step. */
  momentum?: number;
  /** Dampening τ in [0, 1] (default 0). */
  dampening?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
  /** Coupled L2 weight decay λ ≥ 0 (default 0). */
  weightDecay?: number;
}

/** The keys of `SgdOptions`, listed once (the compiler checks the list against the type). */
const SGD_OPTIONS: Record<keyof SgdOptions, true> = { lr: true, momentum: true, dampening: true, nesterov: true, weightDecay: true };

/**
 * SGD as PyTorch's `torch.optim.SGD`, for update t = 1, 2, …:
 *
 *   g ← ∇f(θ) + λθ
 *   b ← g (t = 1),  b ← μ b + (1 − τ) g (t > 1)
 *   d ← g + μ b (Nesterov) or b (heavy ball);  d ← g when μ = 0
 *   θ ← θ − η d
 *
 * The LR multiplies the momentum buffer *after* it is accumulated (PyTorch), so a change in η takes
 * effect at once; optax's `sgd` (`trace` then `scale_by_learning_rate`) does the same, while the
 * Sutskever et al. form v ← μv − ηg puts η inside the buffer, which differs when η is scheduled.
 * PyTorch's first step copies g into b without dampening; we do the same.
 */
export function sgd(options: SgdOptions = {}, groups?: readonly ParamGroup[]): Sgd {
  return new Sgd(options, groups);
}

/** The optimizer `sgd` returns. */
export class Sgd extends BaseOptimizer {
  readonly name = "sgd";
  private readonly mu: number;
  private readonly tau: number;
  private readonly nesterov: boolean;
  private muNow = 0;

  constructor(options: SgdOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("sgd", options, SGD_OPTIONS);
    const lr = learningRate("lr", o.lr ?? 1e-3);
    super(lr, nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.mu = beta("momentum", o.momentum ?? 0);
    const tau = nonNegative("dampening", o.dampening ?? 0);
    if (tau > 1) throw new ArgumentError("dampening", tau, "a number in [0, 1]");
    this.tau = tau;
    this.nesterov = bool("nesterov", o.nesterov ?? false);
    const scheduled = typeof lr === "function" && lr.momentum !== undefined;
    if (this.nesterov && ((this.mu <= 0 && !scheduled) || tau !== 0)) {
      throw new ArgumentError("nesterov", true, "momentum > 0 and dampening = 0 (Nesterov needs a momentum buffer with no dampening)");
    }
    // The buffer exists whenever momentum is, or may become, non-zero.
    this.usesBuffer = this.mu > 0 || scheduled;
  }

  private readonly usesBuffer: boolean;

  protected config(): Record<string, OptionValue> {
    return { momentum: this.mu, dampening: this.tau, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    return { momentum: this.usesBuffer ? shape.reduce((a, b) => a * b, 1) : 0 };
  }

  protected prepare(step: number): void {
    this.muNow = this.momentumAt(step, this.mu);
    this.stats.momentum = this.muNow;
  }

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const n = T.size;
    const wd = T.weightDecay;
    const b = T.slots.momentum;
    if (!b) return plain(p, g, off, n, lr, wd);
    const mu = this.muNow;
    const first = this.t === 0;
    const keep = first ? 0 : mu;
    const take = first ? 1 : 1 - this.tau;
    return this.nesterov ? nesterov(p, g, b, off, n, lr, wd, keep, take, mu) : heavyBall(p, g, b, off, n, lr, wd, keep, take);
  }
}

// The kernels: one function per coordinate, and a loop over four coordinates at a time with four
// running sums of g·0 (0 while every g is finite, NaN after a NaN or ±Inf), so a step is one pass
// over memory and the finite check costs one multiply-add per coordinate. V8 inlines the
// per-coordinate functions; the arithmetic, and so every result, is that of one plain loop.
// Each scalar is multiplied by 1 (exact) once before the loop, so V8 holds it as a raw double
// rather than re-checking a tagged number at every use inside the loop.

/** θ ← θ − η(g + λθ) at coordinate j; returns g·0. */
const plainAt = (p: Float64Array, g: Float64Array, j: number, lr: number, wd: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  p[j] = pj - lr * (gj + wd * pj);
  return gj * 0;
};

function plain(p: Float64Array, g: Float64Array, off: number, n: number, lrIn: number, wdIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = off;
  const end = off + n;
  for (; j + 3 < end; j += 4) {
    s0 += plainAt(p, g, j, lr, wd);
    s1 += plainAt(p, g, j + 1, lr, wd);
    s2 += plainAt(p, g, j + 2, lr, wd);
    s3 += plainAt(p, g, j + 3, lr, wd);
  }
  for (; j < end; j++) s0 += plainAt(p, g, j, lr, wd);
  return s0 + s1 + s2 + s3;
}

/** b ← keep·b + take·(g + λθ);  θ ← θ − η b, at coordinate j (slot index i); returns g·0. */
const heavyBallAt = (p: Float64Array, g: Float64Array, b: Float64Array, i: number, j: number, lr: number, wd: number, keep: number, take: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const bi = keep * b[i]! + take * (gj + wd * pj);
  b[i] = bi;
  p[j] = pj - lr * bi;
  return gj * 0;
};

function heavyBall(p: Float64Array, g: Float64Array, b: Float64Array, off: number, n: number, lrIn: number, wdIn: number, keepIn: number, takeIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const keep = keepIn * 1;
  const take = takeIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += heavyBallAt(p, g, b, i, j, lr, wd, keep, take);
    s1 += heavyBallAt(p, g, b, i + 1, j + 1, lr, wd, keep, take);
    s2 += heavyBallAt(p, g, b, i + 2, j + 2, lr, wd, keep, take);
    s3 += heavyBallAt(p, g, b, i + 3, j + 3, lr, wd, keep, take);
  }
  for (; i < n; i++) s0 += heavyBallAt(p, g, b, i, off + i, lr, wd, keep, take);
  return s0 + s1 + s2 + s3;
}

/** b ← keep·b + take·g′ with g′ = g + λθ;  θ ← θ − η(g′ + μ b), at coordinate j (slot index i); returns g·0. */
const nesterovAt = (p: Float64Array, g: Float64Array, b: Float64Array, i: number, j: number, lr: number, wd: number, keep: number, take: number, mu: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const bi = keep * b[i]! + take * gi;
  b[i] = bi;
  p[j] = pj - lr * (gi + mu * bi);
  return gj * 0;
};

function nesterov(p: Float64Array, g: Float64Array, b: Float64Array, off: number, n: number, lrIn: number, wdIn: number, keepIn: number, takeIn: number, muIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const keep = keepIn * 1;
  const take = takeIn * 1;
  const mu = muIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += nesterovAt(p, g, b, i, j, lr, wd, keep, take, mu);
    s1 += nesterovAt(p, g, b, i + 1, j + 1, lr, wd, keep, take, mu);
    s2 += nesterovAt(p, g, b, i + 2, j + 2, lr, wd, keep, take, mu);
    s3 += nesterovAt(p, g, b, i + 3, j + 3, lr, wd, keep, take, mu);
  }
  for (; i < n; i++) s0 += nesterovAt(p, g, b, i, off + i, lr, wd, keep, take, mu);
  return s0 + s1 + s2 + s3;
}
