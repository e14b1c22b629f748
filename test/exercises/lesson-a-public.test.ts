/**
 * The public tests of lesson A, the practice problems and the quiz pass on the reference
 * solutions and fail on the untouched starters (run as `npm run check` runs them).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPublicTests } from "../../scripts/check";

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

describe("public tests of lesson A, practice and quiz", () => {
  it("pass on the reference solutions", () => {
    const results = runPublicTests(IDS, path.join(ROOT, "grader/solutions"));
    expect(new Set(results.map((r) => r.exercise))).toEqual(new Set(IDS));
    expect(results.filter((r) => !r.passed).map((r) => `${r.exercise} (${r.part}) ${r.title}: ${r.message}`)).toEqual([]);
  }, 120_000);

  it("fail on the starters, every one of them, naming the part", () => {
    const results = runPublicTests(IDS);
    expect(results.length).toBeGreaterThan(80);
    expect(results.filter((r) => r.passed).map((r) => `${r.exercise} ${r.title}`)).toEqual([]);
    expect(results.filter((r) => r.part === "?")).toEqual([]);
  }, 120_000);
});
