/**
 * Benchmark of the browser edition against the tslab edition, measured in the same run on the same
 * machine. The browser edition is built (development and production), and its build time and size
 * are printed. Then it is served on 127.0.0.1 and opened in Debian's chromium:
 *   - time to first result: from navigation to A01 until its first code cell has run, run as a
 *     student would (select it, Shift+Enter) as soon as the kernel is idle (goal ≤ 4 s);
 *   - every lesson's Run All in the browser, beside its run on a fresh tslab kernel
 *     (scripts/notebooks.ts `runNotebook`: the sum of its cells' times, kernel start apart), and
 *     the ratio (goal ≤ 2×).
 * Run with `npm run bench:lite` (after `npm test` or `npm run site` has installed lite/'s packages).
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { basename, join } from "node:path";
import { buildLite } from "../scripts/lite";
import { listNotebooks, ROOT, runNotebook } from "../scripts/notebooks";
import { serveStatic } from "../scripts/serve";
import { launchChromium } from "../test/site/browser";
import { LiteApp } from "../test/site/lite-app";

const OUT = join(ROOT, "out", "bench-lite");

/** Builds into `dir` and returns the wall time in seconds. */
async function timedBuild(dir: string, production: boolean): Promise<number> {
  const t0 = performance.now();
  await buildLite(dir, { production });
  return (performance.now() - t0) / 1000;
}

const megabytes = (dir: string): string => execFileSync("du", ["-sm", dir], { encoding: "utf8" }).split("\t")[0]!;

async function main(): Promise<void> {
  console.log(`browser edition vs tslab (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})\n`);
  const dev = await timedBuild(join(OUT, "dev"), false);
  const prod = await timedBuild(join(OUT, "prod"), true);
  console.log(`build: development ${dev.toFixed(1)} s (${megabytes(join(OUT, "dev"))} MB), production ${prod.toFixed(1)} s (${megabytes(join(OUT, "prod"))} MB)`);

  const server = await serveStatic(join(OUT, "prod"), { base: "/" });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await launchChromium();
  try {
    // Time to first result, in a fresh browser profile (nothing cached).
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    const app = new LiteApp(page, origin, "/");
    const first = basename(listNotebooks()[0]!);
    const t0 = performance.now();
    await app.open(first);
    await app.showing(first);
    await page.evaluate(() => {
      const notebook = (window as unknown as { jupyterapp: { shell: { currentWidget: { content: { activeCellIndex: number; widgets: { model: { type: string } }[] } } } } }).jupyterapp.shell.currentWidget.content;
      notebook.activeCellIndex = notebook.widgets.findIndex((cell) => cell.model.type === "code");
    });
    await app.command("notebook:run-cell");
    await page.waitForFunction(() => /\[\d+\]/.test(document.querySelector(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")?.textContent ?? ""), null, { timeout: 60_000, polling: 20 });
    console.log(`first result: ${((performance.now() - t0) / 1000).toFixed(2)} s from navigation to ${first}'s first code cell run (goal ≤ 4 s)\n`);
    await fresh.close();

    const context = await browser.newContext();
    const lite = new LiteApp(await context.newPage(), origin, "/");
    await lite.open(first);
    await lite.showing(first);
    console.log("lesson                                     tslab s  browser s  ratio");
    let worst = { name: "", ratio: 0 };
    for (const path of listNotebooks()) {
      const name = basename(path);
      const report = await runNotebook(path);
      const tslab = report.cells.reduce((s, c) => s + c.elapsed_s, 0);
      await lite.command("docmanager:open", { path: name });
      await lite.showing(name);
      const t1 = performance.now();
      await lite.runAll();
      const seconds = (performance.now() - t1) / 1000;
      const outcome = await lite.outcome();
      await lite.close();
      const ratio = seconds / tslab;
      if (ratio > worst.ratio) worst = { name, ratio };
      const mark = outcome.errors.length || outcome.ran < outcome.cells ? "  FAILED in the browser" : ratio > 2 ? "  over 2×" : "";
      console.log(`${name.replace(/\.ipynb$/, "").padEnd(42)} ${tslab.toFixed(1).padStart(7)} ${seconds.toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(6)}${mark}`);
    }
    console.log(`\nworst ratio ${worst.ratio.toFixed(2)} (${worst.name}); load ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
