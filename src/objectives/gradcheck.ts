/** Checking an analytic gradient against central finite differences. */
import { positive } from "../validate";
import type { Batch, Objective } from "./objective";

/**
 * The central-difference gradient (f(x + hⱼeⱼ) − f(x − hⱼeⱼ)) / 2hⱼ with hⱼ = h·max(1, |xⱼ|)
 * (default h = 1e-5: truncation error O(h²) and rounding error O(ε/h) are then both ≈ 1e-10
 * relative). Uses `loss` only; `x` is restored afterwards.
 */
export function finiteDifferenceGradient(f: Objective, x: Float64Array, batch?: Batch, h = 1e-5): Float64Array {
  positive("h", h);
  const g = new Float64Array(f.dim);
  for (let j = 0; j < f.dim; j++) {
    const xj = x[j]!;
    const hj = h * Math.max(1, Math.abs(xj));
    x[j] = xj + hj;
    const up = f.loss(x, batch);
    x[j] = xj - hj;
    const down = f.loss(x, batch);
    x[j] = xj;
    g[j] = (up - down) / (2 * hj);
  }
  return g;
}

/**
 * ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖): the relative error of `f.grad` at `x` against central finite
 * differences (0 when both vanish). Below about 1e-6 means the gradient is right.
 */
export function gradientError(f: Objective, x: Float64Array, batch?: Batch): number {
  const g = new Float64Array(f.dim);
  f.grad(x, g, batch);
  const fd = finiteDifferenceGradient(f, x, batch);
  let diff = 0;
  let ng = 0;
  let nfd = 0;
  for (let j = 0; j < f.dim; j++) {
    diff += (g[j]! - fd[j]!) ** 2;
    ng += g[j]! ** 2;
    nfd += fd[j]! ** 2;
  }
  const scale = Math.sqrt(Math.max(ng, nfd));
  return scale === 0 ? 0 : Math.sqrt(diff) / scale;
}
