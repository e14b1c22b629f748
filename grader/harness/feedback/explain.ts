/**
 * What a student reads about a failed task, by kind of failure: no answer yet; a problem their
 * code caused (wrong type or shape, threw, timed out: the harness's student-safe message); or a
 * wrong value. When the exercise's outcomes are exactly those of one known wrong solution (the same
 * tasks failed, each with the same answers, every call answered: feedback/digest.ts), the feedback
 * names that mistake in plain words on the tasks it fails; when they match none, or more than
 * one, it says nothing about known mistakes. A hidden task's
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
 * file that did not compile, the starter's "not implemented". Every other student-caused message
 * is the student's own words, or made from their values (the shape they returned, their exit
 * code), and the student's code chooses them, so they can carry a hidden input out, spelled in any
 * alphabet: what the code threw is not shown at all (the public tests show it), and elsewhere
 * every number is blanked ("…").
 */
const HARNESS_WORDS = /^(the student process (timed out|gave no answer|printed more|did not start|was stopped|could not)|skipped: |returned a value beyond the grader's limits|no export named|export \S+ is not a function|file did not compile|no answer yet|threw: Error: not implemented$)/;

/** A student-caused message as it may be shown (see `HARNESS_WORDS`). */
export function shownToStudent(message: string): string {
  if (HARNESS_WORDS.test(message)) return message;
  if (message.startsWith("threw while loading")) return "threw while loading the file (what it threw is not shown here: run the public tests to see it)";
  if (message.startsWith("threw")) return "threw (what it threw is not shown here: run the public tests to see it)";
  return blank(message);
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

/** The key of a task in a known mistake's record. */
const taskKey = (t: ManifestTask) => `${t.part}: ${t.title}`;

/**
 * The one known mistake of an exercise that the student's outcomes agree with on every task, or
 * null (none, or several: the evidence does not say which). Agreeing means: each task the mistake
 * fails, the student fails with the same answers (see `sameAnswers`); each task it passes, the
 * student passes. A mistake whose record holds no answered call (only throws) is never named: a
 * throw of the same class is too common to single a mistake out.
 */
export function knownMistake(tasks: readonly ManifestTask[], outcome: (t: ManifestTask) => TaskOutcome | undefined, mistakes: readonly Mistake[]): Mistake | null {
  const found = mistakes.filter((m) => {
    const records = Object.values(m.answers);
    if (!records.some((r) => r.split(".").some((call) => !call.startsWith("!")))) return false;
    return tasks.every((t) => {
      const o = outcome(t);
      const record = m.answers[taskKey(t)];
      if (record === undefined) return o?.state === "passed";
      return o !== undefined && o.state !== "passed" && o.meta.answers !== undefined && sameAnswers(o.meta.answers, record);
    });
  });
  return found.length === 1 ? found[0]! : null;
}

/**
 * The student-facing text of a failed task (see the module comment); `known` is the exercise's
 * known mistake (see `knownMistake`), named on the tasks it fails.
 */
export function failureText(o: TaskOutcome | undefined, t: ManifestTask, known: Mistake | null): string {
  const kind = failureKind(o);
  if (kind === "no result") return "no result recorded for this test (counted as failed)";
  if (kind === "no answer") return /not implemented/.test(o!.error!.message) ? "no answer yet (the function still throws \"not implemented\")" : o!.error!.message;
  const text = kind === "student error" ? o!.error!.message : t.visibility === "visible" ? o!.error!.message.slice(0, 1000) : hiddenFailure(o!.error!.message);
  return known && known.answers[taskKey(t)] !== undefined ? `${text}\n${MISTAKE_PREFIX}${known.what}` : text;
}
