/**
 * Shared by the grader tests: the fixture exercises (`zz-demo`, `zz-second`) and a way to build
 * submission folders from files.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import yazl from "yazl";
import type { GradeOptions } from "../../grader/harness/run/grade";
import type { Mistake } from "../../grader/harness/score/manifest";

/** The repository root. */
export const REPO = path.resolve(__dirname, "..", "..");

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

/** A class folder with these entries: a files map becomes a folder, `{ zip: files }` a zip. */
export async function makeClass(entries: Record<string, Record<string, string> | { zip: Record<string, string> }>): Promise<string> {
  const cls = tmpDir("lrgrader-class-");
  for (const [name, content] of Object.entries(entries)) {
    if ("zip" in content) await writeZip(path.join(cls, name), content.zip as Record<string, string>);
    else fs.cpSync(makeSubmission(content as Record<string, string>), path.join(cls, name), { recursive: true });
  }
  return cls;
}

/** Writes a zip of `files` (name → text). */
export async function writeZip(file: string, files: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  await new Promise<void>((res, rej) => zip.outputStream.pipe(fs.createWriteStream(file)).on("close", res).on("error", rej));
}

/**
 * Runs the grader CLI in one process (node --import tsx, so a kill reaches the grader itself);
 * resolves with its exit status and output. `killAfterFirstResult`: an output folder whose first
 * results.json triggers a SIGKILL.
 */
export function cli(args: string[], opts: { cwd?: string; killAfterFirstResult?: string } = {}): Promise<{ pid: number; status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "grader", "cli.ts"), ...args], { cwd: opts.cwd ?? REPO });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => (stdout += b));
    child.stderr.on("data", (b) => (stderr += b));
    if (opts.killAfterFirstResult) {
      const students = path.join(opts.killAfterFirstResult, "students");
      const timer = setInterval(() => {
        const done = fs.existsSync(students) && fs.readdirSync(students).some((d) => fs.existsSync(path.join(students, d, "results.json")));
        if (done) {
          clearInterval(timer);
          child.kill("SIGKILL");
        }
      }, 20);
      child.on("exit", () => clearInterval(timer));
    }
    child.on("close", (status, signal) => resolve({ pid: child.pid!, status, signal, stdout, stderr }));
  });
}


/**
 * Whether the feedback can name known mistake `m` of an exercise whose catalogue is `mistakes`,
 * for a student whose outcomes are exactly m's (written from the rule's statement, not from
 * feedback/explain.ts): its record holds an answered call, not only throws or failures, and no
 * other mistake of the exercise has the same record (the same tasks failed, each alike).
 */
export function singledOut(m: Mistake, mistakes: readonly Mistake[]): boolean {
  const calls = Object.values(m.answers).flatMap((d) => d.split("."));
  if (calls.includes("!x") || !calls.some((c) => !c.startsWith("!"))) return false;
  const same = (a: Mistake) => Object.keys(a.answers).length === Object.keys(m.answers).length && Object.entries(m.answers).every(([k, d]) => a.answers[k] === d);
  return mistakes.filter(same).length === 1;
}
