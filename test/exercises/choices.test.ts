/**
 * Multiple-choice questions measure understanding, not test-taking (issue 10, part 4): the correct
 * option is rarely the longest, and every distractor's reason for being wrong is kept in the
 * reference solution (inside the answer's initializer, so the starter does not show it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stripSolution } from "../../scripts/starters";
import { IDS, ROOT } from "./exercises";

interface Choice {
  where: string;
  answer: string;
  options: Record<string, string>;
  /** The solution's comment lines, by option letter. */
  reasons: Record<string, string>;
}

/** Every multiple-choice question of a reference solution: its options (from the doc comment), answer and reasons. */
function choices(id: string): Choice[] {
  const src = readFileSync(path.join(ROOT, "grader/solutions", id, "exercise.ts"), "utf8");
  const out: Choice[] = [];
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const (\w+): "A" \| "B" \| "C" \| "D"[^=]*= \("([A-D])"\n((?:\s*\/\/.*\n)*)\);/g;
  for (const m of src.matchAll(re)) {
    const text = m[1]!.replace(/\n\s*\* ?/g, " ");
    const parts = ` ${text}`.split(/\s([A-D])\.\s/);
    const options: Record<string, string> = {};
    for (let i = 1; i < parts.length; i += 2) options[parts[i]!] = parts[i + 1]!.trim().replace(/\s+/g, " ");
    const reasons: Record<string, string> = {};
    for (const r of m[4]!.matchAll(/\/\/ ([A-D]): (.*)/g)) reasons[r[1]!] = r[2]!;
    out.push({ where: `${id} ${m[2]}`, answer: m[3]!, options, reasons });
  }
  return out;
}

const ALL = IDS.flatMap(choices);

describe("multiple-choice questions", () => {
  it("are all found: parts (a) and (e) of the twenty-three exercises and the seven quiz questions", () => {
    expect(ALL.length).toBe(23 * 2 + 7);
    for (const c of ALL) expect(Object.keys(c.options).sort(), c.where).toEqual(["A", "B", "C", "D"]);
  });

  it("have the correct option as the longest in at most a third of the questions", () => {
    const longest = ALL.filter((c) => {
      const len = (l: string) => [...c.options[l]!].length;
      return ["A", "B", "C", "D"].every((l) => l === c.answer || len(l) < len(c.answer));
    });
    console.log(`correct option longest: ${longest.length}/${ALL.length} (${longest.map((c) => c.where).join(", ")})`);
    expect(longest.length).toBeLessThanOrEqual(ALL.length / 3);
  });

  it("do not swap one cue for another: the correct option is the shortest in at most a third of the questions", () => {
    const shortest = ALL.filter((c) => {
      const len = (l: string) => [...c.options[l]!].length;
      return ["A", "B", "C", "D"].every((l) => l === c.answer || len(l) > len(c.answer));
    });
    console.log(`correct option shortest: ${shortest.length}/${ALL.length}`);
    expect(shortest.length).toBeLessThanOrEqual(ALL.length / 3);
  });

  it("do not give the answer away by position either (each letter is correct at least 5 times)", () => {
    for (const l of ["A", "B", "C", "D"]) expect(ALL.filter((c) => c.answer === l).length, l).toBeGreaterThanOrEqual(5);
  });

  it("keep a reason for every distractor in the solution, and none in the starter", () => {
    for (const c of ALL) {
      const wrong = ["A", "B", "C", "D"].filter((l) => l !== c.answer);
      expect(Object.keys(c.reasons).sort(), c.where).toEqual(wrong);
      for (const l of wrong) expect(c.reasons[l]!.length, `${c.where} ${l}`).toBeGreaterThan(10);
    }
    for (const id of IDS) {
      const starter = stripSolution(readFileSync(path.join(ROOT, "grader/solutions", id, "exercise.ts"), "utf8"));
      expect(starter, id).not.toContain("The other options are wrong");
    }
  });
});
