/**
 * Helpers for the public tests: they check that an answer is well formed (a letter, a list of
 * booleans of the right length, an expression using only the allowed symbols), never whether it
 * is right. The graded tests are more thorough.
 */
import { expect } from "vitest";
import { checkSyntax } from "./expression";

/** Fails unless `answer` is one of the option letters, in upper or lower case ("B" or "b"). */
export function expectChoice(answer: unknown, options: readonly string[] = ["A", "B", "C", "D"]): void {
  if (answer === null) throw new Error("not answered yet (the value is null)");
  const letter = typeof answer === "string" ? answer.toUpperCase() : answer;
  expect(options, `answer with one of ${options.join(", ")} (upper or lower case)`).toContain(letter);
}

/** Fails unless `answer` is an array of `count` booleans. */
export function expectClassification(answer: unknown, count: number): void {
  if (answer === null) throw new Error("not answered yet (the value is null)");
  if (!Array.isArray(answer) || answer.length !== count || answer.some((x) => typeof x !== "boolean")) {
    throw new Error(`answer with an array of ${count} booleans (true = example, false = non-example)`);
  }
}

/** Fails unless `answer` is a well-formed expression in the allowed `symbols` (plus pi and e). */
export function expectExpression(answer: unknown, symbols: readonly string[]): void {
  const r = checkSyntax(answer, symbols);
  if ("ok" in r) throw new Error(r.feedback);
}

/** Fails unless `answer` is a number or a constant expression (see parseAnswerNumber). */
export function expectNumberAnswer(answer: unknown): void {
  if (typeof answer === "number") {
    expect(Number.isFinite(answer), "a finite number").toBe(true);
    return;
  }
  expectExpression(answer, []);
}
