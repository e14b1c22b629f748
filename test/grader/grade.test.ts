import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/run/grade";
import { generateManifest } from "../../grader/harness/score/generate";
import { DEFAULT_MANIFEST, manifestText, type Manifest } from "../../grader/harness/score/manifest";
import { FIXTURE_MAX, FIXTURE_OPTIONS, FIXTURE_SUITES, FIXTURES, makeSubmission, referenceFiles } from "./helpers";

afterAll(closeGraders);

describe("gradeSubmission on the fixture exercises", () => {
  it("gives the reference full marks and the starter zero", { timeout: 60_000 }, async () => {
    const [ref, starter] = await Promise.all([
      gradeSubmission(path.join(FIXTURES, "solutions"), FIXTURE_OPTIONS),
      gradeSubmission(path.join(FIXTURES, "starter"), FIXTURE_OPTIONS),
    ]);
    expect(ref.max_score).toBe(FIXTURE_MAX);
    expect(ref.score).toBe(FIXTURE_MAX);
    expect(ref.tests.every((t) => t.status === "passed")).toBe(true);
    expect(starter.score).toBe(0);
    expect(starter.tests.find((t) => t.name === "zz-demo c: scale multiplies")!.output).toBe('no answer yet (the function still throws "not implemented")');
    expect(ref.exercises).toEqual({ "zz-demo": { score: 7, max: 7, messages: [] }, "zz-second": { score: 1, max: 1, messages: [] } });
    expect(ref.protections.length).toBeGreaterThan(0);
  });

  it("takes points off each wrong solution only on the parts it gets wrong", { timeout: 60_000 }, async () => {
    const files = referenceFiles();
    const wrong = (slug: string) => makeSubmission({ ...files, "zz-demo/exercise.ts": fs.readFileSync(path.join(FIXTURES, "wrong/zz-demo", slug, "exercise.ts"), "utf8") });
    const [offByOne, choice] = await Promise.all([gradeSubmission(wrong("off-by-one"), FIXTURE_OPTIONS), gradeSubmission(wrong("wrong-choice"), FIXTURE_OPTIONS)]);
    expect(offByOne.score).toBe(FIXTURE_MAX - 2);
    const d = offByOne.tests.find((t) => t.name.startsWith("zz-demo d:"))!;
    // hidden task: pass/fail only, never the assertion (which would show expected values)
    expect(d.output).toBe("failed");
    expect(choice.score).toBe(FIXTURE_MAX - 2);
    // visible task: the assertion message is shown
    expect(choice.tests.find((t) => t.name.startsWith("zz-demo a:"))!.output).toContain("expected 'B' to be 'C'");
  });
});

describe("the manifest of expected tasks", () => {
  it("grader/manifest.json matches the hidden suites (else run npm run grade:manifest)", async () => {
    // The known mistakes' answers are checked by test/exercises/hidden-suites.test.ts, which grades every wrong solution.
    const checkedIn = JSON.parse(fs.readFileSync(DEFAULT_MANIFEST, "utf8")) as Manifest;
    for (const ex of Object.values(checkedIn.exercises)) delete ex.mistakes;
    expect(manifestText(checkedIn)).toBe(manifestText(await generateManifest()));
  }, 60_000);

  it("the fixture manifest matches the fixture suites", async () => {
    expect(fs.readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")).toBe(manifestText(await generateManifest(FIXTURE_SUITES)));
  }, 60_000);
});

describe("determinism and bad submissions", () => {
  it("grades the same submission identically twice, timestamps aside", async () => {
    const dir = makeSubmission({ ...referenceFiles(), "zz-demo/exercise.ts": "export const partA = 'C';\nexport function scale(x: number, k: number) { return Math.random() < 0.5 ? x * k : Date.now(); }\n" });
    const a = await gradeSubmission(dir, FIXTURE_OPTIONS);
    const b = await gradeSubmission(dir, FIXTURE_OPTIONS);
    expect({ ...b, execution_time: 0 }).toEqual({ ...a, execution_time: 0 });
    expect(a.tests.find((t) => t.name.startsWith("zz-demo b:"))!.output).toBe("no export named partB");
  }, 60_000);
});
