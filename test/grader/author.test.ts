/**
 * The parts of `exercise:new` and `exercise:check` (grader/author/): the fairness probes' source
 * transforms, run on a small hand-written answer file whose answers are computed by hand; the
 * mutants of it, listed by hand; the scaffold's id rules and files; the report's lines; and the
 * commands' one-line mistakes. The whole loop is tested in authoring.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { stripSolution } from "../../scripts/starters";
import { reportText, undocumented, type ExerciseCheck } from "../../grader/author/check";
import { exportedFunctions, exportedNames, hardCoded, mutants, off, perturbed, throwing } from "../../grader/author/probes";
import { exerciseIds } from "../../grader/author/layout";
import { defaultTitle, idProblem, lessonOf, scaffoldFiles } from "../../grader/author/scaffold";
import { IDS } from "../exercises/exercises";
import { cli, REPO } from "./helpers";

const SOURCE = `/** Header. */

/** (a) A letter. */
export const partA: string | null = "B";

/** (d1) a − 2b. */
export function f(a: number, b: number): number {
  return a - b * 2;
}

/** (d2) f(x, 0) + 1, through f. */
export function h(x: number): number {
  return f(x, 0) + 1;
}

/** (d3) The square of xs[i] when i is inside the list, else max(i, 0). */
export function g(xs: number[], i: number): number {
  return i < xs.length ? Math.pow(xs[i]!, 2) : Math.max(i, 0);
}
`;

/** The exports of an answer file, compiled as the grader compiles it (CommonJS). */
function load(source: string): Record<string, (...args: any[]) => any> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, any> = {};
  new Function("exports", js)(exports);
  return exports;
}

describe("fairness probes", () => {
  it("name the exported functions and constants, not the private ones", () => {
    expect(exportedFunctions(SOURCE)).toEqual(["f", "h", "g"]);
    expect(exportedNames(SOURCE)).toEqual(["partA", "f", "h", "g"]);
  });

  it("hard-coded: the function answers every call with its first answer; the reference's own calls reach the original", () => {
    const m = load(hardCoded(SOURCE, "f"));
    expect(m.f!(5, 1)).toBe(3); // 5 − 2
    expect(m.f!(10, 1)).toBe(3); // not 8
    expect(m.h!(2)).toBe(3); // f(2, 0) + 1 with the original f
    expect(m.g!([1, 2, 3], 1)).toBe(4);
    expect(m.partA).toBe("B");
  });

  it("throwing: the function throws \"not implemented\", the others answer", () => {
    const m = load(throwing(SOURCE, "g"));
    expect(() => m.g!([1], 0)).toThrow("not implemented");
    expect(m.f!(5, 1)).toBe(3);
  });

  it("off: every number the function answers is 10% too large", () => {
    const m = load(off(SOURCE, "f"));
    expect(m.f!(5, 1)).toBeCloseTo(3.3, 12);
    expect(m.h!(5)).toBe(6);
  });

  it("float32: non-integer inputs and answers rounded to single precision, integers kept", () => {
    const m = load(perturbed(SOURCE, "float32"));
    // fround(0.1) = 13421773 · 2⁻²⁷ = 0.100000001490116119384765625
    expect(m.f!(0.1, 0)).toBe(13421773 / 2 ** 27);
    expect(m.f!(5, 1)).toBe(3);
    // 16777217 = 2²⁴ + 1 is not a float32, but it is an integer: kept (counts are exact by the statement)
    expect(m.f!(16777217, 0)).toBe(16777217);
  });

  it("tolerance: every non-integer number of every answer larger by 1e-6 (relative), integers kept", () => {
    const m = load(perturbed(SOURCE, "tolerance"));
    expect(m.f!(0.5, 0)).toBe(0.5 * (1 + 1e-6));
    expect(m.g!([1.5], 0)).toBe(2.25 * (1 + 1e-6));
    expect(m.f!(5, 1)).toBe(3);
  });

  it("mutants: each small change of a function body, once, in source order; Math.max's arguments and answer constants left alone", () => {
    const got = mutants(SOURCE).map((m) => [m.fn, m.line, m.kind, m.from, m.to]);
    expect(got).toEqual([
      ["f", 8, "sign", "-", "+"],
      ["f", 8, "operator", "*", "/"],
      ["f", 8, "constant", "2", "3"],
      ["h", 13, "sign", "+", "-"],
      ["h", 13, "arguments", "x, 0", "0, x"],
      ["h", 13, "constant", "0", "1"],
      ["h", 13, "constant", "1", "2"],
      ["g", 18, "boundary", "<", "<="],
      ["g", 18, "arguments", "xs[i]!, 2", "2, xs[i]!"],
      ["g", 18, "index", "i", "i + 1"],
      ["g", 18, "constant", "2", "3"],
      ["g", 18, "constant", "0", "1"],
    ]);
    // Each mutant is the reference with exactly that change, and still compiles.
    const sub = mutants(SOURCE).find((m) => m.kind === "operator")!;
    expect(sub.source).toBe(SOURCE.replace("a - b * 2", "a - b / 2"));
    expect(load(sub.source).f!(5, 2)).toBe(4);
  });

  it("a decimal constant is changed by 10%", () => {
    expect(mutants("function k(): number {\n  return 0.3;\n}\n").map((m) => m.to)).toEqual(["0.33"]);
  });
});

describe("exercise:check's parts", () => {
  it("without an id, checks every exercise: the twenty-three, the practice problems and the quiz", () => {
    expect(IDS.length).toBe(25);
    expect(exerciseIds()).toEqual(IDS);
  });

  it("find exports without a doc comment of their own", () => {
    expect(undocumented(SOURCE)).toEqual([]);
    expect(undocumented(`${SOURCE}\n// a line comment is not a statement\nexport function bare(): number {\n  return 1;\n}\nexport const c = 1;\n`)).toEqual(["bare", "c"]);
  });

  it("report one line per exercise, and one per problem naming the exercise, the task and the fix", () => {
    const reports: ExerciseCheck[] = [
      // a surviving mutant is a suggested test, not a problem: x1 is ready
      { id: "x1", findings: [], reference: { score: 6, max: 6 }, wrong: 2, functions: 2, mutants: 7, survivors: [{ line: 4, fn: "g", kind: "constant", from: "0", to: "1", source: "" }] },
      {
        id: "x2",
        findings: [{ task: "d: f at step 0", problem: "passes on the starter", fix: "make the task check the answer" }],
        reference: { score: 3, max: 3 },
        wrong: 3,
        functions: 1,
        mutants: 2,
        survivors: [{ line: 9, fn: "f", kind: "boundary", from: "<", to: "<=", source: "" }],
      },
    ];
    expect(reportText(reports).split("\n")).toEqual([
      "x1: ready (reference 6/6, 2 wrong solutions, 2 functions probed, 6/7 mutants killed)",
      "  suggested tests (mutants of the reference that still get full marks; add a task that fails on each, unless it is equivalent):",
      '    grader/solutions/x1/exercise.ts:4 in g: constant "0" → "1"',
      "x2: NOT READY, 1 problem (reference 3/3, 3 wrong solutions, 1 function probed, 1/2 mutants killed)",
      "  ✗ x2 d: f at step 0: passes on the starter — fix: make the task check the answer",
      "  suggested tests (mutants of the reference that still get full marks; add a task that fails on each, unless it is equivalent):",
      '    grader/solutions/x2/exercise.ts:9 in f: boundary "<" → "<="',
      "1 of 2 exercises ready",
    ]);
  });
});

describe("exercise:new's scaffold", () => {
  it("accepts lower-case hyphenated ids that are free, and says why others are refused", () => {
    expect(idProblem("a13-exponential-decay")).toBeNull();
    expect(idProblem("Bad Id")).toMatch(/^the exercise id "Bad Id" is malformed: use at most 40 lower-case letters/);
    expect(idProblem("a13--x")).toMatch(/malformed/);
    expect(idProblem("lib")).toMatch(/malformed/);
    expect(idProblem("x".repeat(41))).toMatch(/malformed/);
    expect(idProblem("a06-inverse-sqrt")).toBe(
      'the exercise a06-inverse-sqrt exists already (grader/solutions/a06-inverse-sqrt/exercise.ts): pick another id, or change its files (docs/authoring.md, "Changing an existing exercise")',
    );
  });

  it("reads the lesson and a title from the id", () => {
    expect([lessonOf("a13-x"), lessonOf("b12-y"), lessonOf("warmup")]).toEqual(["A", "B", null]);
    expect(defaultTitle("a13-exponential-decay")).toBe("Exponential decay");
    expect(defaultTitle("warm-start")).toBe("Warm start");
  });

  it.each(["A", "B"] as const)("lesson %s: five files; the starter is the stripped reference; every export documented", (lesson) => {
    const files = scaffoldFiles("zz-new", lesson, "A title");
    expect(Object.keys(files).sort()).toEqual([
      "exercises/zz-new/exercise.ts",
      "exercises/zz-new/public.test.ts",
      "grader/solutions/zz-new/exercise.ts",
      "grader/suites/zz-new.hidden.test.ts",
      "grader/wrong/zz-new.json",
    ]);
    const reference = files["grader/solutions/zz-new/exercise.ts"]!;
    expect(reference).toContain("Exercise zz-new — A title.");
    expect(files["exercises/zz-new/exercise.ts"]).toBe(stripSolution(reference));
    expect(undocumented(reference)).toEqual([]);
    expect(JSON.parse(files["grader/wrong/zz-new.json"]!)).toEqual([]);
    expect(files["grader/suites/zz-new.hidden.test.ts"]).toContain(lesson === "A" ? 'from "./a-shared"' : 'from "./b-shared"');
    expect(files["grader/suites/zz-new.hidden.test.ts"]).toContain('exercise("zz-new"');
  });

  it("names a lesson-numbered id's header after it", () => {
    expect(scaffoldFiles("b12-momentum-free", "B", "T")["grader/solutions/b12-momentum-free/exercise.ts"]).toContain("Exercise B12 — T.");
  });
});

describe("the commands' mistakes: one line, exit status 2, nothing written", () => {
  const oneLine = (s: string) => s.trim().split("\n").length === 1 && !/\n\s+at /.test(s);
  it.each([
    [["exercise-new", "a06-inverse-sqrt"], /^the exercise a06-inverse-sqrt exists already/],
    [["exercise-new", "Bad Id"], /^the exercise id "Bad Id" is malformed/],
    [["exercise-new", "b99-zz-test", "--lesson", "C"], /^--lesson must be A or B, got "C"/],
    [["exercise-new", "b99-zz-test", "--lesson", "A"], /^--lesson A disagrees with the id b99-zz-test, which names lesson B/],
    [["exercise-new"], /^missing argument: see npm run exercise:new -- --help/],
    [["exercise-check", "no-such-exercise"], /^unknown exercise no-such-exercise: no grader\/solutions\/no-such-exercise\//],
  ])("%j", async (args, message) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(oneLine(r.stderr)).toBe(true);
    for (const rel of ["grader/solutions/b99-zz-test", "exercises/b99-zz-test", "grader/suites/b99-zz-test.hidden.test.ts", "grader/wrong/b99-zz-test.json"]) {
      expect(fs.existsSync(path.join(REPO, rel)), rel).toBe(false);
    }
  }, 60_000);

  it.each(["exercise-new", "exercise-check"])("%s --help prints its usage", async (command) => {
    const r = await cli([command, "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${command.replace("-", ":")} -- `));
  }, 30_000);
});
