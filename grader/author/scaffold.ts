/**
 * `npm run exercise:new -- <id> [--lesson A|B] [--title …]`: scaffolds every part of a new
 * exercise, each with a short example to replace (docs/authoring.md walks through them):
 * the reference with its doc comments, the hidden suite on the harness API, a public test, an
 * empty list of wrong solutions, and the starter stripped from the reference (scripts/starters.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stripSolution } from "../../scripts/starters";
import { InstructorError } from "../harness/errors";
import { writeAtomic } from "../harness/report/files";
import { REPO_ROOT } from "../harness/run/runner";
import { exerciseFiles } from "./layout";

/** The lessons: A (schedules; suites use a-shared.ts's `near`) and B (adaptive optimizers; b-shared.ts's `nearAll`). */
export type Lesson = "A" | "B";

/** What an exercise id looks like: lower-case words of letters and digits joined by hyphens, starting with a letter. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Why `id` cannot name a new exercise (malformed, or taken), or null. */
export function idProblem(id: string): string | null {
  if (!ID_PATTERN.test(id) || id.length > 40 || id === "lib") {
    return `the exercise id ${JSON.stringify(id)} is malformed: use at most 40 lower-case letters, digits and hyphens, starting with a letter (e.g. a13-exponential-decay)`;
  }
  const taken = [...Object.values(exerciseFiles(id)), `grader/solutions/${id}`, `exercises/${id}`].find((f) => fs.existsSync(path.join(REPO_ROOT, f)));
  if (taken) return `the exercise ${id} exists already (${taken}): pick another id, or change its files (docs/authoring.md, "Changing an existing exercise")`;
  return null;
}

/** The lesson an id names by its prefix (`a13-…` is A, `b12-…` is B), or null. */
export function lessonOf(id: string): Lesson | null {
  const m = /^([ab])\d+-/.exec(id);
  return m ? (m[1]!.toUpperCase() as Lesson) : null;
}

/** "a13-exponential-decay" → "Exponential decay". */
export function defaultTitle(id: string): string {
  const words = id.replace(/^[ab]\d+-/, "").split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The texts of a new exercise's files, by path relative to the repository root. */
export function scaffoldFiles(id: string, lesson: Lesson, title: string): Record<string, string> {
  const files = exerciseFiles(id);
  const n = /^([ab])(\d+)-/.exec(id);
  const label = n ? `${n[1]!.toUpperCase()}${Number(n[2])}` : id;
  const reference = lesson === "A" ? referenceA(label, title) : referenceB(label, title);
  return {
    [files.reference]: reference,
    [files.suite]: lesson === "A" ? suiteA(id) : suiteB(id),
    [files.publicTest]: lesson === "A" ? publicA(id) : publicB(id),
    [files.wrong]: "[]\n",
    [files.starter]: stripSolution(reference),
  };
}

/** Writes a new exercise's files; returns their paths. Throws an `InstructorError` naming a bad id, and leaves nothing behind. */
export function scaffoldExercise(id: string, options: { lesson?: Lesson; title?: string } = {}): string[] {
  const problem = idProblem(id);
  if (problem) throw new InstructorError(problem);
  const prefix = lessonOf(id);
  if (options.lesson && prefix && options.lesson !== prefix) {
    throw new InstructorError(`--lesson ${options.lesson} disagrees with the id ${id}, which names lesson ${prefix}: drop --lesson or rename the exercise`);
  }
  const files = scaffoldFiles(id, options.lesson ?? prefix ?? "A", options.title ?? defaultTitle(id));
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    try {
      writeAtomic(path.join(REPO_ROOT, rel), text);
    } catch (e) {
      for (const done of written) fs.rmSync(path.join(REPO_ROOT, done), { force: true });
      for (const dir of [`grader/solutions/${id}`, `exercises/${id}`]) fs.rmSync(path.join(REPO_ROOT, dir), { recursive: true, force: true });
      // writeAtomic's message names the error code in parentheses; its fix speaks of --out.
      const code = /\(([A-Z]+)\)/.exec((e as Error).message)?.[1] ?? (e as Error).message;
      throw new InstructorError(`could not write ${rel} (${code}), so nothing was written: make the repository's folders writable (and leave room on the disk), then rerun`);
    }
    written.push(rel);
  }
  return written;
}

const header = (label: string, title: string) => `/**
 * Exercise ${label} — ${title}.
 *
 * EXAMPLE: replace this paragraph with the exercise's setting and conventions.
 * Conventions: steps are counted from 0; the value at step k is the LR for update k.
 *
 * Fill in every constant that is \`null\` and replace every \`notImplemented(…)\` call with your code.
 */
`;

const choicePart = `
/**
 * (a) EXAMPLE, replace: which statement defines exponential decay?
 *
 * A. The LR falls by the same amount every step.
 * B. The LR is multiplied by the same factor γ < 1 every step.
 * C. The LR is divided by the step count.
 * D. The LR is constant.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = "B";
`;

function referenceA(label: string, title: string): string {
  return `${header(label, title)}${choicePart}
/** (d) EXAMPLE, replace: the LR at \`step\` (an integer ≥ 0) of exponential decay, η₀·γ^step. */
export function exponentialDecay(eta0: number, gamma: number, step: number): number {
  return eta0 * gamma ** step;
}
`;
}

function referenceB(label: string, title: string): string {
  return `${header(label, title)}${choicePart}
/** (d) EXAMPLE, replace: one step of gradient descent, params − lr · grads (a new array; the arguments are not modified). */
export function sgdStep(params: number[], grads: number[], lr: number): number[] {
  return params.map((p, i) => p - lr * grads[i]!);
}
`;
}

function suiteA(id: string): string {
  return `import { exercise, task } from "../harness/run/suite";
import { choiceTask, near, TOL } from "./a-shared";

// EXAMPLE, replace: one task per check; points add up to the exercise's total.
exercise("${id}", (s) => {
  choiceTask(s, "a", "partA", "picks the definition", "B");

  task("d", "exponentialDecay: η₀ at step 0, then a factor γ per step", 2, async () => {
    const calls = await s.callMany("exponentialDecay", [[0.1, 0.5, 0], [0.1, 0.5, 1], [0.1, 0.5, 3], [0.2, 0.9, 10]]);
    near(calls.get(0), 0.1, TOL.FLOAT32, "step 0");
    near(calls.get(1), 0.05, TOL.FLOAT32, "step 1");
    near(calls.get(2), 0.0125, TOL.FLOAT32, "step 3");
    near(calls.get(3), 0.2 * 0.9 ** 10, TOL.FLOAT32, "step 10");
  });
});
`;
}

function suiteB(id: string): string {
  return `import { exercise, task } from "../harness/run/suite";
import { choiceTask } from "./a-shared";
import { nearAll } from "./b-shared";

// EXAMPLE, replace: one task per check; points add up to the exercise's total.
exercise("${id}", (s) => {
  choiceTask(s, "a", "partA", "picks the definition", "B");

  task("d", "sgdStep: params − lr · grads, coordinate by coordinate", 2, async () => {
    const calls = await s.callMany("sgdStep", [[[1, -2], [0.5, 4], 0.1], [[3], [-1], 0.01]]);
    nearAll(calls.get(0), [0.95, -2.4], undefined, "two coordinates");
    nearAll(calls.get(1), [3.01], undefined, "one coordinate");
  });
});
`;
}

const publicHead = (id: string) => `// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice } from "../lib/public";
import * as ex from "./exercise";

describe("${id}", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
`;

function publicA(id: string): string {
  return `${publicHead(id)}  it("(d) exponentialDecay starts at eta0", () => {
    expect(ex.exponentialDecay(0.1, 0.5, 0)).toBeCloseTo(0.1, 12);
  });
});
`;
}

function publicB(id: string): string {
  return `${publicHead(id)}  it("(d) sgdStep returns one number per parameter", () => {
    expect(ex.sgdStep([1, 2], [0, 0], 0.1)).toHaveLength(2);
  });
});
`;
}
