// Every lesson notebook in notebooks/ (sorted) is committed with its outputs cleared and the tslab
// kernel, and has the title and objectives line the site index shows. Executing them (every code
// cell runs, no stderr) is tested once, in test/site/course-site.test.ts, which builds the site
// from those runs; `npm run bench:notebooks` runs them one at a time and times them.
import { readFileSync, readlinkSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks, NOTEBOOKS, uncleanCells } from "../../scripts/notebooks";
import { notebookInfo } from "../../scripts/site";

const notebooks = listNotebooks();

describe("notebooks/ layout", () => {
  it("links src/ and exercises/ into the notebooks folder and provides lib/check.ts", () => {
    // src is the compiled library (scripts/notebook-lib.ts builds notebooks/lib/build/src from ../src).
    expect(readlinkSync(join(NOTEBOOKS, "src"))).toBe("lib/build/src");
    expect(readlinkSync(join(NOTEBOOKS, "exercises"))).toBe("../exercises");
    expect(existsSync(join(NOTEBOOKS, "lib", "check.ts"))).toBe(true);
  });
});

describe.each(notebooks.map((path) => [basename(path), path] as const))("%s", (name, path) => {
  it("is committed with outputs cleared and the tslab kernel", () => {
    expect(uncleanCells(path), `${name}: code cells with outputs or an execution count`).toEqual([]);
    const nb = JSON.parse(readFileSync(path, "utf8")) as { metadata?: { kernelspec?: { name?: string } } };
    expect(nb.metadata?.kernelspec?.name, `${name}: kernelspec`).toBe("tslab");
  });

  it("has a # title and an Objectives line for the site index", () => {
    const info = notebookInfo(path);
    expect(info.title, `${name}: no "# " title heading`).not.toBe(info.name);
    expect(info.objectives, `${name}: no "**Objectives:** …" line`).not.toBe("");
  });
});
