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

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    return adagradPass(p, g, T.slots.sum!, off, T.size, lr, T.weightDecay, this.eps);
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

// The kernel: one function per coordinate, and a loop over four coordinates at a time with four
// running sums of g·0 (0 while every g is finite, NaN after a NaN or ±Inf), so a step is one pass
// over memory. V8 inlines the per-coordinate function; the arithmetic is that of one plain loop.
// Each scalar is multiplied by 1 (exact) once before the loop, so V8 holds it as a raw double
// rather than re-checking a tagged number at every use inside the loop.

/** g′ = g + λθ;  s ← s + g′²;  θ ← θ − η g′/(√s + ε), at coordinate j (slot index i); returns g·0. */
const adagradAt = (p: Float64Array, g: Float64Array, s: Float64Array, i: number, j: number, lr: number, wd: number, eps: number): number => {
  const gj = g[j]!;
  const pj = p[j]!;
  const gi = gj + wd * pj;
  const si = s[i]! + gi * gi;
  s[i] = si;
  p[j] = pj - (lr * gi) / (Math.sqrt(si) + eps);
  return gj * 0;
};

function adagradPass(p: Float64Array, g: Float64Array, s: Float64Array, off: number, n: number, lrIn: number, wdIn: number, epsIn: number): number {
  const lr = lrIn * 1;
  const wd = wdIn * 1;
  const eps = epsIn * 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = off + i;
    s0 += adagradAt(p, g, s, i, j, lr, wd, eps);
    s1 += adagradAt(p, g, s, i + 1, j + 1, lr, wd, eps);
    s2 += adagradAt(p, g, s, i + 2, j + 2, lr, wd, eps);
    s3 += adagradAt(p, g, s, i + 3, j + 3, lr, wd, eps);
  }
  for (; i < n; i++) s0 += adagradAt(p, g, s, i, off + i, lr, wd, eps);
  return s0 + s1 + s2 + s3;
}
