/** Seeded train/test and train/validation/test splits. */
import { rng } from "../random";
import { ArgumentError, inRange } from "../validate";
import { subset, type Dataset } from "./dataset";

/** Options of `trainTestSplit`. */
export interface SplitOptions {
  /** Fraction of the examples held out for testing, in (0, 1) (default 0.25). */
  testFraction?: number;
  seed: number;
}

/** Options of `trainValidationTestSplit`: both fractions are of the whole data set. */
export interface ThreeWaySplitOptions {
  /** Fraction of the examples held out for choosing hyperparameters, in (0, 1). */
  validationFraction: number;
  /** Fraction of the examples held out for the final report, in (0, 1). */
  testFraction: number;
  seed: number;
}

/** The parts of one seeded shuffle of `data`: the first `counts[0]` examples, the next `counts[1]`, …, and the rest. */
function shuffledParts<D extends Dataset>(data: D, counts: number[], seed: number): D[] {
  const p = rng(seed).permutation(data.n);
  const parts: D[] = [];
  let at = 0;
  for (const c of counts) {
    parts.push(subset(data, p.subarray(at, at + c)));
    at += c;
  }
  parts.push(subset(data, p.subarray(at)));
  return parts;
}

/** round(f · n), at least 1. */
const share = (f: number, n: number): number => Math.max(1, Math.round(f * n));

/**
 * Splits `data` at random: the test set gets round(testFraction · n) examples (at least one,
 * leaving at least one for training), the training set the rest; both keep the shuffled order.
 */
export function trainTestSplit<D extends Dataset>(data: D, o: SplitOptions): { train: D; test: D } {
  const f = inRange("testFraction", o.testFraction ?? 0.25, 0, 1, { lo: true, hi: true });
  if (data.n < 2) throw new ArgumentError("data.n", data.n, "at least 2 examples to split");
  const nTest = Math.min(data.n - 1, share(f, data.n));
  const [test, train] = shuffledParts(data, [nTest], o.seed);
  return { train: train!, test: test! };
}

/**
 * Splits `data` at random into training, validation and test sets of round(fraction · n)
 * examples each for validation and test (at least one each) and the rest (at least one) for
 * training. The test set is the one `trainTestSplit` gives with the same seed and testFraction;
 * the validation set is carved out of that split's training set.
 */
export function trainValidationTestSplit<D extends Dataset>(
  data: D,
  o: ThreeWaySplitOptions,
): { train: D; validation: D; test: D } {
  const fv = inRange("validationFraction", o.validationFraction, 0, 1, { lo: true, hi: true });
  const ft = inRange("testFraction", o.testFraction, 0, 1, { lo: true, hi: true });
  if (fv + ft >= 1) throw new ArgumentError("validationFraction + testFraction", fv + ft, "a sum below 1, leaving examples to train on");
  if (data.n < 3) throw new ArgumentError("data.n", data.n, "at least 3 examples to split three ways");
  const nTest = share(ft, data.n);
  const nVal = share(fv, data.n);
  if (nTest + nVal >= data.n) {
    throw new ArgumentError("data.n", data.n, `more than ${nTest} test + ${nVal} validation examples, leaving one to train on`);
  }
  const [test, validation, train] = shuffledParts(data, [nTest, nVal], o.seed);
  return { train: train!, validation: validation!, test: test! };
}
