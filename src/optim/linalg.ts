/**
 * Small dense linear algebra for the matrix optimizers (Shampoo, Muon): row-major products, the
 * symmetric eigendecomposition by cyclic Jacobi rotations, symmetric matrix powers, and the
 * quintic Newton–Schulz orthogonalization. All work arrays are passed in, so a step allocates nothing.
 */
import { ArgumentError, positiveInt } from "../validate";

/** C (m×n) ← A (m×k) · B (k×n), row-major; C must not alias A or B. */
export function matmul(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  C.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let l = 0; l < k; l++) {
      const a = A[i * k + l]!;
      if (a === 0) continue;
      const bl = l * n;
      for (let j = 0; j < n; j++) C[ci + j] = C[ci + j]! + a * B[bl + j]!;
    }
  }
}

/** C (m×m) ← X Xᵀ for X (m×n), row-major. */
export function gramRows(X: Float64Array, C: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) s += X[i * n + l]! * X[j * n + l]!;
      C[i * m + j] = s;
      C[j * m + i] = s;
    }
  }
}

/**
 * Eigendecomposition of the symmetric n×n matrix A by cyclic Jacobi rotations: writes the
 * eigenvalues to `w` (length n, unsorted) and the eigenvectors to the columns of `V` (n×n).
 * `A` is overwritten (it ends near-diagonal). Sweeps until the off-diagonal mass is below
 * 1e-15 of the total (at most 100 sweeps).
 */
export function symmetricEigen(A: Float64Array, n: number, V: Float64Array, w: Float64Array): void {
  V.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += A[i]! * A[i]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * A[p * n + q]! * A[p * n + q]!;
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const theta = (A[q * n + q]! - A[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!;
          const akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!;
          const aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!;
          const vkq = V[k * n + q]!;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) w[i] = A[i * n + i]!;
}

/** Work arrays for `symmetricPower` on n×n matrices. */
export interface EigenWork {
  readonly n: number;
  readonly a: Float64Array;
  readonly v: Float64Array;
  readonly w: Float64Array;
}

/** Allocates the work arrays `symmetricPower` needs for n×n matrices. */
export function eigenWork(n: number): EigenWork {
  positiveInt("n", n);
  return { n, a: new Float64Array(n * n), v: new Float64Array(n * n), w: new Float64Array(n) };
}

/**
 * out ← Aᵖ for a symmetric positive-definite n×n matrix A (unchanged), via A = V diag(w) Vᵀ.
 * Throws if an eigenvalue is ≤ 0 while p < 0.
 */
export function symmetricPower(A: Float64Array, p: number, out: Float64Array, work: EigenWork): void {
  const { n, a, v, w } = work;
  a.set(A.subarray(0, n * n));
  symmetricEigen(a, n, v, w);
  for (let i = 0; i < n; i++) {
    const x = w[i]!;
    if (p < 0 && !(x > 0)) throw new ArgumentError("matrix eigenvalue", x, "> 0 for a negative power (add ε·I)");
    w[i] = Math.pow(Math.max(x, 0), p);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += v[i * n + k]! * w[k]! * v[j * n + k]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
}

/**
 * The quintic Newton–Schulz coefficients (a, b, c) of Keller Jordan's Muon: p(x) = ax + bx³ + cx⁵.
 * p is steep at 0 (a = 3.4445) and does not converge to 1: iterated, it settles into the band
 * [0.6818, 1.1344] (measured by iterating the scalar map; `newtonSchulzMap` in diagnostics). After
 * five steps every σ/‖G‖_F ≥ 0.01 lands in that band; smaller ones may still be rising.
 */
export const NS_COEFFICIENTS: readonly [number, number, number] = [3.4445, -4.775, 2.0315];

/** Work arrays for `newtonSchulz` on rows×cols matrices. */
export interface NsWork {
  readonly rows: number;
  readonly cols: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** Allocates the work arrays `newtonSchulz` needs for rows×cols matrices. */
export function nsWork(rows: number, cols: number): NsWork {
  positiveInt("rows", rows);
  positiveInt("cols", cols);
  const r = Math.min(rows, cols);
  return { rows, cols, x: new Float64Array(rows * cols), y: new Float64Array(rows * cols), a: new Float64Array(r * r), b: new Float64Array(r * r) };
}

/**
 * Quintic Newton–Schulz orthogonalization (Muon): X₀ = G/(‖G‖_F + 1e-7), then `steps` times
 * A = XXᵀ, X ← aX + (bA + cA²)X on the wide orientation (rows ≤ cols; a tall G is transposed and
 * back). Each singular value σ of X₀ goes to p(p(…p(σ))) with p(x) = ax + bx³ + cx⁵, so the
 * result ≈ UV ᵀ with singular values in a band around 1 (not exactly 1: the coefficients trade
 * accuracy for speed). Reads `g[off … off+rows·cols−1]` (row-major); writes the result, in G's
 * orientation, to `out` (length rows·cols).
 */
export function newtonSchulz(
  g: Float64Array,
  off: number,
  out: Float64Array,
  work: NsWork,
  steps = 5,
  coefficients: readonly [number, number, number] = NS_COEFFICIENTS,
): void {
  const { rows, cols, x, y, a: A, b: B } = work;
  const tall = rows > cols;
  const r = tall ? cols : rows;
  const c = tall ? rows : cols;
  const n = rows * cols;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += g[off + i]! * g[off + i]!;
  const inv = 1 / (Math.sqrt(ss) + 1e-7);
  if (tall) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) x[j * rows + i] = g[off + i * cols + j]! * inv;
  } else {
    for (let i = 0; i < n; i++) x[i] = g[off + i]! * inv;
  }
  const [ca, cb, cc] = coefficients;
  for (let s = 0; s < steps; s++) {
    gramRows(x, A, r, c);
    matmul(A, A, B, r, r, r);
    for (let i = 0; i < r * r; i++) B[i] = cb * A[i]! + cc * B[i]!;
    matmul(B, x, y, r, r, c);
    for (let i = 0; i < n; i++) x[i] = ca * x[i]! + y[i]!;
  }
  if (tall) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = x[j * rows + i]!;
  } else {
    out.set(x.subarray(0, n));
  }
}
