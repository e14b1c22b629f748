/** Batch size and the learning rate: scaling rules, gradient accumulation, and the noise scale. */
import { ArgumentError, knownKeys, optionsObject, positive, positiveInt } from "../validate";

/**
 * Linear scaling rule (Goyal et al., 2017): η_new = η_base · B_new / B_base. Pair it with warmup;
 * it stops holding past the critical batch size.
 */
export function linearScaledLr(baseLr: number, baseBatch: number, newBatch: number): number {
  return (positive("baseLr", baseLr) * positiveInt("newBatch", newBatch)) / positiveInt("baseBatch", baseBatch);
}

/**
 * Square-root scaling rule: η_new = η_base · √(B_new / B_base), which keeps the update's noise
 * variance η²/B fixed; the usual rule for Adam-type optimizers (Malladi et al., 2022).
 */
export function sqrtScaledLr(baseLr: number, baseBatch: number, newBatch: number): number {
  return positive("baseLr", baseLr) * Math.sqrt(positiveInt("newBatch", newBatch) / positiveInt("baseBatch", baseBatch));
}

/**
 * Examples per optimizer step with gradient accumulation over data-parallel workers:
 * B_eff = micro-batch × accumulation steps × workers. A schedule counts optimizer steps, so a
 * run over D examples takes ⌈D / B_eff⌉ of them, not D / micro-batch.
 */
export function effectiveBatch(o: { microBatch: number; accumulationSteps?: number; workers?: number }): number {
  knownKeys("effectiveBatch", optionsObject("effectiveBatch options", o), ["microBatch", "accumulationSteps", "workers"]);
  return positiveInt("microBatch", o.microBatch) * positiveInt("accumulationSteps", o.accumulationSteps ?? 1) * positiveInt("workers", o.workers ?? 1);
}

/** Estimate of the simple gradient noise scale from per-example gradients. */
export interface NoiseScale {
  /** Unbiased estimate of tr(Σ), the per-example gradient covariance's trace. */
  traceCov: number;
  /** Unbiased estimate of |G|², the true gradient's squared norm: |ḡ|² − tr(Σ)/n. */
  gradNormSq: number;
  /** B_simple = tr(Σ) / |G|² (McCandlish et al., 2018); Infinity when |G|² estimates ≤ 0. */
  bSimple: number;
}

/**
 * The simple gradient noise scale B = tr(Σ)/|G|² from n ≥ 2 per-example gradients of equal
 * length: the batch size around which larger batches stop paying off (the critical batch size).
 */
export function gradientNoiseScale(samples: ArrayLike<number>[]): NoiseScale {
  const n = samples.length;
  if (n < 2) throw new ArgumentError("samples.length", n, "at least 2 per-example gradients");
  const d = samples[0]!.length;
  if (d < 1) throw new ArgumentError("samples[0].length", d, "at least 1 coordinate");
  const mean = new Float64Array(d);
  samples.forEach((g, i) => {
    if (g.length !== d) throw new ArgumentError(`samples[${i}].length`, g.length, `${d}, the length of samples[0]`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(g[j]!)) throw new ArgumentError(`samples[${i}][${j}]`, g[j], "a finite number");
      mean[j]! += g[j]! / n;
    }
  });
  let ss = 0;
  for (const g of samples) for (let j = 0; j < d; j++) ss += (g[j]! - mean[j]!) ** 2;
  const traceCov = ss / (n - 1);
  let meanSq = 0;
  for (let j = 0; j < d; j++) meanSq += mean[j]! ** 2;
  const gradNormSq = meanSq - traceCov / n;
  return { traceCov, gradNormSq, bSimple: gradNormSq > 0 ? traceCov / gradNormSq : Infinity };
}
