/**
 * Helpers shared by the hidden suites of lesson A, the practice problems and the quiz: tasks for
 * choice, classification and symbolic parts, and a relative-tolerance number check.
 */
import { expect } from "vitest";
import { checkExpression, checkNumber, PRACTICE_PRECISION, type CheckOptions, type Precision, type Ranges } from "../../exercises/lib/expression";
import { shapeMismatch } from "../harness/feedback/shape";
import { softFail, StudentError, task, type Submission } from "../harness/run/suite";
import type { Rng } from "../../src/random";

/**
 * Throws a `StudentError` naming the problem when `actual` is missing or has the wrong type or
 * shape for `expected` (see feedback/shape.ts): every comparison below checks this first, so the
 * student reads "returned a string where a number is expected", not a failed value check.
 * `actual` is a whole answer, as received from `s.call`/`s.value`/`get(i)`, never a field of one.
 */
export function expectShape(actual: unknown, expected: unknown): void {
  const problem = shapeMismatch(actual, expected);
  if (problem) throw new StudentError(problem);
}

/**
 * `actual`, typed as `like`, once its type and shape are checked against `like` (a trusted value
 * of the shape the answer must have, such as the expected result; see `expectShape`). A task
 * reads a field or an entry of an answer only through this, or after a helper below has checked
 * the whole answer: a field read first (`r.lr` of an array) is undefined, and the student would
 * read "no answer yet" or a failed value check instead of what is wrong.
 */
export function shaped<T>(actual: unknown, like: T): T {
  expectShape(actual, like);
  return actual as T;
}

/**
 * Relative tolerances of the code tasks, each chosen from what the task tests.
 *
 * - `FLOAT32`: the default. A student may compute in single precision (`Math.fround`,
 *   `Float32Array`): float32 keeps about 7 significant digits (unit round-off u = 2⁻²⁴ ≈ 6e-8), and
 *   a formula of a fixed, small number of rounded operations on well-conditioned data (a schedule
 *   value, one optimizer step) is within 2e-6 ≈ 33.5u of the exact value. A task that draws random
 *   inputs adds to it what grows with those inputs (terms summed, factors multiplied, steps
 *   iterated, ill-conditioning), derived from the worst case over the ranges it draws from: `F32`
 *   below and `F32B` in b-shared.ts. Every wrong solution in grader/wrong/ differs by far more.
 * - `FLOAT32_ITERATED`: a trajectory with fixed inputs repeats the step tens of times on a
 *   contracting quadratic; float32 round-off accumulates to at most about 1e-5 of its scale.
 * - `FLOAT64`: only where the difference the task exists to detect is itself below the float32
 *   allowance (stated next to each use); the reference's float64 round-off is far below 1e-9.
 * - `EXACT`: counts and other integer results are compared exactly (with −0 equal to 0).
 */
export const TOL = { FLOAT32: 2e-6, FLOAT32_ITERATED: 1e-5, FLOAT64: 1e-9 } as const;

/** Unit round-off of single precision: one rounded float32 operation is exact to a relative 2⁻²⁴ ≈ 6.0e-8. */
export const U32 = 2 ** -24;

/** `TOL.FLOAT32` plus `growth` unit round-offs: the allowance of a float32 answer whose error grows with its inputs. */
export function f32(growth: number): number {
  return TOL.FLOAT32 + growth * U32;
}

/**
 * The float32 allowance of every lesson-A task that draws random inputs, derived from the worst
 * case over the ranges it draws from, not from the inputs today's seed happens to give.
 *
 * Model (first-order error analysis, u = U32): a single-precision answer rounds every input and
 * every operation, each to a relative u; a rounding is then amplified by how sensitive the result
 * is to it. `TOL.FLOAT32` (≈ 33.5u) covers a fixed formula of a few dozen well-conditioned
 * operations; each entry below adds the part that grows with the inputs. A value near 0 is judged
 * on the scale named at its use (the peak LR, the start of a trajectory), not digit by digit.
 * test/exercises/tolerance-corners.test.ts runs a faithful float32 port of each reference (inputs
 * and every operation rounded with Math.fround) at the corners of every range and checks it passes.
 *
 * The closed-form schedules keep `TOL.FLOAT32`, which bounds them over their whole ranges:
 * a03 warmupLinear, a04 cosineWithRestarts, a05 oneCycle, a06 inverseSqrt and noam, a07 wsd,
 * a08 scaledLr, a09 lrAtTokens and a10 llmSchedule each take at most a dozen roundings, none
 * amplified by more than π (the cosine's argument, whose error moves cos by at most as much; the
 * √x of the 1−√ cooldown halves the relative error of x), against the peak LR as the floor:
 * ≤ 15u everywhere; the corners reach 4u. (a03 draws no ratio whose product r·T is an integer:
 * there ⌈r·T⌉ itself depends on the last bit of the product; the warmupSteps task checks those.)
 */
export const F32 = {
  /**
   * a01 stepDecay, η₀·γ^m with m = ⌊k/S⌋ ≤ 19: the rounding of γ is raised to the m-th power (m·u),
   * and a student who multiplies m factors instead of calling ** adds m more roundings: 2m·u.
   */
  stepDecay: (m: number): number => f32(2 * m),
  /**
   * a01 descend, one coordinate: x_k = x₀·∏(1 − η_jλ), relative to |x₀| (every factor lies in
   * [−0.75, 1] over the ranges, so |x_j| ≤ |x₀| and later factors never enlarge an error).
   * Update j adds u·|x₀| for the subtraction and (2m_j + 7)·u·η_jλ·|x₀| through η_jλ·x (η_j as
   * in stepDecay, 2m_j + 4, then the product with λ and with x); summed over the updates.
   */
  descend: (config: { eta0: number; gamma: number; stepSize: number }, curvature: number, steps: number): number => {
    let growth = 1;
    for (let j = 0; j < steps; j++) {
      const m = Math.floor(j / config.stepSize);
      growth += 1 + (2 * m + 7) * config.eta0 * config.gamma ** m * curvature;
    }
    return f32(growth);
  },
  /**
   * a02 polynomialDecay, (η₀ − η_end)·b^p + η_end with b = 1 − min(k, T)/T, relative to η₀: b is
   * off by at most u (absolute), which moves b^p by p·b^(p−1)·u; b ≥ 1/T below the end, so that is
   * at most p·T^(1−p)·u for p < 1 (116u at p = 0.3, T = 5000) and p·u for p ≥ 1.
   */
  polynomialDecay: (totalSteps: number, power: number): number => f32(power * totalSteps ** Math.max(0, 1 - power)),
  /**
   * a02 partialSums over n positive terms: each term (η₀·(t+1)^−α, or its square) is within
   * 28u of exact (α·ln n ≤ 10.4 from α's rounding, doubled by the square: inside TOL.FLOAT32), and
   * summing n positive terms in float32, in any order, adds at most (n − 1)·u of the sum.
   */
  partialSums: (n: number): number => f32(Math.max(0, n - 1)),
  /**
   * a05 heavyBall, one coordinate, relative to |x₀|: each update rounds about eight operations
   * on numbers of |x₀|'s size (the one-cycle LR and momentum are inside TOL.FLOAT32), and the
   * recurrence is stable (its eigenvalues have modulus √momentum < 1), so each step's error is
   * carried forward at most undamped: 4u per update bounds it (the corners reach 2u).
   */
  heavyBall: (steps: number): number => f32(4 * steps),
} as const;

/**
 * Asserts that `actual` is a number within relative tolerance `rel` of `expected`, with an absolute
 * floor of `rel` times `scale` (default: |expected|; pass the run's peak for schedule values near 0,
 * so a value that is 0 up to round-off of the peak passes). −0 equals 0. A failed check is
 * recorded and the task goes on (`softFail`), so every call of the task is answered.
 */
export function near(actual: unknown, expected: number, rel: number = TOL.FLOAT32, what = "value", scale = 0): void {
  expectShape(actual, expected);
  const a = actual as number;
  const err = Math.abs(a - expected);
  const ok = err <= rel * Math.max(Math.abs(expected), Math.abs(scale), 1e-300) || err <= 1e-15;
  if (!ok) softFail(what, `got ${a}, expected ${expected}`);
}

/** Asserts that `actual` is exactly the number `expected` (an integer result); −0 equals 0, unlike toBe/toEqual. */
export function same(actual: unknown, expected: number, what = "value"): void {
  expectShape(actual, expected);
  if (actual !== expected) softFail(what, `got ${actual as number}, expected ${expected}`);
}

/** Asserts that `actual` is an array of exactly the numbers `expected`, in order (−0 equals 0). */
export function sameList(actual: unknown, expected: number[], what = "list"): void {
  expectShape(actual, expected);
  const arr = actual as unknown[];
  expected.forEach((e, i) => same(arr[i], e, `${what}[${i}]`));
}

/**
 * One task: the exported letter must equal `answer`. Lowercase is accepted ("b" for "B"); nothing
 * else (no spaces, no "B." or "(B)").
 */
export function choiceTask(s: Submission, part: string, exportName: string, title: string, answer: string, points = 1): void {
  task(part, title, points, async () => {
    const got = await s.value(exportName);
    expectShape(got, answer);
    const letter = /^[A-Da-d]$/.test(got as string) ? (got as string).toUpperCase() : got;
    expect(letter).toBe(answer);
  });
}

/**
 * Two tasks for a classification part: half the points for at most one item wrong, half for all
 * items right.
 */
export function classifyTasks(s: Submission, part: string, exportName: string, expected: boolean[], points = 2): void {
  const wrong = async () => {
    const got = await s.value(exportName);
    expectShape(got, expected);
    const arr = got as unknown[];
    return expected.filter((e, i) => arr[i] !== e).length;
  };
  task(part, "classifies all but at most one item correctly", points / 2, async () => {
    expect(await wrong()).toBeLessThanOrEqual(1);
  });
  task(part, "classifies every item correctly", points / 2, async () => {
    expect(await wrong()).toBe(0);
  });
}

/**
 * One task: the exported expression must equal `reference` over `ranges` (see checkExpression).
 * A wrong answer fails with the checker's feedback (unknown symbol, first differing point, …),
 * which is student-safe: it never shows the reference.
 */
export function expressionTask(
  s: Submission,
  part: string,
  exportName: string,
  title: string,
  reference: string,
  ranges: Ranges,
  points = 2,
  options?: CheckOptions,
): void {
  task(part, title, points, async () => {
    const verdict = checkExpression(await s.value(exportName), reference, ranges, options);
    // The checker's words about a text answer, which has no hidden input: shown whole.
    if (!verdict.ok) throw new StudentError(verdict.feedback, true);
  });
}

/**
 * One task: the exported number (or constant expression) must equal `expected` to the stated
 * precision (default 3 significant figures, as the practice header says); fails with student-safe feedback.
 */
export function numberTask(s: Submission, part: string, exportName: string, title: string, expected: number, points = 1, precision: Precision = PRACTICE_PRECISION): void {
  task(part, title, points, async () => {
    const verdict = checkNumber(await s.value(exportName), expected, precision);
    if (!verdict.ok) throw new StudentError(verdict.feedback, true);
  });
}

/** The seeded random configurations of a03's warmupLinear task: length T, warmup ratio, warmup length w, peak, step k. */
export function warmupLinearDraws(r: Rng): Array<{ T: number; ratio: number; w: number; peak: number; k: number }> {
  const cases: Array<{ T: number; ratio: number; w: number; peak: number; k: number }> = [];
  for (let i = 0; i < 40; i++) {
    const T = 20 + r.int(20_000);
    const ratio = Math.round(0.3 * r.uniform() * 1000) / 1000;
    const w = Math.ceil(ratio * T);
    // An integer r·T (in thousandths, exactly) is left to the warmupSteps task: there ⌈r·T⌉
    // depends on the last bit of the product (0.28·8875 is 2485.0000000000005 in float64 and
    // 2485 in float32), so a float32 answer could warm up one step longer (see F32).
    if (w >= T || (ratio > 0 && (Math.round(ratio * 1000) * T) % 1000 === 0)) continue;
    const peak = 10 ** (-5 + 4 * r.uniform());
    const k = r.int(T + 10);
    cases.push({ T, ratio, w, peak, k });
  }
  return cases;
}
