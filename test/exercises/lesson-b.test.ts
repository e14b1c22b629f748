/**
 * Tests of lesson B's exercises (b01…b10): the public tests pass on the reference solutions and
 * fail on the starters; through the real grader, references get full marks, untouched starters
 * get 0 without crashing it, and every wrong solution loses points on the exercise it targets.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/grade";
import { runPublicTests } from "../../scripts/check";

const ROOT = path.resolve(__dirname, "../..");
const IDS = [
  "b01-adagrad",
  "b02-adam-first-moment",
  "b03-bias-correction",
  "b04-amsgrad",
  "b05-coupled-l2",
  "b06-adafactor",
  "b07-lars",
  "b08-trust-ratio",
  "b09-shampoo",
  "b10-muon",
];
const options = { only: IDS };
const scratch = mkdtempSync(path.join(tmpdir(), "lesson-b-wrong-"));

afterAll(async () => {
  await closeGraders();
  rmSync(scratch, { recursive: true, force: true });
});

describe("public tests of lesson B", () => {
  it("pass on the reference solutions", () => {
    const results = runPublicTests(IDS, path.join(ROOT, "grader/solutions"));
    expect(new Set(results.map((r) => r.exercise))).toEqual(new Set(IDS));
    expect(results.filter((r) => !r.passed).map((r) => `${r.exercise} (${r.part}) ${r.title}: ${r.message}`)).toEqual([]);
  }, 120_000);

  it("fail on the starters, every one of them, naming the part", () => {
    const results = runPublicTests(IDS);
    expect(results.length).toBeGreaterThanOrEqual(60);
    expect(results.filter((r) => r.passed).map((r) => `${r.exercise} ${r.title}`)).toEqual([]);
    expect(results.filter((r) => r.part === "?")).toEqual([]);
  }, 120_000);
});

describe("lesson B hidden suites", () => {
  it("give the reference solutions full marks (11 points per exercise)", async () => {
    const r = await gradeSubmission(path.join(ROOT, "grader/solutions"), options);
    for (const id of IDS) {
      expect(r.exercises[id]?.max, id).toBe(11);
      expect(r.exercises[id]?.score, id).toBe(11);
    }
    expect(r.max_score).toBe(110);
    expect(r.score).toBe(110);
  }, 600_000);

  it("give the untouched starters 0 on every exercise, without crashing", async () => {
    const r = await gradeSubmission(path.join(ROOT, "exercises"), options);
    for (const id of IDS) expect(r.exercises[id]?.score, id).toBe(0);
    expect(r.tests.length).toBeGreaterThanOrEqual(90);
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
    console.log(`lesson B wrong solutions killed: ${results.length - survivors.length}/${results.length}`);
    expect(wrong.length).toBeGreaterThanOrEqual(3 * IDS.length);
    expect(survivors).toEqual([]);
  }, 900_000);
});
