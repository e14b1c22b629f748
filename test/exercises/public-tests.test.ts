/**
 * Every exercise's public tests pass on the reference solutions and fail on the untouched starters,
 * each failure naming its part (run as `npm run check` runs them).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPublicTests } from "../../scripts/check";
import { IDS, ROOT } from "./exercises";

describe("public tests", () => {
  it("cover the twenty exercises, the practice problems and the quiz", () => {
    expect(IDS.length).toBe(22);
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
});
