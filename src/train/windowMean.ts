/** The mean of a run's column over a window of steps: the measured floor, a final loss, a plateau. */
import { ArgumentError, integer } from "../validate";

/**
 * The mean of `values[from]`, …, `values[to − 1]` (default: the whole series), summed in index
 * order. Needs 0 ≤ from < to ≤ values.length.
 */
export function windowMean(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = values.length;
  const end = integer("to", to, 1, n);
  const start = integer("from", from, 0, n);
  if (start >= end) throw new ArgumentError("from", start, `an integer below to = ${end}`);
  let sum = 0;
  for (let k = start; k < end; k++) sum += values[k]!;
  return sum / (end - start);
}
