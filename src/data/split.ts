/** Seeded train/test split. */
import { rng } from "../random";
import { ArgumentError, inRange } from "../validate";
import { subset, type Dataset } from "./dataset";

/** Options of `trainTestSplit`. */
export interface SplitOptions {
  /** Fraction of the examples held out for testing, in (0, 1) (default 0.25). */
  testFraction?: number;
  seed: number;
}

/**
 * Splits `data` at random: the test set gets round(testFraction · n) examples (at least one,
 * leaving at least one for training), the training set the rest; both keep the shuffled order.
 */
export function trainTestSplit<D extends Dataset>(data: D, o: SplitOptions): { train: D; test: D } {
  const f = inRange("testFraction", o.testFraction ?? 0.25, 0, 1, { lo: true, hi: true });
  if (data.n < 2) throw new ArgumentError("data.n", data.n, "at least 2 examples to split");
  const nTest = Math.min(data.n - 1, Math.max(1, Math.round(f * data.n)));
  const p = rng(o.seed).permutation(data.n);
  return { test: subset(data, p.subarray(0, nTest)), train: subset(data, p.subarray(nTest)) };
}
