/**
 * Trust in every grade (issue 9): a result belongs to the submission it was made from, a stale
 * manifest never grades, and resuming regrades exactly what changed. Runs grade-all on small
 * classes of the fixture exercises (zz-demo 7 points, zz-second 1).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeAll } from "../../grader/harness/class/batch";
import { readRoster, rosterOf, studentFolder, studentKey } from "../../grader/harness/intake/roster";
import { generateManifest } from "../../grader/harness/score/generate";
import { loadManifest, manifestText } from "../../grader/harness/score/manifest";
import type { GradeResult } from "../../grader/harness/score/score";
import { cli, FIXTURES, FIXTURE_SUITES, makeClass, makeSubmission, referenceFiles, REPO, tmpDir } from "./helpers";

const OPTS = { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json"), quiet: true };
const ref = referenceFiles();
/** Only zz-second right: 1 point. */
const oneRight = { "zz-second/exercise.ts": ref["zz-second/exercise.ts"]! };

const resultOf = (out: string, name: string): GradeResult => JSON.parse(fs.readFileSync(path.join(out, "students", studentFolder(name), "results.json"), "utf8"));

describe("student identity", () => {
  it("derives the output folder from the name alone: lower-case ASCII plus 64 bits of a hash of the student key", () => {
    expect(studentKey("Alice Smith")).toBe("alice_smith");
    expect(studentKey("a b")).toBe(studentKey("a_b"));
    // Windows drops a trailing dot: "maria lópez." is maria lópez
    expect(studentKey("maria lópez.")).toBe(studentKey("maria lópez"));
    // invisible characters do not make another student
    expect(studentKey("al\u200bice")).toBe("alice");
    expect(studentKey("\u202ealice\u2060")).toBe("alice");
    expect(studentFolder("Alice")).toBe(studentFolder("alice"));
    expect(studentFolder("alice")).toBe(`alice-${createHash("sha256").update("alice").digest("hex").slice(0, 16)}`);
    // distinct students whose ASCII forms coincide still get distinct folders
    expect(studentFolder("José")).not.toBe(studentFolder("Jos, e"));
    expect(studentFolder("Zoë")).toBe(studentFolder("zoë"));
    expect(studentFolder("李雷")).not.toBe(studentFolder("韩梅梅"));
    // a folder never starts with a character a spreadsheet reads as a formula
    expect(studentFolder("-1+1")).toMatch(/^1_1-[0-9a-f]{16}$/);
    expect(studentFolder("@cmd")).toMatch(/^cmd-[0-9a-f]{16}$/);
  });

  it("grades two students whose folder hashes coincide, each in a folder of its own", () => {
    // 20 names with no ASCII letter all read "student" in ASCII: with one hex digit of hash, some
    // must share a folder (20 names, 16 digits).
    const names = Array.from({ length: 20 }, (_, i) => String.fromCodePoint(0x4e00 + i, 0x4e00 + 2 * i));
    const roster = rosterOf("/class", names.map((name) => ({ name, kind: "folder" as const })), 1);
    expect(roster.clashes).toEqual([]);
    expect(roster.submissions.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(new Set(roster.submissions.map((s) => s.folder)).size).toBe(20);
    const short = names.map((n) => studentFolder(n, 1));
    const collided = roster.submissions.filter((s) => short.filter((f) => f === studentFolder(s.name, 1)).length > 1);
    expect(collided.length).toBeGreaterThanOrEqual(2);
    for (const s of collided) expect(s.folder).toBe(studentFolder(s.name, 64));
  });

  it("reports every clash before grading and names each entry exactly: folder beside zip, case, punctuation, a trailing dot", async () => {
    const cls = await makeClass({ alice: oneRight, "alice.zip": { zip: oneRight }, Bob: oneRight, bob: oneRight, "a b": oneRight, a_b: oneRight, "maria lópez": oneRight, "maria lópez.": oneRight, carol: oneRight });
    const roster = readRoster(cls);
    expect(roster.submissions.map((s) => s.name)).toEqual(["carol"]);
    expect(roster.clashes.map((c) => c.entries.sort())).toEqual(expect.arrayContaining([["alice.zip", "alice/"], ["Bob/", "bob/"], ["a b/", "a_b/"], ["maria lópez./", "maria lópez/"]]));
    expect(roster.clashes.find((c) => c.entries.includes("Bob/"))!.message).toMatch(/"Bob\/", "bob\/" denote the same student.*rename/);
    const out = tmpDir("lrgrader-out-");
    const run = await gradeAll(cls, out, OPTS);
    expect(run).toEqual({ graded: { new: 1 }, kept: 0, clashes: 4, failed: 0 });
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("student,zz-demo,zz-second,total,max,folder,status");
    expect(csv).toContain(`carol,0,1,1,8,${studentFolder("carol")},graded: new`);
    expect(csv.filter((l) => l.endsWith("not graded: name clash")).map((l) => l.split(",")[0])).toEqual(["Bob/", "a b/", "a_b/", "alice.zip", "alice/", "bob/", "maria lópez./", "maria lópez/"]);
    expect(fs.readdirSync(path.join(out, "students"))).toEqual([studentFolder("carol")]);
  }, 60_000);

  it("names every entry it does not grade, in the output and the gradebook: hidden names, stray files, symbolic links", async () => {
    const cls = await makeClass({ "..hidden Student": oneRight, carol: oneRight });
    fs.writeFileSync(path.join(cls, "notes.txt"), "x");
    fs.symlinkSync(path.join(cls, "carol"), path.join(cls, "dave"));
    const roster = readRoster(cls);
    expect(roster.skipped.map((k) => k.message)).toEqual([
      "..hidden Student/: hidden (the name starts with '.'), not graded: rename it to grade it",
      "dave: symbolic link, not graded: copy the submission itself into the class folder",
      "notes.txt: neither a folder nor a .zip, not graded",
    ]);
    const out = tmpDir("lrgrader-out-");
    const r = await cli(["grade-all", cls, "--out", out, "--suites", FIXTURE_SUITES, "--quiet"]);
    for (const k of roster.skipped) expect(r.stderr).toContain(k.message);
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n").slice(1);
    expect(csv).toEqual([
      "..hidden Student/,,,,,,not graded: hidden (the name starts with '.')",
      `carol,0,1,1,8,${studentFolder("carol")},graded: new`,
      "dave,,,,,,not graded: symbolic link",
      "notes.txt,,,,,,not graded: neither a folder nor a .zip",
    ]);
    expect(fs.readFileSync(path.join(out, "summary.html"), "utf8")).toContain("..hidden Student/: hidden");
  }, 60_000);

  it("gives each student their own results when a late submission sorts first, and keeps the original name", async () => {
    const cls = await makeClass({ bob: oneRight, "Carol K.": ref });
    const out = tmpDir("lrgrader-out-");
    expect(await gradeAll(cls, out, OPTS)).toEqual({ graded: { new: 2 }, kept: 0, clashes: 0, failed: 0 });
    fs.cpSync(makeSubmission({}), path.join(cls, "aaron"), { recursive: true });
    expect(await gradeAll(cls, out, OPTS)).toEqual({ graded: { new: 1 }, kept: 2, clashes: 0, failed: 0 });
    expect([resultOf(out, "aaron").score, resultOf(out, "bob").score, resultOf(out, "Carol K.").score]).toEqual([0, 1, 8]);
    expect(resultOf(out, "Carol K.").submission!.name).toBe("Carol K.");
    expect(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").split("\n").slice(1, 4).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "Carol K.,7,1,8",
      "aaron,0,0,0",
      "bob,0,1,1",
    ]);
  }, 90_000);

  it("regrades a submission whose files changed, and only that one", async () => {
    const cls = await makeClass({ bob: oneRight, dana: oneRight });
    const out = tmpDir("lrgrader-out-");
    await gradeAll(cls, out, OPTS);
    const danaBefore = fs.statSync(path.join(out, "students", studentFolder("dana"), "results.json")).mtimeMs;
    fs.cpSync(makeSubmission(ref), path.join(cls, "bob"), { recursive: true });
    expect(await gradeAll(cls, out, OPTS)).toEqual({ graded: { "submission changed": 1 }, kept: 1, clashes: 0, failed: 0 });
    expect(resultOf(out, "bob").score).toBe(8);
    expect(fs.statSync(path.join(out, "students", studentFolder("dana"), "results.json")).mtimeMs).toBe(danaBefore);
    expect(fs.readFileSync(path.join(out, "summary.html"), "utf8")).toContain("graded 1 (1 submission changed); kept 1 (same files, same grader)");
    expect(await gradeAll(cls, out, { ...OPTS, force: true })).toEqual({ graded: { forced: 2 }, kept: 0, clashes: 0, failed: 0 });
  }, 90_000);
});

/** A copy of the fixture suites in out/ (inside the repository, so vitest and the imports resolve). */
function copySuites(): { suitesDir: string; manifest: string } {
  const dir = fs.mkdtempSync(path.join(REPO, "out", "suites-"));
  const suitesDir = path.join(dir, "suites");
  fs.mkdirSync(suitesDir);
  for (const f of fs.readdirSync(FIXTURE_SUITES)) {
    const text = fs.readFileSync(path.join(FIXTURE_SUITES, f), "utf8");
    const harness = path.relative(suitesDir, path.join(REPO, "grader", "harness", "run", "suite"));
    fs.writeFileSync(path.join(suitesDir, f), text.replace(/"[./]+grader\/harness\/run\/suite"/, JSON.stringify(harness)));
  }
  return { suitesDir, manifest: path.join(dir, "manifest.json") };
}

describe("the manifest against the suites", () => {
  it("stops before grading when a suite changed after the manifest was made, naming the file and the fix", async () => {
    const { suitesDir, manifest } = copySuites();
    fs.writeFileSync(manifest, manifestText(await generateManifest(suitesDir)));
    const suite = path.join(suitesDir, "zz-second.hidden.test.ts");
    fs.writeFileSync(suite, fs.readFileSync(suite, "utf8").replace(/\}\);\s*$/, '  task("b", "an added task", 1, async () => {});\n});\n'));
    const cls = await makeClass({ bob: ref });
    const out = tmpDir("lrgrader-out-");
    await expect(gradeAll(cls, out, { ...OPTS, suitesDir, manifest })).rejects.toThrow(
      /^the manifest .*manifest\.json is out of date with the hidden suites \(zz-second\.hidden\.test\.ts changed\): run npm run grade:manifest/,
    );
    expect(fs.existsSync(path.join(out, "students"))).toBe(false);
    fs.writeFileSync(path.join(suitesDir, "zz-third.ts"), "export {};\n");
    expect(() => loadManifest(manifest, suitesDir, ["zz-demo"])).toThrow(/zz-second\.hidden\.test\.ts changed, zz-third\.ts added/);
  }, 60_000);

  it("regrades every stored result after the suites and manifest change together", async () => {
    const { suitesDir, manifest } = copySuites();
    fs.writeFileSync(manifest, manifestText(await generateManifest(suitesDir)));
    const cls = await makeClass({ bob: ref, dana: oneRight });
    const out = tmpDir("lrgrader-out-");
    const opts = { ...OPTS, suitesDir, manifest };
    expect((await gradeAll(cls, out, opts)).graded).toEqual({ new: 2 });
    const suite = path.join(suitesDir, "zz-second.hidden.test.ts");
    fs.writeFileSync(suite, fs.readFileSync(suite, "utf8").replace(/\}\);\s*$/, '  task("b", "an added task", 1, async () => {});\n});\n'));
    fs.writeFileSync(manifest, manifestText(await generateManifest(suitesDir)));
    expect(await gradeAll(cls, out, opts)).toEqual({ graded: { "grader changed": 2 }, kept: 0, clashes: 0, failed: 0 });
    expect([resultOf(out, "bob").score, resultOf(out, "bob").max_score, resultOf(out, "dana").score]).toEqual([9, 9, 2]);
  }, 120_000);

  it("refuses, in one line, a manifest edited by hand: a task removed, points changed, a maximum that is not the sum", async () => {
    const { suitesDir, manifest } = copySuites();
    const good = await generateManifest(suitesDir);
    const cls = await makeClass({ bob: ref });
    const edits: Array<[string, (m: typeof good) => void, RegExp]> = [
      ["a task removed", (m) => {
        const ex = m.exercises["zz-demo"]!;
        ex.tasks = ex.tasks.filter((t) => t.part !== "c");
        ex.max = 5;
      }, /^the manifest does not match the tasks the hidden suites declare \(zz-demo c: scale multiplies is not in the manifest\): points and tasks change in the hidden suites \(task\(part, title, points\)\); then run npm run grade:manifest/],
      ["points changed", (m) => {
        const ex = m.exercises["zz-demo"]!;
        ex.tasks.find((t) => t.part === "c")!.points = 5;
        ex.max = 10;
      }, /\(zz-demo c: scale multiplies has 5 points, after_published in the manifest, 2 points, after_published in the suite\)/],
      ["a hidden task made visible", (m) => void (m.exercises["zz-demo"]!.tasks.find((t) => t.part === "b")!.visibility = "visible"), /zz-demo b: classifies every item has 1 point, visible in the manifest, 1 point, after_published in the suite/],
      ["a maximum that is not the sum", (m) => void (m.exercises["zz-demo"]!.max = 10), /is not a valid manifest \(exercise zz-demo has max 10, but its tasks' points add up to 7\)/],
    ];
    for (const [what, edit, message] of edits) {
      const m = structuredClone(good);
      edit(m);
      fs.writeFileSync(manifest, manifestText(m));
      const out = tmpDir("lrgrader-out-");
      const r = await cli(["grade-all", cls, "--out", out, "--suites", suitesDir, "--manifest", manifest, "--quiet"]);
      expect([what, r.status], r.stderr).toEqual([what, 2]);
      expect(r.stderr.trim().split("\n"), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(message);
      expect(fs.existsSync(path.join(out, "students")), what).toBe(false);
    }
  }, 120_000);

  it("names a missing or garbled manifest file", () => {
    const dir = tmpDir();
    expect(() => loadManifest(path.join(dir, "nope.json"), FIXTURE_SUITES, ["zz-demo"])).toThrow(/^the manifest .*nope\.json does not exist: run npm run grade:manifest/);
    fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
    expect(() => loadManifest(path.join(dir, "bad.json"), FIXTURE_SUITES, ["zz-demo"])).toThrow(/bad\.json is not valid JSON: run npm run grade:manifest/);
    fs.writeFileSync(path.join(dir, "old.json"), JSON.stringify({ exercises: {} }));
    expect(() => loadManifest(path.join(dir, "old.json"), FIXTURE_SUITES, ["zz-demo"])).toThrow(/old\.json is not a valid manifest \(no suite hashes: made by an older grader\)/);
  });
});

describe("a killed run", () => {
  it("leaves nothing the next run does not clean up, and the rerun finishes the class", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const cls = await makeClass(Object.fromEntries(names.map((n, i) => [n, i % 2 ? ref : oneRight])));
    const out = tmpDir("lrgrader-out-");
    const base = ["grade-all", cls, "--out", out, "--suites", FIXTURE_SUITES, "--quiet"];
    const killed = await cli([...base, "--batch-size-is-not-an-option"]);
    expect([killed.status, killed.stderr.trim()]).toEqual([2, "unknown option --batch-size-is-not-an-option: see npm run grade-all -- --help"]);
    const first = await cli(base, { killAfterFirstResult: out });
    expect(first.signal).toBe("SIGKILL");
    // a work folder of the killed grader, and a temporary file as a write cut short would leave
    const pid = 4_194_400; // no such process: Linux pids never exceed 2^22
    fs.mkdirSync(path.join(os.tmpdir(), `lrgrader-${pid}-abc`), { recursive: true });
    fs.writeFileSync(path.join(out, `gradebook.csv.tmp-${pid}-0a1b2c3d`), "partial");
    const rerun = await cli(base);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/^graded \d+ \(\d+ new\); kept \d+ \(same files, same grader\)/);
    expect(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith(`lrgrader-${pid}-`) || d.startsWith(`lrgrader-${first.pid}-`))).toEqual([]);
    const left: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (/\.tmp-|\.write-test/.test(e.name)) left.push(e.name);
      }
    };
    walk(out);
    expect(left).toEqual([]);
    expect(names.map((n) => resultOf(out, n).score)).toEqual(names.map((_, i) => (i % 2 ? 8 : 1)));
  }, 180_000);
});
