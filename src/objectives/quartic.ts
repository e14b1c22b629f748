/** The quartic well: a model whose curvature grows away from the minimum, so warmup decides divergence. */
import { ArgumentError, finite, positive } from "../validate";
import type { Objective } from "./objective";

/** A quartic well with its exactly known (diagonal) Hessian. */
export interface QuarticWell extends Objective {
  /** The curvatures λᵢ at the minimum. */
  readonly lambdas: Float64Array;
  readonly minimizer: Float64Array;
  readonly minimumLoss: 0;
  /** λ_max of the Hessian at `x`: maxᵢ (λᵢ + 3xᵢ²), the sharpness the stability bound η < 2/λ_max uses. */
  lambdaMaxAt(x: Float64Array): number;
}

/** Options of `quarticWell`. */
export interface QuarticWellOptions {
  /** Curvatures λᵢ > 0 at the minimum (one per coordinate). */
  lambdas: readonly number[];
  /** The starting point `init` returns, whatever the seed (same length as `lambdas`). */
  start: readonly number[];
}

/**
 * f(x) = Σᵢ ½λᵢxᵢ² + ¼xᵢ⁴, minimum 0 at the origin; ∇f = λᵢxᵢ + xᵢ³ and H = diag(λᵢ + 3xᵢ²).
 * Far from the minimum the curvature is large: a step size that is stable at the minimum
 * (η·λ_max(0) < 2) can be unstable at the start (η·λ_max(x₀) > 2), so a run without warmup
 * diverges where the same peak LR reached through a warmup converges (lessons A4, A7).
 * `init(seed)` ignores the seed and returns a copy of `start`.
 */
export function quarticWell(o: QuarticWellOptions): QuarticWell {
  if (o.lambdas.length === 0) throw new ArgumentError("lambdas", [], "at least one curvature");
  const lambdas = Float64Array.from(o.lambdas, (v, i) => positive(`lambdas[${i}]`, v));
  const d = lambdas.length;
  if (o.start.length !== d) throw new ArgumentError("start.length", o.start.length, `the number of curvatures, ${d}`);
  const start = Float64Array.from(o.start, (v, i) => finite(`start[${i}]`, v));
  const loss = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const x2 = x[i]! * x[i]!;
      s += 0.5 * lambdas[i]! * x2 + 0.25 * x2 * x2;
    }
    return s;
  };
  return {
    name: `quartic well (λ = ${Array.from(lambdas).join(", ")})`,
    dim: d,
    lambdas,
    minimizer: new Float64Array(d),
    minimumLoss: 0,
    loss,
    grad(x, out) {
      for (let i = 0; i < d; i++) out[i] = lambdas[i]! * x[i]! + x[i]! ** 3;
      return loss(x);
    },
    init: () => start.slice(),
    lambdaMaxAt(x) {
      let m = -Infinity;
      for (let i = 0; i < d; i++) m = Math.max(m, lambdas[i]! + 3 * x[i]! * x[i]!);
      return m;
    },
  };
}
