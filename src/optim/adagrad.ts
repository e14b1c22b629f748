/** AdaGrad: per-coordinate step sizes from the running sum of squared gradients. */
import { nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `adagrad` (PyTorch's names and defaults). */
export interface AdagradOptions {
  /** Learning rate η or a Schedule (default 1e-2). */
  lr?: LearningRate;
  /** ε added to √s (default 1e-10). */
  eps?: number;
  /** Starting value s₀ of the accumulator (default 0). */
  initialAccumulatorValue?: number;
  /** Coupled L2 weight decay λ (default 0). */
  weightDecay?: number;
}

/** The keys of `AdagradOptions`, listed once (the compiler checks the list against the type). */
const ADAGRAD_OPTIONS: Record<keyof AdagradOptions, true> = { lr: true, eps: true, initialAccumulatorValue: true, weightDecay: true };

/**
 * AdaGrad (Duchi, Hazan & Singer 2011), as PyTorch's `torch.optim.Adagrad`:
 *
 *   g ← ∇f(θ) + λθ;   s ← s + g²;   θ ← θ − η g / (√s + ε)
 *
 * With a constant gradient c the effective LR η/(√s+ε) = η/(|c|√t + ε) decays like 1/√t.
 * Differences: PyTorch's `lr_decay` is left out (use a Schedule); optax's `adagrad` puts ε inside
 * the root, 1/√(s+ε), with ε = 1e-7 and s₀ = 0.1 by default.
 */
export function adagrad(options: AdagradOptions = {}, groups?: readonly ParamGroup[]): Adagrad {
  return new Adagrad(options, groups);
}

/** The optimizer `adagrad` returns. */
export class Adagrad extends BaseOptimizer {
  readonly name = "adagrad";
  private readonly eps: number;
  private readonly s0: number;

  constructor(options: AdagradOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("adagrad", options, ADAGRAD_OPTIONS);
    super(learningRate("lr", o.lr ?? 1e-2), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.eps = nonNegative("eps", o.eps ?? 1e-10);
    this.s0 = nonNegative("initialAccumulatorValue", o.initialAccumulatorValue ?? 0);
  }

  protected config(): Record<string, OptionValue> {
    return { eps: this.eps, initialAccumulatorValue: this.s0, weightDecay: this.weightDecay };
  }

  protected initTensor(T: Tensor): void {
    T.slots.sum!.fill(this.s0);
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    return { sum: shapeSize(shape) };
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): void {
    const s = T.slots.sum!;
    const n = T.size;
    const wd = T.weightDecay;
    const eps = this.eps;
    for (let i = 0; i < n; i++) {
      const j = off + i;
      const gi = g[j]! + wd * p[j]!;
      const si = s[i]! + gi * gi;
      s[i] = si;
      p[j] = p[j]! - (lr * gi) / (Math.sqrt(si) + eps);
    }
  }

  effectiveLr(out: Float64Array): boolean {
    for (const T of this.tensors ?? []) {
      const s = T.slots.sum!;
      const lr = this.stats.lr * T.lrScale;
      for (let i = 0; i < T.size; i++) out[T.offset + i] = lr / (Math.sqrt(s[i]!) + this.eps);
    }
    return true;
  }
}
