/** Smoothing a noisy loss curve the way TensorBoard does. */
import { inRange } from "../validate";

/**
 * The debiased exponential moving average of TensorBoard's "smoothing" slider:
 * mₜ = w·mₜ₋₁ + (1 − w)·vₜ with m = 0 before the first value, reported as mₜ / (1 − wᵗ) (t counts
 * the values seen), so the curve starts at the first value instead of at 0, and a constant series
 * smooths to itself. Non-finite values are passed through unchanged and skipped by the average,
 * as TensorBoard does. `weight` in [0, 1); 0 leaves the series unchanged.
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): Float64Array {
  const w = inRange("weight", weight, 0, 1, { hi: true });
  const out = new Float64Array(values.length);
  let m = 0;
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    m = w * m + (1 - w) * v;
    seen++;
    out[i] = w === 0 ? v : m / (1 - Math.pow(w, seen));
  }
  return out;
}
