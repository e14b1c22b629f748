/** Adadelta: a step whose size is the ratio of the RMS of past steps to the RMS of gradients. */
import { nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `adadelta` (PyTorch's names and defaults). */
export interface AdadeltaOptions {
  /** Multiplier η on Zeiler's step Δx, or a Schedule (default 1, Zeiler's method exactly). */
  lr?: LearningRate;
  /** Decay ρ of both running averages, in [0, 1) (default 0.9; Zeiler's experiments use 0.95). */
  rho?: number;
  /** ε inside both square roots (default 1e-6, as in Zeiler's experiments). */
  eps?: number;
  /** Coupled L2 weight decay λ: g ← g + λθ (default 0). */
  weightDecay?: number;
}

/** The keys of `AdadeltaOptions`, listed once (the compiler checks the list against the type). */
const ADADELTA_OPTIONS: Record<keyof AdadeltaOptions, true> = { lr: true, rho: true, eps: true, weightDecay: true };

/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method", Algorithm 1), as PyTorch's
 * `torch.optim.Adadelta`. State E[g²] = E[Δx²] = 0; at each update, per coordinate:
 *
 *   g ← ∇f(θ) + λθ;   E[g²] ← ρ E[g²] + (1 − ρ) g²
 *   Δx ← −(√(E[Δx²] + ε) / √(E[g²] + ε)) g        (the RMS of past steps over the RMS of gradients)
 *   E[Δx²] ← ρ E[Δx²] + (1 − ρ) Δx²;   θ ← θ + η Δx
 *
 * Zeiler's Algorithm 1 has no η (it is η = 1, the default here). PyTorch multiplies Δx by `lr`
 * after E[Δx²] has accumulated the unscaled Δx, as here; so η ≠ 1 changes the step but not the
 * statistics. Both RMS terms carry the units of their quantity, so Δx has the units of θ. The
 * first step is √ε/√((1 − ρ)g² + ε)·g, about √ε/√(1 − ρ) per coordinate when g² ≫ ε: the method
 * starts slowly, from ε. PyTorch's defaults: ρ = 0.9, ε = 1e-6 (Zeiler's experiments: ρ = 0.95).
 */
export function adadelta(options: AdadeltaOptions = {}, groups?: readonly ParamGroup[]): Adadelta {
  return new Adadelta(options, groups);
}

/** The optimizer `adadelta` returns. */
export class Adadelta extends BaseOptimizer {
  readonly name = "adadelta";
  private readonly rho: number;
  private readonly eps: number;

  constructor(options: AdadeltaOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("adadelta", options, ADADELTA_OPTIONS);
    super(learningRate("lr", o.lr ?? 1), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.rho = beta("rho", o.rho ?? 0.9);
    this.eps = nonNegative("eps", o.eps ?? 1e-6);
  }

  protected config(): Record<string, OptionValue> {
    return { rho: this.rho, eps: this.eps, weightDecay: this.weightDecay };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const n = shapeSize(shape);
    return { squareAvg: n, deltaAvg: n };
  }

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const v = T.slots.squareAvg!;
    const u = T.slots.deltaAvg!;
    const rho = this.rho;
    const r1 = 1 - rho;
    const eps = this.eps;
    const wd = T.weightDecay;
    let check = 0;
    for (let i = 0; i < T.size; i++) {
      const j = off + i;
      const gj = g[j]!;
      const pj = p[j]!;
      const gi = gj + wd * pj;
      const vi = rho * v[i]! + r1 * gi * gi;
      v[i] = vi;
      const d = (Math.sqrt(u[i]! + eps) / Math.sqrt(vi + eps)) * gi;
      u[i] = rho * u[i]! + r1 * d * d;
      p[j] = pj - lr * d;
      check += gj * 0;
    }
    return check;
  }
}
