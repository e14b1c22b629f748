/**
 * Trusted scoring: the Gradescope `results.json` object, computed from vitest's own records
 * against the manifest of expected tasks (see manifest.ts). A task
 * the run did not report is a failure; nothing the student process printed, wrote or exited
 * with is read.
 */
import type { RawGrade } from "../run/runner";
import type { Visibility } from "../run/suite";
import { failureText, knownMistake } from "../feedback/explain";
import { scaledPoints, type Assignment } from "./assignment";
import { checkDeclaredTasks, round, type Manifest } from "./manifest";

/** A Gradescope test entry. */
export interface GradeTest {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: Visibility;
}

/** The Gradescope results.json object, plus per-exercise totals and the active protections. */
export interface GradeResult {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  visibility: "visible";
  stdout_visibility: "hidden";
  tests: GradeTest[];
  exercises: Record<string, { score: number; max: number; messages: string[] }>;
  protections: string[];
  /** Whose and from what: the submission's exact name and the SHA-256 of the files read. */
  submission?: { name: string; sha256: string };
  /** SHA-256 of the grader that made this result (see provenance.ts). */
  grader?: string;
  /** The title of the assignment file it was graded for (its points are already applied). */
  assignment?: string;
}

const key = (exercise: string, part: string, title: string) => `${exercise}\0${part}\0${title}`;

/**
 * Scores one submission's raw outcomes against the manifest, after checking that the manifest
 * lists exactly the tasks the run declared (an `InstructorError` otherwise). With an assignment,
 * each exercise is worth the assignment's points, its tasks scaled in their ratios (scaledPoints).
 */
export function score(raw: RawGrade, manifest: Manifest, protections: string[], assignment?: Assignment): GradeResult {
  checkDeclaredTasks(manifest, raw.outcomes.map((o) => o.meta));
  const byKey = new Map<string, RawGrade["outcomes"][number]>();
  for (const o of raw.outcomes) byKey.set(key(o.meta.exercise, o.meta.part, o.meta.title), o);
  const tests: GradeTest[] = [];
  const exercises: GradeResult["exercises"] = {};
  const output: string[] = [...raw.notes];
  for (const [id, ex] of Object.entries(manifest.exercises)) {
    const messages: string[] = [];
    const c = raw.compiled[id];
    if (c && !c.ok) messages.push(c.message);
    if (c) messages.push(...c.notes);
    // A file that did not compile already says why; its type errors would repeat it.
    if (!c || c.ok) for (const e of raw.typeErrors[id] ?? []) messages.push(`type error: ${e}`);
    let got = 0;
    const known = knownMistake(ex.tasks, (t) => byKey.get(key(id, t.part, t.title)), ex.mistakes ?? []);
    const worth = assignment?.points[id];
    const points = worth === undefined ? ex.tasks.map((t) => t.points) : scaledPoints(ex.tasks.map((t) => t.points), worth);
    ex.tasks.forEach((t, i) => {
      const o = byKey.get(key(id, t.part, t.title));
      const passed = o?.state === "passed";
      if (passed) got += points[i]!;
      tests.push({
        name: `${id} ${t.part}: ${t.title}`,
        score: passed ? points[i]! : 0,
        max_score: points[i]!,
        status: passed ? "passed" : "failed",
        output: passed ? "passed" : failureText(o, t, known),
        visibility: t.visibility,
      });
    });
    exercises[id] = { score: round(got), max: worth ?? ex.max, messages };
    for (const m of messages) output.push(`${id}: ${m}`);
  }
  if (raw.suiteErrors.length) output.push("grader problem (tell your instructor): some hidden suites failed to load");
  const total = round(Object.values(exercises).reduce((a, e) => a + e.score, 0));
  const max = round(Object.values(exercises).reduce((a, e) => a + e.max, 0));
  return {
    score: total,
    max_score: max,
    execution_time: Math.round(raw.seconds * 1000) / 1000,
    output: output.join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
    exercises,
    protections,
    ...(assignment ? { assignment: assignment.title } : {}),
  };
}
