/**
 * Every exercise's public tests pass on the reference solutions and fail on the untouched starters,
 * each failure naming its part (run as `npm run check` runs them).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPublicTests } from "../../scripts/check";
import { IDS, ROOT } from "./exercises";

describe("public tests", () => {
  it("cover the twenty-three exercises, the practice problems and the quiz", () => {
    expect(IDS.length).toBe(25);
  });

  it("pass on the reference solutions", () => {
    const results = runPublicTests(IDS, path.join(ROOT, "grader/solutions"));
    expect(new Set(results.map((r) => r.exercise))).toEqual(new Set(IDS));
    expect(results.filter((r) => !r.passed).map((r) => `${r.exercise} (${r.part}) ${r.title}: ${r.message}`)).toEqual([]);
  }, 300_000);

  it("fail on the starters, every one of them, naming the part", () => {
    const results = runPublicTests(IDS);
    expect(new Set(results.map((r) => r.exercise))).toEqual(new Set(IDS));
    expect(results.filter((r) => r.passed).map((r) => `${r.exercise} ${r.title}`)).toEqual([]);
    expect(results.filter((r) => r.part === "?")).toEqual([]);
  }, 300_000);

  // The public tests share one module cache (isolate: false, so `npm run check` takes seconds):
  // an answer that cannot load must cost its own exercise only.
  it("report an answer file that throws while loading as its own failure, and still run every other exercise", () => {
    const answers = mkdtempSync(path.join(tmpdir(), "answers-"));
    try {
      cpSync(path.join(ROOT, "grader/solutions"), answers, { recursive: true });
      writeFileSync(path.join(answers, "a01-step-decay", "exercise.ts"), 'throw new Error("unfinished answer");\n');
      const results = runPublicTests(IDS, answers);
      expect(results.filter((r) => r.exercise === "a01-step-decay")).toEqual([
        { exercise: "a01-step-decay", part: "?", title: "the test file", passed: false, message: expect.stringContaining("unfinished answer") },
      ]);
      expect(results.filter((r) => r.exercise !== "a01-step-decay" && !r.passed)).toEqual([]);
      expect(new Set(results.map((r) => r.exercise))).toEqual(new Set(IDS));
    } finally {
      rmSync(answers, { recursive: true, force: true });
    }
  }, 300_000);
});
