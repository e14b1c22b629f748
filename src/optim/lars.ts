/** LARS: SGD with momentum and a layer-wise trust ratio ‖θ‖/‖g + λθ‖. */
import { bool, ArgumentError, nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, norm, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `lars` (optax's names and defaults; PyTorch has no LARS). */
export interface LarsOptions {
  /** Global learning rate γ or a Schedule (default 1). */
  lr?: LearningRate;
  /** Momentum μ (default 0.9). A Schedule with `.momentum` overrides it per step. */
  momentum?: number;
  /** Trust coefficient η (default 1e-3). */
  trustCoefficient?: number;
  /** Weight decay λ, added to the gradient before the trust ratio (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false). */
  nesterov?: boolean;
  /** Clip the trust ratio r into [lo, hi] (default none: [0, ∞)); see `trustClip`. */
  trustClip?: readonly [number, number];
}

/** The keys of `LarsOptions`, listed once (the compiler checks the list against the type). */
const LARS_OPTIONS: Record<keyof LarsOptions, true> = { lr: true, momentum: true, trustCoefficient: true, weightDecay: true, nesterov: true, trustClip: true };

/**
 * LARS (You, Gitman & Ginsburg 2017), in the form of optax's `lars`. For each layer (group):
 *
 *   u ← g + λθ
 *   r = ‖θ‖ / ‖u‖  (r = 1 when either norm is 0)           — the trust ratio, in `stats.trustRatio`
 *   b ← μ b + γ η r u;   θ ← θ − b   (Nesterov: θ ← θ − (γ η r u + μ b))
 *
 * Groups with `trustRatio: false` (biases, norms, as in the paper's practice) use r = 1 and no η:
 * b ← μ b + γ u. The paper writes the local LR as η‖θ‖/(‖g‖ + λ‖θ‖), which is ≤ ours by the
 * triangle inequality and equal when g ∥ θ; optax and most code use ‖g + λθ‖. The momentum
 * accumulates LR-scaled updates (as the paper and optax), so a scheduled γ acts through the buffer.
 */
export function lars(options: LarsOptions = {}, groups?: readonly ParamGroup[]): Lars {
  return new Lars(options, groups);
}

/** The optimizer `lars` returns. */
export class Lars extends BaseOptimizer {
  readonly name = "lars";
  private readonly mu: number;
  private readonly tc: number;
  private readonly nesterov: boolean;
  private readonly clip: readonly [number, number];
  private muNow = 0;

  constructor(options: LarsOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("lars", options, LARS_OPTIONS);
    super(learningRate("lr", o.lr ?? 1), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.mu = beta("momentum", o.momentum ?? 0.9);
    this.tc = nonNegative("trustCoefficient", o.trustCoefficient ?? 1e-3);
    this.nesterov = bool("nesterov", o.nesterov ?? false);
    this.clip = trustClip("trustClip", o.trustClip);
  }

  protected config(): Record<string, OptionValue> {
    return { momentum: this.mu, trustCoefficient: this.tc, weightDecay: this.weightDecay, nesterov: this.nesterov, trustClip: [...this.clip] };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    return { momentum: shapeSize(shape) };
  }

  protected prepare(step: number): void {
    this.muNow = this.momentumAt(step, this.mu);
    this.stats.momentum = this.muNow;
  }

  protected update(T: Tensor, index: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const n = T.size;
    const wd = T.weightDecay;
    let su = 0;
    for (let i = 0; i < n; i++) {
      const u = g[off + i]! + wd * p[off + i]!;
      su += u * u;
    }
    let scale = lr;
    if (T.trustRatio) {
      const r = trustRatio(norm(p, off, n), Math.sqrt(su), this.clip);
      this.stats.trustRatio[index] = r;
      scale = lr * this.tc * r;
    } else {
      this.stats.trustRatio[index] = NaN;
    }
    const b = T.slots.momentum!;
    const mu = this.muNow;
    const nesterov = this.nesterov;
    for (let i = 0; i < n; i++) {
      const j = off + i;
      const u = scale * (g[j]! + wd * p[j]!);
      const bi = mu * b[i]! + u;
      b[i] = bi;
      p[j] = p[j]! - (nesterov ? u + mu * bi : bi);
    }
    return 0;
  }
}

/** The layer-wise trust ratio ‖θ‖/‖u‖, defined as 1 when either norm is 0 (LAMB, LARS, optax). */
export function trustRatio(paramNorm: number, updateNorm: number, clip: readonly [number, number] = NO_CLIP): number {
  const r = paramNorm > 0 && updateNorm > 0 ? paramNorm / updateNorm : 1;
  return Math.min(Math.max(r, clip[0]), clip[1]);
}

const NO_CLIP: readonly [number, number] = [0, Infinity];

/**
 * Validates a trust-ratio clip [lo, hi] with 0 ≤ lo ≤ hi (hi may be Infinity); absent means none.
 * timm's LAMB `trust_clip` is [0, 1] ("LAMBC"); the LAMB paper's φ clips ‖θ‖ instead of r.
 */
export function trustClip(name: string, v: unknown): readonly [number, number] {
  if (v === undefined) return NO_CLIP;
  const ok = Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" && x >= 0 && !Number.isNaN(x)) && v[0] <= v[1] && Number.isFinite(v[0]);
  if (!ok) throw new ArgumentError(name, v, "a pair [lo, hi] with 0 ≤ lo ≤ hi (hi may be Infinity), e.g. [0, 1]");
  return [v[0], v[1]];
}
