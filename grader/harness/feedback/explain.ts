/**
 * What a student reads about a failed task, by kind of failure: no answer yet; a problem their
 * code caused (wrong type or shape, threw, timed out: the harness's student-safe message); or a
 * wrong value. When the task's answers are exactly those of one known wrong solution (every call
 * answered, each alike: feedback/digest.ts), the feedback names that mistake in plain words;
 * when they match none, or more than one, it says nothing about known mistakes. A hidden task's
 * wrong value says which value the failed check read, nothing of the values. There are no
 * fixed hints: a sentence shown on every failure of a task points a student whose mistake is
 * another at a bug they do not have. Hidden inputs and expected values are never shown.
 */
import type { TaskOutcome } from "../run/runner";
import type { ManifestTask, Mistake } from "../score/manifest";

/** How the feedback introduces the known mistake a failed task's answers match. */
export const MISTAKE_PREFIX = "Your results match a known mistake: ";

/** Between the name of a value a check read and what is wrong with it, in a failed check's message. */
export const CHECK_SEPARATOR = " — ";

/**
 * Messages the harness writes whole about a student's failure: limits, skips, a missing export, a
 * file that did not compile. In every other student-caused message (what the student's code
 * threw, the shape it returned, its class and key names, its exit code) every number is blanked
 * ("…"): a number there can carry a hidden input, or an expected size, out of the grader, however
 * the student's code derived it.
 */
const HARNESS_WORDS = /^(the student process (timed out|gave no answer|printed more|did not start|was stopped|could not)|skipped: |returned a value beyond the grader's limits|no export named|export \S+ is not a function|file did not compile|no answer yet)/;

/** A student-caused message as it may be shown (see `HARNESS_WORDS`). */
export function redactNumbers(message: string): string {
  return HARNESS_WORDS.test(message) ? message : blank(message);
}

/** The text with every number blanked. */
const blank = (text: string) => text.replace(/\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, "…");

/**
 * What a hidden task's failed check may say: which value it read (numbers blanked: the suite's
 * names of values can hold its inputs), never the value expected or received. A failure that is
 * not such a check says only "failed".
 */
function hiddenFailure(message: string): string {
  const at = message.indexOf(CHECK_SEPARATOR);
  return at > 0 ? `${blank(message.slice(0, at))} is not the expected value` : "failed";
}

/** How a task failed. */
export type FailureKind = "no result" | "no answer" | "student error" | "wrong value";

/** The kind of a failed task's outcome. */
export function failureKind(o: TaskOutcome | undefined): FailureKind {
  if (!o || o.state === "skipped" || o.state === "pending" || !o.error) return "no result";
  if (o.error.name !== "StudentError") return "wrong value";
  return /^no answer yet|^threw: Error: not implemented$/.test(o.error.message) ? "no answer" : "student error";
}

/**
 * Whether a student's answers (`got`, a digest: feedback/digest.ts) are those of a known mistake
 * (`known`): the same calls, each answered alike (a throw agrees with a throw of the same class).
 * A call that failed without throwing ("!x": a timeout, a crash, a line the student forged) is no
 * evidence, so it rules the match out, as does any disagreeing call or a call one side did not
 * make: feedback that cannot be sure says nothing about known mistakes.
 */
export function sameAnswers(got: string, known: string): boolean {
  return got === known && !got.split(".").includes("!x");
}

/** The one known mistake whose answers on this task are exactly the student's, or null (none, or several). */
export function matchingMistake(o: TaskOutcome | undefined, t: ManifestTask, mistakes: readonly Mistake[]): Mistake | null {
  const digest = o?.meta.answers;
  if (!digest) return null;
  const found = mistakes.filter((m) => {
    const known = m.answers[`${t.part}: ${t.title}`];
    return known !== undefined && sameAnswers(digest, known);
  });
  // Two catalogued mistakes with the same answers here: the evidence does not say which.
  return found.length === 1 ? found[0]! : null;
}

/** The student-facing text of a failed task (see the module comment). */
export function failureText(o: TaskOutcome | undefined, t: ManifestTask, mistakes: readonly Mistake[]): string {
  const kind = failureKind(o);
  if (kind === "no result") return "no result recorded for this test (counted as failed)";
  if (kind === "no answer") return /not implemented/.test(o!.error!.message) ? "no answer yet (the function still throws \"not implemented\")" : o!.error!.message;
  const text = kind === "student error" ? o!.error!.message : t.visibility === "visible" ? o!.error!.message.slice(0, 1000) : hiddenFailure(o!.error!.message);
  const known = matchingMistake(o, t, mistakes);
  return known ? `${text}\n${MISTAKE_PREFIX}${known.what}` : text;
}
