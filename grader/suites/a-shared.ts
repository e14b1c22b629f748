/**
 * Helpers shared by the hidden suites of lesson A, the practice problems and the quiz: tasks for
 * choice, classification and symbolic parts, and a relative-tolerance number check.
 */
import { expect } from "vitest";
import { checkExpression, checkNumber, PRACTICE_PRECISION, type CheckOptions, type Precision, type Ranges } from "../../exercises/lib/expression";
import { shapeMismatch } from "../harness/feedback/shape";
import { StudentError, task, type Submission } from "../harness/run/suite";

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
 *   `Float32Array`): float32 keeps about 7 significant digits (unit round-off 2⁻²⁴ ≈ 6e-8), and a
 *   schedule value or one optimizer step takes at most a few dozen rounded operations, so it is
 *   within 2e-6 of the exact value. Every wrong solution in grader/wrong/ differs by far more.
 * - `FLOAT32_ITERATED`: a trajectory repeats the step tens of times on a contracting quadratic;
 *   float32 round-off accumulates to at most about 1e-5 of the trajectory's scale.
 * - `FLOAT64`: only where the difference the task exists to detect is itself below the float32
 *   allowance (stated next to each use); the reference's float64 round-off is far below 1e-9.
 * - `EXACT`: counts and other integer results are compared exactly (with −0 equal to 0).
 */
export const TOL = { FLOAT32: 2e-6, FLOAT32_ITERATED: 1e-5, FLOAT64: 1e-9 } as const;

/**
 * Asserts that `actual` is a number within relative tolerance `rel` of `expected`, with an absolute
 * floor of `rel` times `scale` (default: |expected|; pass the run's peak for schedule values near 0,
 * so a value that is 0 up to round-off of the peak passes). −0 equals 0. `expect` runs only when
 * the check fails (same message), to keep passing checks cheap.
 */
export function near(actual: unknown, expected: number, rel: number = TOL.FLOAT32, what = "value", scale = 0): void {
  expectShape(actual, expected);
  const a = actual as number;
  const err = Math.abs(a - expected);
  const ok = err <= rel * Math.max(Math.abs(expected), Math.abs(scale), 1e-300) || err <= 1e-15;
  if (!ok) expect(ok, `${what}: got ${a}`).toBe(true);
}

/** Asserts that `actual` is exactly the number `expected` (an integer result); −0 equals 0, unlike toBe/toEqual. */
export function same(actual: unknown, expected: number, what = "value"): void {
  expectShape(actual, expected);
  if (actual !== expected) expect(actual, what).toBe(expected);
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
    if (!verdict.ok) throw new StudentError(verdict.feedback);
  });
}

/**
 * One task: the exported number (or constant expression) must equal `expected` to the stated
 * precision (default 3 significant figures, as the practice header says); fails with student-safe feedback.
 */
export function numberTask(s: Submission, part: string, exportName: string, title: string, expected: number, points = 1, precision: Precision = PRACTICE_PRECISION): void {
  task(part, title, points, async () => {
    const verdict = checkNumber(await s.value(exportName), expected, precision);
    if (!verdict.ok) throw new StudentError(verdict.feedback);
  });
}
