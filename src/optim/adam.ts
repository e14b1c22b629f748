/** Adam and AdamW: bias-corrected first and second moments; coupled L2 or decoupled weight decay. */
import { bool, nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, betas, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `adam` and `adamw` (PyTorch's names and defaults). */
export interface AdamOptions {
  /** Learning rate η or a Schedule (default 1e-3). A Schedule's `.momentum` drives β₁. */
  lr?: LearningRate;
  /** [β₁, β₂] (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** ε added to √v̂ (default 1e-8). */
  eps?: number;
  /** Weight decay λ: coupled L2 for `adam` (default 0), decoupled for `adamw` (default 1e-2). */
  weightDecay?: number;
  /** AMSGrad: divide by the running maximum of v (default false). */
  amsgrad?: boolean;
  /** Divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ (default true; PyTorch always does). */
  biasCorrection?: boolean;
}

/** The keys of `AdamOptions`, listed once (the compiler checks the list against the type). */
const ADAM_OPTIONS: Record<keyof AdamOptions, true> = { lr: true, betas: true, eps: true, weightDecay: true, amsgrad: true, biasCorrection: true };

/**
 * Adam (Kingma & Ba 2015) with coupled L2 weight decay, as PyTorch's `torch.optim.Adam`.
 * For update t = 1, 2, … (step k = t − 1 of the schedule):
 *
 *   g ← ∇f(θ) + λθ                                  (coupled: the decay goes through the moments)
 *   m ← β₁ m + (1 − β₁) g;   v ← β₂ v + (1 − β₂) g²
 *   m̂ = m / (1 − β₁ᵗ);       v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 *
 * Defaults η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0. ε sits outside the root, after bias
 * correction (PyTorch, optax's `eps`; optax's `eps_root` adds a second ε inside). Keras/TF 1 use
 * the paper's "ε̂" form η√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε̂), where ε is not bias-corrected.
 * AMSGrad (Reddi et al. 2018): v̂ uses vmax ← max(vmax, v) and then divides by 1 − β₂ᵗ, as
 * PyTorch (maximum of the raw v); optax keeps the maximum of the bias-corrected v̂ instead, and the
 * paper's algorithm has no bias correction. With `biasCorrection: false` m̂ = m and v̂ = v.
 * Because the first step has m̂ = g and v̂ = g², it moves every coordinate by ≈ η·sign(g).
 * When β₁ is driven by a Schedule's momentum (one-cycle), the correction uses the current β₁ᵗ.
 */
export function adam(options: AdamOptions = {}, groups?: readonly ParamGroup[]): Adam {
  return new Adam(options, groups, false);
}

/**
 * AdamW (Loshchilov & Hutter 2019), as PyTorch's `torch.optim.AdamW`: the decay is decoupled,
 * applied to θ directly and never seen by the moments:
 *
 *   θ ← θ (1 − ηλ);   then the Adam step of `adam` with g = ∇f(θ) (no λθ term)
 *
 * Defaults as `adam` but λ = 1e-2 (PyTorch); optax's `adamw` defaults to 1e-4 and Hugging Face's
 * `TrainingArguments` to 0. PyTorch (and we) multiply λ by the scheduled η; the paper multiplies λ
 * by the schedule multiplier only (θ ← θ − ηₜ(α·m̂/(√v̂+ε) + λθ)), so its λ is PyTorch's λ·α.
 */
export function adamw(options: AdamOptions = {}, groups?: readonly ParamGroup[]): Adam {
  return new Adam(options, groups, true);
}

/** The optimizer `adam` and `adamw` return. */
export class Adam extends BaseOptimizer {
  readonly name: "adam" | "adamw";
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private readonly amsgrad: boolean;
  private readonly biasCorrection: boolean;
  private readonly decoupled: boolean;
  private b1Now = 0;
  private bc1 = 1;
  private bc2Sqrt = 1;

  constructor(options: AdamOptions, groups: readonly ParamGroup[] | undefined, decoupled: boolean) {
    const o = optimizerOptions((decoupled ? "adamw" : "adam"), options, ADAM_OPTIONS);
    super(learningRate("lr", o.lr ?? 1e-3), nonNegative("weightDecay", o.weightDecay ?? (decoupled ? 1e-2 : 0)), groups);
    this.name = decoupled ? "adamw" : "adam";
    [this.b1, this.b2] = betas("betas", o.betas ?? [0.9, 0.999]);
    this.eps = nonNegative("eps", o.eps ?? 1e-8);
    this.amsgrad = bool("amsgrad", o.amsgrad ?? false);
    this.biasCorrection = bool("biasCorrection", o.biasCorrection ?? true);
    this.decoupled = decoupled;
  }

  protected config(): Record<string, OptionValue> {
    return { betas: [this.b1, this.b2], eps: this.eps, weightDecay: this.weightDecay, amsgrad: this.amsgrad, biasCorrection: this.biasCorrection };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    return { m: n, v: n, vmax: this.amsgrad ? n : 0 };
  }

  protected prepare(step: number): void {
    const b1 = this.momentumAt(step, this.b1);
    const t = step + 1;
    this.b1Now = b1;
    this.stats.momentum = b1;
    this.bc1 = this.biasCorrection ? 1 - Math.pow(b1, t) : 1;
    this.bc2Sqrt = this.biasCorrection ? Math.sqrt(1 - Math.pow(this.b2, t)) : 1;
  }

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const n = T.size;
    const stepSize = lr / this.bc1;
    const inv2 = 1 / this.bc2Sqrt;
    const wd = T.weightDecay;
    const vmax = T.slots.vmax;
    // Coupled decay adds λθ to the gradient; decoupled decay scales θ by (1 − ηλ) first.
    const l2 = this.decoupled ? 0 : wd;
    const keep = this.decoupled ? 1 - lr * wd : 1;
    const k: AdamScalars = { b1: this.b1Now, b2: this.b2, c1: 1 - this.b1Now, c2: 1 - this.b2, eps: this.eps, stepSize, inv2, l2, keep };
    return vmax ? amsgradPass(p, g, T.slots.m!, T.slots.v!, vmax, off, n, k) : adamPass(p, g, T.slots.m!, T.slots.v!, off, n, k);
  }

  /** η/(√v̂ + ε) per parameter: the factor that multiplies m̂ in the last update. */
  effectiveLr(out: Float64Array): boolean {
    for (const T of this.tensors ?? []) {
      const v = T.slots.vmax ?? T.slots.v!;
      const lr = this.stats.lr * T.lrScale;
      for (let i = 0; i < T.size; i++) out[T.offset + i] = lr / (Math.sqrt(v[i]!) / this.bc2Sqrt + this.eps);
    }
    return true;
  }
}

/** The per-step scalars of an Adam update. */
interface AdamScalars {
  b1: number;
  b2: number;
  c1: number;
  c2: number;
  eps: number;
  stepSize: number;
  inv2: number;
  l2: number;
  keep: number;
}

// The kernels: one function per coordinate, and a loop over four coordinates at a time with four
// running sums of g·0 (0 while every g is finite, NaN after a NaN or ±Inf), so a step is one pass
// over memory. V8 inlines the per-coordinate functions; the arithmetic is that of one plain loop.
// Each scalar is multiplied by 1 (exact) once before the loop, so V8 holds it as a raw double
// rather than re-checking a tagged number at every use inside the loop.

/** Adam at coordinate j (slot index i): g′ = g + l2·θ, the moments, then θ ← θ·keep − s·m/(√v·inv2 + ε); returns g·0. */
const adamAt = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, i: number, j: number, b1: number, b2: number, c1: number, c2: number, eps: number, stepSize: number, inv2: number, l2: number, keep: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + l2 * pj;
  const mi = b1 * m[i]! + c1 * gi;
  const vi = b2 * v[i]! + c2 * gi * gi;
  m[i] = mi;
  v[i] = vi;
  p[j] = pj * keep - (stepSize * mi) / (Math.sqrt(vi) * inv2 + eps);
  return gj * 0;
};

function adamPass(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, off: number, n: number, k: AdamScalars): number {
  const b1 = k.b1 * 1;
  const b2 = k.b2 * 1;
  const c1 = k.c1 * 1;
  const c2 = k.c2 * 1;
  const eps = k.eps * 1;
  const stepSize = k.stepSize * 1;
  const inv2 = k.inv2 * 1;
  const l2 = k.l2 * 1;
  const keep = k.keep * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += adamAt(p, g, m, v, i, j, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s1 += adamAt(p, g, m, v, i + 1, j + 1, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s2 += adamAt(p, g, m, v, i + 2, j + 2, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s3 += adamAt(p, g, m, v, i + 3, j + 3, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
  }
  for (; i < n; i++) s0 += adamAt(p, g, m, v, i, off + i, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
  return s0 + s1 + s2 + s3;
}

/** AMSGrad at coordinate j: as `adamAt`, dividing by the running maximum of v (PyTorch's form); returns g·0. */
const amsgradAt = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, vmax: Float64Array, i: number, j: number, b1: number, b2: number, c1: number, c2: number, eps: number, stepSize: number, inv2: number, l2: number, keep: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + l2 * pj;
  const mi = b1 * m[i]! + c1 * gi;
  const vi = b2 * v[i]! + c2 * gi * gi;
  m[i] = mi;
  v[i] = vi;
  const d = vmax[i]! > vi ? vmax[i]! : vi;
  vmax[i] = d;
  p[j] = pj * keep - (stepSize * mi) / (Math.sqrt(d) * inv2 + eps);
  return gj * 0;
};

function amsgradPass(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, vmax: Float64Array, off: number, n: number, k: AdamScalars): number {
  const b1 = k.b1 * 1;
  const b2 = k.b2 * 1;
  const c1 = k.c1 * 1;
  const c2 = k.c2 * 1;
  const eps = k.eps * 1;
  const stepSize = k.stepSize * 1;
  const inv2 = k.inv2 * 1;
  const l2 = k.l2 * 1;
  const keep = k.keep * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += amsgradAt(p, g, m, v, vmax, i, j, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s1 += amsgradAt(p, g, m, v, vmax, i + 1, j + 1, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s2 += amsgradAt(p, g, m, v, vmax, i + 2, j + 2, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
    s3 += amsgradAt(p, g, m, v, vmax, i + 3, j + 3, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
  }
  for (; i < n; i++) s0 += amsgradAt(p, g, m, v, vmax, i, off + i, b1, b2, c1, c2, eps, stepSize, inv2, l2, keep);
  return s0 + s1 + s2 + s3;
}
