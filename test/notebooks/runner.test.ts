// The notebook runner itself, on fixture notebooks whose outcome is known by construction.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeFailures, runNotebook, ROOT, type NotebookReport } from "../../scripts/notebooks";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");
const names = ["good", "throws", "failing-check", "skipped"] as const;
const reports: Partial<Record<(typeof names)[number], NotebookReport>> = {};

beforeAll(async () => {
  // Two at a time, as the lesson notebooks run.
  for (const pair of [names.slice(0, 2), names.slice(2)]) {
    await Promise.all(pair.map(async (name) => (reports[name] = await runNotebook(join(FIXTURES, `${name}.ipynb`)))));
  }
}, 120_000);

describe("run_notebook.py on fixtures", () => {
  it("passes a notebook whose cells all run and whose checks hold", () => {
    const r = reports.good!;
    expect(describeFailures(r)).toEqual([]);
    expect(r.ok).toBe(true);
    // Three code cells at indices 1..3, run in order by the kernel.
    expect(r.cells.map((c) => [c.index, c.execution_count])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(r.cells[1]!.stdout).toBe("✓ half of 0.1 is 0.05\n");
    expect(r.cells[2]!.stdout).toBe("✓ halving lowers the learning rate\ndone\n");
  });

  it("reports the cell that throws, with its first line and the error text", () => {
    const r = reports.throws!;
    expect(r.ok).toBe(false);
    const failures = describeFailures(r);
    expect(failures[0]).toMatch(/^cell 2 `throw new Error\("schedule exploded at step " \+ steps\);`: /);
    expect(failures[0]).toContain("Error: schedule exploded at step 10");
    expect(failures[1]).toBe("cell 3 `console.log(\"never reached\");`: did not run (the run stopped at the failed cell before it)");
    expect(failures).toHaveLength(2);
  });

  it("reports a failed checkClose with both values", () => {
    const r = reports["failing-check"]!;
    expect(r.ok).toBe(false);
    const failures = describeFailures(r);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^cell 2 `checkClose\(0\.1 \* 0\.9 \*\* 3, 0\.08/);
    // 0.1·0.9³ = 0.0729.
    expect(failures[0]).toContain("check failed: three decays of 0.9 from 0.1: got 0.0729");
    expect(failures[0]).toContain("expected 0.08");
  });

  it("reports cells after a compile error as not run", () => {
    const r = reports.skipped!;
    expect(r.ok).toBe(false);
    const byIndex = new Map(r.cells.map((c) => [c.index, c]));
    expect(byIndex.get(2)!.stderr).toContain("Type 'string' is not assignable to type 'number'");
    for (const later of [3, 4]) {
      expect(byIndex.get(later)!.ran).toBe(false);
      expect(byIndex.get(later)!.ok).toBe(false);
    }
    expect(describeFailures(r).slice(1)).toEqual([
      'cell 3 `console.log("would print", lr);`: did not run (the run stopped at the failed cell before it)',
      'cell 4 `console.log("also fine", lr * 2);`: did not run (the run stopped at the failed cell before it)',
    ]);
  });
});
