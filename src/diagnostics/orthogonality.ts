/** How orthogonal a matrix is: Muon's Newton–Schulz diagnostics. */
import { gramRows, symmetricEigen, NS_COEFFICIENTS } from "../optim/linalg";
import { ArgumentError, integer, positiveInt } from "../validate";

function check(X: Float64Array, rows: number, cols: number): void {
  positiveInt("rows", rows);
  positiveInt("cols", cols);
  if (X.length !== rows * cols) throw new ArgumentError("X.length", X.length, `rows·cols = ${rows * cols}`);
}

/** Gram matrix on the smaller side: XᵀX (cols×cols) for a tall X, XXᵀ (rows×rows) for a wide one. */
function smallGram(X: Float64Array, rows: number, cols: number): [Float64Array, number] {
  if (rows <= cols) {
    const G = new Float64Array(rows * rows);
    gramRows(X, G, rows, cols);
    return [G, rows];
  }
  const T = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = X[i * cols + j]!;
  const G = new Float64Array(cols * cols);
  gramRows(T, G, cols, rows);
  return [G, cols];
}

/**
 * ‖XᵀX − I‖_F for a tall or square X (rows ≥ cols), ‖XXᵀ − I‖_F for a wide one: 0 exactly when
 * X has orthonormal columns (rows), i.e. all its singular values are 1.
 */
export function orthogonalityError(X: Float64Array, rows: number, cols: number): number {
  check(X, rows, cols);
  const [G, r] = smallGram(X, rows, cols);
  let s = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const e = G[i * r + j]! - (i === j ? 1 : 0);
      s += e * e;
    }
  }
  return Math.sqrt(s);
}

/** The min(rows, cols) singular values of X, largest first (square roots of the Gram eigenvalues). */
export function singularValues(X: Float64Array, rows: number, cols: number): Float64Array {
  check(X, rows, cols);
  const [G, r] = smallGram(X, rows, cols);
  const V = new Float64Array(r * r);
  const w = new Float64Array(r);
  symmetricEigen(G, r, V, w);
  return w.map((x) => Math.sqrt(Math.max(0, x))).sort().reverse();
}

/**
 * The scalar map Newton–Schulz applies to each singular value: x ↦ ax + bx³ + cx⁵, `steps` times
 * (default Muon's quintic coefficients and five steps). Iterating it over σ/‖G‖_F predicts the
 * singular values `newtonSchulz` returns.
 */
export function newtonSchulzMap(x: number, steps = 5, coefficients: readonly [number, number, number] = NS_COEFFICIENTS): number {
  integer("steps", steps, 0);
  const [a, b, c] = coefficients;
  for (let s = 0; s < steps; s++) {
    const x2 = x * x;
    x = x * (a + x2 * (b + c * x2));
  }
  return x;
}
