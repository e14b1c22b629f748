/** Numerical helpers shared by the data-backed objectives (internal: not exported by the index). */
import type { ClassificationData } from "../data/dataset";
import { rng } from "../random";
import { ArgumentError } from "../validate";
import type { Batch } from "./objective";

/** Number of examples in `batch` (all `n` when it is omitted); throws on an empty batch. */
export function batchLength(batch: Batch | undefined, n: number): number {
  if (batch === undefined) return n;
  if (batch.length === 0) throw new ArgumentError("batch.length", 0, "at least one example index");
  return batch.length;
}

/** The t-th example index of `batch` (t itself when omitted); throws unless it is in 0…n−1. */
export function exampleAt(batch: Batch | undefined, t: number, n: number): number {
  if (batch === undefined) return t;
  const i = batch[t]!;
  if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new ArgumentError(`batch[${t}]`, i, `an example index in 0…${n - 1}`);
  return i;
}

/** log(1 + eᶻ) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** 1 / (1 + e⁻ᶻ) without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Replaces scores `z` by softmax(z) and returns logsumexp(z) (max-shifted, no overflow). */
export function softmaxInPlace(z: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]!);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return max + Math.log(sum);
}

/** Index of the largest entry (the first, on ties). */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < v.length; c++) if (v[c]! > v[best]!) best = c;
  return best;
}

/** (λ/2)‖w[0…count)‖², adding λw to `out` when given. */
export function penalty(w: Float64Array, count: number, l2: number, out: Float64Array | undefined): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (let j = 0; j < count; j++) {
    s += w[j]! * w[j]!;
    if (out) out[j]! += l2 * w[j]!;
  }
  return 0.5 * l2 * s;
}

/** Fraction of the batch's examples whose `predicted(i)` equals the label. */
export function accuracy(data: ClassificationData, batch: Batch | undefined, predicted: (i: number) => number): number {
  const m = batchLength(batch, data.n);
  let right = 0;
  for (let t = 0; t < m; t++) {
    const i = exampleAt(batch, t, data.n);
    if (predicted(i) === data.labels[i]) right++;
  }
  return right / m;
}

/** `dim` parameters: the first `weights` from N(0, variance), the rest (biases) 0. */
export function gaussianWeights(dim: number, weights: number, variance: number, seed: number): Float64Array {
  const r = rng(seed);
  const w = new Float64Array(dim);
  const sd = Math.sqrt(variance);
  for (let j = 0; j < weights; j++) w[j] = sd * r.normal();
  return w;
}
