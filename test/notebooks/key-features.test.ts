// Every figure a lesson shows carries its key feature (issue 23): `show(fig, keyFeature)`, a live
// figure's compute returning `keyFeature`, written as a template string from values computed in
// the cell (no number typed into its text). showComparison's key feature is the library's.
// The scanner is tested on hand-written cells first.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks } from "../../scripts/notebooks";
import { figureCalls, keyFeatureProblem } from "./keyfeatures";

const lessons = listNotebooks();

describe("figureCalls and keyFeatureProblem, on hand-written cells", () => {
  const cells = [
    { cell_type: "markdown", source: "show(this is markdown)" },
    { cell_type: "code", source: 'show(fig);\nshow(scheduleFigure(s, { title: "a, b" }), `peak ${formatNumber(p)}`);\n// show(commented)\nconst t = "show(x)";\nplot.show(y);' },
    { cell_type: "code", source: "const wdLive = { controls: { a: { min: 0, max: 1, step: 0.5, value: 0 } }, compute: (v, lib) => ({ data: [], layout: {}, keyFeature: `a is ${v.a}` }) };\nlive(wdLive);" },
    { cell_type: "code", source: "live({ controls: {}, compute: (v) => [] });\nshowComparison(\"t\", ref, mine);\nfunction show(x) {}" },
  ];
  const calls = figureCalls(cells);

  it("finds show, live (inline or through a variable) and showComparison calls, not comments, strings, methods or definitions", () => {
    expect(calls.map((c) => [c.kind, c.cell])).toEqual([["show", 1], ["show", 1], ["live", 2], ["live", 3], ["showComparison", 3]]);
    expect(calls.map((c) => c.keyFeature)).toEqual(["", "`peak ${formatNumber(p)}`", "`a is ${v.a}`", "", ""]);
  });

  it("accepts a template string with a computed value and no number typed in; refuses the rest", () => {
    expect(keyFeatureProblem("`peak ${formatNumber(p)}`")).toBeNull();
    expect(keyFeatureProblem("`the L2 loss of A11 falls to ${a}` + `, β2 ${b}`")).toBeNull();
    expect(keyFeatureProblem("")).toBe("no key feature");
    expect(keyFeatureProblem('"the loss falls"')).toMatch(/^no value computed/);
    expect(keyFeatureProblem("`falls to ${x} over 1 000 steps`")).toMatch(/^a number typed by hand \("1"/);
    expect(keyFeatureProblem("`the loss reaches 0.02 at step ${k}`")).toMatch(/"0\.02"/);
    expect(keyFeatureProblem("`${names.map((n) => `${n} at 5`).join(\", \")}`")).toMatch(/"5"/);
  });
});

describe.each(lessons.map((path) => [basename(path), path] as const))("%s", (name, path) => {
  it("gives every figure it shows a key feature computed in the cell", () => {
    const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const cells = nb.cells.map((c) => ({ cell_type: c.cell_type, source: Array.isArray(c.source) ? c.source.join("") : c.source }));
    const calls = figureCalls(cells);
    expect(calls.length, `${name}: no figures found`).toBeGreaterThan(0);
    const problems = calls
      .filter((c) => c.kind !== "showComparison")
      .map((c) => ({ c, problem: keyFeatureProblem(c.keyFeature) }))
      .filter((x) => x.problem !== null)
      .map(({ c, problem }) => `cell ${c.cell}, ${c.line.slice(0, 80)}: ${problem}`);
    expect(problems, `${name}: figures without a computed key feature`).toEqual([]);
  });
});
