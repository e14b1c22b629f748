/**
 * Tests of the lesson-A, practice and quiz hidden suites, through the real grader: references get
 * full marks, untouched starters get 0 without crashing the grader, and every wrong solution
 * loses points on the exercise it targets.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/grade";

const ROOT = path.resolve(__dirname, "../..");
const IDS = [
  "a01-step-decay",
  "a02-polynomial-decay",
  "a03-warmup-ratio",
  "a04-cosine-restarts",
  "a05-one-cycle",
  "a06-inverse-sqrt",
  "a07-cooldown",
  "a08-batch-scaling",
  "a09-token-budget",
  "a10-llm-schedule",
  "practice",
  "quiz",
];
const options = { only: IDS };
const scratch = mkdtempSync(path.join(tmpdir(), "lesson-a-wrong-"));

afterAll(async () => {
  await closeGraders();
  rmSync(scratch, { recursive: true, force: true });
});

describe("lesson A, practice and quiz suites", () => {
  it("give the reference solutions full marks", async () => {
    const r = await gradeSubmission(path.join(ROOT, "grader/solutions"), options);
    for (const id of IDS) expect(r.exercises[id]?.score, id).toBe(r.exercises[id]?.max);
    expect(r.score).toBe(r.max_score);
    expect(r.max_score).toBe(122);
  }, 600_000);

  it("give the untouched starters 0 on every exercise, without crashing", async () => {
    const r = await gradeSubmission(path.join(ROOT, "exercises"), options);
    for (const id of IDS) expect(r.exercises[id]?.score, id).toBe(0);
    expect(r.tests.length).toBeGreaterThan(100);
  }, 600_000);

  it("take points from every wrong solution on the exercise it targets", async () => {
    const wrong = IDS.flatMap((id) => readdirSync(path.join(ROOT, "grader/wrong", id)).map((slug) => ({ id, slug })));
    const results = await Promise.all(
      wrong.map(async ({ id, slug }) => {
        // A submission holding only this exercise's wrong answer file.
        const dir = path.join(scratch, `${id}--${slug}`);
        cpSync(path.join(ROOT, "grader/wrong", id, slug, "exercise.ts"), path.join(dir, id, "exercise.ts"));
        const r = await gradeSubmission(dir, options);
        return { id, slug, ...r.exercises[id]! };
      }),
    );
    const survivors = results.filter((r) => r.score >= r.max).map((r) => `${r.id}/${r.slug}`);
    console.log(`lesson A wrong solutions killed: ${results.length - survivors.length}/${results.length}`);
    expect(wrong.length).toBeGreaterThanOrEqual(3 * IDS.length);
    expect(survivors).toEqual([]);
  }, 900_000);
});
