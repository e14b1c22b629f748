/**
 * Data set types: examples stored row-major in one `Float64Array`, so objectives read them
 * without allocation.
 */
import { ArgumentError, integer } from "../validate";

/** A classification data set: `n` examples of `features` numbers, labels in 0…classes−1. */
export interface ClassificationData {
  readonly kind: "classification";
  readonly n: number;
  readonly features: number;
  readonly classes: number;
  /** Row-major `n × features`. */
  readonly x: Float64Array;
  readonly labels: Int32Array;
}

/** A regression data set: `n` examples of `features` numbers with real targets. */
export interface RegressionData {
  readonly kind: "regression";
  readonly n: number;
  readonly features: number;
  /** Row-major `n × features`. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Either kind of data set. */
export type Dataset = ClassificationData | RegressionData;

/** The examples of `data` at `indices`, in that order (a new data set; the arrays are copied). */
export function subset<D extends Dataset>(data: D, indices: ArrayLike<number>): D {
  const d = data.features;
  const m = indices.length;
  const x = new Float64Array(m * d);
  for (let t = 0; t < m; t++) {
    const i = integer(`indices[${t}]`, indices[t], 0, data.n - 1);
    x.set(data.x.subarray(i * d, (i + 1) * d), t * d);
  }
  if (data.kind === "classification") {
    const labels = new Int32Array(m);
    for (let t = 0; t < m; t++) labels[t] = data.labels[indices[t]!]!;
    return { ...data, n: m, x, labels };
  }
  const y = new Float64Array(m);
  for (let t = 0; t < m; t++) y[t] = data.y[indices[t]!]!;
  return { ...data, n: m, x, y };
}

/** Throws unless `x` has `n × features` entries and the targets have `n`; returns `data`. */
export function checkDataset<D extends Dataset>(name: string, data: D): D {
  if (data.x.length !== data.n * data.features) {
    throw new ArgumentError(`${name}.x.length`, data.x.length, `n × features = ${data.n * data.features}`);
  }
  const targets = data.kind === "classification" ? data.labels : data.y;
  if (targets.length !== data.n) {
    throw new ArgumentError(`${name} targets length`, targets.length, `n = ${data.n}`);
  }
  if (data.kind === "classification") {
    for (let i = 0; i < data.n; i++) integer(`${name}.labels[${i}]`, data.labels[i], 0, data.classes - 1);
  }
  return data;
}
