/** Lion: the sign of an interpolation of momentum and gradient, with decoupled weight decay. */
import { nonNegative } from "../validate";
import { BaseOptimizer, optimizerOptions, betas, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";

/** Options of `lion` (the names and defaults of the authors' implementation). */
export interface LionOptions {
  /** Learning rate η, or a Schedule (default 1e-4): every coordinate moves by η per update. */
  lr?: LearningRate;
  /** [β₁, β₂]: β₁ interpolates for the update's sign, β₂ is the momentum's decay (default [0.9, 0.99]). */
  betas?: readonly [number, number];
  /** Decoupled weight decay λ, multiplied by η (default 0). */
  weightDecay?: number;
}

/** The keys of `LionOptions`, listed once (the compiler checks the list against the type). */
const LION_OPTIONS: Record<keyof LionOptions, true> = { lr: true, betas: true, weightDecay: true };

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2). State
 * m₀ = 0; at each update, per coordinate:
 *
 *   c ← β₁ m + (1 − β₁) g;   θ ← θ − η (sign(c) + λθ);   m ← β₂ m + (1 − β₂) g
 *
 * The sign is taken of the interpolation c, before m is updated, and sign(0) = 0 (a coordinate
 * whose c is exactly 0 moves by weight decay alone). Without decay every other coordinate moves
 * by exactly η, whatever the gradient's scale (the decay adds −ηλθ to that). The authors' implementation (google/automl,
 * lucidrains/lion-pytorch) computes the same update as θ·(1 − ηλ) − η·sign(c); its default η is
 * 1e-4. A Schedule's paired `.momentum` is not used (β₁ and β₂ are fixed).
 */
export function lion(options: LionOptions = {}, groups?: readonly ParamGroup[]): Lion {
  return new Lion(options, groups);
}

/** The optimizer `lion` returns. */
export class Lion extends BaseOptimizer {
  readonly name = "lion";
  private readonly b1: number;
  private readonly b2: number;

  constructor(options: LionOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("lion", options, LION_OPTIONS);
    super(learningRate("lr", o.lr ?? 1e-4), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    [this.b1, this.b2] = betas("betas", o.betas ?? [0.9, 0.99]);
  }

  protected config(): Record<string, OptionValue> {
    return { betas: [this.b1, this.b2], weightDecay: this.weightDecay };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    return { m: shapeSize(shape) };
  }

  protected prepare(_step: number): void {
    this.stats.momentum = this.b1;
  }

  protected get checksInUpdate(): boolean {
    return true;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const m = T.slots.m!;
    const b1 = this.b1;
    const b2 = this.b2;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const keep = 1 - lr * T.weightDecay;
    let check = 0;
    for (let i = 0; i < T.size; i++) {
      const j = off + i;
      const gj = g[j]!;
      const mi = m[i]!;
      const c = b1 * mi + c1 * gj;
      // Math.sign(0) = 0; Math.sign(NaN) = NaN, which the check below reports.
      p[j] = p[j]! * keep - lr * Math.sign(c);
      m[i] = b2 * mi + c2 * gj;
      check += gj * 0;
    }
    return check;
  }
}
