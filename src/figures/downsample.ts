/**
 * Keeping figure specs small: a series longer than the budget is reduced by min–max bucketing,
 * which keeps every spike and dip (a loss spike must not vanish from the plot).
 */
import { integer } from "../validate";

/** The default budget of points per trace. */
export const MAX_POINTS = 2000;

/**
 * Indices of the points to keep so that at most `maxPoints` (≥ 4) remain. The rule: if the
 * series fits, keep everything; otherwise always keep the first and last points, cut the
 * interior into B = ⌊(maxPoints − 2)/2⌋ consecutive buckets of (nearly) equal size, and keep
 * the positions of the smallest and largest finite values of each bucket (in index order; the
 * bucket's first point if none is finite). So the global minimum and maximum always survive, as
 * does every local extreme that dominates its bucket. Indices come out increasing.
 */
export function downsampleIndices(values: ArrayLike<number>, maxPoints = MAX_POINTS): Int32Array {
  integer("maxPoints", maxPoints, 4);
  const n = values.length;
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const keep: number[] = [0];
  const buckets = Math.floor((maxPoints - 2) / 2);
  const interior = n - 2;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      if (lo < 0 || v < values[lo]!) lo = i;
      if (hi < 0 || v > values[hi]!) hi = i;
    }
    if (lo < 0) keep.push(start);
    else if (lo === hi) keep.push(lo);
    else keep.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  keep.push(n - 1);
  return Int32Array.from(keep);
}

/** The series (x, y) reduced by `downsampleIndices` on y, as plain arrays. */
export function downsample(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints = MAX_POINTS,
): { x: number[]; y: number[] } {
  const idx = downsampleIndices(y, maxPoints);
  return { x: Array.from(idx, (i) => x[i]!), y: Array.from(idx, (i) => y[i]!) };
}
