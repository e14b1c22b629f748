/**
 * Assignment files (`--assignment`) and the gradebooks an LMS imports (canvas.csv, moodle.csv,
 * totals.csv), on the fixture exercises zz-demo (tasks of 1, 1, 2, 2, 1 points: 7) and zz-second
 * (one task of 1 point).
 *
 * The gradebooks are checked against the importers' own rules, restated here from their sources:
 * - Canvas, canvas-lms app/models/gradebook_importer.rb (GradebookImporter): the header row's
 *   column 0 contains "Student" and column 1 "ID"; with "SIS User ID" then "SIS Login ID" in
 *   columns 2–3 the student columns end with one containing "Section" (column 4); the columns
 *   after them are assignments, except headers matching Current/Final/Override Score/Points/
 *   Grade; a row whose column 0 contains "Points Possible" sets the assignments' points; a
 *   student is found by ID, else SIS User ID, else SIS Login ID, else by name; a grade is
 *   stripped, blank or "-" is no grade, and numbers may use "," or "." as decimal mark; the
 *   separator is "," unless ";" splits the first three lines more consistently; lines of only
 *   separators and spaces are skipped, as are rows of blanks or "Muted".
 * - Moodle, lib/csvlib.class.php (csv_import_reader) and grade/import/csv/classes/load_data.php:
 *   the first row is the header (trimmed); every row has as many columns as the header, else
 *   "csvweirdcolumns"; the identifier column maps to userid, username, useridnumber or useremail,
 *   a blank identifier skips the row; a grade column maps to a new grade item named by its
 *   header; a grade is "" or "-" (none) or a number, and above 100 (gradepointmax) is refused
 *   unless the site allows unlimited grades.
 * - OWASP, "CSV Injection" and ASVS 5.0 requirement 1.2.10: no cell may begin with =, +, -, @,
 *   tab, carriage return (or a null character): each is prefixed with a single quote; fields are
 *   escaped as RFC 4180 says (quoted, their quotes doubled).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import yauzl from "yauzl";
import { describe, expect, it, vi } from "vitest";
import { gradeAll } from "../../grader/harness/class/batch";
import { mergeShards } from "../../grader/harness/class/shard";
import { exportGradescope } from "../../grader/harness/publish/gradescope";
import { buildRelease } from "../../grader/harness/publish/release";
import { readAssignment, scaledPoints } from "../../grader/harness/score/assignment";
import { csvCell } from "../../grader/harness/report/report";
import { readManifest } from "../../grader/harness/score/manifest";
import type { GradeResult } from "../../grader/harness/score/score";
import { studentFolder } from "../../grader/harness/intake/roster";
import { parseCsv } from "./csv";
import { cli, FIXTURE_SUITES, FIXTURES, REPO, referenceFiles, tmpDir } from "./helpers";

const MANIFEST = path.join(FIXTURES, "manifest.json");
const manifest = readManifest(MANIFEST);

/** Writes an assignment file with this text into a fresh folder; returns its path. */
function assignmentFile(text: string, name = "week3.json"): string {
  const file = path.join(tmpDir("lrgrader-assignment-"), "assignments", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The one-line message readAssignment throws for `text` (the file shown relative to cwd). */
function problem(text: string): string {
  const file = assignmentFile(text);
  try {
    readAssignment(file, manifest);
  } catch (e) {
    return (e as Error).message.replace(path.relative(process.cwd(), file), "FILE");
  }
  return "no error";
}


describe("scaledPoints: a task's points scaled to the exercise's, in the same ratios", () => {
  it("adds up to the exercise's points exactly, each share within a millionth of its exact value", () => {
    // 10 over 1:1:1 → 10/3 each; 3 333 333 millionths each leave 1, given to the first on a tie.
    expect(scaledPoints([1, 1, 1], 10)).toEqual([3.333334, 3.333333, 3.333333]);
    // zz-demo's 1, 1, 2, 2, 1 (7) to 10: 10/7 = 1.4285714…, 20/7 = 2.8571428…; 9 999 997 millionths
    // rounded down, the 3 left go to the largest remainders (.857, .857, then the first .428).
    expect(scaledPoints([1, 1, 2, 2, 1], 10)).toEqual([1.428572, 1.428571, 2.857143, 2.857143, 1.428571]);
    // A factor that is exact in millionths keeps every ratio exactly: 2.5 × (1, 1, 2, 2, 1).
    expect(scaledPoints([1, 1, 2, 2, 1], 17.5)).toEqual([2.5, 2.5, 5, 5, 2.5]);
    expect(scaledPoints([1, 1, 2, 2, 1], 0)).toEqual([0, 0, 0, 0, 0]);
    for (const [points, total] of [[[1, 1, 1], 10], [[1, 1, 2, 2, 1], 10], [[0.5, 1.5, 1], 7.25]] as Array<[number[], number]>) {
      const got = scaledPoints(points, total);
      expect(Math.round(got.reduce((a, p) => a + p, 0) * 1e6)).toBe(Math.round(total * 1e6));
      const sum = points.reduce((a, p) => a + p, 0);
      got.forEach((g, i) => expect(Math.abs(g - (points[i]! * total) / sum)).toBeLessThanOrEqual(1e-6));
    }
  });
});

describe("csvCell: RFC 4180 fields, and no cell a spreadsheet reads as a formula (OWASP)", () => {
  it("prefixes = + - @ tab CR NUL with a single quote and quotes what holds a quote, comma, semicolon or line break", () => {
    const cases: Array<[string | number, string]> = [
      ["=1+1", "'=1+1"], ["+1", "'+1"], ["-1", "'-1"], ["@A1", "'@A1"], ["\tx", "'\tx"], ["\rx", '"\'\rx"'], ["\0x", "'\0x"],
      ['say "hi"', '"say ""hi"""'], ["a,b", '"a,b"'], ["a;=b", '"a;=b"'], ["a\nb", '"a\nb"'], ["plain", "plain"], [-1.5, "-1.5"], [0, "0"],
    ];
    for (const [v, want] of cases) expect(csvCell(v), JSON.stringify(v)).toBe(want);
  });
});

describe("assignment files: every mistake is one line naming the path inside the file", () => {
  it("names the key, the index and the fix", () => {
    const cases: Array<[string, string]> = [
      ["{", "FILE: not valid JSON (it ends too early); fix the syntax"],
      ["[1, 2]", 'FILE: an array where an object {"title": …, "exercises": […]} is expected'],
      ['{"title": "W3", "exercises": [{"id": "zz-demo"}], "due": "friday"}', 'FILE: due: unknown key; an assignment has "title" and "exercises"'],
      ['{"exercises": [{"id": "zz-demo"}]}', "FILE: title: missing; give the assignment's name, as the gradebooks will show it"],
      ['{"title": 3, "exercises": [{"id": "zz-demo"}]}', "FILE: title: 3 is a number; give a string"],
      ['{"title": "Final Score", "exercises": [{"id": "zz-demo"}]}', 'FILE: title: "Final Score" contains "Final Score", which Canvas\'s gradebook import reads as a total column, not an assignment; choose another title'],
      ['{"title": "W3"}', 'FILE: exercises: missing; give a list such as [{"id": "a01-step-decay", "points": 10}]'],
      ['{"title": "W3", "exercises": {"zz-demo": 10}}', 'FILE: exercises: an object where a list is expected; give a list such as [{"id": "a01-step-decay", "points": 10}]'],
      ['{"title": "W3", "exercises": []}', "FILE: exercises: empty; choose at least one exercise"],
      ['{"title": "W3", "exercises": ["zz-demo"]}', 'FILE: exercises[0]: "zz-demo" is a string; give an object such as {"id": "a01-step-decay", "points": 10}'],
      ['{"title": "W3", "exercises": [{"id": "zz-demo", "point": 3}]}', 'FILE: exercises[0].point: unknown key; an exercise has "id" and, optionally, "points"'],
      ['{"title": "W3", "exercises": [{"points": 3}]}', 'FILE: exercises[0].id: missing; give the exercise\'s id, e.g. "a01-step-decay"'],
      ['{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-dmeo"}]}', 'FILE: exercises[1].id: no exercise "zz-dmeo" (did you mean zz-demo?); the exercises are those of the manifest: zz-demo, zz-second'],
      ['{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-second"}, {"id": "zz-demo"}]}', "FILE: exercises[2].id: zz-demo is listed twice (also exercises[0]); list each exercise once"],
      ['{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-second", "points": "5"}]}', 'FILE: exercises[1].points: "5" is a string; give a number ≥ 0'],
    ];
    for (const [text, want] of cases) {
      const got = problem(text);
      expect(got.includes("\n"), got).toBe(false);
      expect(got).toBe(want);
    }
    expect(problem('{"title": "W3", "exercises": [{"id": "zz-demo", "points": -1}]}')).toBe("FILE: exercises[0].points: -1 is negative; give a number ≥ 0");
    // Bad JSON says where: line and column.
    expect(problem('{\n  "title": "W3",\n  "exercises": [}\n')).toBe('FILE: not valid JSON (at line 3 column 17, found "}"); fix the syntax');
  });

  it("an exercise without points keeps its own; others are scaled", () => {
    const a = readAssignment(assignmentFile('{"title": " Week 3 ", "exercises": [{"id": "zz-second"}, {"id": "zz-demo", "points": 10}]}'), manifest);
    expect(a).toEqual({ title: "Week 3", points: { "zz-second": 1, "zz-demo": 10 } });
  });

  it("the CLI prints the one line and exits 2, for every command that takes --assignment", async () => {
    const file = assignmentFile('{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-second"}, {"id": "zz-demo", "points": -1}]}');
    const shown = path.relative(REPO, file);
    const fixtures = ["--suites", FIXTURE_SUITES, "--manifest", MANIFEST];
    const out = tmpDir("lrgrader-out-");
    const runs = await Promise.all([
      cli(["grade", path.join(FIXTURES, "solutions"), "--out", out, "--assignment", file, ...fixtures]),
      cli(["grade-all", path.join(FIXTURES, "batch"), "--out", out, "--assignment", file, ...fixtures]),
      cli(["gradescope-run", path.join(FIXTURES, "solutions"), "--out", out, "--assignment", file, ...fixtures]),
    ]);
    for (const r of runs) {
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`${shown}: exercises[2].id: zz-demo is listed twice (also exercises[0]); list each exercise once\n`);
    }
    // release and export-gradescope check against the course's manifest: zz-demo is no exercise there.
    const course = assignmentFile('{"title": "W3", "exercises": [{"id": "a01-step-decay", "points": 20}, {"id": "zz-demo"}]}');
    for (const args of [["release", "--out", path.join(out, "release")], ["export-gradescope", "--out", path.join(out, "ag.zip")]]) {
      const r = await cli([...args, "--assignment", course]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${path.relative(REPO, course).replace(/[.]/g, "\\.")}: exercises\\[1\\]\\.id: no exercise "zz-demo"; the exercises are those of the manifest: a01-step-decay, .*\\n$`));
      expect(fs.existsSync(path.join(out, "release")) || fs.existsSync(path.join(out, "ag.zip"))).toBe(false);
    }
    const both = await cli(["grade", path.join(FIXTURES, "solutions"), "--out", out, "--assignment", file, "--only", "zz-demo"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe("--assignment chooses the exercises: leave out --only (see npm run grade -- --help)\n");
  }, 120_000);
});

describe("grading for an assignment, and the gradebooks an LMS imports", () => {
  // Names an LMS or a spreadsheet could misread: commas, quotes, a line break, formula starters.
  const NAMES = ['O\'Brien, Ann "Annie"', "=HYPERLINK(\"x\",\"y\")", "+cmd", "-2+3", "@SUM(A1)", "\tTab", "semi;=1+1", "line\nbreak", "plain"];

  it("scores its exercises at its points, and writes canvas.csv, moodle.csv and totals.csv by the importers' rules", async () => {
    const cls = tmpDir("lrgrader-class-");
    const ref = referenceFiles();
    NAMES.forEach((name, i) => {
      const dir = path.join(cls, name);
      for (const [rel, text] of Object.entries(ref)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        // Every other student answers zz-demo's part a wrongly (loses its task of 1 point of 7).
        fs.writeFileSync(path.join(dir, rel), i % 2 && rel === "zz-demo/exercise.ts" ? text.replace('partA: "A" | "B" | "C" | "D" | null = "C"', 'partA: "A" | "B" | "C" | "D" | null = "A"') : text);
      }
    });
    const file = assignmentFile('{"title": "Week 3: warm-up, scale", "exercises": [{"id": "zz-demo", "points": 10}, {"id": "zz-second", "points": 2.5}]}');
    const assignment = readAssignment(file, manifest);
    const out = tmpDir("lrgrader-out-");
    const run = await gradeAll(cls, out, { suitesDir: FIXTURE_SUITES, manifest: MANIFEST, quiet: true, assignment });
    expect(run).toMatchObject({ graded: { new: NAMES.length }, clashes: 0, failed: 0 });

    // Scores: full marks 10 + 2.5; part a wrong costs zz-demo's first task, 1/7 of 10 scaled as
    // 1.428572 (see scaledPoints above), so 12.5 − 1.428572 = 11.071428.
    const expected = new Map(NAMES.map((n, i) => [n, i % 2 ? 11.071428 : 12.5]));
    for (const name of NAMES) {
      const r = JSON.parse(fs.readFileSync(path.join(out, "students", studentFolder(name), "results.json"), "utf8")) as GradeResult;
      expect(r.max_score).toBe(12.5);
      expect(r.score).toBe(expected.get(name));
      expect(r.assignment).toBe("Week 3: warm-up, scale");
      expect(fs.readFileSync(path.join(out, "students", studentFolder(name), "feedback.html"), "utf8")).toContain("<p>Assignment: Week 3: warm-up, scale</p>");
      expect(r.exercises["zz-demo"]!.max).toBe(10);
      expect(r.exercises["zz-second"]).toMatchObject({ score: 2.5, max: 2.5 });
    }

    // Canvas (GradebookImporter).
    const canvasText = fs.readFileSync(path.join(out, "canvas.csv"), "utf8");
    const canvas = parseCsv(canvasText);
    const [header, pointsRow, ...students] = canvas;
    expect(header!.length).toBeGreaterThan(3);
    expect(header![0]).toContain("Student");
    expect(header![1]).toContain("ID");
    expect(header![2]).toMatch(/SIS\s+User\s+ID/);
    expect(header![3]).toMatch(/SIS\s+Login\s+ID/);
    expect(header![4]).toContain("Section");
    const assignments = header!.slice(5).filter((h) => !/Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status/.test(h));
    expect(assignments).toEqual(["Week 3: warm-up, scale"]);
    expect(pointsRow![0]).toContain("Points Possible");
    expect(Number(pointsRow![5])).toBe(12.5);
    expect(canvas.every((row) => row.length === header!.length)).toBe(true); // one separator, ","
    expect(canvasText.split("\n").some((l) => /^[;, ]+$/.test(l))).toBe(false);
    expect(students).toHaveLength(NAMES.length);
    for (const row of students) {
      expect(row[0]).not.toContain("Points Possible");
      expect(row[1]).toBe(""); // no Canvas user id: matched by SIS Login ID, then by name
      const name = row[3]!.replace(/^'(?=[=+\-@\t\r])/, "");
      expect(row[0]).toBe(row[3]);
      expect(expected.has(name), name).toBe(true);
      expect(row[5]!.trim()).toMatch(/^-?[0-9.,]+%?$/);
      expect(Number(row[5])).toBe(expected.get(name));
    }

    // Moodle (csv_import_reader, gradeimport_csv_load_data).
    const moodle = parseCsv(fs.readFileSync(path.join(out, "moodle.csv"), "utf8"));
    expect(moodle[0]!.map((h) => h.trim())).toEqual(["Student", "Week 3: warm-up, scale"]);
    expect(moodle.every((row) => row.length === moodle[0]!.length)).toBe(true);
    expect(moodle.slice(1)).toHaveLength(NAMES.length);
    for (const [id, grade] of moodle.slice(1)) {
      expect(id!.trim()).not.toBe("");
      expect(Number.isFinite(Number(grade))).toBe(true);
      expect(Number(grade)).toBeLessThanOrEqual(100);
      expect(Number(grade)).toBe(expected.get(id!.replace(/^'(?=[=+\-@\t\r])/, "")));
    }

    // Plain: student,total.
    const totals = parseCsv(fs.readFileSync(path.join(out, "totals.csv"), "utf8"));
    expect(totals[0]).toEqual(["student", "total"]);
    expect(new Map(totals.slice(1).map(([s, t]) => [s!.replace(/^'(?=[=+\-@\t\r])/, ""), Number(t)]))).toEqual(expected);

    // OWASP: no parsed cell starts a formula; the names that would are kept, behind a quote.
    for (const f of ["canvas.csv", "moodle.csv", "totals.csv", "gradebook.csv"]) {
      const text = fs.readFileSync(path.join(out, f), "utf8");
      for (const row of parseCsv(text)) for (const cell of row) expect(cell, `${f}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      expect(text).toContain(`"'=HYPERLINK(""x"",""y"")"`);
      expect(text).toContain(`"semi;=1+1"`); // a ";" separator (spreadsheets in many locales) stays inside the cell
      expect(text).toContain(`"line\nbreak"`);
    }
    expect(fs.readFileSync(path.join(out, "totals.csv"), "utf8")).toContain(`"O'Brien, Ann ""Annie""",12.5\n`);
  }, 120_000);

  it("grade-all regrades when the assignment's points change; grade:merge writes the gradebooks a single run writes", async () => {
    const cls = tmpDir("lrgrader-class-");
    for (const name of ["ann", "ben", "cy"]) fs.cpSync(path.join(FIXTURES, "solutions"), path.join(cls, name), { recursive: true });
    const opts = { suitesDir: FIXTURE_SUITES, manifest: MANIFEST, quiet: true };
    const at = (points: number) => readAssignment(assignmentFile(`{"title": "W3", "exercises": [{"id": "zz-demo", "points": ${points}}]}`), manifest);
    const single = tmpDir("lrgrader-out-");
    expect(await gradeAll(cls, single, { ...opts, assignment: at(10) })).toMatchObject({ graded: { new: 3 } });
    expect(await gradeAll(cls, single, { ...opts, assignment: at(10) })).toMatchObject({ graded: {}, kept: 3 });
    expect(await gradeAll(cls, single, { ...opts, assignment: at(20) })).toMatchObject({ graded: { "grader changed": 3 }, kept: 0 });
    expect(fs.readFileSync(path.join(single, "totals.csv"), "utf8")).toBe("student,total\nann,20\nben,20\ncy,20\n");
    const shards = [tmpDir("lrgrader-out-"), tmpDir("lrgrader-out-")];
    await gradeAll(cls, shards[0]!, { ...opts, assignment: at(20), shard: [1, 2] });
    await gradeAll(cls, shards[1]!, { ...opts, assignment: at(20), shard: [2, 2] });
    const merged = tmpDir("lrgrader-out-");
    mergeShards(cls, shards, merged);
    for (const f of ["canvas.csv", "moodle.csv", "totals.csv"]) expect(fs.readFileSync(path.join(merged, f), "utf8")).toBe(fs.readFileSync(path.join(single, f), "utf8"));
  }, 180_000);

  it("the example assignments/week3.json is a valid assignment of the course", () => {
    const a = readAssignment(path.join(REPO, "assignments", "week3.json"), readManifest(path.join(REPO, "grader", "manifest.json")));
    expect(a.points).toEqual({ "a03-warmup-ratio": 20, "a05-one-cycle": 20, quiz: readManifest(path.join(REPO, "grader", "manifest.json")).exercises.quiz!.max });
  });

  it("without an assignment the column is named Exercises; a total above 100 is named as a Moodle problem", async () => {
    const cls = tmpDir("lrgrader-class-");
    fs.cpSync(path.join(FIXTURES, "solutions"), path.join(cls, "alice"), { recursive: true });
    const out = tmpDir("lrgrader-out-");
    const big = readAssignment(assignmentFile('{"title": "Big", "exercises": [{"id": "zz-demo", "points": 150}]}'), manifest);
    await gradeAll(cls, out, { suitesDir: FIXTURE_SUITES, manifest: MANIFEST, quiet: true, only: ["zz-second"] });
    expect(fs.readFileSync(path.join(out, "moodle.csv"), "utf8")).toBe("Student,Exercises\nalice,1\n");
    expect(fs.readFileSync(path.join(out, "summary.html"), "utf8")).not.toContain("Moodle refuses");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await gradeAll(cls, out, { suitesDir: FIXTURE_SUITES, manifest: MANIFEST, quiet: true, assignment: big });
      expect(stderr.mock.calls.map((c) => String(c[0]))).toContain("moodle.csv: totals can reach 150, and Moodle refuses imported grades above 100 unless the site allows them (unlimitedgrades, gradepointmax); or give the assignment at most 100 points with --assignment\n");
    } finally {
      stderr.mockRestore();
    }
    expect(fs.readFileSync(path.join(out, "moodle.csv"), "utf8")).toBe("Student,Big\nalice,150\n");
    expect(fs.readFileSync(path.join(out, "summary.html"), "utf8")).toContain("moodle.csv: totals can reach 150, and Moodle refuses imported grades above 100");
  }, 120_000);

  it("gradescope-run grades for the assignment; export-gradescope ships it and run_autograder passes it; release lists it", async () => {
    const file = assignmentFile('{"title": "W3", "exercises": [{"id": "zz-demo", "points": 10}]}');
    const out = tmpDir("lrgrader-out-");
    const r = await cli(["gradescope-run", path.join(FIXTURES, "solutions"), "--out", out, "--assignment", file, "--suites", FIXTURE_SUITES, "--manifest", MANIFEST]);
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")) as { score: number; max_score: number; tests: Array<{ name: string; max_score: number }> };
    expect([results.score, results.max_score]).toEqual([10, 10]);
    expect(results.tests.filter((t) => t.name.startsWith("zz-demo")).map((t) => t.max_score)).toEqual([1.428572, 1.428571, 2.857143, 2.857143, 1.428571]);
    expect(results.tests.some((t) => t.name.startsWith("zz-second"))).toBe(false);

    const course = readAssignment(assignmentFile('{"title": "Week 3", "exercises": [{"id": "a03-warmup-ratio", "points": 20}, {"id": "quiz"}]}'), readManifest(path.join(REPO, "grader", "manifest.json")));
    const zip = path.join(out, "autograder.zip");
    await exportGradescope(zip, REPO, course);
    const entries = await new Promise<Map<string, string>>((resolve, reject) => {
      const got = new Map<string, string>();
      yauzl.open(zip, { lazyEntries: true }, (err, z) => {
        if (err || !z) return reject(err);
        z.on("entry", (e: yauzl.Entry) => {
          if (e.fileName !== "assignment.json" && e.fileName !== "run_autograder") return z.readEntry();
          z.openReadStream(e, (err2, s) => {
            if (err2 || !s) return reject(err2);
            let text = "";
            s.on("data", (b) => (text += b));
            s.on("end", () => (got.set(e.fileName, text), z.readEntry()));
          });
        });
        z.on("end", () => resolve(got));
        z.readEntry();
      });
    });
    expect(JSON.parse(entries.get("assignment.json")!)).toEqual({ title: "Week 3", exercises: [{ id: "a03-warmup-ratio", points: 20 }, { id: "quiz", points: 7 }] });
    expect(entries.get("run_autograder")).toContain("gradescope-run /autograder/submission --out /autograder/results --assignment assignment.json\n");

    const release = path.join(out, "release");
    await buildRelease(release, REPO, course);
    const readme = fs.readFileSync(path.join(release, "README.md"), "utf8");
    expect(readme).toContain("## This assignment: Week 3\n\nOnly these exercises are graded, for 27 points in all");
    expect(readme).toContain("| `a03-warmup-ratio` | 20 |\n| `quiz` | 7 |\n");
  }, 180_000);
});
