/**
 * Every task checks the type and shape of each answer before it reads a field or an entry of it
 * or compares a value (issue: an answer of the wrong shape was reported as "no answer yet (the
 * value is null)" because a task read a field first). An audit of every hidden suite through the
 * real grader: the references with every exported function answering `true` (a value with no
 * fields or entries, that arithmetic would quietly turn into a number), all graded in one batch.
 * Each failed task must name the wrong type, and none may say "no answer yet" or fail on a value.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission, type GradeResult } from "../../grader/harness/run/grade";
import { IDS, ROOT } from "../exercises/exercises";

afterAll(closeGraders);

/** The exported functions of an exercise's reference solution. */
const functionsOf = (source: string) => [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]!);

/**
 * The reference of `id` whose exported functions all answer `true`; inside the file they still
 * compute as before (a function that calls another gets the real result).
 */
function answeringTrue(id: string): string {
  const reference = readFileSync(path.join(ROOT, "grader", "solutions", id, "exercise.ts"), "utf8");
  const names = functionsOf(reference);
  return (
    reference.replace(/^export function (\w+)/gm, "function $1") +
    "\nfunction answersTrue(..._inputs: unknown[]): unknown {\n  return true;\n}\n" +
    `export { ${names.map((n) => `answersTrue as ${n}`).join(", ")} };\n`
  );
}

const ids = IDS.filter((id) => functionsOf(readFileSync(path.join(ROOT, "grader", "solutions", id, "exercise.ts"), "utf8")).length > 0);
let result: GradeResult;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "shape-first-"));
  for (const id of ids) {
    mkdirSync(path.join(dir, id));
    writeFileSync(path.join(dir, id, "exercise.ts"), answeringTrue(id));
  }
  result = await gradeSubmission(dir, { only: ids });
}, 300_000);

describe("every hidden suite checks an answer's type and shape first", () => {
  it("covers every exercise with code parts", () => {
    expect(ids).toEqual([...IDS.filter((id) => /^[ab]\d\d-/.test(id))]);
  });

  it("names the wrong type on every failed task: never 'no answer yet', never a failed value check", () => {
    const bad: string[] = [];
    for (const id of ids) {
      const failed = result.tests.filter((t) => t.name.startsWith(`${id} `) && t.status === "failed");
      if (failed.length === 0) bad.push(`${id}: no task failed`);
      for (const t of failed) {
        const first = t.output.split("\n")[0]!;
        if (!/^returned a boolean( in .+)? where .+ is expected$/.test(first)) bad.push(`${t.name}: ${JSON.stringify(t.output)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("fails every code part: no task passes on answers of the wrong type", () => {
    const passed = result.tests.filter((t) => t.status === "passed" && /^[ab]\d\d-[\w-]+ d: /.test(t.name)).map((t) => t.name);
    expect(passed).toEqual([]);
  });

  it("fails only the code parts: the answers to the other parts are the reference's", () => {
    const wronglyFailed = result.tests.filter((t) => t.status === "failed" && !/^[ab]\d\d-[\w-]+ d: /.test(t.name)).map((t) => t.name);
    expect(wronglyFailed).toEqual([]);
  });
});
