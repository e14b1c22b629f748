/** The Rosenbrock function: a curved, narrow valley that punishes a fixed learning rate. */
import { rng } from "../random";
import { integer, positive } from "../validate";
import type { Objective } from "./objective";

/** Options of `rosenbrock`. */
export interface RosenbrockOptions {
  /** Number of variables n ≥ 2 (default 2). */
  dim?: number;
  /** Valley steepness b (default 100). */
  b?: number;
}

/**
 * f(x) = Σᵢ₌₀ⁿ⁻² [(1 − xᵢ)² + b (xᵢ₊₁ − xᵢ²)²], the n-dimensional ("extended") Rosenbrock
 * function; for n = 2 the classic (1 − x)² + 100 (y − x²)². Minimum 0 at (1, …, 1).
 * `init(seed)` is uniform on [−2, 2]ⁿ; the classic start is (−1.2, 1).
 */
export function rosenbrock(o: RosenbrockOptions = {}): Objective {
  const n = integer("dim", o.dim ?? 2, 2);
  const b = positive("b", o.b ?? 100);
  const loss = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n - 1; i++) s += (1 - x[i]!) ** 2 + b * (x[i + 1]! - x[i]! * x[i]!) ** 2;
    return s;
  };
  return {
    name: n === 2 ? "Rosenbrock" : `Rosenbrock (n = ${n})`,
    dim: n,
    minimizer: new Float64Array(n).fill(1),
    minimumLoss: 0,
    loss,
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < n - 1; i++) {
        const r = x[i + 1]! - x[i]! * x[i]!;
        out[i]! += -2 * (1 - x[i]!) - 4 * b * x[i]! * r;
        out[i + 1]! += 2 * b * r;
      }
      return loss(x);
    },
    init(seed) {
      const r = rng(seed);
      return Float64Array.from({ length: n }, () => 4 * r.uniform() - 2);
    },
  };
}
