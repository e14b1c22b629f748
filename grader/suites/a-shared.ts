/**
 * Helpers shared by the hidden suites of lesson A, the practice problems and the quiz: tasks for
 * choice, classification and symbolic parts, and a relative-tolerance number check.
 */
import { expect } from "vitest";
import { checkExpression, checkNumber, type CheckOptions, type Ranges } from "../../exercises/lib/expression";
import { StudentError, task, type Submission } from "../harness/run/suite";

/**
 * Asserts that `actual` is a number within relative tolerance `rel` of `expected` (absolute near 0).
 * `expect` runs only when the check fails (same message), to keep passing checks cheap.
 */
export function near(actual: unknown, expected: number, rel = 1e-9, what = "value"): void {
  if (typeof actual !== "number") expect(typeof actual, `${what} should be a number`).toBe("number");
  const a = actual as number;
  const ok = Math.abs(a - expected) <= rel * Math.max(Math.abs(expected), 1e-300) || Math.abs(a - expected) <= 1e-15;
  if (!ok) expect(ok, `${what}: got ${a}`).toBe(true);
}

/** One task: the exported letter must equal `answer`. */
export function choiceTask(s: Submission, part: string, exportName: string, title: string, answer: string, points = 1): void {
  task(part, title, points, async () => {
    expect(await s.value(exportName)).toBe(answer);
  });
}

/**
 * Two tasks for a classification part: half the points for at most one item wrong, half for all
 * items right.
 */
export function classifyTasks(s: Submission, part: string, exportName: string, expected: boolean[], points = 2): void {
  const wrong = async () => {
    const got = await s.value(exportName);
    expect(Array.isArray(got), "an array of booleans").toBe(true);
    const arr = got as unknown[];
    expect(arr.length, `${expected.length} booleans`).toBe(expected.length);
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

/** One task: the exported number (or constant expression) must be within `relTol` of `expected`; fails with student-safe feedback. */
export function numberTask(s: Submission, part: string, exportName: string, title: string, expected: number, points = 1, relTol = 1e-3): void {
  task(part, title, points, async () => {
    const verdict = checkNumber(await s.value(exportName), expected, relTol);
    if (!verdict.ok) throw new StudentError(verdict.feedback);
  });
}
