/**
 * The hidden suites, through the real grader and sandbox: reference solutions get full marks,
 * untouched starters get 0 without crashing the grader, and every wrong solution loses points on
 * the exercise it targets.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MISTAKE_PREFIX } from "../../grader/harness/feedback/explain";
import { closeGraders, gradeSubmission } from "../../grader/harness/run/grade";
import { wrongSolutions, wrongSource } from "../../grader/wrong/wrong";
import { DEFAULT_MANIFEST, readManifest } from "../../grader/harness/score/manifest";
import { singledOut } from "../grader/helpers";
import { IDS, ROOT } from "./exercises";

const manifest = readManifest(DEFAULT_MANIFEST);
/** Whether the feedback can name this catalogued mistake when a student's answers are exactly its own (see helpers.ts). */
function canBeNamed(id: string, slug: string): boolean {
  const mistakes = manifest.exercises[id]!.mistakes ?? [];
  return singledOut(mistakes.find((m) => m.slug === slug)!, mistakes);
}

/** Points per exercise, as the suites were designed: lesson A 10 each, lesson B 11 each, practice 15, quiz 7. */
const TOTAL = 12 * 10 + 11 * 11 + 15 + 7;
const scratch = mkdtempSync(path.join(tmpdir(), "wrong-solutions-"));

afterAll(async () => {
  await closeGraders();
  rmSync(scratch, { recursive: true, force: true });
});

describe("hidden suites", () => {
  it("give the reference solutions full marks", async () => {
    const r = await gradeSubmission(path.join(ROOT, "grader/solutions"));
    for (const id of IDS) expect(r.exercises[id]?.score, id).toBe(r.exercises[id]?.max);
    expect(r.max_score).toBe(TOTAL);
    expect(r.score).toBe(TOTAL);
  }, 600_000);

  it("give the untouched starters 0 on every exercise, without crashing", async () => {
    const r = await gradeSubmission(path.join(ROOT, "exercises"));
    for (const id of IDS) expect(r.exercises[id]?.score, id).toBe(0);
    expect(r.max_score).toBe(TOTAL);
  }, 600_000);

  it("take points from every wrong solution (at least three per exercise) on the exercise it targets, and name its mistake", async () => {
    const wrong = wrongSolutions();
    for (const id of IDS) expect(wrong.filter((w) => w.id === id).length, id).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(
      wrong.map(async (w) => {
        // A submission holding only this exercise's wrong answer file.
        const dir = path.join(scratch, `${w.id}--${w.slug}`);
        mkdirSync(path.join(dir, w.id), { recursive: true });
        writeFileSync(path.join(dir, w.id, "exercise.ts"), wrongSource(w));
        // Graded by the same grader as every other submission here (one vitest instance, not one per exercise).
        const r = await gradeSubmission(dir);
        const outputs = r.tests.filter((t) => t.status === "failed" && t.name.startsWith(`${w.id} `)).map((t) => t.output);
        // Named by its own `what` exactly when the manifest's records single it out (see helpers.ts);
        // otherwise no known mistake at all.
        const own = outputs.some((o) => o.includes(MISTAKE_PREFIX + w.what));
        const named = canBeNamed(w.id, w.slug) ? own : outputs.every((o) => !o.includes(MISTAKE_PREFIX));
        return { id: w.id, slug: w.slug, named, own, ...r.exercises[w.id]! };
      }),
    );
    const survivors = results.filter((r) => r.score >= r.max).map((r) => `${r.id}/${r.slug}`);
    console.log(`wrong solutions killed: ${results.length - survivors.length}/${results.length}`);
    const perExercise = IDS.map((id) => `${id} ${results.filter((r) => r.id === id && r.own).length}/${results.filter((r) => r.id === id).length}`);
    console.log(`wrong solutions named by their own mistake: ${results.filter((r) => r.own).length}/${results.length} (${perExercise.join(", ")})`);
    expect(survivors).toEqual([]);
    expect(results.filter((r) => !r.named).map((r) => `${r.id}/${r.slug}`), "run npm run grade:manifest if a wrong solution changed").toEqual([]);
    // nearly all are singled out (a mistake that only throws, or that answers exactly as another, is not)
    expect(results.filter((r) => r.own).length).toBeGreaterThanOrEqual(results.length - 6);
  }, 900_000);
});
