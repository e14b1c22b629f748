/**
 * Rates of gradient descent, heavy ball and Nesterov momentum (PyTorch's SGD form) on a quadratic
 * ½ Σ λᵢ θᵢ²: each eigen-direction is a linear recurrence, and the largest modulus of its roots is
 * the contraction per step. With h = ηλ:
 *
 *   gradient descent:  z = 1 − h
 *   heavy ball:        z² − (1 + μ − h) z + μ = 0
 *   Nesterov:          z² − (1 − h)(1 + μ) z + (1 − h) μ = 0
 */
import { ArgumentError, bool, nonNegative, positive } from "../validate";
import { beta } from "./optimizer";

/** The settings of `sgd` that decide its rate on a quadratic (no dampening, no weight decay). */
export interface MomentumSettings {
  /** Learning rate η ≥ 0. */
  lr: number;
  /** Momentum μ in [0, 1) (default 0). */
  momentum?: number;
  /** Nesterov's form (default false; needs momentum > 0, as `sgd` does). */
  nesterov?: boolean;
}

/** Largest |z| among the two roots of z² − b·z + c (real b and c). */
export function largestRoot(b: number, c: number): number {
  const d = b * b - 4 * c;
  if (d < 0) return Math.sqrt(c);
  const s = Math.sqrt(d);
  return Math.max(Math.abs((b + s) / 2), Math.abs((b - s) / 2));
}

function checked(settings: MomentumSettings): { lr: number; mu: number; nesterov: boolean } {
  const lr = nonNegative("lr", settings.lr);
  const mu = beta("momentum", settings.momentum ?? 0);
  const nesterov = bool("nesterov", settings.nesterov ?? false);
  if (nesterov && mu === 0) throw new ArgumentError("nesterov", true, "momentum > 0 (Nesterov needs a momentum buffer)");
  return { lr, mu, nesterov };
}

function rate(lr: number, mu: number, nesterov: boolean, lambda: number): number {
  const h = lr * lambda;
  if (mu === 0) return Math.abs(1 - h);
  return nesterov ? largestRoot((1 - h) * (1 + mu), (1 - h) * mu) : largestRoot(1 + mu - h, mu);
}

/** Contraction per step of `sgd(settings)` along one direction of curvature `lambda` > 0 (below 1: converges). */
export function directionRate(settings: MomentumSettings, lambda: number): number {
  const { lr, mu, nesterov } = checked(settings);
  return rate(lr, mu, nesterov, positive("lambda", lambda));
}

/**
 * The spectral radius of `sgd(settings)` on a quadratic with these Hessian eigenvalues (each > 0):
 * the largest direction rate, i.e. the asymptotic contraction of the error per step.
 */
export function spectralRadius(settings: MomentumSettings, eigenvalues: ArrayLike<number>): number {
  const { lr, mu, nesterov } = checked(settings);
  if (eigenvalues.length === 0) throw new ArgumentError("eigenvalues", [], "at least one eigenvalue");
  let worst = 0;
  for (let i = 0; i < eigenvalues.length; i++) worst = Math.max(worst, rate(lr, mu, nesterov, positive(`eigenvalues[${i}]`, eigenvalues[i])));
  return worst;
}

/** Tuned constants of one method and the contraction per step they give. */
export interface TunedSettings {
  lr: number;
  momentum: number;
  rate: number;
}

/**
 * The constants that minimise the spectral radius over eigenvalues in [lambdaMin, lambdaMax]
 * (κ = lambdaMax/lambdaMin), with their rates (the tunings for quadratics of Lessard, Recht & Packard
 * 2016, Proposition 1):
 * gradient descent η = 2/(λ_max + λ_min), rate (κ − 1)/(κ + 1); heavy ball (Polyak)
 * η = 4/(√λ_max + √λ_min)², μ = ((√κ − 1)/(√κ + 1))², rate (√κ − 1)/(√κ + 1); Nesterov
 * η = 4/(3λ_max + λ_min), μ = (√(3κ+1) − 2)/(√(3κ+1) + 2), rate 1 − 2/√(3κ + 1).
 */
export function tunedMomentum(lambdaMin: number, lambdaMax: number): { gd: TunedSettings; heavyBall: TunedSettings; nesterov: TunedSettings } {
  const lo = positive("lambdaMin", lambdaMin);
  const hi = positive("lambdaMax", lambdaMax);
  if (hi < lo) throw new ArgumentError("lambdaMax", hi, `a number ≥ lambdaMin = ${lo}`);
  const k = hi / lo;
  const q = Math.sqrt(k);
  const r = (q - 1) / (q + 1);
  const s = Math.sqrt(3 * k + 1);
  return {
    gd: { lr: 2 / (hi + lo), momentum: 0, rate: (k - 1) / (k + 1) },
    heavyBall: { lr: 4 / (Math.sqrt(hi) + Math.sqrt(lo)) ** 2, momentum: r * r, rate: r },
    nesterov: { lr: 4 / (3 * hi + lo), momentum: (s - 2) / (s + 2), rate: 1 - 2 / s },
  };
}

/**
 * The observed contraction per step of a sequence of positive error measures (distances to the
 * minimum, or losses — whose rate is the square of the distance's): (v_K / v_from)^(1/(K − from)),
 * with K the last index and `from` default ⌊K/2⌋, so the start-up transient is left out.
 */
export function observedRate(values: ArrayLike<number>, from?: number): number {
  const K = values.length - 1;
  if (K < 1) throw new ArgumentError("values.length", values.length, "at least 2 values");
  const h = from ?? Math.floor(K / 2);
  if (!Number.isInteger(h) || h < 0 || h >= K) throw new ArgumentError("from", h, `an integer in [0, ${K - 1}]`);
  const a = positive(`values[${h}]`, values[h]);
  const b = positive(`values[${K}]`, values[K]);
  return Math.pow(b / a, 1 / (K - h));
}
