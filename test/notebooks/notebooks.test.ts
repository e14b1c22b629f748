// Every lesson notebook in notebooks/ (sorted) runs headless on the real tslab kernel, with every
// code cell run and no stderr (a failed check, or figure text plotly would show raw, writes to
// stderr); is committed with its outputs cleared; and has the title and objectives line the site
// index shows. Run times are measured by `npm run bench:notebooks`.
// The notebooks' suites run concurrently and each runs only its own notebook, when selected: so
// `vitest run test/notebooks/notebooks.test.ts -t A09` executes A09 alone. runNotebook keeps at
// most two kernels running at once.
import { readFileSync, readlinkSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailures, listNotebooks, NOTEBOOKS, runNotebook, uncleanCells } from "../../scripts/notebooks";
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

describe.concurrent.each(notebooks.map((path) => [basename(path), path] as const))("%s", (name, path) => {
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

  it("runs every code cell without errors or stderr", async () => {
    const report = await runNotebook(path);
    const failures = describeFailures(report);
    if (failures.length > 0) throw new Error(`${name} failed:\n${failures.join("\n")}`);
  }, 600_000);
});
