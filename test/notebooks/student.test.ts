// Reading a student's answer file from a notebook (notebooks/lib/student.ts): functions through
// `student`, constants through `studentValue`; every failure is one printed line, never a throw.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { student, studentValue } from "../../notebooks/lib/student";

let dir = "";
const answers = (source: string) => writeFileSync(join(dir, "exercises", "practice", "exercise.ts"), source);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "student-"));
  mkdirSync(join(dir, "exercises", "practice"), { recursive: true });
  vi.spyOn(process, "cwd").mockReturnValue(dir);
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("studentValue", () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  afterEach(() => log.mockClear());

  it("returns exported constants as written (null while unanswered), read afresh on every call", () => {
    answers('export const a: number | null = 0.8;\nexport const b: string | null = "0.1 * 2048 / 256";\nexport const c = null;\n');
    expect(studentValue("practice", "a")).toBe(0.8);
    expect(studentValue("practice", "b")).toBe("0.1 * 2048 / 256");
    expect(studentValue("practice", "c")).toBeNull();
    answers("export const a = 0.9;\n");
    expect(studentValue("practice", "a")).toBe(0.9);
    expect(log).not.toHaveBeenCalled();
  });

  it("prints one line and gives undefined for a missing export, a file that does not compile, or a missing file", () => {
    answers("export const a = 1;\n");
    expect(studentValue("practice", "zz")).toBeUndefined();
    answers("export const a = ;\n");
    expect(studentValue("practice", "a")).toBeUndefined();
    expect(studentValue("quiz", "q1")).toBeUndefined();
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      "Exercise practice (zz) has no export zz — see exercises/practice/exercise.ts; skipping the comparison.",
      expect.stringMatching(/^Exercise practice \(a\) does not compile \(line 1: Expression expected.\)/),
      "Exercise quiz (q1) is not in this checkout — see exercises/quiz/exercise.ts; skipping the comparison.",
    ]);
  });

  it("leaves `student` calling functions as before", () => {
    answers('export function f(x: number) { return 2 * x; }\nexport function g() { throw new Error("not implemented"); }\nexport const k = 3;\n');
    expect(student("practice", "f", (f) => f(21))).toBe(42);
    expect(student("practice", "g", (g) => g())).toBeUndefined();
    expect(student("practice", "k", (k) => k())).toBeUndefined();
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      "Exercise practice (g) not implemented yet — see exercises/practice/exercise.ts; skipping the comparison.",
      "Exercise practice (k) has no exported function k — see exercises/practice/exercise.ts; skipping the comparison.",
    ]);
  });
});
