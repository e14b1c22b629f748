/**
 * The fair-comparison protocol's two helpers: the spread of a metric over seeds, and the choice
 * of a method's hyperparameters on a validation split.
 */
import { ArgumentError, integer } from "../validate";

/** Mean, sample standard deviation (n − 1 in the denominator; 0 for one value), min, max and count. */
export interface Spread {
  mean: number;
  sd: number;
  min: number;
  max: number;
  n: number;
}

/**
 * The spread of `values` (at least one finite number): mean, sample sd (divides by n − 1; 0 when
 * n = 1), min, max and n.
 */
export function spread(values: number[]): Spread {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ArgumentError("values", values, "a non-empty array of finite numbers");
  }
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgumentError(`values[${i}]`, v, "a finite number");
  });
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: Math.min(...values), max: Math.max(...values), n };
}

/** One configuration's validation scores, one per tuning seed, and their mean. */
export interface Trial<C> {
  config: C;
  scores: number[];
  mean: number;
}

/**
 * Scores every configuration with every tuning seed (`score(config, seed)`, lower is better,
 * typically a validation loss) and returns the one with the lowest mean score, the first on a
 * tie. A non-finite score (a diverged run) counts as +∞, so such a configuration never wins;
 * throws if every configuration diverged. Needs ≥ 1 config and ≥ 1 distinct integer seed ≥ 0.
 */
export function tuneOnValidation<C>(
  configs: C[],
  score: (config: C, seed: number) => number,
  seeds: number[],
): { best: C; bestIndex: number; trials: Trial<C>[] } {
  if (!Array.isArray(configs) || configs.length === 0) {
    throw new ArgumentError("configs", configs, "a non-empty array of configurations");
  }
  if (typeof score !== "function") throw new ArgumentError("score", score, "a function (config, seed) => number");
  if (!Array.isArray(seeds) || seeds.length === 0) throw new ArgumentError("seeds", seeds, "a non-empty array of seeds");
  seeds.forEach((s, i) => integer(`seeds[${i}]`, s, 0, 0xffffffff));
  if (new Set(seeds).size !== seeds.length) throw new ArgumentError("seeds", seeds, "distinct seeds");
  const trials: Trial<C>[] = configs.map((config) => {
    const scores = seeds.map((seed) => {
      const s = score(config, seed);
      return typeof s === "number" && Number.isFinite(s) ? s : Infinity;
    });
    let sum = 0;
    for (const s of scores) sum += s;
    return { config, scores, mean: sum / scores.length };
  });
  let bestIndex = -1;
  for (let i = 0; i < trials.length; i++) {
    const m = trials[i]!.mean;
    if (Number.isFinite(m) && (bestIndex < 0 || m < trials[bestIndex]!.mean)) bestIndex = i;
  }
  if (bestIndex < 0) throw new ArgumentError("configs", `${configs.length} configurations`, "at least one whose score is finite for every seed (all diverged)");
  return { best: configs[bestIndex]!, bestIndex, trials };
}
