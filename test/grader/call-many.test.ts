/**
 * `s.callMany` through the real grader and sandbox: results in order, a failing call fails alone,
 * per-call seeds, the per-call limits (restarted at each call, enforced by killing; here the limit
 * of waiting, as the calls sleep), and a new process for the calls after a kill.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/run/grade";
import { generateManifest } from "../../grader/harness/score/generate";
import { manifestText } from "../../grader/harness/score/manifest";
import { FIXTURES, tmpDir } from "./helpers";

const DIR = path.join(FIXTURES, "batch");
afterAll(closeGraders);

describe("s.callMany", () => {
  it("keeps every promise of s.call, per call, in one round trip", { timeout: 60_000 }, async () => {
    const manifest = path.join(tmpDir(), "manifest.json");
    fs.writeFileSync(manifest, manifestText(await generateManifest(path.join(DIR, "suites"))));
    const r = await gradeSubmission(path.join(DIR, "submission"), { suitesDir: path.join(DIR, "suites"), manifest, limits: { callMs: 1000, waitMs: 1000 } });
    expect(r.tests.map((t) => [t.name, t.output])).toEqual(r.tests.map((t) => [t.name, "passed"]));
    expect(r.tests.length).toBe(6);
    expect(r.score).toBe(6);
  });
});
