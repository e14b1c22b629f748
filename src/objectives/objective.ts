/**
 * The objective type every optimizer and training loop in the course works on: a differentiable
 * function of a flat `Float64Array` of parameters.
 */

/**
 * A minibatch: the indices of the training examples to average over. Objectives without data
 * (quadratics, Rosenbrock) ignore it. Omitting it means the full data set.
 */
export type Batch = ArrayLike<number>;

/**
 * A named slice of the parameter vector: `shape` elements (row-major) starting at `offset`.
 * Used for per-layer diagnostics, LARS/LAMB trust ratios and matrix-shaped updates (Adafactor,
 * Shampoo, Muon). A weight matrix has shape `[rows, cols]`, a bias `[n]`.
 */
export interface Layer {
  readonly name: string;
  readonly offset: number;
  readonly shape: readonly number[];
}

/** A differentiable objective over a flat parameter vector of length `dim`. */
export interface Objective {
  /** A short human-readable name, e.g. "rotated quadratic (κ = 100)". */
  readonly name: string;
  /** Number of parameters. */
  readonly dim: number;
  /** The loss at `params` (mean over `batch` for data objectives, plus any regularizer). */
  loss(params: Float64Array, batch?: Batch): number;
  /**
   * Writes the gradient at `params` into `out` (length `dim`, overwritten, no allocation) and
   * returns the loss at `params` — the same value `loss(params, batch)` returns.
   */
  grad(params: Float64Array, out: Float64Array, batch?: Batch): number;
  /** A seeded starting point (a fresh array). */
  init(seed: number): Float64Array;
  /** The parameter vector cut into named layers, for objectives with structure. */
  readonly layers?: readonly Layer[];
  /** Number of training examples, for objectives defined by a data set (batch indices are < this). */
  readonly examples?: number;
  /** A known minimizer, where one is known exactly. */
  readonly minimizer?: Float64Array;
  /** The loss at `minimizer`, where known. */
  readonly minimumLoss?: number;
}

/** Number of elements in a layer (the product of its shape). */
export function layerSize(layer: Layer): number {
  return layer.shape.reduce((a, b) => a * b, 1);
}

/** A view (no copy) of the slice of `v` that belongs to `layer`. */
export function layerView(v: Float64Array, layer: Layer): Float64Array {
  return v.subarray(layer.offset, layer.offset + layerSize(layer));
}
