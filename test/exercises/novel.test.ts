/**
 * Feedback on mistakes the catalogue does not hold. grader/wrong/ is the catalogue of known
 * mistakes, and `npm run grade:manifest` records its answers; it cannot also test whether the
 * feedback names a known mistake where it should not. test/exercises/novel/<id>.json is a second,
 * separate set of wrong solutions, written as students write them (other names and code shapes than
 * the references) and in the same edit format ({slug, what, edits}, applied to the reference by
 * `wrongSource`):
 *
 * - novel mistakes: each must lose points, and the feedback on each failed task must not say
 *   "Your results match a known mistake" — unless the entry is marked `"equals": "<catalogue
 *   slug>"`, and then only on the tasks listed in `"equalOn"` (all tasks when absent) and naming
 *   exactly that mistake's `what`. An entry is marked so where its answers to every call of the
 *   task, as the suite's inputs stand, are the catalogued mistake's (worked out by hand when the
 *   entry was added, e.g. a min where max was meant gives the same first AMSGrad step as a max
 *   taken before the update, since both are 0). Answers that merely agree on the calls a task made
 *   before its first failed assertion are not equal: naming a mistake then is misleading;
 * - catalogued mistakes rewritten in another code shape (`"rewrites": "<catalogue slug>"`: the same
 *   values, computed differently): some failed task must name the catalogued `what`.
 *
 * No failed task shows a "Hint:" line, and no hidden task's feedback carries a hidden input or an
 * expected value (see `leaks`). Prints a tally: failed tasks that name a mistake, generic ones,
 * misleading ones (naming a mistake the entry is not marked equal to) and leaks.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkSyntax, parseAnswerNumber } from "../../exercises/lib/expression";
import { MISTAKE_PREFIX } from "../../grader/harness/feedback/explain";
import { closeGraders, gradeSubmission, type GradeTest } from "../../grader/harness/run/grade";
import { wrongSolutions, wrongSource, type WrongSolution } from "../../grader/wrong/wrong";
import { IDS, ROOT } from "./exercises";

/** One entry of test/exercises/novel/<id>.json. */
interface Novel extends WrongSolution {
  /** The catalogued mistake (slug in grader/wrong/<id>.json) this entry rewrites in another code shape. */
  rewrites?: string;
  /**
   * The catalogued mistake whose answers this entry turned out to give: on every call of each task
   * in `equalOn` ("<part>: <title>", the manifest's key), or of every task if `equalOn` is absent.
   * Only there may the feedback name it.
   */
  equals?: string;
  equalOn?: string[];
}

const NOVEL_DIR = path.join(ROOT, "test/exercises/novel");

function novelEntries(): Novel[] {
  return readdirSync(NOVEL_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      const id = f.slice(0, -".json".length);
      return (JSON.parse(readFileSync(path.join(NOVEL_DIR, f), "utf8")) as Omit<Novel, "id">[]).map((n) => ({ id, ...n }));
    });
}

const NOVEL = novelEntries();
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, "grader/manifest.json"), "utf8")) as { exercises: Record<string, { tasks: Array<{ part: string; title: string }> }> };
const CATALOGUE = wrongSolutions();
const catalogued = (id: string, slug: string | undefined) => CATALOGUE.find((w) => w.id === id && w.slug === slug);

/** The known mistakes a failed task's output names (at most one; empty when it names none). */
function namedMistakes(output: string): string[] {
  return output.split("\n").filter((l) => l.startsWith(MISTAKE_PREFIX)).map((l) => l.slice(MISTAKE_PREFIX.length));
}

/** The task's key in the manifest ("<part>: <title>") from its test name ("<id> <part>: <title>"). */
const taskKey = (id: string, name: string) => name.slice(id.length + 1);

/** The catalogued `what` the feedback may name on this task of this entry, if any. */
function allowedWhat(n: Novel, task: string): string | undefined {
  if (n.rewrites) return catalogued(n.id, n.rewrites)?.what;
  if (n.equals && (!n.equalOn || n.equalOn.includes(task))) return catalogued(n.id, n.equals)?.what;
  return undefined;
}

/** The answers a submission's file exports as constants: numbers, and strings (letters, expressions). */
function exportedConstants(source: string): Array<number | string> {
  const out: Array<number | string> = [];
  for (const m of source.matchAll(/^export const \w+:[^=\n]*= \(?("(?:[^"\\\n]|\\.)*"|[-+]?[\d.]+(?:e[-+]?\d+)?)/gm)) {
    out.push(m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : Number(m[1]));
  }
  return out;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-300;

/** Expected shapes an exercise's statement fixes for every case (so naming them shows nothing hidden). */
const FIXED_SHAPES: Record<string, string[]> = { "b09-shampoo": ["a 2 × 2 matrix (array of arrays)"] };

/** The numbers written in a text (a digit inside a name, `eta0` or `t0`, is not a number). */
const numbersIn = (text: string) => (text.match(new RegExp(String.raw`(?<![A-Za-z_\d.])${NUMBER}`, "g")) ?? []).map(Number);

/**
 * The numbers in a hidden task's feedback that could carry a hidden input or an expected value out.
 *
 * All tasks of the course are hidden (visibility "after_published"): the student reads the title
 * and this output, never the assertion. So the output may hold a number only where it is the
 * student's own, or part of a fixed phrase of the harness that depends on no hidden data. Every
 * other number is a leak. Accounted for before looking for numbers:
 * - known-mistake lines naming a catalogued `what` (fixed text; whether the entry should be told
 *   it is checked separately, as "misleading");
 * - the harness's fixed phrases: "timed out after 2000 ms", "changed its argument N in place"
 *   (N counts the function's own parameters), index paths such as "result[3]" or "`m`[0]" (an
 *   index into the student's own array: shapes are compared length first);
 * - a shape clause "returned <their shape> [in <path>] where <expected shape> is expected": the
 *   student's own shape is theirs (the harness redacts its numbers equal to an input), but every
 *   number of the expected shape must also be in theirs ("a 4 × 3 matrix where a 3 × 4 matrix is
 *   expected" shows nothing new; "an array of 4 numbers where an array of 3 numbers is expected"
 *   shows the length of a hidden expected list), unless the exercise's statement fixes that shape
 *   for every case (FIXED_SHAPES);
 * - the expression checker's report "differs at <point> (yours gives X)" / "is not a finite number
 *   at <point> (it gives X)": the point is one of the checker's seeded sample points (the
 *   contract's designed feedback; it shows no expected value), and X must be the student's own
 *   expression evaluated there;
 * - the number checker's "your answer (X) is not the value asked for, to 3 significant figures" or
 *   "within 1 of the value asked for", where X must be one of the student's own answers.
 * A number the student's code printed or threw (which the harness redacts to "…" when it equals an
 * input) is not accounted for: after redaction it must hold no number at all, which the novel set
 * tests with a thrown message that quotes its inputs and a value derived from them. `leaks` is
 * itself tested below on leaking and harmless texts, so the check is not vacuous.
 */
export function leaks(output: string, id: string, catalogueWhats: readonly string[], source: string): string[] {
  let text = output
    .split("\n")
    .filter((l) => !(l.startsWith(MISTAKE_PREFIX) && catalogueWhats.includes(l.slice(MISTAKE_PREFIX.length))))
    .join("\n");
  const own = exportedConstants(source);
  const ownNumbers = own.flatMap((a) => {
    const r = parseAnswerNumber(a);
    return r.ok ? [r.value] : [];
  });
  const problems: string[] = [];
  // The expression checker: the sample point, then the student's value there (checked to be theirs).
  text = text.replace(new RegExp(String.raw`(differs at|not a finite number at) ((?:\w+ = ${NUMBER}(?:, )?)+) \((yours gives|it gives) ([^)]*)\)`, "g"), (all, _kind: string, point: string, _gives: string, value: string) => {
    const at: Record<string, number> = {};
    for (const [, k, v] of point.matchAll(new RegExp(String.raw`(\w+) = (${NUMBER})`, "g"))) at[k!] = Number(v);
    const x = Number(value);
    const theirs = own.some((a) => {
      if (typeof a !== "string") return false;
      const c = checkSyntax(a, Object.keys(at));
      if (!("evaluate" in c)) return false;
      const y = c.evaluate(at);
      return Number.isFinite(x) ? close(y, x, 1e-3) : !Number.isFinite(y);
    });
    if (!theirs) problems.push(`a value that is not the student's expression at the point: ${all}`);
    return "";
  });
  text = text.replace(new RegExp(String.raw`your answer \((${NUMBER})\) is not (?:the value asked for, to 3 significant figures|within 1 of the value asked for)`, "g"), (all, value: string) => {
    if (!ownNumbers.some((v) => close(v, Number(value), 1e-5))) problems.push(`a value that is not one of the student's answers: ${all}`);
    return "";
  });
  // Shape clauses: the expected shape may only repeat numbers of the student's own shape.
  text = text.replace(/returned (.*?)((?: in \S+)?) where (.*?) is expected/g, (all, theirs: string, _path: string, expected: string) => {
    const mine = numbersIn(theirs);
    const fixed = (FIXED_SHAPES[id] ?? []).includes(expected);
    const shown = fixed ? [] : numbersIn(expected).filter((x) => !mine.includes(x));
    if (shown.length) problems.push(`the expected shape shows ${shown.join(", ")}, which the student's own shape does not: ${all}`);
    return "";
  });
  text = text
    .replace(/timed out after 2000 ms/g, "")
    .replace(/changed its argument \d+ in place/g, "")
    .replace(/\[\d+\]/g, "");
  for (const x of text.match(new RegExp(String.raw`.{0,30}(?<![A-Za-z_\d.])${NUMBER}.{0,30}`, "g")) ?? []) problems.push(`a number outside the harness's phrases: …${x}…`);
  return problems;
}

const scratch = mkdtempSync(path.join(tmpdir(), "novel-mistakes-"));

afterAll(async () => {
  await closeGraders();
  rmSync(scratch, { recursive: true, force: true });
});

describe("novel mistakes", () => {
  it("each rebuilds from its reference, names an existing catalogue entry where it says so, and covers every exercise", () => {
    const novel = NOVEL.filter((n) => !n.rewrites);
    expect(novel.length).toBeGreaterThanOrEqual(40);
    expect(NOVEL.filter((n) => n.rewrites).length).toBeGreaterThanOrEqual(10);
    for (const id of IDS) expect(novel.filter((n) => n.id === id).length, id).toBeGreaterThanOrEqual(1);
    const keys = new Set<string>();
    for (const n of NOVEL) {
      const key = `${n.id}/${n.slug}`;
      expect(keys.has(key), `${key} is listed twice`).toBe(false);
      keys.add(key);
      const reference = readFileSync(path.join(ROOT, "grader/solutions", n.id, "exercise.ts"), "utf8");
      const source = wrongSource(n);
      expect(source.slice(source.indexOf("\n") + 1), key).not.toBe(reference);
      if (n.rewrites) expect(catalogued(n.id, n.rewrites), `${key} rewrites ${n.rewrites}`).toBeDefined();
      if (n.equals) expect(catalogued(n.id, n.equals), `${key} equals ${n.equals}`).toBeDefined();
      if (n.equalOn) expect(n.equals, `${key}: equalOn without equals`).toBeDefined();
      for (const task of n.equalOn ?? []) expect(MANIFEST.exercises[n.id]?.tasks.some((t) => `${t.part}: ${t.title}` === task), `${key}: no task ${task}`).toBe(true);
      // A novel mistake is not one of the catalogue's sources.
      for (const w of CATALOGUE.filter((c) => c.id === n.id)) expect(source.slice(source.indexOf("\n")), `${key} is ${w.slug}`).not.toBe(wrongSource(w).slice(wrongSource(w).indexOf("\n")));
    }
  });

  it("the leak check flags numbers outside the harness's phrases and accepts its phrases and the student's own values", () => {
    const src = 'export const problem1: number | string | null = "1e-5 + 0.5 * (5e-4 - 1e-5) * (1 + cos(45))";\nexport const partC: string | null = "T * 2^(-1/p)";\n';
    const value = parseAnswerNumber("1e-5 + 0.5 * (5e-4 - 1e-5) * (1 + cos(45))");
    expect(value.ok).toBe(true);
    const mine = value.ok ? Number(value.value.toPrecision(6)) : NaN;
    const at = String(1234 * 2 ** (-1 / 2.5));
    const what = ["uses 1e-10 instead of hp.eps."];
    for (const harmless of [
      "failed",
      "timed out after 2000 ms",
      "returned a 3 × 2 matrix (array of arrays) in `vhat` where a 2 × 3 matrix (array of arrays) is expected",
      "returned an array of 2 numbers where an object with keys `lr`, `momentum` is expected",
      "returned a 2 × … matrix (array of arrays) where an object with keys `mHat`, `vHat` is expected",
      "missing key `vMax`, found `v_max`",
      "no value in the result[3] (undefined)",
      "threw: RangeError: step … is past the end of the schedule (S = …, eta0 = …)",
      "adagradStep changed its argument 1 in place; the statement says it must not modify its arguments (work on a copy)",
      `your answer (${mine}) is not the value asked for, to 3 significant figures`,
      `your expression differs at T = 1234, p = 2.5 (yours gives ${at}). Your expression does not use t0.`,
      "failed\nYour results match a known mistake: uses 1e-10 instead of hp.eps.",
    ]) {
      expect(leaks(harmless, "a02-polynomial-decay", what, src), harmless).toEqual([]);
    }
    expect(leaks("returned an array of 4 numbers where a 2 × 2 matrix (array of arrays) is expected", "b09-shampoo", [], src)).toEqual([]);
    for (const leaking of [
      "failed: step 30: got 0.1",
      "threw: RangeError: step 1500 is past the end",
      "threw: RangeError: step 21 is past the end (S = …)",
      "failed\nHint: the LR at step 2000 is the peak",
      "returned a number where an array of 4 numbers is expected",
      "returned an array of 4 numbers where an array of 3 numbers is expected",
      "returned a … × … matrix (array of arrays) in `vhat` where a 2 × 3 matrix (array of arrays) is expected",
      "returned an array of 4 numbers where a 2 × 2 matrix (array of arrays) is expected",
      "your answer (0.000123) is not the value asked for, to 3 significant figures",
      "your expression differs at T = 1234, p = 2.5 (yours gives 0.5).",
      "failed\nYour results match a known mistake: uses 1e-10 instead of hp.eps.\nthe LR at 2000",
      "failed\nYour results match a known mistake: uses 1e-10 instead of 0.001.",
    ]) {
      expect(leaks(leaking, "a02-polynomial-decay", what, src), leaking).not.toEqual([]);
    }
  });

  it("lose points, are never told a known mistake they did not make, never see a hint or a hidden number; rewritten catalogued mistakes are named", async () => {
    const results = await Promise.all(
      NOVEL.map(async (n) => {
        // A submission holding only this exercise's answer file.
        const dir = path.join(scratch, `${n.id}--${n.slug}`);
        mkdirSync(path.join(dir, n.id), { recursive: true });
        const source = wrongSource(n);
        writeFileSync(path.join(dir, n.id, "exercise.ts"), source);
        const r = await gradeSubmission(dir);
        const failed = r.tests.filter((t) => t.status === "failed" && t.name.startsWith(`${n.id} `));
        return { n, source, failed, score: r.exercises[n.id]!.score, max: r.exercises[n.id]!.max, messages: r.exercises[n.id]!.messages };
      }),
    );

    // NOVEL_FEEDBACK_DUMP=<file>: every failed task's feedback, for reading (nothing is written otherwise).
    const dump = process.env.NOVEL_FEEDBACK_DUMP;
    if (dump) writeFileSync(dump, JSON.stringify(results.map(({ n, failed, score, max }) => ({ key: `${n.id}/${n.slug}`, rewrites: n.rewrites, equals: n.equals, score, max, failed: failed.map((t) => [t.name, t.output]) })), null, 1));

    const tally = { entries: 0, failedTasks: 0, named: 0, generic: 0, misleading: 0, leaks: 0 };
    const survivors: string[] = [];
    const misleading: string[] = [];
    const hints: string[] = [];
    const leaked: string[] = [];
    const unnamedRewrites: string[] = [];
    const typeErrors: string[] = [];
    for (const { n, source, failed, score, max, messages } of results) {
      const key = `${n.id}/${n.slug}`;
      if (score >= max) survivors.push(key);
      for (const m of messages) if (m.startsWith("type error")) typeErrors.push(`${key}: ${m}`);
      const whats = CATALOGUE.filter((w) => w.id === n.id).map((w) => w.what);
      if (!n.rewrites) tally.entries++;
      for (const t of failed as GradeTest[]) {
        // What this task may be told: the catalogued mistake the entry rewrites, or equals here.
        const target = allowedWhat(n, taskKey(n.id, t.name));
        const named = namedMistakes(t.output);
        const where = `${key} — ${t.name}: ${JSON.stringify(t.output)}`;
        if (named.some((w) => w !== target)) misleading.push(where);
        if (/^Hint:/m.test(t.output)) hints.push(where);
        const problems = t.visibility === "visible" ? [] : leaks(t.output, n.id, whats, source);
        if (problems.length) leaked.push(`${where}: ${problems.join("; ")}`);
        if (n.rewrites) continue;
        tally.failedTasks++;
        if (named.length) tally.named++;
        else tally.generic++;
        if (named.some((w) => w !== target)) tally.misleading++;
        if (problems.length) tally.leaks++;
      }
      const target = catalogued(n.id, n.rewrites)?.what;
      if (n.rewrites && !failed.some((t) => namedMistakes(t.output).includes(target!))) unnamedRewrites.push(`${key} (rewrites ${n.rewrites}): ${failed.map((t) => JSON.stringify(t.output)).join(" | ")}`);
    }

    const perExercise = IDS.map((id) => `${id} ${NOVEL.filter((n) => n.id === id && !n.rewrites).length}`).join(", ");
    console.log(`novel mistakes: ${tally.entries} (${perExercise}); rewritten catalogued mistakes: ${NOVEL.filter((n) => n.rewrites).length}, named: ${NOVEL.filter((n) => n.rewrites).length - unnamedRewrites.length}`);
    console.log(`novel failed tasks: ${tally.failedTasks}; naming a known mistake: ${tally.named}; generic: ${tally.generic}; misleading: ${tally.misleading}; leaks: ${tally.leaks}`);
    for (const [title, list] of [["misleading", misleading], ["hint lines", hints], ["leaks", leaked], ["unnamed rewrites", unnamedRewrites], ["survivors", survivors], ["type errors", typeErrors]] as const) {
      if (list.length) console.log(`${title} (${list.length}):\n  ${list.join("\n  ")}`);
    }

    expect(survivors, "a novel mistake that passes everything is not a mistake").toEqual([]);
    expect(misleading, "feedback names a known mistake the entry does not make").toEqual([]);
    expect(hints, "no fixed hint lines").toEqual([]);
    expect(leaked, "hidden tasks show no hidden input or expected value").toEqual([]);
    expect(unnamedRewrites, "a catalogued mistake in another code shape is still named").toEqual([]);
    expect(tally.misleading).toBe(0);
    expect(tally.leaks).toBe(0);
  }, 900_000);
});
