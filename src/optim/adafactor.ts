/** Adafactor: a factored second moment for matrices, relative step sizes and update clipping. */
import { bool, ArgumentError, finite, nonNegative, positive } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `adafactor` (the paper's and Hugging Face's names and defaults). */
export interface AdafactorOptions {
  /** External step size ρ (number or Schedule). Omit for the relative step ρₜ = min(1e-2, 1/√t). */
  lr?: LearningRate;
  /** Multiply ρ by max(ε₂, RMS(θ)) of each tensor (default true). */
  scaleParameter?: boolean;
  /** Exponent c of β̂₂ₜ = 1 − tᶜ (default −0.8; must be < 0). */
  decayRate?: number;
  /** Update clipping threshold d: Û = U / max(1, RMS(U)/d) (default 1). */
  clipThreshold?: number;
  /** ε₁ added to G² (default 1e-30). */
  eps1?: number;
  /** ε₂, the floor of RMS(θ) in the relative step (default 1e-3). */
  eps2?: number;
  /** First-moment decay β₁ (default 0: no first moment, the memory-saving setting). */
  beta1?: number;
  /** Decoupled weight decay λ: θ ← θ − αλθ (default 0). */
  weightDecay?: number;
}

/** The keys of `AdafactorOptions`, listed once (the compiler checks the list against the type). */
const ADAFACTOR_OPTIONS: Record<keyof AdafactorOptions, true> = { lr: true, scaleParameter: true, decayRate: true, clipThreshold: true, eps1: true, eps2: true, beta1: true, weightDecay: true };

/**
 * Adafactor (Shazeer & Stern 2018, Algorithms 4–5), as Hugging Face's `Adafactor`. For update
 * t = 1, 2, … and a tensor X with gradient G:
 *
 *   ρₜ = min(1e-2, 1/√t) (relative step) or the given lr;  αₜ = max(ε₂, RMS(Xₜ₋₁)) ρₜ (scaleParameter)
 *   β̂₂ₜ = 1 − tᶜ  (c = −0.8; β̂₂₁ = 0, so the first step uses G² alone)
 *   matrix (rows × cols):  R ← β̂₂ₜ R + (1 − β̂₂ₜ) rowmean(G² + ε₁),  C ← β̂₂ₜ C + (1 − β̂₂ₜ) colmean(G² + ε₁)
 *                          V̂ᵢⱼ = Rᵢ Cⱼ / mean(R)          (rows + cols numbers of state, not rows·cols)
 *   otherwise:            V̂ ← β̂₂ₜ V̂ + (1 − β̂₂ₜ)(G² + ε₁)
 *   U = G / √V̂;   Û = U / max(1, RMS(U)/d)
 *   β₁ > 0:  M ← β₁ M + (1 − β₁) αₜ Û, step = M;  else step = αₜ Û
 *   X ← X − αₜ λ X − step
 *
 * Only 2-D shapes are factored (Hugging Face also factors the last two axes of higher-rank
 * tensors). PyTorch ≥ 2.5's `torch.optim.Adafactor` differs: its `lr` (default 1e-2) caps the
 * relative step, min(lr, 1/√t); ε₁ is a floor (max(V̂, ε₁)) rather than added to G², its weight
 * decay is θ ← θ − ηλθ, and it has no first moment. With an external `lr` Hugging Face advises
 * `scaleParameter: false`; we keep the flags independent as it does.
 * The LR reported in `stats.lr` is ρₜ (the per-tensor αₜ also depends on RMS(X)).
 */
export function adafactor(options: AdafactorOptions = {}, groups?: readonly ParamGroup[]): Adafactor {
  return new Adafactor(options, groups);
}

/** The optimizer `adafactor` returns. */
export class Adafactor extends BaseOptimizer {
  readonly name = "adafactor";
  private readonly relative: boolean;
  private readonly scaleParameter: boolean;
  private readonly decayRate: number;
  private readonly clip: number;
  private readonly eps1: number;
  private readonly eps2: number;
  private readonly beta1: number;
  private beta2t = 0;
  private rho = 0;
  /** Per tensor, the last step's αₜ / max(1, RMS(U)/d): the factor that multiplies G/√V̂. */
  private lastScale = new Float64Array(0);

  constructor(options: AdafactorOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("adafactor", options, ADAFACTOR_OPTIONS);
    super(o.lr === undefined ? 0 : learningRate("lr", o.lr), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.relative = o.lr === undefined;
    this.scaleParameter = bool("scaleParameter", o.scaleParameter ?? true);
    const c = finite("decayRate", o.decayRate ?? -0.8);
    if (c >= 0) throw new ArgumentError("decayRate", c, "a number < 0 (β̂₂ₜ = 1 − tᶜ must approach 1)");
    this.decayRate = c;
    this.clip = positive("clipThreshold", o.clipThreshold ?? 1);
    this.eps1 = nonNegative("eps1", o.eps1 ?? 1e-30);
    this.eps2 = nonNegative("eps2", o.eps2 ?? 1e-3);
    this.beta1 = beta("beta1", o.beta1 ?? 0);
  }

  protected config(): Record<string, OptionValue> {
    return { relativeStep: this.relative, scaleParameter: this.scaleParameter, decayRate: this.decayRate, clipThreshold: this.clip, eps1: this.eps1, eps2: this.eps2, beta1: this.beta1, weightDecay: this.weightDecay };
  }

  /** Whether a tensor of this shape gets the factored second moment. */
  static factored(shape: readonly number[]): boolean {
    return shape.length === 2;
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    const f = Adafactor.factored(shape);
    return {
      row: f ? shape[0]! : 0,
      col: f ? shape[1]! : 0,
      v: f ? 0 : n,
      m: this.beta1 > 0 ? n : 0,
    };
  }

  protected initTensor(T: Tensor): void {
    // Scratch for 1/√R-row factors (rows) and 1/√C (cols): not state, never saved.
    if (Adafactor.factored(T.shape)) this.scratchOf.set(T, [new Float64Array(T.shape[0]!), new Float64Array(T.shape[1]!)]);
  }

  private readonly scratchOf = new Map<Tensor, [Float64Array, Float64Array]>();

  protected lrAt(step: number): number {
    return this.relative ? Math.min(1e-2, 1 / Math.sqrt(step + 1)) : super.lrAt(step);
  }

  protected prepare(step: number): void {
    const t = step + 1;
    this.beta2t = 1 - Math.pow(t, this.decayRate);
    this.rho = this.stats.lr;
    this.stats.momentum = this.beta1 > 0 ? this.beta1 : NaN;
  }

  protected update(T: Tensor, index: number, p: Float64Array, g: Float64Array, off: number, _lr: number): number {
    const n = T.size;
    let pp = 0; // Σθ², read in the statistics pass for RMS(θ)
    const b = this.beta2t;
    const b1 = 1 - b;
    const e1 = this.eps1;
    // Pass 1: second-moment statistics and Σθ²; pass 2 (factored): RMS of U = G/√V̂; pass 3: apply.
    let su = 0;
    const v = T.slots.v;
    if (v) {
      for (let i = 0; i < n; i++) {
        const gi = g[off + i]!;
        pp += p[off + i]! * p[off + i]!;
        const vi = b * v[i]! + b1 * (gi * gi + e1);
        v[i] = vi;
        su += (gi * gi) / vi;
      }
    } else {
      const rows = T.shape[0]!;
      const cols = T.shape[1]!;
      const R = T.slots.row!;
      const C = T.slots.col!;
      const [rf, cf] = this.scratchOf.get(T)!;
      cf.fill(0);
      for (let r = 0; r < rows; r++) {
        let s = 0;
        const base = off + r * cols;
        for (let c = 0; c < cols; c++) {
          const q = g[base + c]! * g[base + c]! + e1;
          pp += p[base + c]! * p[base + c]!;
          s += q;
          cf[c] = cf[c]! + q;
        }
        R[r] = b * R[r]! + (b1 * s) / cols;
      }
      let meanR = 0;
      for (let r = 0; r < rows; r++) meanR += R[r]!;
      meanR /= rows;
      for (let c = 0; c < cols; c++) {
        C[c] = b * C[c]! + (b1 * cf[c]!) / rows;
        cf[c] = 1 / Math.sqrt(C[c]!);
      }
      for (let r = 0; r < rows; r++) rf[r] = 1 / Math.sqrt(R[r]! / meanR);
      for (let r = 0; r < rows; r++) {
        const base = off + r * cols;
        const fr = rf[r]!;
        for (let c = 0; c < cols; c++) {
          const u = g[base + c]! * fr * cf[c]!;
          su += u * u;
        }
      }
    }
    let alpha = this.rho * T.lrScale;
    if (this.scaleParameter) alpha *= Math.max(this.eps2, Math.sqrt(pp / n));
    const scale = alpha / Math.max(1, Math.sqrt(su / n) / this.clip);
    if (this.lastScale.length <= index) {
      const grown = new Float64Array(this.tensors!.length);
      grown.set(this.lastScale);
      this.lastScale = grown;
    }
    this.lastScale[index] = scale;
    const keep = 1 - alpha * T.weightDecay;
    const m = T.slots.m;
    const bm = this.beta1;
    if (v) {
      for (let i = 0; i < n; i++) {
        const j = off + i;
        let s = (scale * g[j]!) / Math.sqrt(v[i]!);
        if (m) s = m[i] = bm * m[i]! + (1 - bm) * s;
        p[j] = p[j]! * keep - s;
      }
    } else {
      const rows = T.shape[0]!;
      const cols = T.shape[1]!;
      const [rf, cf] = this.scratchOf.get(T)!;
      for (let r = 0; r < rows; r++) {
        const fr = scale * rf[r]!;
        const base = r * cols;
        for (let c = 0; c < cols; c++) {
          const i = base + c;
          const j = off + i;
          let s = g[j]! * fr * cf[c]!;
          if (m) s = m[i] = bm * m[i]! + (1 - bm) * s;
          p[j] = p[j]! * keep - s;
        }
      }
    }
    return 0;
  }

  /** αₜ/(max(1, RMS(U)/d) √V̂) per parameter: the factor that multiplied G in the last update. */
  effectiveLr(out: Float64Array): boolean {
    const ts = this.tensors ?? [];
    for (let k = 0; k < ts.length; k++) {
      const T = ts[k]!;
      const lr = this.lastScale[k] ?? NaN;
      const v = T.slots.v;
      if (v) {
        for (let i = 0; i < T.size; i++) out[T.offset + i] = lr / Math.sqrt(v[i]!);
        continue;
      }
      const rows = T.shape[0]!;
      const cols = T.shape[1]!;
      const R = T.slots.row!;
      const C = T.slots.col!;
      let meanR = 0;
      for (let r = 0; r < rows; r++) meanR += R[r]!;
      meanR /= rows;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) out[T.offset + r * cols + c] = lr / Math.sqrt((R[r]! * C[c]!) / meanR);
      }
    }
    return true;
  }
}
