/**
 * Issue 22 attacked: a hostile student (names built to run in a spreadsheet) and a sceptical
 * instructor (assignment files at the edges of JSON's numbers, titles that break files, answers
 * the fairness probes did not expect). Each test is one attack that once got through.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { off, perturbed, unprobedExports } from "../../grader/author/probes";
import { parseCsv } from "./csv";
import { idProblem } from "../../grader/author/scaffold";
import { similarityCsv } from "../../grader/harness/class/similarity-html";
import { lmsGradebooks } from "../../grader/harness/report/lms";
import { gradebookCsv } from "../../grader/harness/report/report";
import { MAX_POINTS, readAssignment, scaledPoints } from "../../grader/harness/score/assignment";
import { readManifest } from "../../grader/harness/score/manifest";
import type { GradeResult } from "../../grader/harness/score/score";
import { cli, FIXTURES, REPO, tmpDir } from "./helpers";

const manifest = readManifest(path.join(FIXTURES, "manifest.json"));

/** The one-line mistake of an assignment file holding `text` (the file's name shown as FILE). */
function problem(text: string): string {
  const dir = tmpDir("attack22-assignment-");
  const file = path.join(dir, "a.json");
  fs.writeFileSync(file, text);
  try {
    readAssignment(file, manifest);
    return "accepted";
  } catch (e) {
    return (e as Error).message.replace(path.relative(process.cwd(), file), "FILE");
  }
}

describe("assignment files at the edges of JSON's numbers and of a title", () => {
  it("points JSON reads as Infinity, or too large for exact millionths, are one line naming the path", () => {
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify writes back as null: an
    // autograder zip shipping it could not read its own assignment.json.
    expect(JSON.stringify({ p: JSON.parse("1e400") })).toBe('{"p":null}');
    const at = (p: string) => problem(`{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-second", "points": ${p}}]}`);
    expect(at("1e400")).toBe("FILE: exercises[1].points: a number beyond double precision is more than 1000000; give at most 1000000 points");
    expect(at("1e17")).toBe("FILE: exercises[1].points: 100000000000000000 is more than 1000000; give at most 1000000 points");
    expect(at("1000000.5")).toBe("FILE: exercises[1].points: 1000000.5 is more than 1000000; give at most 1000000 points");
    expect(at("1000000")).toBe("accepted");
    expect(MAX_POINTS).toBe(1e6);
    // At the limit the tasks' millionths still add up exactly: 10^6 points are 10^12 millionths.
    const tasks = scaledPoints([1, 2, 4], MAX_POINTS);
    expect(tasks.reduce((a, p) => a + Math.round(p * 1e6), 0)).toBe(1e12);
    // 1e17 points could not: 1e23 millionths are beyond 2^53, where doubles skip integers.
    expect(1e23 > Number.MAX_SAFE_INTEGER).toBe(true);
  });

  it("points with at most 6 decimals are accepted at any size up to the limit; a 7th decimal is one line", () => {
    const at = (p: string) => problem(`{"title": "W3", "exercises": [{"id": "zz-demo", "points": ${p}}]}`);
    // Six decimals each; p · 10^6 is not an integer in doubles for these (539184.818611 · 10^6 = 539184818610.99994).
    expect(539184.818611 * 1e6).not.toBe(539184818611);
    for (const p of ["539184.818611", "273787.495171", "267256.365585", "999999.999999", "0.000001", "12.5"]) expect(at(p), p).toBe("accepted");
    expect(at("0.1234567")).toBe("FILE: exercises[0].points: 0.1234567 has more than 6 decimals; round it");
    expect(at("539184.8186111")).toBe("FILE: exercises[0].points: 539184.8186111 has more than 6 decimals; round it");
  });

  it("a title with a control character or a Unicode line separator is one line naming the title", () => {
    for (const title of ["a\\u0000b", "\\t=1+1", "a\\u2028b", "a\\u2029b", "a\\u0085b", "a\\u007fb", "a\\u000bb"]) {
      expect(problem(`{"title": "${title}", "exercises": [{"id": "zz-demo"}]}`), title).toBe("FILE: title: give a non-empty name on one line, without control characters");
    }
    expect(problem('{"title": "Week 3 — warm-up, ünïcode", "exercises": [{"id": "zz-demo"}]}')).toBe("accepted");
  });

  it("a key given twice, at any depth, is one line naming its path (JSON.parse keeps the last silently)", () => {
    expect(JSON.parse('{"a": 1, "a": 2}')).toEqual({ a: 2 });
    const twice = (path: string) => `FILE: ${path}: given twice in its object, and JSON keeps only the last; give each key once`;
    expect(problem('{"title": "=cmd", "title": "W3", "exercises": [{"id": "zz-demo"}]}')).toBe(twice("title"));
    expect(problem('{"title": "W3", "exercises": [{"id": "zz-demo"}], "exercises": [{"id": "zz-second"}]}')).toBe(twice("exercises"));
    expect(problem('{"title": "W3", "exercises": [{"id": "zz-demo"}, {"id": "zz-second", "points": 1, "points": 100}]}')).toBe(twice("exercises[1].points"));
    // Keys that only look alike, a key inside a string, escapes, and a different object: accepted.
    expect(problem('{"title": "a \\"title\\": x, \\u0022", "exercises": [{"id": "zz-demo", "points": 2}, {"id": "zz-second", "points": 1}]}')).toBe("accepted");
    // Deep nesting is scanned without recursion: the duplicate 100000 levels down is named.
    const deep = `{"title": "W3", "exercises": [${"[".repeat(100000)}{"a": 1, "a": 2}${"]".repeat(100000)}]}`;
    expect(problem(deep)).toBe(twice(`exercises[0]${"[0]".repeat(100000)}.a`));
  });

  it("a title Canvas's importer reads as an existing assignment's id is one line naming the title", () => {
    // canvas-lms Assignment.title_and_id: str =~ /\A(.*)\s\((\d+)\)\z/ gives [title, id], and
    // GradebookImporter#parse_assignments imports the column into the course's assignment of that id.
    expect(problem('{"title": "Midterm (2)", "exercises": [{"id": "zz-demo"}]}')).toBe(
      'FILE: title: "Midterm (2)" ends in " (2)", which Canvas\'s gradebook import reads as the id of an existing assignment (Assignment.title_and_id), not as part of the name; write the number without the parentheses',
    );
    for (const ok of ["Midterm 2", "Midterm (two)", "(2) Midterm", "Midterm(2)", "Midterm (2) retake"]) {
      expect(problem(`{"title": "${ok}", "exercises": [{"id": "zz-demo"}]}`), ok).toBe("accepted");
    }
  });

  it("export-gradescope with points beyond JSON's numbers exits 2 with the one line and writes no zip", async () => {
    const dir = tmpDir("attack22-gs-");
    const file = path.join(dir, "week.json");
    fs.writeFileSync(file, '{"title": "W", "exercises": [{"id": "a01-step-decay", "points": 1e999}]}');
    const zip = path.join(dir, "ag.zip");
    const r = await cli(["export-gradescope", "--out", zip, "--assignment", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${path.relative(REPO, file)}: exercises[0].points: a number beyond double precision is more than 1000000; give at most 1000000 points\n`);
    expect(fs.existsSync(zip)).toBe(false);
  }, 60_000);
});


describe("student names built to run in a spreadsheet, in every CSV the grader writes", () => {
  // Each starts with a character OWASP/ASVS 1.2.10 lists (= + - @ tab CR NUL), or hides a
  // separator, a quote or a line break to break out of its cell.
  const NAMES = [
    "=cmd|' /C calc'!A0", "+1+1", "-1+2", "@SUM(A1:A9)", "\t=1", "\r=1", "\0=1",
    'x",=1+1,"', "a\n=1+1", "a\r\n@x", 'a";=1;"', "a,b,c", '"=1"', "'already", "plain",
  ];
  const result = (score: number) => ({ score, max_score: 10, exercises: { "zz-demo": { score, max: 10, messages: [] } } }) as unknown as GradeResult;

  /** Every cell a spreadsheet would see: none starts with a formula character, and each name reads back as itself, behind a quote when it had to be. */
  function expectSafe(csv: string, nameColumns: number[], rows: number, headerRows = 1) {
    const parsed = parseCsv(csv);
    expect(parsed.length).toBe(headerRows + rows);
    for (const r of parsed) for (const cell of r) expect(/^[=+\-@\t\r\0]/.test(cell), JSON.stringify(cell)).toBe(false);
    NAMES.slice(0, rows).forEach((name, i) => {
      for (const c of nameColumns) expect(parsed[headerRows + i]![c]).toBe(/^[=+\-@\t\r\0]/.test(name) ? `'${name}` : name);
    });
  }

  it("gradebook.csv, canvas.csv, moodle.csv, totals.csv and similarity.csv", () => {
    expectSafe(gradebookCsv(["zz-demo"], NAMES.map((student, i) => ({ student, folder: `f${i}`, result: result(i % 10), status: "graded: new" }))), [0], NAMES.length);
    const lms = lmsGradebooks("=Week 3", 10, NAMES.map((student, i) => ({ student, result: result(i % 10) })));
    const canvas = parseCsv(lms["canvas.csv"]!);
    expect(canvas[0]![5]).toBe("'=Week 3");
    expectSafe(lms["canvas.csv"]!, [0, 3], NAMES.length, 2); // the header, then Points Possible
    expectSafe(lms["moodle.csv"]!, [0], NAMES.length);
    expectSafe(lms["totals.csv"]!, [0], NAMES.length);
    const pairs = NAMES.slice(0, -1).map((a, i) => ({ a, b: NAMES[i + 1]!, tokens: 100, fraction: 0.5, exercises: [{ id: "zz-demo", tokens: 100 }] }));
    expectSafe(similarityCsv(pairs), [1], pairs.length);
  });
});

describe("a student named to be read as Canvas's points row", () => {
  it("gets an empty Student cell in canvas.csv, so only the real Points Possible row sets the points", () => {
    // canvas-lms GradebookImporter#check_for_non_student_row: `if row[0] =~ /Points Possible/`
    // the row sets each assignment's points_possible from its cells, and is no student.
    const canvasReadsAsPoints = (row: string[]) => /Points Possible/.test(row[0] ?? "");
    const names = ["Points Possible", "x Points Possible y", "points possible", "ann"];
    const rows = names.map((student, i) => ({ student, result: { score: i + 1 } as unknown as GradeResult }));
    const parsed = parseCsv(lmsGradebooks("Week 3", 10, rows)["canvas.csv"]!);
    expect(parsed.filter(canvasReadsAsPoints)).toEqual([["Points Possible", "", "", "", "", "10"]]);
    // Each student still has its row, its login and its score.
    expect(parsed.slice(2).map((r) => [r[0], r[3], r[5]])).toEqual([
      ["", "Points Possible", "1"], ["", "x Points Possible y", "2"], ["points possible", "points possible", "3"], ["ann", "ann", "4"],
    ]);
  });
});

describe("exercise:new with hostile ids and titles writes nothing", () => {
  it("refuses traversal, absolute, unicode and reserved ids", () => {
    for (const id of ["../x", "../../tmp/x", "/tmp/x", "a/b", "a\\b", ".", "..", "a13-ünï", "A13-x", "a13-x/..", "lib", "quiz", "practice", "a01-step-decay", "x".repeat(41), ""]) {
      expect(idProblem(id), id).not.toBeNull();
    }
  });

  it("a title that would end the reference's doc comment, or span lines, is one line, exit 2, nothing written", async () => {
    const id = "a98-attack-title";
    const where = [`grader/solutions/${id}`, `exercises/${id}`, `grader/suites/${id}.hidden.test.ts`, `grader/wrong/${id}.json`];
    for (const title of ["Evil */ export const pwned = 1; /*", "Two\nlines", "a\u2028b"]) {
      const r = await cli(["exercise-new", id, "--title", title]);
      expect(r.status, title).toBe(2);
      expect(r.stderr).toBe(`--title ${JSON.stringify(title)} has a line break, a control character or "*/", which would break the reference's doc comment: give a title on one line without them\n`);
      for (const rel of where) expect(fs.existsSync(path.join(REPO, rel)), rel).toBe(false);
    }
  }, 60_000);
});

/** The exports of an answer file, compiled as the grader compiles it (CommonJS). */
function load(source: string): Record<string, (...args: any[]) => any> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, any> = {};
  new Function("exports", js)(exports);
  return exports;
}

const KINDS = `/** (a) Stable when lr · curvature < 2. */
export function isStable(lr: number, curvature: number): boolean {
  return lr * curvature < 2;
}

/** (b) base · each factor. */
export function scaledRates(base: number, factors: number[]): Float64Array {
  return Float64Array.from(factors, (f) => base * f);
}
`;

describe("fairness probes on answers that are not plain numbers", () => {
  it("unprobedExports: constants holding an arrow or a function expression, and names in an export list; not answers, private or declared functions", () => {
    const source = `export const partA: string | null = "B";
export const a = (x: number) => x;
export const b = function (x: number) { return x; };
export const c = ((x: number) => x) as (x: number) => number;
const d = (x: number) => x;
export function e(x: number) { return d(x); }
export const f = 3, g = (x: number) => x;
function h(x: number) { return x; }
export { h, d as i };
`;
    const fn = "as a constant holding a function";
    const list = "through an export { … } list";
    expect(unprobedExports(source)).toEqual([
      { name: "a", how: fn }, { name: "b", how: fn }, { name: "c", how: fn }, { name: "g", how: fn }, { name: "h", how: list }, { name: "i", how: list },
    ]);
  });

  it("off: an answer without a number throws (answering as the reference did would report a loose tolerance the suite does not have)", () => {
    expect(() => load(off(KINDS, "isStable")).isStable!(0.1, 1)).toThrow("no number to move");
    // An answer with nothing to move (null, an empty list) is passed on, as a 0 is: throwing would fail its task and hide a loose tolerance elsewhere in it.
    const source = `/** Steps where lr > 1, or null when none is given. */
export function big(lrs: number[] | null): number[] | null {
  return lrs && lrs.filter((x) => x > 1);
}
/** Labels. */
export function labels(n: number): Array<string | number> {
  return n ? ["x", n] : ["x"];
}
`;
    const big = load(off(source, "big")).big!;
    expect(big(null)).toBe(null);
    expect(big([0.5])).toEqual([]);
    expect(big([2, 0.5, 3])).toEqual([2 * 1.1, 3 * 1.1]);
    const labels = load(off(source, "labels")).labels!;
    expect(labels(2)).toEqual(["x", 2 * 1.1]);
    expect(() => labels(0)).toThrow("no number to move");
  });

  it("a Float64Array answer stays a typed array, its numbers moved (not an object keyed 0, 1, … the suite rejects)", () => {
    const offAnswer = load(off(KINDS, "scaledRates")).scaledRates!(0.5, [1, 2]);
    expect(offAnswer).toBeInstanceOf(Float64Array);
    expect(Array.from(offAnswer)).toEqual([0.5 * 1.1, 1 * 1.1]);
    const f32 = load(perturbed(KINDS, "float32")).scaledRates!(0.1, [1, 2]);
    expect(f32).toBeInstanceOf(Float64Array);
    // fround(0.1) = 13421773 · 2^-27, hand-rounded; fround(0.1 · 2) = twice it (a power-of-two multiple).
    expect(Array.from(f32)).toEqual([13421773 / 2 ** 27, 13421773 / 2 ** 26]);
    const moved = load(perturbed(KINDS, "tolerance")).scaledRates!(0.1, [1, 2]);
    expect(moved).toBeInstanceOf(Float64Array);
    expect(Array.from(moved)).toEqual([0.1 * (1 + 1e-6), 0.1 * 2 * (1 + 1e-6)]);
  });
});

describe("exercise:check on answers the probes did not expect, with exact suites", () => {
  const ID = "a14-probe-kinds";
  /** The same exercise, its second function written as an exported arrow function. */
  const ARROW = "a15-arrow-export";
  let copy = "";
  afterAll(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it("a boolean and a Float64Array answer: ready, no tolerance problem the suite does not have; an arrow export: named, not probed silently", () => {
    // A copy of the repository's tracked files, so the exercises are never left in it.
    copy = tmpDir("attack22-copy-");
    const files = spawnSync("git", ["ls-files", "-z", "--cached"], { cwd: REPO, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
    for (const rel of files) {
      const from = path.join(REPO, rel);
      const stat = fs.lstatSync(from, { throwIfNoEntry: false });
      if (!stat) continue;
      fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), path.join(copy, rel));
      else fs.copyFileSync(from, path.join(copy, rel));
    }
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(copy, "node_modules"));
    const sh = (command: string) => spawnSync("bash", ["-c", command], { cwd: copy, encoding: "utf8", maxBuffer: 64 << 20 });
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      fs.writeFileSync(path.join(copy, rel), text);
    };
    const arrowKinds = KINDS.replace(
      "export function scaledRates(base: number, factors: number[]): Float64Array {\n  return Float64Array.from(factors, (f) => base * f);\n}",
      "export const scaledRates = (base: number, factors: number[]): Float64Array => Float64Array.from(factors, (f) => base * f);",
    );
    expect(arrowKinds).not.toBe(KINDS);
    for (const [id, source] of [[ID, KINDS], [ARROW, arrowKinds]] as const) {
      const scaffold = sh(`npm run --silent exercise:new -- ${id}`);
      expect(scaffold.status, scaffold.stderr.split("\n")[0]).toBe(0);
      write(`grader/solutions/${id}/exercise.ts`, `/**
 * Exercise ${id.slice(0, 3).toUpperCase()} — Probe kinds.
 *
 * Gradient descent on a quadratic, and a list of learning rates.
 */

${source}`);
      write(`grader/suites/${id}.hidden.test.ts`, `import { expect } from "vitest";
import { exercise, task } from "../harness/run/suite";
import { expectShape } from "./a-shared";
import { nearAll } from "./b-shared";

exercise("${id}", (s) => {
  task("a", "isStable: true below lr · curvature = 2, false at and above it", 1, async () => {
    const calls = await s.callMany("isStable", [[0.1, 1], [0.5, 4], [1.9, 1], [0.3, 10]]);
    [true, false, true, false].forEach((want, i) => {
      expectShape(calls.get(i), want);
      expect(calls.get(i)).toBe(want);
    });
  });

  task("b", "scaledRates: base times each factor", 1, async () => {
    const calls = await s.callMany("scaledRates", [[0.1, [1, 0.5, 0.25]], [0.03, [2, 3]]]);
    nearAll(calls.get(0), [0.1, 0.05, 0.025], undefined, "three factors");
    nearAll(calls.get(1), [0.06, 0.09], undefined, "two factors");
  });
});
`);
      write(`exercises/${id}/public.test.ts`, `import { describe, expect, it } from "vitest";
import * as ex from "./exercise";

describe("${id}", () => {
  it("(a) isStable is true for a small step", () => expect(ex.isStable(0.1, 1)).toBe(true));
  it("(b) scaledRates answers one rate per factor", () => expect((ex.scaledRates as any)(0.1, [1, 2])).toHaveLength(2));
});
`);
      write(`grader/wrong/${id}.json`, JSON.stringify([
        { slug: "at-most-two", what: "counts lr · curvature = 2 as stable.", edits: [["return lr * curvature < 2;", "return lr * curvature <= 2;"]] },
        { slug: "added", what: "adds the factor to the base instead of multiplying.", edits: [["(f) => base * f", "(f) => base + f"]] },
      ], null, 2) + "\n");
    }
    for (const step of ["npm run --silent starters", "npm run --silent grade:manifest"]) {
      const r = sh(step);
      expect(r.status, `${step}: ${r.stderr.split("\n")[0]}`).toBe(0);
    }
    const r = sh(`npm run --silent exercise:check -- ${ID} ${ARROW}`);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${ID}: ready \\(reference 2/2, 2 wrong solutions, 2 functions probed, `));
    expect(lines).toContain(`${ARROW}: NOT READY, 1 problem (reference 2/2, 2 wrong solutions, 1 function probed, 3/3 mutants killed)`);
    expect(lines).toContain(
      `  ✗ ${ARROW} scaledRates: scaledRates is exported as a constant holding a function: the starter does not keep it as a part to fill in, and no fairness probe or mutant reaches it — fix: write it as export function scaledRates(…) { … } (or export const scaledRates = <answer> for an answer) in grader/solutions/${ARROW}/exercise.ts, then npm run starters`,
    );
    expect(lines).toContain("1 of 2 exercises ready");
    expect(r.status).toBe(1);
  }, 600_000);
});
