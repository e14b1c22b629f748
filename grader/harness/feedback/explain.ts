/**
 * What a student reads about a failed task, by kind of failure: no answer yet; a problem their
 * code caused (wrong type or shape, threw, timed out: the harness's student-safe message); or a
 * wrong value. When the task's answers match a known wrong solution's (feedback/digest.ts), the
 * feedback names that mistake in plain words; otherwise the task's hint is added, but only to a
 * wrong value, the failure it is written for. Hidden inputs and expected values are never shown.
 */
import type { TaskOutcome } from "../run/runner";
import { sameAnswers } from "./digest";
import type { ManifestTask, Mistake } from "../score/manifest";

/** How the feedback introduces the known mistakes a failed task's answers match, and separates two. */
export const MISTAKE_PREFIX = "Your results match a known mistake: ";
export const MISTAKE_SEPARATOR = " Or: ";

/** How a task failed. */
export type FailureKind = "no result" | "no answer" | "student error" | "wrong value";

/** The kind of a failed task's outcome. */
export function failureKind(o: TaskOutcome | undefined): FailureKind {
  if (!o || o.state === "skipped" || o.state === "pending" || !o.error) return "no result";
  if (o.error.name !== "StudentError") return "wrong value";
  return /^no answer yet|^threw: Error: not implemented$/.test(o.error.message) ? "no answer" : "student error";
}

/** The known mistakes whose answers on this task are the student's (at most two named). */
export function matchingMistakes(o: TaskOutcome | undefined, t: ManifestTask, mistakes: readonly Mistake[]): Mistake[] {
  const digest = o?.meta.answers;
  if (!digest) return [];
  return mistakes.filter((m) => {
    const known = m.answers[`${t.part}: ${t.title}`];
    return known !== undefined && sameAnswers(digest, known);
  }).slice(0, 2);
}

/** The student-facing text of a failed task (see the module comment). */
export function failureText(o: TaskOutcome | undefined, t: ManifestTask, mistakes: readonly Mistake[]): string {
  const kind = failureKind(o);
  let text: string;
  if (kind === "no result") text = "no result recorded for this test (counted as failed)";
  else if (kind === "no answer") text = /not implemented/.test(o!.error!.message) ? "no answer yet (the function still throws \"not implemented\")" : o!.error!.message;
  else if (kind === "student error") text = o!.error!.message;
  else text = t.visibility === "visible" ? o!.error!.message.slice(0, 1000) : "failed";
  if (kind === "no answer" || kind === "no result") return text;
  const known = matchingMistakes(o, t, mistakes);
  if (known.length) return `${text}\n${MISTAKE_PREFIX}${known.map((m) => m.what).join(MISTAKE_SEPARATOR)}`;
  const hint = o?.meta.hint;
  return kind === "wrong value" && hint ? `${text}\nHint: ${hint}` : text;
}
