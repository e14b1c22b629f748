/**
 * The grader's type check uses the compiler options the course gives students (its tsconfig.json,
 * which `npm run typecheck` and editors read), so a correct answer that passes the students' own
 * check never gets a type error from the grader (the issue: `structuredClone` was "Cannot find
 * name" under the grader's old hard-coded ES2022-only library), while a real type error is still
 * reported as before: "type error: exercise.ts(line,col): message". Checked against the real
 * `tsc`, through the real grader, and in the Gradescope autograder's zip.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { InstructorError } from "../../grader/harness/errors";
import type { Intake } from "../../grader/harness/intake/prepare";
import { exportGradescope } from "../../grader/harness/publish/gradescope";
import { closeGraders, gradeSubmission } from "../../grader/harness/run/grade";
import { readTypeCheckConfig, TSCONFIG, typeCheck, typeCheckConfig } from "../../grader/harness/run/typecheck";
import { wrongSource } from "../../grader/wrong/wrong";
import { makeSubmission, REPO, tmpDir } from "./helpers";

afterAll(closeGraders);

/** An intake of answer folders (id → file name → text), as the grader's intake makes one. */
const intakeOf = (folders: Record<string, Record<string, string>>): Intake => ({
  exercises: Object.fromEntries(Object.entries(folders).map(([id, files]) => [id, { ok: true as const, files, notes: [] }])),
  notes: [],
});

/**
 * Answer folders, each checked by the grader and by the students' `tsc`: correct code using
 * APIs the course's tsconfig provides (ES2022 with the DOM library and Node's types) and code with
 * real type errors, in modules and in a script file (no import or export).
 */
const FOLDERS: Record<string, Record<string, string>> = {
  "clone-and-log": {
    "exercise.ts": [
      "export interface State { params: number[]; accum: number[] }",
      "export function copy(state: State): State {",
      "  const next = structuredClone(state);",
      "  console.log(\"copied\", next.params.at(-1));",
      "  return next;",
      "}",
      "export const bytes = new TextEncoder().encode(\"η\").length;",
      "export const started = performance.now();",
      "export const half = (x: number): Promise<number> => new Promise((resolve) => queueMicrotask(() => resolve(x / 2)));",
      "export const own = Object.hasOwn({ a: 1 }, \"a\");",
      "",
    ].join("\n"),
  },
  "real-errors": {
    "exercise.ts": "export const partA: number = \"C\";\nexport function f(x: number): number {\n  return x.toUpperCase();\n}\n",
  },
  // Not in the course's library (ES2023): an error for students' tsc as well.
  "es2023": { "exercise.ts": "export const last = [1, 2, 3].findLast((v) => v > 1);\n" },
  "unused": { "exercise.ts": "export function g(a: number, b: number): number {\n  const unused = 3;\n  return a;\n}\n" },
  // A script's top-level names are global: not "unused", as for students' tsc.
  "script": { "exercise.ts": "export const two = 2;\n", "notes.ts": "const scriptOnlyConstant = 1;\nfunction scriptOnlyHelper(): number {\n  return 2;\n}\n" },
};

/** `file(line,col): message` per folder, from the students' own check: the real tsc with the course's tsconfig. */
function studentsCheck(folders: Record<string, Record<string, string>>): Record<string, string[]> {
  // Inside the repository, so Node's types are found in its node_modules as for `npm run typecheck`.
  fs.mkdirSync(path.join(REPO, "out"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, "out", "typecheck-"));
  try {
    for (const [id, files] of Object.entries(folders)) {
      fs.mkdirSync(path.join(dir, id));
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, id, name), text);
    }
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: path.relative(dir, TSCONFIG), include: ["*/*.ts"] }));
    const tsc = spawnSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--pretty", "false"], { encoding: "utf8" });
    const out: Record<string, string[]> = {};
    for (const line of tsc.stdout.split("\n").filter(Boolean)) {
      const m = /^(.*?)\/([^/]+)\/([^/(]+)\((\d+),(\d+)\): error TS\d+: (.*)$/.exec(line);
      if (!m) throw new Error(`unexpected tsc output: ${line}\n${tsc.stderr}`);
      (out[m[2]!] ??= []).push(`${m[3]}(${m[4]},${m[5]}): ${m[6]}`);
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The entries of a zip, name → text. */
function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      const out = new Map<string, string>();
      z.on("entry", (e: yauzl.Entry) => {
        z.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => (out.set(e.fileName, Buffer.concat(chunks).toString("utf8")), z.readEntry()));
        });
      });
      z.on("end", () => resolve(out));
      z.readEntry();
    });
  });
}

describe("the grader's type check", () => {
  it("reads the compiler options of the course's tsconfig.json, with noEmit", () => {
    const json = ts.readConfigFile(TSCONFIG, ts.sys.readFile).config as { compilerOptions: Record<string, unknown> };
    const course = ts.convertCompilerOptionsFromJson(json.compilerOptions, REPO).options;
    const { options, files } = typeCheckConfig();
    expect(options).toMatchObject(course);
    expect(options.lib).toEqual(["lib.es2022.d.ts", "lib.dom.d.ts"]);
    expect(options.types).toEqual(["node"]);
    expect(options.noEmit).toBe(true);
    expect(files).toEqual(["tsconfig.json"]);
  });

  it("gives no type error for correct code using structuredClone, console, TextEncoder, performance, queueMicrotask", async () => {
    expect(await typeCheck(intakeOf({ "clone-and-log": FOLDERS["clone-and-log"]! }))).toEqual({});
  });

  it("still reports real type errors, in the same format", async () => {
    expect(await typeCheck(intakeOf({ "real-errors": FOLDERS["real-errors"]! }))).toEqual({
      "real-errors": [
        "exercise.ts(1,14): Type 'string' is not assignable to type 'number'.",
        "exercise.ts(3,12): Property 'toUpperCase' does not exist on type 'number'.",
      ],
    });
  });

  it("says exactly what the students' own tsc says, folder by folder", { timeout: 60_000 }, async () => {
    const grader = await typeCheck(intakeOf(FOLDERS));
    const students = studentsCheck(FOLDERS);
    expect(grader).toEqual(students);
    // The folders with errors do have them (the comparison is not vacuous).
    expect(Object.keys(grader).sort()).toEqual(["es2023", "real-errors", "unused"]);
    expect(grader["es2023"]![0]).toMatch(/^exercise\.ts\(1,31\): Property 'findLast' does not exist on type 'number\[\]'/);
  });

  it("checks each exercise folder on its own: a script's globals are not seen by another folder", async () => {
    const errors = await typeCheck(intakeOf({
      "defines": { "exercise.ts": "export const one = 1;\n", "helper.ts": "function sharedHelper(): number {\n  return 1;\n}\n" },
      "uses": { "exercise.ts": "export const x: number = sharedHelper();\n" },
    }));
    expect(errors).toEqual({ uses: ["exercise.ts(1,26): Cannot find name 'sharedHelper'."] });
  });

  it("stops at start with one line naming the file when the configuration is missing or broken", () => {
    const dir = tmpDir("lrgrader-tsconfig-");
    expect(() => readTypeCheckConfig(path.join(dir, "tsconfig.json"))).toThrow(InstructorError);
    expect(() => readTypeCheckConfig(path.join(dir, "tsconfig.json"))).toThrow(/tsconfig\.json, and it does not exist: restore the course's tsconfig\.json/);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strictt: true } }));
    expect(() => readTypeCheckConfig(path.join(dir, "tsconfig.json"))).toThrow(/it has an error \(Unknown compiler option 'strictt'\. Did you mean 'strict'\?\)/);
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify({ compilerOptions: { strict: true, lib: ["ES2023"] } }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "./base.json", compilerOptions: { noUnusedLocals: true } }));
    const extended = readTypeCheckConfig(path.join(dir, "tsconfig.json"));
    expect(extended.files.sort()).toEqual(["base.json", "tsconfig.json"]);
    expect(extended.options).toMatchObject({ strict: true, noUnusedLocals: true, lib: ["lib.es2023.d.ts"], noEmit: true });
  });

  it("is shipped in the Gradescope autograder: the zip holds the configuration it reads, with the same options", async () => {
    const zip = path.join(tmpDir("lrgrader-gs-"), "autograder.zip");
    await exportGradescope(zip);
    const entries = await readZip(zip);
    const source = tmpDir("lrgrader-gs-source-");
    for (const f of typeCheckConfig().files) {
      expect(entries.has(f), f).toBe(true);
      fs.mkdirSync(path.dirname(path.join(source, f)), { recursive: true });
      fs.writeFileSync(path.join(source, f), entries.get(f)!);
    }
    const shipped = readTypeCheckConfig(path.join(source, "tsconfig.json"));
    const { configFilePath: _a, ...there } = shipped.options;
    const { configFilePath: _b, ...here } = typeCheckConfig().options;
    expect(there).toEqual(here);
    expect(shipped.sha256).toBe(typeCheckConfig().sha256);
  });
});

describe("grading an answer that uses structuredClone and console.log", () => {
  /** The a01 reference, edited: the same results, computed with structuredClone and a debug print. */
  const edits: [string, string][] = [
    ["  return config.eta0 * config.gamma ** Math.floor(step / config.stepSize);", "  const { eta0, gamma, stepSize } = structuredClone(config);\n  return eta0 * gamma ** Math.floor(step / stepSize);"],
    ["  return [x, y];\n}", "  console.log(\"descend ends at\", x, y);\n  return [x, y];\n}"],
  ];
  const source = (more: [string, string][] = []) => wrongSource({ id: "a01-step-decay", slug: "modern", what: "a correct answer", edits: [...edits, ...more] }).replace(/^\/\/ WRONG: .*\n/, "");

  it("gives full marks and no type error; a real type error is still reported as before, and graded anyway", { timeout: 180_000 }, async () => {
    const clean = makeSubmission({ "a01-step-decay/exercise.ts": source() });
    const typo = makeSubmission({ "a01-step-decay/exercise.ts": source([["export const partB: boolean[] | null =", "export const stray: number = \"not a number\";\nexport const partB: boolean[] | null ="]]) });
    const [ok, bad] = await Promise.all([gradeSubmission(clean, { only: ["a01-step-decay"] }), gradeSubmission(typo, { only: ["a01-step-decay"] })]);
    expect(ok.score).toBe(ok.max_score);
    expect(ok.exercises["a01-step-decay"]!.messages).toEqual([]);
    expect(ok.output ?? "").not.toMatch(/type error/);
    expect(bad.score).toBe(bad.max_score);
    const line = source().split("\n").findIndex((l) => l.startsWith("export const partB")) + 1;
    expect(bad.exercises["a01-step-decay"]!.messages).toEqual([`type error: exercise.ts(${line},14): Type 'string' is not assignable to type 'number'.`]);
  });
});
