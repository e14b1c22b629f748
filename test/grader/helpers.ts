/**
 * Shared by the grader tests: the fixture exercises (`zz-demo`, `zz-second`) and a way to build
 * submission folders from files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeOptions } from "../../grader/harness/run/grade";

export const FIXTURES = path.join(__dirname, "fixtures");
export const FIXTURE_SUITES = path.join(FIXTURES, "suites");
/** Grade options that point the harness at the fixture suites and manifest. */
export const FIXTURE_OPTIONS: GradeOptions = { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json") };
/** Canary strings planted in the fixture hidden suites and reference solutions. */
export const CANARIES = ["CANARY-HIDDEN-SUITE-5b1e9c", "CANARY-SOLUTION-d41c07"];
/** Max score of the fixture exercises (zz-demo 7 + zz-second 1). */
export const FIXTURE_MAX = 8;

/** A fresh temporary directory. */
export function tmpDir(prefix = "lrgrader-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `files` (relative path → text or bytes) into a new temporary submission folder. */
export function makeSubmission(files: Record<string, string | Buffer>): string {
  const dir = tmpDir("lrgrader-sub-");
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** The reference solution files of the fixtures, as a files map. */
export function referenceFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ["zz-demo", "zz-second"]) {
    const dir = path.join(FIXTURES, "solutions", id);
    for (const name of fs.readdirSync(dir)) out[`${id}/${name}`] = fs.readFileSync(path.join(dir, name), "utf8");
  }
  return out;
}
