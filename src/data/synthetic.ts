/**
 * Seeded synthetic data sets for the course's experiments: Gaussian blobs, two moons, k-armed
 * spirals and linear-regression data. Same seed, same data, bit for bit.
 */
import { rng, type Rng } from "../random";
import { ArgumentError, finite, integer, nonNegative, positive, positiveInt } from "../validate";
import type { ClassificationData, RegressionData } from "./dataset";

/** Options of `blobs`. */
export interface BlobsOptions {
  /** Total number of examples (split as evenly as possible across classes). */
  n: number;
  /** Number of classes (default 3). */
  classes?: number;
  /** Number of features (default 2). */
  features?: number;
  /** Standard deviation of each blob (default 1). */
  spread?: number;
  /**
   * Blob centres, one per class, each of length `features`. Default: evenly spaced on a circle
   * of radius 4 in the first two coordinates (zero in the others; the first feature only if
   * `features` = 1).
   */
  centers?: readonly (readonly number[])[];
  seed: number;
}

/** Isotropic Gaussian blobs, one per class; example i has class i mod classes. */
export function blobs(o: BlobsOptions): ClassificationData {
  const n = positiveInt("n", o.n);
  const classes = positiveInt("classes", o.classes ?? 3);
  const d = positiveInt("features", o.features ?? 2);
  const spread = nonNegative("spread", o.spread ?? 1);
  const centers = o.centers ?? defaultCenters(classes, d);
  if (centers.length !== classes) throw new ArgumentError("centers.length", centers.length, `classes = ${classes}`);
  centers.forEach((c, k) => {
    if (c.length !== d) throw new ArgumentError(`centers[${k}].length`, c.length, `features = ${d}`);
    c.forEach((v, j) => finite(`centers[${k}][${j}]`, v));
  });
  const r = rng(o.seed);
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    labels[i] = k;
    for (let j = 0; j < d; j++) x[i * d + j] = centers[k]![j]! + spread * r.normal();
  }
  return { kind: "classification", n, features: d, classes, x, labels };
}

function defaultCenters(classes: number, d: number): number[][] {
  return Array.from({ length: classes }, (_, k) => {
    const c = new Array<number>(d).fill(0);
    const a = (2 * Math.PI * k) / classes;
    c[0] = 4 * Math.cos(a);
    if (d > 1) c[1] = 4 * Math.sin(a);
    return c;
  });
}

/** Options of `moons`. */
export interface MoonsOptions {
  /** Total number of examples: ⌈n/2⌉ in the upper moon (class 0), ⌊n/2⌋ in the lower (class 1). */
  n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1). */
  noise?: number;
  seed: number;
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: class 0 at (cos t, sin t),
 * class 1 at (1 − cos t, 0.5 − sin t), t evenly spaced on [0, π], plus Gaussian noise; the rows
 * are then shuffled.
 */
export function moons(o: MoonsOptions): ClassificationData {
  const n = integer("n", o.n, 2);
  const noise = nonNegative("noise", o.noise ?? 0.1);
  const r = rng(o.seed);
  const nUpper = Math.ceil(n / 2);
  const nLower = n - nUpper;
  const raw = new Float64Array(2 * n);
  const rawLabels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const upper = i < nUpper;
    const m = upper ? nUpper : nLower;
    const t = m === 1 ? 0 : (Math.PI * (upper ? i : i - nUpper)) / (m - 1);
    raw[2 * i] = upper ? Math.cos(t) : 1 - Math.cos(t);
    raw[2 * i + 1] = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    rawLabels[i] = upper ? 0 : 1;
  }
  return shuffled(raw, rawLabels, 2, 2, noise, r);
}

/** Options of `spirals`. */
export interface SpiralsOptions {
  /** Total number of examples (split as evenly as possible across the arms). */
  n: number;
  /** Number of arms = classes (default 3). */
  classes?: number;
  /** Turns each arm makes from the centre to radius 1 (default 0.75). */
  turns?: number;
  /** Standard deviation of the Gaussian noise on the angle, in radians (default 0.2). */
  noise?: number;
  seed: number;
}

/**
 * Interleaved spiral arms (the CS231n data set): arm k's points have radius r evenly spaced on
 * [0, 1] and angle 2πk/classes + 2π·turns·r + noise; rows are then shuffled.
 */
export function spirals(o: SpiralsOptions): ClassificationData {
  const n = positiveInt("n", o.n);
  const classes = integer("classes", o.classes ?? 3, 2);
  const turns = positive("turns", o.turns ?? 0.75);
  const noise = nonNegative("noise", o.noise ?? 0.2);
  const r = rng(o.seed);
  const raw = new Float64Array(2 * n);
  const rawLabels = new Int32Array(n);
  let i = 0;
  for (let k = 0; k < classes; k++) {
    const m = Math.floor(n / classes) + (k < n % classes ? 1 : 0);
    for (let t = 0; t < m; t++, i++) {
      const radius = m === 1 ? 1 : t / (m - 1);
      const angle = (2 * Math.PI * k) / classes + 2 * Math.PI * turns * radius + noise * r.normal();
      raw[2 * i] = radius * Math.cos(angle);
      raw[2 * i + 1] = radius * Math.sin(angle);
      rawLabels[i] = k;
    }
  }
  return shuffled(raw, rawLabels, 2, classes, 0, r);
}

/** Shuffles rows with a seeded permutation, adding N(0, noise²) to every coordinate. */
function shuffled(raw: Float64Array, rawLabels: Int32Array, d: number, classes: number, noise: number, r: Rng): ClassificationData {
  const n = rawLabels.length;
  const p = r.permutation(n);
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = p[i]!;
    labels[i] = rawLabels[s]!;
    for (let j = 0; j < d; j++) x[i * d + j] = raw[s * d + j]! + (noise > 0 ? noise * r.normal() : 0);
  }
  return { kind: "classification", n, features: d, classes, x, labels };
}

/** Options of `linearData`. */
export interface LinearDataOptions {
  n: number;
  /** Number of features (default 1). */
  features?: number;
  /** Standard deviation of the additive target noise (default 0.1). */
  noise?: number;
  /** True weights (default: drawn from N(0, 1)). */
  weights?: readonly number[];
  /** True intercept (default 0). */
  bias?: number;
  seed: number;
}

/** Linear-regression data and the truth that generated it. */
export interface LinearData extends RegressionData {
  /** The weights that generated the targets. */
  readonly weights: Float64Array;
  /** The intercept that generated the targets. */
  readonly bias: number;
}

/** Linear-regression data: x ~ N(0, I), y = x·w + b + N(0, noise²). */
export function linearData(o: LinearDataOptions): LinearData {
  const n = positiveInt("n", o.n);
  const d = positiveInt("features", o.features ?? o.weights?.length ?? 1);
  const noise = nonNegative("noise", o.noise ?? 0.1);
  const bias = finite("bias", o.bias ?? 0);
  const r = rng(o.seed);
  if (o.weights && o.weights.length !== d) throw new ArgumentError("weights.length", o.weights.length, `features = ${d}`);
  const weights = Float64Array.from(o.weights ?? Array.from({ length: d }, () => r.normal()), (w, j) => finite(`weights[${j}]`, w));
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bias;
    for (let j = 0; j < d; j++) {
      const v = r.normal();
      x[i * d + j] = v;
      s += v * weights[j]!;
    }
    y[i] = s + noise * r.normal();
  }
  return { kind: "regression", n, features: d, x, y, weights, bias };
}
