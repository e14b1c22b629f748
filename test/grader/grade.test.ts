import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/grade";
import { FIXTURE_MAX, FIXTURE_OPTIONS, FIXTURES, makeSubmission, referenceFiles } from "./helpers";

afterAll(closeGraders);

describe("gradeSubmission on the fixture exercises", () => {
  it("gives the reference full marks and the starter zero", async () => {
    const [ref, starter] = await Promise.all([
      gradeSubmission(path.join(FIXTURES, "solutions"), FIXTURE_OPTIONS),
      gradeSubmission(path.join(FIXTURES, "starter"), FIXTURE_OPTIONS),
    ]);
    expect(ref.max_score).toBe(FIXTURE_MAX);
    expect(ref.score).toBe(FIXTURE_MAX);
    expect(ref.tests.every((t) => t.status === "passed")).toBe(true);
    expect(starter.score).toBe(0);
    expect(starter.tests.find((t) => t.name === "zz-demo c: scale multiplies")!.output).toBe("threw: Error: not implemented");
    expect(ref.exercises).toEqual({ "zz-demo": { score: 7, max: 7, messages: [] }, "zz-second": { score: 1, max: 1, messages: [] } });
    expect(ref.protections.length).toBeGreaterThan(0);
  });

  it("takes points off each wrong solution only on the parts it gets wrong", async () => {
    const files = referenceFiles();
    const wrong = (slug: string) => makeSubmission({ ...files, "zz-demo/exercise.ts": fs.readFileSync(path.join(FIXTURES, "wrong/zz-demo", slug, "exercise.ts"), "utf8") });
    const [offByOne, choice] = await Promise.all([gradeSubmission(wrong("off-by-one"), FIXTURE_OPTIONS), gradeSubmission(wrong("wrong-choice"), FIXTURE_OPTIONS)]);
    expect(offByOne.score).toBe(FIXTURE_MAX - 2);
    const d = offByOne.tests.find((t) => t.name.startsWith("zz-demo d:"))!;
    // hidden task: pass/fail and the hint only, never the assertion (which would show expected values)
    expect(d.output).toBe("failed\nHint: The LR for update k uses k + 1 completed warm-up steps.");
    expect(choice.score).toBe(FIXTURE_MAX - 2);
    // visible task: the assertion message is shown
    expect(choice.tests.find((t) => t.name.startsWith("zz-demo a:"))!.output).toContain("expected 'B' to be 'C'");
  });
});
