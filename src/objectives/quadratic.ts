/**
 * Quadratic objectives f(x) = ½ (x − c)ᵀ H (x − c) with a Hessian whose eigenvalues are given,
 * so the stability bound η < 2/λ_max and the condition number κ = λ_max/λ_min are known exactly.
 */
import { rng } from "../random";
import { ArgumentError, finite, inRange, oneOf, positive, positiveInt } from "../validate";
import type { Objective } from "./objective";

/** A quadratic objective with its exactly known spectrum. */
export interface Quadratic extends Objective {
  /** The eigenvalues of H, in the order given at construction. */
  readonly hessianEigenvalues: Float64Array;
  /**
   * The eigenvectors of H, row-major d × d: column i (entries `i, d + i, 2d + i, …`) belongs to
   * `hessianEigenvalues[i]`. The identity for a diagonal quadratic.
   */
  readonly eigenvectors: Float64Array;
  readonly lambdaMax: number;
  readonly lambdaMin: number;
  /** κ = λ_max / λ_min. */
  readonly conditionNumber: number;
  /** The minimizer c (loss 0 there). */
  readonly minimizer: Float64Array;
  readonly minimumLoss: 0;
  /** Writes H v into `out` (no allocation). */
  hessianTimes(v: Float64Array, out: Float64Array): void;
  /** The dense Hessian, row-major d × d (a fresh array). */
  hessian(): Float64Array;
}

/** Options shared by the quadratic constructors. */
export interface QuadraticOptions {
  /** The minimizer c (default the origin). */
  center?: readonly number[];
}

/**
 * f(x) = ½ Σᵢ λᵢ (xᵢ − cᵢ)²: an axis-aligned quadratic, H = diag(λ). Every λᵢ must be > 0.
 * `init(seed)` is c + N(0, I).
 */
export function diagonalQuadratic(eigenvalues: readonly number[] | Float64Array, o: QuadraticOptions = {}): Quadratic {
  const lambda = checkEigenvalues(eigenvalues);
  const d = lambda.length;
  const c = center(o.center, d);
  const identity = new Float64Array(d * d);
  for (let i = 0; i < d; i++) identity[i * d + i] = 1;
  const hessianTimes = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < d; i++) out[i] = lambda[i]! * v[i]!;
  };
  const facts = spectrumFacts(lambda);
  return {
    ...facts,
    name: `diagonal quadratic (d = ${d}, κ = ${fmt(facts.conditionNumber)})`,
    dim: d,
    eigenvectors: identity,
    minimizer: c,
    minimumLoss: 0,
    loss(x) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const e = x[i]! - c[i]!;
        s += lambda[i]! * e * e;
      }
      return 0.5 * s;
    },
    grad(x, out) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const e = x[i]! - c[i]!;
        out[i] = lambda[i]! * e;
        s += lambda[i]! * e * e;
      }
      return 0.5 * s;
    },
    init: (seed) => gaussianAround(c, seed),
    hessianTimes,
    hessian: () => {
      const h = new Float64Array(d * d);
      for (let i = 0; i < d; i++) h[i * d + i] = lambda[i]!;
      return h;
    },
  };
}

/** Options of `rotatedQuadratic`. */
export interface RotatedQuadraticOptions extends QuadraticOptions {
  /** Seed of the random rotation Q (Haar-distributed: Gram–Schmidt of a Gaussian matrix). */
  seed: number;
}

/**
 * f(x) = ½ (x − c)ᵀ Q diag(λ) Qᵀ (x − c): the diagonal quadratic turned by a seeded random
 * rotation, so no coordinate axis is an eigenvector and a per-coordinate (diagonal)
 * preconditioner cannot undo the conditioning. `init(seed)` is c + N(0, I).
 */
export function rotatedQuadratic(eigenvalues: readonly number[] | Float64Array, o: RotatedQuadraticOptions): Quadratic {
  const lambda = checkEigenvalues(eigenvalues);
  const d = lambda.length;
  const c = center(o.center, d);
  const q = randomRotation(d, o.seed);
  const h = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += q[i * d + k]! * lambda[k]! * q[j * d + k]!;
      h[i * d + j] = s;
    }
  }
  const hessianTimes = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += h[i * d + j]! * v[j]!;
      out[i] = s;
    }
  };
  const e = new Float64Array(d);
  const facts = spectrumFacts(lambda);
  return {
    ...facts,
    name: `rotated quadratic (d = ${d}, κ = ${fmt(facts.conditionNumber)})`,
    dim: d,
    eigenvectors: q,
    minimizer: c,
    minimumLoss: 0,
    loss(x) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        let hi = 0;
        for (let j = 0; j < d; j++) hi += h[i * d + j]! * (x[j]! - c[j]!);
        s += (x[i]! - c[i]!) * hi;
      }
      return 0.5 * s;
    },
    grad(x, out) {
      for (let i = 0; i < d; i++) e[i] = x[i]! - c[i]!;
      hessianTimes(e, out);
      let s = 0;
      for (let i = 0; i < d; i++) s += e[i]! * out[i]!;
      return 0.5 * s;
    },
    init: (seed) => gaussianAround(c, seed),
    hessianTimes,
    hessian: () => h.slice(),
  };
}

/** Options of `conditionedSpectrum`. */
export interface SpectrumOptions {
  dim: number;
  /** κ = λ_max / λ_min (≥ 1). */
  condition: number;
  /** Largest eigenvalue (default 1). */
  lambdaMax?: number;
  /** "geometric" (default): log-evenly spaced; "linear": evenly spaced. */
  spacing?: "geometric" | "linear";
}

/**
 * Eigenvalues from λ_max down to λ_max/κ (descending, `dim` of them): the spectrum of an
 * ill-conditioned quadratic with condition number exactly κ.
 */
export function conditionedSpectrum(o: SpectrumOptions): Float64Array {
  const d = positiveInt("dim", o.dim);
  const kappa = inRange("condition", o.condition, 1, Infinity, { hi: true });
  const top = positive("lambdaMax", o.lambdaMax ?? 1);
  const spacing = oneOf("spacing", o.spacing ?? "geometric", ["geometric", "linear"] as const);
  if (d === 1 && kappa !== 1) throw new ArgumentError("condition", kappa, "1 when dim = 1");
  const bottom = top / kappa;
  return Float64Array.from({ length: d }, (_, i) => {
    if (i === 0) return top;
    if (i === d - 1) return bottom;
    const t = i / (d - 1);
    return spacing === "geometric" ? top * Math.pow(kappa, -t) : top + (bottom - top) * t;
  });
}

/** Options of `illConditionedQuadratic`. */
export interface IllConditionedOptions extends SpectrumOptions, QuadraticOptions {
  /** Seed of the rotation. */
  seed: number;
}

/** A rotated quadratic with the spectrum of `conditionedSpectrum` (condition number exactly κ). */
export function illConditionedQuadratic(o: IllConditionedOptions): Quadratic {
  return rotatedQuadratic(conditionedSpectrum(o), o);
}

/**
 * A seeded random rotation, row-major d × d with orthonormal columns: modified Gram–Schmidt on
 * a matrix of standard normals (which gives the Haar distribution over orthogonal matrices).
 */
export function randomRotation(d: number, seed: number): Float64Array {
  positiveInt("d", d);
  const r = rng(seed);
  const q = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) q[i] = r.normal();
  for (let k = 0; k < d; k++) {
    for (let p = 0; p < k; p++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[i * d + p]! * q[i * d + k]!;
      for (let i = 0; i < d; i++) q[i * d + k]! -= dot * q[i * d + p]!;
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[i * d + k]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < d; i++) q[i * d + k]! /= norm;
  }
  return q;
}

function checkEigenvalues(eigenvalues: readonly number[] | Float64Array): Float64Array {
  if (eigenvalues.length === 0) throw new ArgumentError("eigenvalues", [], "at least one eigenvalue");
  return Float64Array.from(eigenvalues, (v, i) => positive(`eigenvalues[${i}]`, v));
}

function spectrumFacts(lambda: Float64Array) {
  const lambdaMax = lambda.reduce((a, b) => Math.max(a, b));
  const lambdaMin = lambda.reduce((a, b) => Math.min(a, b));
  return { hessianEigenvalues: lambda, lambdaMax, lambdaMin, conditionNumber: lambdaMax / lambdaMin };
}

function center(c: readonly number[] | undefined, d: number): Float64Array {
  if (c === undefined) return new Float64Array(d);
  if (c.length !== d) throw new ArgumentError("center.length", c.length, `the number of eigenvalues, ${d}`);
  return Float64Array.from(c, (v, i) => finite(`center[${i}]`, v));
}

function gaussianAround(c: Float64Array, seed: number): Float64Array {
  const r = rng(seed);
  return c.map((v) => v + r.normal());
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
