/** Gradient noise for SGD-noise experiments on deterministic objectives. */
import { rng } from "../random";
import { nonNegative } from "../validate";
import type { Objective } from "./objective";

/** An objective whose gradients carry seeded Gaussian noise, with a resumable noise stream. */
export interface NoisyObjective extends Objective {
  /** The noise standard deviation σ per coordinate. */
  readonly sigma: number;
  /** The state of the noise generator, to save. */
  noiseState(): number;
  /** Continues the noise stream from a saved `noiseState()`. */
  restoreNoise(state: number): void;
}

/** Options of `noisyGradient`. */
export interface NoiseOptions {
  /** Standard deviation σ of the noise added to each gradient coordinate. */
  sigma: number;
  seed: number;
}

/**
 * `base` with additive gradient noise: `grad` writes ∇f(x) + σ ξ, ξ ~ N(0, I) drawn fresh on
 * every call from a seeded stream, so E[g] = ∇f and E‖g − ∇f‖² = σ² d (the model of SGD noise
 * used in the batch-size lessons). `loss` stays exact, and `grad` returns the exact loss. Every
 * other property of `base` (a quadratic's spectrum, a classifier's `accuracy`) carries over.
 */
export function noisyGradient<O extends Objective>(base: O, o: NoiseOptions): O & NoisyObjective {
  const sigma = nonNegative("sigma", o.sigma);
  const seed = o.seed;
  let r = rng(seed);
  return {
    ...base,
    name: `${base.name} + gradient noise (σ = ${sigma})`,
    sigma,
    loss: (x, batch) => base.loss(x, batch),
    grad(x, out, batch) {
      const f = base.grad(x, out, batch);
      for (let j = 0; j < base.dim; j++) out[j]! += sigma * r.normal();
      return f;
    },
    init: (s) => base.init(s),
    noiseState: () => r.state(),
    restoreNoise(state) {
      r = rng(seed, state);
    },
  };
}
