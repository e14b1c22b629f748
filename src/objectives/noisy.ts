/** Gradient noise for SGD-noise experiments on deterministic objectives, and the noise floor it sets. */
import { rng, type Rng } from "../random";
import { ArgumentError, nonNegative, oneOf, positive } from "../validate";
import type { Objective } from "./objective";

/** The distribution of each noise coordinate ξⱼ (the noise added is σξⱼ). */
export type NoiseDistribution = "gaussian" | "student-t2";

/** An objective whose gradients carry seeded noise, with a resumable noise stream. */
export interface NoisyObjective extends Objective {
  /** The noise scale σ per coordinate (the standard deviation for Gaussian noise). */
  readonly sigma: number;
  readonly distribution: NoiseDistribution;
  /** The state of the noise generator, to save. */
  noiseState(): number;
  /** Continues the noise stream from a saved `noiseState()`. */
  restoreNoise(state: number): void;
}

/** Options of `noisyGradient`. */
export interface NoiseOptions {
  /** Scale σ of the noise added to each gradient coordinate (the standard deviation for Gaussian noise). */
  sigma: number;
  seed: number;
  /**
   * "gaussian" (default): ξ ~ N(0, 1). "student-t2": ξ ~ Student-t with ν = 2 degrees of freedom,
   * drawn as Z/√(χ²₂/2) with χ²₂/2 = −ln U ~ Exp(1): median 0, quartiles ±√(2/3), tails
   * P(|ξ| > t) = 1 − t/√(2 + t²) ≈ 1/t², so the mean exists but the variance is infinite —
   * heavy-tailed gradient noise, the case the SGD convergence bounds exclude.
   */
  distribution?: NoiseDistribution;
}

/**
 * `base` with additive gradient noise: `grad` writes ∇f(x) + σξ, ξ drawn fresh on every call
 * from a seeded stream with E[ξ] = 0, so E[g] = ∇f. For Gaussian noise E‖g − ∇f‖² = σ²d (the
 * model of SGD noise used in the batch-size lessons); for "student-t2" that expectation is
 * infinite. `loss` stays exact, and `grad` returns the exact loss. Every other property of `base`
 * (a quadratic's spectrum, a classifier's `accuracy`) carries over.
 */
export function noisyGradient<O extends Objective>(base: O, o: NoiseOptions): O & NoisyObjective {
  const sigma = nonNegative("sigma", o.sigma);
  const distribution = oneOf("distribution", o.distribution ?? "gaussian", ["gaussian", "student-t2"] as const);
  const seed = o.seed;
  let r = rng(seed);
  const draw = distribution === "gaussian" ? (g: Rng) => g.normal() : (g: Rng) => g.normal() / Math.sqrt(-Math.log(1 - g.uniform()));
  const what = distribution === "gaussian" ? `gradient noise (σ = ${sigma})` : `Student-t (ν = 2) gradient noise (scale ${sigma})`;
  return {
    ...base,
    name: `${base.name} + ${what}`,
    sigma,
    distribution,
    loss: (x, batch) => base.loss(x, batch),
    grad(x, out, batch) {
      const f = base.grad(x, out, batch);
      for (let j = 0; j < base.dim; j++) out[j]! += sigma * draw(r);
      return f;
    },
    init: (s) => base.init(s),
    noiseState: () => r.state(),
    restoreNoise(state) {
      r = rng(seed, state);
    },
  };
}

/**
 * The noise floor of constant-LR SGD on f(x) = ½Σλᵢ(xᵢ − cᵢ)² with gradient noise of variance σ²
 * per coordinate (`noisyGradient`, Gaussian): the stationary expected loss
 * E f = Σᵢ ησ² / (2(2 − ηλᵢ)). Per coordinate, eₖ₊₁ = (1 − ηλ)eₖ − ησξₖ has stationary variance
 * η²σ²/(1 − (1 − ηλ)²) = ησ²/(λ(2 − ηλ)), and the loss is ½λ times that. Needs ηλᵢ < 2 for every i.
 */
export function noiseFloor(eta: number, sigma: number, lambdas: ArrayLike<number>): number {
  nonNegative("eta", eta);
  nonNegative("sigma", sigma);
  let s = 0;
  for (let i = 0; i < lambdas.length; i++) {
    const l = positive(`lambdas[${i}]`, lambdas[i]);
    if (eta * l >= 2) throw new ArgumentError("eta", eta, `a learning rate below 2/λ = ${2 / l} (SGD is unstable there and has no floor)`);
    s += (eta * sigma * sigma) / (2 * (2 - eta * l));
  }
  return s;
}
