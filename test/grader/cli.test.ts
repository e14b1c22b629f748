/**
 * The command lines, as an instructor or a student meets them: --help everywhere, one line and
 * exit status 2 for every mistake (unknown option, missing or wrong paths, an output folder that
 * is read-only or too small, a full disk), checked before grading, with nothing left behind.
 * Read-only and small output folders are real mounts made with bubblewrap.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, FIXTURE_SUITES, makeClass, referenceFiles, REPO, tmpDir } from "./helpers";

/** Runs `node --import tsx <script> …args` inside bubblewrap with the whole file system bound, plus `mounts`. */
function inBwrap(mounts: string[], script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("bwrap", ["--dev-bind", "/", "/", ...mounts, "--chdir", REPO, process.execPath, "--import", "tsx", script, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const oneLine = (s: string) => s.trim().split("\n").length === 1 && !/\n\s+at /.test(s);

describe("--help and unknown options", () => {
  it.each(["grade", "grade-all", "merge", "similarity", "release", "export-gradescope", "gradescope-run", "manifest"])("grade CLI %s --help prints its usage, options and defaults", async (command) => {
    const r = await cli([command, "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: (npm run|tsx grader\/cli\.ts) \S+/);
    expect(r.stdout).toContain("--help");
    if (command === "grade-all") expect(r.stdout).toMatch(/--jobs <n>\s+parallel vitest workers \(default: 2\)/);
    if (command === "grade") expect(r.stdout).toMatch(/--suites <dir>\s+folder of the hidden suites \(default: grader\/suites\)/);
  }, 30_000);

  it("an unknown option, a missing value or an unknown command is one line naming it, exit 2", async () => {
    for (const [args, line] of [
      [["grade", "x", "--outt", "y"], "unknown option --outt: see npm run grade -- --help"],
      [["grade-all", "x", "--out"], "option --out needs a value: see npm run grade-all -- --help"],
      [["grade-all", "x", "--force=yes", "--out", "y"], "option --force takes no value: see npm run grade-all -- --help"],
      [["regrade"], "unknown command regrade: the commands are grade, grade-all, merge, similarity, release, export-gradescope, gradescope-run, manifest, exercise-new, exercise-check"],
      [["grade", "x"], "missing --out: see npm run grade -- --help"],
    ] as const) {
      const r = await cli([...args]);
      expect([r.status, r.stderr.trim()]).toEqual([2, line]);
    }
  }, 60_000);

  it("the student commands check and submit answer --help and reject unknown options", () => {
    for (const script of ["check", "submit"]) {
      const help = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, "--help"], { cwd: REPO, encoding: "utf8" });
      expect([help.status, help.stdout.split("\n")[0]]).toEqual([0, `usage: npm run ${script}${script === "check" ? " -- [exercise id …]" : ""}`]);
      const bad = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, "--verbose"], { cwd: REPO, encoding: "utf8" });
      expect([bad.status, bad.stderr.trim()]).toEqual([2, `unknown option --verbose: see npm run ${script} -- --help`]);
    }
  }, 30_000);
});

describe("paths checked before grading", () => {
  it("a class folder that does not exist, or is a file, is one line and exit 2", async () => {
    const dir = tmpDir();
    const missing = await cli(["grade-all", path.join(dir, "nope"), "--out", path.join(dir, "out")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`the class folder ${path.join(dir, "nope")} does not exist: pass the folder that holds one sub-folder or .zip per student`);
    fs.writeFileSync(path.join(dir, "class.txt"), "");
    const file = await cli(["grade-all", path.join(dir, "class.txt"), "--out", path.join(dir, "out")]);
    expect([file.status, oneLine(file.stderr), file.stderr]).toEqual([2, true, expect.stringContaining("is a file, not a folder")]);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  }, 60_000);

  it("grade on a submission that does not exist is exit 2 with a message, and writes no results.json", async () => {
    const dir = tmpDir();
    const r = await cli(["grade", path.join(dir, "alice.zip"), "--out", path.join(dir, "out"), "--suites", FIXTURE_SUITES]);
    expect([r.status, r.stderr.trim()]).toEqual([2, `the submission ${path.join(dir, "alice.zip")} does not exist: pass a submission folder or .zip`]);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  }, 30_000);

  it("a read-only output folder is reported before any grading", async () => {
    const cls = await makeClass({ alice: referenceFiles() });
    const out = tmpDir("lrgrader-out-");
    const r = inBwrap(["--ro-bind", out, out], "grader/cli.ts", ["grade-all", cls, "--out", out, "--suites", FIXTURE_SUITES, "--quiet"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`cannot write to the output folder ${out} (EROFS): choose another --out or fix its permissions`);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);

  it("an output folder without room for the class is reported before any grading", async () => {
    const cls = await makeClass({ alice: referenceFiles(), bob: referenceFiles() });
    const out = tmpDir("lrgrader-out-");
    const r = inBwrap(["--size", String(256 * 1024), "--tmpfs", out], "grader/cli.ts", ["grade-all", cls, "--out", out, "--suites", FIXTURE_SUITES, "--quiet"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^not enough free space for the results in .*: about 1 MB needed, 1 MB free; free some space or choose another --out$/);
  }, 60_000);

  it("a disk that fills during a write gives one line and leaves no temporary file", () => {
    const out = tmpDir("lrgrader-out-");
    const script = path.join(tmpDir(), "fill.ts");
    fs.writeFileSync(
      script,
      `import { writeAtomic } from ${JSON.stringify(path.join(REPO, "grader/harness/report/files"))};\n` +
        `import * as fs from "node:fs";\n` +
        `try { writeAtomic(${JSON.stringify(path.join(out, "results.json"))}, Buffer.alloc(200_000)); } catch (e) { console.log((e as Error).message); }\n` +
        `console.log(JSON.stringify(fs.readdirSync(${JSON.stringify(out)})));\n`,
    );
    const r = inBwrap(["--size", String(64 * 1024), "--tmpfs", out], script, []);
    expect(r.stdout.trim().split("\n")).toEqual([`could not write ${path.join(out, "results.json")} (ENOSPC): the disk is full: free some space and rerun (finished results are kept)`, "[]"]);
  }, 30_000);
});
