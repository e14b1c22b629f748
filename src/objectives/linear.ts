/**
 * Linear models on a data set: least squares, logistic regression and softmax regression.
 * Parameters are laid out weights first, then biases; the L2 penalty (λ/2)‖W‖² covers the
 * weights only, as is usual (biases are not decayed).
 */
import { checkDataset, type ClassificationData, type RegressionData } from "../data/dataset";
import { ArgumentError, nonNegative } from "../validate";
import { accuracy, argmax, batchLength, exampleAt, gaussianWeights, penalty, sigmoid, softmaxInPlace, softplus } from "./common";
import type { Batch, Layer, Objective } from "./objective";

/** A classification objective that can also predict classes. */
export interface Classifier extends Objective {
  readonly examples: number;
  readonly layers: readonly Layer[];
  /** The predicted class (the arg-max of the scores) for one input `x` of length `features`. */
  predict(params: Float64Array, x: ArrayLike<number>): number;
  /** Fraction of the examples in `batch` (default all) whose class is predicted correctly. */
  accuracy(params: Float64Array, batch?: Batch): number;
}

/** Options of the linear models. */
export interface LinearModelOptions {
  /** L2 penalty strength λ on the weights (default 0). */
  l2?: number;
}

/**
 * Least squares: mean over the batch of ½ (w·x + b − y)², plus (λ/2)‖w‖².
 * `init(seed)`: weights N(0, 1/features), bias 0.
 */
export function leastSquares(data: RegressionData, o: LinearModelOptions = {}): Objective & { readonly layers: readonly Layer[] } {
  checkDataset("data", data);
  const l2 = nonNegative("l2", o.l2 ?? 0);
  const { n, features: d, x, y } = data;
  const run = (w: Float64Array, out: Float64Array | undefined, batch?: Batch) => {
    const m = batchLength(batch, n);
    if (out) out.fill(0);
    let s = 0;
    for (let t = 0; t < m; t++) {
      const i = exampleAt(batch, t, n);
      let r = w[d]! - y[i]!;
      for (let j = 0; j < d; j++) r += w[j]! * x[i * d + j]!;
      s += 0.5 * r * r;
      if (out) {
        for (let j = 0; j < d; j++) out[j]! += (r * x[i * d + j]!) / m;
        out[d]! += r / m;
      }
    }
    return s / m + penalty(w, d, l2, out);
  };
  return { name: `least squares (n = ${n}, d = ${d})`, ...weightsAndBias(d, n, run) };
}

/**
 * Logistic regression for two classes (labels 0 and 1): mean over the batch of the cross-entropy
 * log(1 + eᶻ) − y z with z = w·x + b, plus (λ/2)‖w‖². `init(seed)`: weights N(0, 1/features), bias 0.
 */
export function logisticRegression(data: ClassificationData, o: LinearModelOptions = {}): Classifier {
  checkDataset("data", data);
  if (data.classes !== 2) throw new ArgumentError("data.classes", data.classes, "2 (use softmaxRegression for more)");
  const l2 = nonNegative("l2", o.l2 ?? 0);
  const { n, features: d, x, labels } = data;
  const score = (w: Float64Array, xs: ArrayLike<number>, offset: number) => {
    let z = w[d]!;
    for (let j = 0; j < d; j++) z += w[j]! * xs[offset + j]!;
    return z;
  };
  const run = (w: Float64Array, out: Float64Array | undefined, batch?: Batch) => {
    const m = batchLength(batch, n);
    if (out) out.fill(0);
    let s = 0;
    for (let t = 0; t < m; t++) {
      const i = exampleAt(batch, t, n);
      const z = score(w, x, i * d);
      const yi = labels[i]!;
      s += softplus(z) - yi * z;
      if (out) {
        const dz = (sigmoid(z) - yi) / m;
        for (let j = 0; j < d; j++) out[j]! += dz * x[i * d + j]!;
        out[d]! += dz;
      }
    }
    return s / m + penalty(w, d, l2, out);
  };
  const predict = (w: Float64Array, xs: ArrayLike<number>) => (score(w, xs, 0) > 0 ? 1 : 0);
  return {
    name: `logistic regression (n = ${n}, d = ${d}${l2 > 0 ? `, λ = ${l2}` : ""})`,
    ...weightsAndBias(d, n, run),
    predict,
    accuracy: (w, batch) => accuracy(data, batch, (i) => (score(w, x, i * d) > 0 ? 1 : 0)),
  };
}

/**
 * Softmax (multinomial logistic) regression: scores z = W x + b with W of shape
 * [classes, features]; mean over the batch of logsumexp(z) − z_y, plus (λ/2)‖W‖².
 * `init(seed)`: weights N(0, 1/features), biases 0.
 */
export function softmaxRegression(data: ClassificationData, o: LinearModelOptions = {}): Classifier {
  checkDataset("data", data);
  const l2 = nonNegative("l2", o.l2 ?? 0);
  const { n, features: d, classes: k, x, labels } = data;
  const z = new Float64Array(k);
  const scores = (w: Float64Array, xs: ArrayLike<number>, offset: number) => {
    for (let c = 0; c < k; c++) {
      let s = w[k * d + c]!;
      for (let j = 0; j < d; j++) s += w[c * d + j]! * xs[offset + j]!;
      z[c] = s;
    }
  };
  const run = (w: Float64Array, out: Float64Array | undefined, batch?: Batch) => {
    const m = batchLength(batch, n);
    if (out) out.fill(0);
    let s = 0;
    for (let t = 0; t < m; t++) {
      const i = exampleAt(batch, t, n);
      scores(w, x, i * d);
      const yi = labels[i]!;
      const zy = z[yi]!;
      s += softmaxInPlace(z) - zy;
      if (out) {
        for (let c = 0; c < k; c++) {
          const dz = (z[c]! - (c === yi ? 1 : 0)) / m;
          for (let j = 0; j < d; j++) out[c * d + j]! += dz * x[i * d + j]!;
          out[k * d + c]! += dz;
        }
      }
    }
    return s / m + penalty(w, k * d, l2, out);
  };
  return {
    name: `softmax regression (n = ${n}, d = ${d}, classes = ${k}${l2 > 0 ? `, λ = ${l2}` : ""})`,
    dim: k * d + k,
    examples: n,
    layers: [
      { name: "weight", offset: 0, shape: [k, d] },
      { name: "bias", offset: k * d, shape: [k] },
    ],
    loss: (w, batch) => run(w, undefined, batch),
    grad: (w, out, batch) => run(w, out, batch),
    init: (seed) => gaussianWeights(k * d + k, k * d, 1 / d, seed),
    predict(w, xs) {
      scores(w, xs, 0);
      return argmax(z);
    },
    accuracy: (w, batch) =>
      accuracy(data, batch, (i) => {
        scores(w, x, i * d);
        return argmax(z);
      }),
  };
}

/**
 * What a model with d weights then one bias shares: its layout, loss and gradient from one pass
 * `run(w, out?, batch?)`, and the initialization weights N(0, 1/d), bias 0.
 */
function weightsAndBias(d: number, n: number, run: (w: Float64Array, out: Float64Array | undefined, batch?: Batch) => number) {
  return {
    dim: d + 1,
    examples: n,
    layers: [
      { name: "weight", offset: 0, shape: [d] },
      { name: "bias", offset: d, shape: [1] },
    ],
    loss: (w: Float64Array, batch?: Batch) => run(w, undefined, batch),
    grad: (w: Float64Array, out: Float64Array, batch?: Batch) => run(w, out, batch),
    init: (seed: number) => gaussianWeights(d + 1, d, 1 / d, seed),
  };
}
