/** Sharpness λ_max of the loss Hessian from gradients alone: Hessian-vector products and power iteration. */
import type { Batch, Objective } from "../objectives/objective";
import { rng } from "../random";
import { ArgumentError, integer, nonNegative, positive, positiveInt } from "../validate";

/** Options of `hessianVectorProduct` and `sharpness`. */
export interface HvpOptions {
  /** Finite-difference step h along the unit direction (default 1e-4). */
  h?: number;
  /** The minibatch whose loss is differentiated (default: the full batch). */
  batch?: Batch;
}

/**
 * Writes H v ≈ (∇f(x + hv̂) − ∇f(x − hv̂))·‖v‖/(2h), v̂ = v/‖v‖, into `out`: the Hessian of `f` at
 * `x` times `v` from two gradients, with error O(h²) (exact up to rounding when ∇f is affine, as
 * for quadratics and least squares). `out` is zero when v = 0.
 */
export function hessianVectorProduct(f: Objective, x: Float64Array, v: Float64Array, out: Float64Array, o: HvpOptions = {}): void {
  const h = positive("h", o.h ?? 1e-4);
  const d = f.dim;
  for (const [name, a] of [["x", x], ["v", v], ["out", out]] as const) {
    if (a.length !== d) throw new ArgumentError(`${name}.length`, a.length, `objective.dim = ${d}`);
  }
  let nv = 0;
  for (let i = 0; i < d; i++) nv += v[i]! * v[i]!;
  nv = Math.sqrt(nv);
  if (nv === 0) {
    out.fill(0);
    return;
  }
  const y = new Float64Array(d);
  const gm = new Float64Array(d);
  const s = h / nv;
  for (let i = 0; i < d; i++) y[i] = x[i]! - s * v[i]!;
  f.grad(y, gm, o.batch);
  for (let i = 0; i < d; i++) y[i] = x[i]! + s * v[i]!;
  f.grad(y, out, o.batch);
  const c = nv / (2 * h);
  for (let i = 0; i < d; i++) out[i] = (out[i]! - gm[i]!) * c;
}

/** Options of `sharpness`. */
export interface SharpnessOptions extends HvpOptions {
  /** Most power-iteration steps (default 500). */
  iterations?: number;
  /** Stop when the estimate changes by at most this fraction between steps (default 1e-10). */
  tolerance?: number;
  /** Seed of the random (Gaussian) starting direction (default 0). */
  seed?: number;
}

/**
 * The sharpness of `f` at `x`: the Hessian eigenvalue of largest magnitude (λ_max when H is
 * positive semi-definite, as near a minimum), by power iteration vₜ₊₁ = Hvₜ/‖Hvₜ‖ with
 * `hessianVectorProduct`, returning the Rayleigh quotient vₜᵀHvₜ. Its error shrinks like
 * (λ₂/λ₁)²ᵗ, so a small gap between the top two eigenvalues needs many steps. GD on `f` near
 * `x` is stable only for η < 2/λ_max.
 */
export function sharpness(f: Objective, x: Float64Array, o: SharpnessOptions = {}): number {
  const iterations = positiveInt("iterations", o.iterations ?? 500);
  const tol = nonNegative("tolerance", o.tolerance ?? 1e-10);
  const r = rng(integer("seed", o.seed ?? 0, 0, 0xffffffff));
  const d = f.dim;
  const v = Float64Array.from({ length: d }, () => r.normal());
  const hv = new Float64Array(d);
  let lambda = NaN;
  for (let t = 0; t < iterations; t++) {
    let nv = 0;
    for (let i = 0; i < d; i++) nv += v[i]! * v[i]!;
    nv = Math.sqrt(nv);
    if (nv === 0) return 0;
    for (let i = 0; i < d; i++) v[i] = v[i]! / nv;
    hessianVectorProduct(f, x, v, hv, o);
    let q = 0;
    for (let i = 0; i < d; i++) q += v[i]! * hv[i]!;
    const done = Math.abs(q - lambda) <= tol * Math.abs(q);
    lambda = q;
    if (done) break;
    v.set(hv);
  }
  return lambda;
}
