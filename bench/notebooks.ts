/**
 * Benchmark: runs every lesson notebook on a fresh tslab kernel, one at a time, and prints its
 * kernel start-up, first code cell (the imports; goal: under 1 s), total time and slowest cell,
 * then the total and the slowest notebook. The course's budget is 20 s per notebook on a 2-core
 * machine; notebooks over it are marked.
 * Run with `npm run bench:notebooks` (after `npm run course` or `npm test` has set up Jupyter).
 */
import { cpus, loadavg } from "node:os";
import { basename } from "node:path";
import { listNotebooks, runNotebook } from "../scripts/notebooks";

const BUDGET_S = 20;

async function main(): Promise<void> {
  console.log(`notebooks on a fresh tslab kernel, one at a time (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})\n`);
  console.log("notebook                                   kernel s  first s  total s  slowest cell");
  let total = 0;
  let slowest = { name: "", s: 0 };
  let failed = 0;
  const firsts: number[] = [];
  for (const path of listNotebooks()) {
    const name = basename(path, ".ipynb");
    const r = await runNotebook(path);
    const first = r.cells.find((c) => c.status !== "empty")?.elapsed_s ?? 0;
    firsts.push(first);
    const cell = r.cells.reduce((a, c) => (c.elapsed_s > a.elapsed_s ? c : a), r.cells[0]!);
    total += r.total_s;
    if (r.total_s > slowest.s) slowest = { name, s: r.total_s };
    if (!r.ok) failed++;
    const mark = !r.ok ? "  FAILED (see npm test)" : r.total_s > BUDGET_S ? `  over the ${BUDGET_S} s budget` : "";
    console.log(
      `${name.padEnd(42)} ${r.kernel_start_s.toFixed(1).padStart(8)} ${first.toFixed(2).padStart(8)} ${r.total_s.toFixed(1).padStart(8)}  ` +
        `${cell.elapsed_s.toFixed(1)} s (cell ${cell.index})${mark}`,
    );
  }
  const sorted = [...firsts].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  console.log(`\nfirst cell: median ${median.toFixed(2)} s, max ${(sorted.at(-1) ?? 0).toFixed(2)} s`);
  console.log(`total ${total.toFixed(1)} s; slowest ${slowest.name} ${slowest.s.toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)}`);
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
