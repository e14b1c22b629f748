// The wrong solutions are built from the references by edits that must stay exact.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { wrongSolutions, wrongSource } from "../../grader/wrong/wrong";
import { ROOT } from "./exercises";

describe("wrong solutions", () => {
  it("each rebuilds from its reference, changes it, and says what is wrong on its first line", () => {
    const all = wrongSolutions();
    expect(all.length).toBe(126);
    for (const w of all) {
      const reference = readFileSync(path.join(ROOT, "grader/solutions", w.id, "exercise.ts"), "utf8");
      const source = wrongSource(w);
      expect(source.split("\n")[0], `${w.id}/${w.slug}`).toBe(`// WRONG: ${w.what}`);
      expect(source.slice(source.indexOf("\n") + 1), `${w.id}/${w.slug}`).not.toBe(reference);
    }
  });

  it("refuses an edit whose snippet is missing, repeated, or overlaps another", () => {
    const base = { id: "a01-step-decay", slug: "test", what: "test" };
    expect(() => wrongSource({ ...base, edits: [["no such code", "x"]] })).toThrow(/a01-step-decay\/test: the snippet "no such code" must occur exactly once/);
    expect(() => wrongSource({ ...base, edits: [["export", "x"]] })).toThrow(/must occur exactly once/);
    // Both snippets occur once in the reference (line 64), and the second lies inside the first.
    const edits: [string, string][] = [["config.gamma ** Math.floor(step / config.stepSize)", "1"], ["Math.floor(step / config.stepSize)", "2"]];
    expect(() => wrongSource({ ...base, edits })).toThrow(/a01-step-decay\/test: two edits overlap/);
  });
});
