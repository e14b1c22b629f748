/** LAMB: Adam's direction with decoupled decay, rescaled per layer by the trust ratio ‖θ‖/‖u‖. */
import { bool, nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, betas, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";
import { trustClip, trustRatio } from "./lars";

/** Options of `lamb` (optax's names and defaults; PyTorch has no LAMB). */
export interface LambOptions {
  /** Learning rate η or a Schedule (default 1e-3). A Schedule's `.momentum` drives β₁. */
  lr?: LearningRate;
  /** [β₁, β₂] (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** ε added to √v̂ (default 1e-6). */
  eps?: number;
  /** Weight decay λ added to the Adam direction (default 0; the paper's BERT runs use 0.01). */
  weightDecay?: number;
  /** Bias-correct m and v (default true). */
  biasCorrection?: boolean;
  /** Clip the trust ratio r into [lo, hi] (default none); timm's "LAMBC" uses [0, 1]. */
  trustClip?: readonly [number, number];
}

/** The keys of `LambOptions`, listed once (the compiler checks the list against the type). */
const LAMB_OPTIONS: Record<keyof LambOptions, true> = { lr: true, betas: true, eps: true, weightDecay: true, biasCorrection: true, trustClip: true };

/**
 * LAMB (You et al. 2020, Algorithm 2, with φ = identity), as optax's `lamb`. Per layer (group):
 *
 *   m ← β₁ m + (1 − β₁) g;   v ← β₂ v + (1 − β₂) g²;   m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
 *   u = m̂ / (√v̂ + ε) + λθ
 *   r = ‖θ‖ / ‖u‖  (r = 1 when either norm is 0; r = 1 for groups with `trustRatio: false`)
 *   θ ← θ − η r u
 *
 * Defaults follow optax (β = (0.9, 0.999), ε = 1e-6, λ = 0). Some implementations clip r
 * (`trustClip`, e.g. timm's [0, 1]) or skip bias correction (`biasCorrection: false`); the paper's
 * scaling φ may clip ‖θ‖ instead. The update needs ‖u‖
 * before any θ changes, so each step reads the tensor twice (u is recomputed, not stored).
 */
export function lamb(options: LambOptions = {}, groups?: readonly ParamGroup[]): Lamb {
  return new Lamb(options, groups);
}

/** The optimizer `lamb` returns. */
export class Lamb extends BaseOptimizer {
  readonly name = "lamb";
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private readonly biasCorrection: boolean;
  private readonly clip: readonly [number, number];
  private b1Now = 0;
  private bc1 = 1;
  private bc2Sqrt = 1;

  constructor(options: LambOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("lamb", options, LAMB_OPTIONS);
    super(learningRate("lr", o.lr ?? 1e-3), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    [this.b1, this.b2] = betas("betas", o.betas ?? [0.9, 0.999]);
    this.eps = nonNegative("eps", o.eps ?? 1e-6);
    this.biasCorrection = bool("biasCorrection", o.biasCorrection ?? true);
    this.clip = trustClip("trustClip", o.trustClip);
  }

  protected config(): Record<string, OptionValue> {
    return { betas: [this.b1, this.b2], eps: this.eps, weightDecay: this.weightDecay, biasCorrection: this.biasCorrection, trustClip: [...this.clip] };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    return { m: n, v: n };
  }

  protected prepare(step: number): void {
    const b1 = this.momentumAt(step, this.b1);
    this.b1Now = b1;
    this.stats.momentum = b1;
    this.bc1 = this.biasCorrection ? 1 - Math.pow(b1, step + 1) : 1;
    this.bc2Sqrt = this.biasCorrection ? Math.sqrt(1 - Math.pow(this.b2, step + 1)) : 1;
  }

  protected update(T: Tensor, index: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const n = T.size;
    const m = T.slots.m!;
    const v = T.slots.v!;
    const b1 = this.b1Now;
    const b2 = this.b2;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const inv1 = 1 / this.bc1;
    const inv2 = 1 / this.bc2Sqrt;
    const eps = this.eps;
    const wd = T.weightDecay;
    let su = 0;
    let sp = 0;
    for (let i = 0; i < n; i++) {
      const j = off + i;
      const gi = g[j]!;
      const pj = p[j]!;
      const mi = b1 * m[i]! + c1 * gi;
      const vi = b2 * v[i]! + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      const u = (mi * inv1) / (Math.sqrt(vi) * inv2 + eps) + wd * pj;
      su += u * u;
      sp += pj * pj;
    }
    let r = 1;
    if (T.trustRatio) {
      r = trustRatio(Math.sqrt(sp), Math.sqrt(su), this.clip);
      this.stats.trustRatio[index] = r;
    } else {
      this.stats.trustRatio[index] = NaN;
    }
    const step = lr * r;
    for (let i = 0; i < n; i++) {
      const j = off + i;
      const pj = p[j]!;
      p[j] = pj - step * ((m[i]! * inv1) / (Math.sqrt(v[i]!) * inv2 + eps) + wd * pj);
    }
    return 0;
  }

  /** η r/(√v̂ + ε) per parameter: the factor that multiplied m̂ in the last update. */
  effectiveLr(out: Float64Array): boolean {
    const ts = this.tensors ?? [];
    for (let k = 0; k < ts.length; k++) {
      const T = ts[k]!;
      const r = T.trustRatio ? this.stats.trustRatio[k]! : 1;
      const lr = this.stats.lr * T.lrScale * r;
      const v = T.slots.v!;
      for (let i = 0; i < T.size; i++) out[T.offset + i] = lr / (Math.sqrt(v[i]!) / this.bc2Sqrt + this.eps);
    }
    return true;
  }
}

