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

  it("stops a submission's calls once they have taken its wall-clock time in all, running or queued", { timeout: 60_000 }, async () => {
    const manifest = path.join(tmpDir(), "manifest.json");
    fs.writeFileSync(manifest, manifestText(await generateManifest(path.join(DIR, "suites"))));
    // d waits 3 × 0.6 s, e waits 1 s more before its kill: past 2.5 s from the first call, the
    // running call is stopped and every later call is refused.
    const r = await gradeSubmission(path.join(DIR, "submission"), { suitesDir: path.join(DIR, "suites"), manifest, limits: { callMs: 1000, waitMs: 1000, submissionWallMs: 2500 } });
    const out = Object.fromEntries(r.tests.map((t) => [t.name.slice(0, 10), t.output]));
    expect(out["zz-batch d"]).toBe("passed");
    // (e's own check expects the kill by the wait limit, so it fails: the deadline came first)
    expect(out["zz-batch e"]).toBe("failed");
    expect(out["zz-batch f"]).toBe("skipped: the submission's calls took more than 2.5 s in all");
  });
});
