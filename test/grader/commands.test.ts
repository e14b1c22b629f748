/**
 * End to end: grade-all (resume, gradebook, atomic outputs), the release bundle (nothing hidden
 * leaks) and the Gradescope export.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import yauzl from "yauzl";
import { describe, expect, it, vi } from "vitest";
import { gradeAll } from "../../grader/harness/class/batch";
import * as report from "../../grader/harness/report/report";
import { studentFolder } from "../../grader/harness/intake/roster";
import { exportGradescope } from "../../grader/harness/publish/gradescope";
import { buildRelease, listFiles } from "../../grader/harness/publish/release";
import { readManifest } from "../../grader/harness/score/manifest";
import { FIXTURES, FIXTURE_SUITES, makeSubmission, referenceFiles, tmpDir } from "./helpers";

const REPO = path.resolve(__dirname, "..", "..");

describe("grade-all", () => {
  it("grades a class, writes the gradebook, and resumes without regrading", async () => {
    const cls = tmpDir("lrgrader-class-");
    fs.cpSync(path.join(FIXTURES, "solutions"), path.join(cls, "alice"), { recursive: true });
    fs.cpSync(path.join(FIXTURES, "starter"), path.join(cls, "=bob"), { recursive: true });
    fs.cpSync(makeSubmission({ "zz-second/exercise.ts": referenceFiles()["zz-second/exercise.ts"]! }), path.join(cls, "carol"), { recursive: true });
    const out = tmpDir("lrgrader-out-");
    const opts = { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json"), quiet: true };
    expect(await gradeAll(cls, out, opts)).toEqual({ graded: { new: 3 }, kept: 0, clashes: 0, failed: 0 });
    // "=bob" is quoted against spreadsheet formula injection
    expect(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8")).toBe(
      "student,zz-demo,zz-second,total,max,folder,status\n" +
        `'=bob,0,0,0,8,${studentFolder("=bob")},graded: new\nalice,7,1,8,8,${studentFolder("alice")},graded: new\ncarol,0,1,1,8,${studentFolder("carol")},graded: new\n`,
    );
    expect(fs.readFileSync(path.join(out, "histogram.svg"), "utf8")).toMatch(/^<svg/);
    const aliceResult = path.join(out, "students", studentFolder("alice"), "results.json");
    const before = fs.statSync(aliceResult).mtimeMs;
    expect(await gradeAll(cls, out, opts)).toEqual({ graded: {}, kept: 3, clashes: 0, failed: 0 });
    expect(fs.statSync(aliceResult).mtimeMs).toBe(before);
    expect(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8")).toContain(`alice,7,1,8,8,${studentFolder("alice")},kept: same files and grader`);
    expect(listFiles(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(await gradeAll(cls, out, { ...opts, shard: [2, 3], force: true })).toEqual({ graded: { forced: 1 }, kept: 0, clashes: 0, failed: 0 });
  }, 120_000);

  it("records a student whose result cannot be made in that student's row, grades the others, and retries it next run", async () => {
    const cls = tmpDir("lrgrader-class-");
    fs.cpSync(path.join(FIXTURES, "solutions"), path.join(cls, "alice"), { recursive: true });
    fs.cpSync(path.join(FIXTURES, "starter"), path.join(cls, "bob"), { recursive: true });
    const out = tmpDir("lrgrader-out-");
    const opts = { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json"), quiet: true };
    // A fault while alice's feedback page is made (any bug that throws for one student only).
    const real = report.feedbackHtml;
    const spy = vi.spyOn(report, "feedbackHtml").mockImplementation((r, ...rest) => {
      if (r.submission?.name === "alice") throw new TypeError("page fault for alice");
      return real(r, ...rest);
    });
    try {
      expect(await gradeAll(cls, out, opts)).toEqual({ graded: { new: 1 }, kept: 0, clashes: 0, failed: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8")).toBe(
      "student,zz-demo,zz-second,total,max,folder,status\n" +
        // the status holds a ";" (a separator in many spreadsheet locales): quoted
        `alice,,,,,${studentFolder("alice")},"not graded: grader error (page fault for alice); run grade-all again to retry"\nbob,0,0,0,8,${studentFolder("bob")},graded: new\n`,
    );
    expect(fs.existsSync(path.join(out, "students", studentFolder("alice")))).toBe(false);
    expect(await gradeAll(cls, out, opts)).toEqual({ graded: { new: 1 }, kept: 1, clashes: 0, failed: 0 });
  }, 120_000);
});

describe("release", () => {
  it("contains the student material and nothing hidden: no hidden test title, no solution line", async () => {
    const out = path.join(tmpDir("lrgrader-release-"), "bundle");
    const files = await buildRelease(out);
    for (const f of ["README.md", "package.json", "package-lock.json", "tsconfig.json", "exercises/README.md", "exercises/a01-step-decay/exercise.ts", "exercises/a01-step-decay/public.test.ts"]) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith("src/"))).toBe(true);
    expect(files.filter((f) => /^(grader|test|bench)\//.test(f) || f.includes("hidden"))).toEqual([]);
    const nb = files.find((f) => f.endsWith(".ipynb"));
    if (nb) for (const c of JSON.parse(fs.readFileSync(path.join(out, nb), "utf8")).cells) if (c.cell_type === "code") expect(c.outputs).toEqual([]);
    const text = files.filter((f) => !fs.lstatSync(path.join(out, f)).isSymbolicLink() && !f.endsWith("package-lock.json")).map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
    const manifest = readManifest(path.join(REPO, "grader", "manifest.json"));
    const titles = Object.values(manifest.exercises).flatMap((e) => e.tasks.map((t) => t.title));
    expect(titles.length).toBeGreaterThan(100);
    expect(titles.filter((t) => text.includes(t))).toEqual([]);
    // every solution line that the starter does not already contain (long enough to be specific)
    // every pair of consecutive solution lines that the starter does not contain (a single line
    // such as a loop header also occurs in lesson code; two in a row are a solution's body)
    const norm = (t: string) => t.split("\n").map((l) => l.trim()).filter((l) => l !== "").join("\n");
    const bundle = norm(text);
    const leaks: string[] = [];
    for (const id of fs.readdirSync(path.join(REPO, "grader", "solutions"))) {
      const starter = norm(fs.readFileSync(path.join(REPO, "exercises", id, "exercise.ts"), "utf8"));
      const lines = norm(fs.readFileSync(path.join(REPO, "grader", "solutions", id, "exercise.ts"), "utf8")).split("\n");
      for (let i = 0; i + 1 < lines.length; i++) {
        const pair = `${lines[i]}\n${lines[i + 1]}`;
        const code = (l: string) => l.length >= 15 && !/^(\*|\/\/|\/\*)/.test(l);
        if (code(lines[i]!) && code(lines[i + 1]!) && !starter.includes(pair) && bundle.includes(pair)) leaks.push(`${id}: ${pair}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe("export-gradescope", () => {
  it("writes setup.sh and run_autograder at the top and no reference or wrong solution", async () => {
    const zip = path.join(tmpDir("lrgrader-gs-"), "autograder.zip");
    await exportGradescope(zip);
    const names: string[] = await new Promise((res, rej) => {
      yauzl.open(zip, { lazyEntries: true }, (err, z) => {
        if (err || !z) return rej(err);
        const out: string[] = [];
        z.on("entry", (e: yauzl.Entry) => (out.push(e.fileName), z.readEntry()));
        z.on("end", () => res(out));
        z.readEntry();
      });
    });
    expect(names.slice(0, 2)).toEqual(["setup.sh", "run_autograder"]);
    expect(names).toContain("grader/manifest.json");
    expect(names).toContain("grader/harness/sandbox/student-runtime.ts");
    expect(names.filter((n) => /^grader\/(solutions|wrong|security)\//.test(n))).toEqual([]);
  });
});
