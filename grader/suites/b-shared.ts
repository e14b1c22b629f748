/**
 * Helpers shared by the hidden suites of lesson B (b01…b10): numeric comparison of nested arrays
 * and plain objects, small dense matrix algebra for the trusted computations, and the gradient of
 * the lessons' 2-D test objective. Choice, classification and expression tasks come from
 * `a-shared.ts`.
 */
import { expect } from "vitest";
import { expectShape, TOL } from "./a-shared";

/** A number, or arrays / plain objects of them: the shapes the exercises return. */
export type Numeric = number | Numeric[] | { [key: string]: Numeric };

/** Largest absolute number inside `x`. */
function scale(x: Numeric): number {
  if (typeof x === "number") return Math.abs(x);
  const parts = Array.isArray(x) ? x : Object.values(x);
  return parts.reduce((m: number, p) => Math.max(m, scale(p)), 0);
}

/**
 * Asserts that `actual` has the shape of `expected` (a wrong shape is named, see `expectShape`)
 * and that every number agrees within relative
 * tolerance `rel` (see TOL in a-shared.ts for the reasons behind each value), with an absolute
 * floor of `rel` times the largest magnitude in `expected` (per field of an object; so values that have converged to ≈ 0
 * are not compared digit by digit). −0 equals 0. `expect` runs only for a check that fails (same
 * message as always): thousands of passing comparisons per submission would otherwise dominate
 * the grader's CPU time.
 */
export function nearAll(actual: unknown, expected: Numeric, rel: number = TOL.FLOAT32, what = "value"): void {
  expectShape(actual, expected);
  // A state object's fields (params, m, v, t, …) have different units: each gets its own floor.
  if (typeof expected === "object" && !Array.isArray(expected)) {
    const isObject = typeof actual === "object" && actual !== null && !Array.isArray(actual);
    if (!isObject) expect(isObject, `${what} should be an object`).toBe(true);
    for (const k of Object.keys(expected)) nearAll((actual as Record<string, unknown>)[k], expected[k]!, rel, `${what}.${k}`);
    return;
  }
  const floor = rel * scale(expected);
  const walk = (a: unknown, e: Numeric, path: string): void => {
    if (typeof e === "number") {
      if (typeof a !== "number") expect(typeof a, `${path} should be a number`).toBe("number");
      const x = a as number;
      if (!(Math.abs(x - e) <= rel * Math.abs(e) + floor)) expect(false, `${path}: got ${x}`).toBe(true);
    } else if (Array.isArray(e)) {
      if (!Array.isArray(a)) expect(Array.isArray(a), `${path} should be an array`).toBe(true);
      const arr = a as unknown[];
      if (arr.length !== e.length) expect(arr.length, `${path} should have ${e.length} entries`).toBe(e.length);
      e.forEach((ei, i) => walk(arr[i], ei, `${path}[${i}]`));
    } else {
      const isObject = typeof a === "object" && a !== null && !Array.isArray(a);
      if (!isObject) expect(isObject, `${path} should be an object`).toBe(true);
      for (const k of Object.keys(e)) walk((a as Record<string, unknown>)[k], e[k]!, `${path}.${k}`);
    }
  };
  walk(actual, expected, what);
}

/** ∇f for f(x, y) = ½ (100 x² + y²), the 2-D test objective of lesson B. */
export function bowlGrad(p: readonly number[]): number[] {
  return [100 * p[0]!, p[1]!];
}

/** Euclidean norm. */
export function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

/** The matrix product A B. */
export function matmul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, x, k) => s + x * B[k]![j]!, 0)));
}

/** The transpose. */
export function transpose(A: number[][]): number[][] {
  return A[0]!.map((_, j) => A.map((row) => row[j]!));
}

/** A rows × cols matrix of seeded draws. */
export function randomMatrix(rows: number, cols: number, draw: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric 2 × 2 matrix, in closed form:
 * the eigenvalues are the mean of the diagonal ± the radius √(((a − d)/2)² + b²).
 */
export function eigenSym2(M: number[][]): { values: [number, number]; vectors: [number[], number[]] } {
  const a = M[0]![0]!;
  const b = M[0]![1]!;
  const d = M[1]![1]!;
  const mean = (a + d) / 2;
  const rad = Math.hypot((a - d) / 2, b);
  const hi = mean + rad;
  const lo = mean - rad;
  if (b === 0) return a >= d ? { values: [a, d], vectors: [[1, 0], [0, 1]] } : { values: [d, a], vectors: [[0, 1], [1, 0]] };
  // (M − hi I) v = 0  ⇒  v ∝ (b, hi − a).
  const v = [b, hi - a];
  const n = Math.hypot(v[0]!, v[1]!);
  const v1 = [v[0]! / n, v[1]! / n];
  return { values: [hi, lo], vectors: [v1, [-v1[1]!, v1[0]!]] };
}

/** A symmetric 2 × 2 matrix raised to the power p through its eigendecomposition. */
export function symPow2(M: number[][], p: number): number[][] {
  const { values, vectors } = eigenSym2(M);
  const out = [[0, 0], [0, 0]];
  for (let k = 0; k < 2; k++) {
    const f = values[k]! ** p;
    const v = vectors[k]!;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) out[i]![j] = out[i]![j]! + f * v[i]! * v[j]!;
  }
  return out;
}

/** Singular values (descending) of a matrix with at most two rows or at most two columns. */
export function singularValues2(A: number[][]): number[] {
  const gram = A.length <= A[0]!.length ? matmul(A, transpose(A)) : matmul(transpose(A), A);
  if (gram.length === 1) return [Math.sqrt(gram[0]![0]!)];
  return eigenSym2(gram).values.map((x) => Math.sqrt(Math.max(x, 0)));
}
