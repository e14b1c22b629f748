// Starters are the reference solutions stripped (scripts/starters.ts), so the two cannot drift.
import { describe, expect, it } from "vitest";
import { solutionIds, starterPair, stripSolution } from "../../scripts/starters";
import { IDS } from "./exercises";

describe("starters", () => {
  it("strip answers to null, exported bodies to notImplemented, and drop private helpers", () => {
    const solution = [
      "/** Q. */",
      'export const partA: "A" | "B" | null = "B";',
      "/** Adds. */",
      "export function add(a: number, { b }: { b: number }): number {",
      "  return helper(a) + b;",
      "}",
      "",
      "/** Private. */",
      "function helper(x: number): number {",
      "  return x;",
      "}",
      "",
    ].join("\n");
    const starter = stripSolution(solution);
    expect(starter).toContain('export const partA: "A" | "B" | null = null;');
    expect(starter).toContain("export function add(a: number, { b }: { b: number }): number {\n  return notImplemented(a, { b });\n}");
    expect(starter).not.toContain("helper");
    expect(starter).toMatch(/function notImplemented\(\.\.\._inputs: unknown\[\]\): never \{\n  throw new Error\("not implemented"\);\n\}\n$/);
  });

  it("are committed exactly as their stripped reference solutions (npm run starters)", () => {
    expect(solutionIds()).toEqual(IDS);
    for (const id of IDS) {
      const { committed, stripped } = starterPair(id);
      expect(committed, `${id}: run npm run starters`).toBe(stripped);
    }
  });
});
