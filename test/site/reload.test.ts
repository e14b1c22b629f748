// Figures survive whatever happens to the page (issue 12, part 1). A real classic Notebook server
// and tslab kernel, headless chromium: open an executed but unsigned notebook (untrusted: its
// figures wait to be run), Run All, reload the page while the kernel lives, Run All again, then
// save (the server signs it), reload and see the saved figures drawn without running anything.
// plotly is never inlined in an output: each figure loads it once per page from /files/.
import { mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTEBOOKS, ROOT, runNotebook } from "../../scripts/notebooks";
import { launchChromium } from "./browser";
import { drawnFigures, runAll, save, startNotebookServer, trusted, waitForKernel, type NotebookServer } from "./jupyter";

const DIR = join(ROOT, "out", "reload-test");
const FIXTURE = join(ROOT, "test", "fixtures", "notebooks", "reload.ipynb");
const FIGURES = 4; // three static figures and a live one

let server: NotebookServer;
let browser: Browser;

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  symlinkSync(join(NOTEBOOKS, "lib"), join(DIR, "lib"));
  symlinkSync(join(NOTEBOOKS, "src"), join(DIR, "src"));
  const report = await runNotebook(FIXTURE, { cwd: DIR, output: join(DIR, "reload.ipynb") });
  expect(report.ok, JSON.stringify(report.cells.filter((c) => !c.ok))).toBe(true);
  server = await startNotebookServer(DIR);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe("figures in the classic Notebook", () => {
  it("draw after Run All, after a reload and Run All again, and in the saved notebook reopened", async () => {
    const page: Page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    const plotlyRequests: string[] = [];
    const libraryRequests: string[] = [];
    page.on("request", (r) => {
      if (/plotly\.js/.test(r.url())) plotlyRequests.push(r.url());
      if (/course-lib\.js/.test(r.url())) libraryRequests.push(r.url());
    });

    await page.goto(server.notebookUrl("reload.ipynb"));
    await waitForKernel(page);
    expect(await trusted(page), "an executed, unsigned notebook opens untrusted").toBe(false);
    const kernelId = await page.evaluate(() => (window as any).Jupyter.notebook.kernel.id as string);

    await runAll(page);
    const first = await drawnFigures(page, FIGURES);
    expect(first, "after Run All").toEqual({ divs: FIGURES, drawn: FIGURES, texts: [] });

    await page.reload();
    await waitForKernel(page);
    expect(await page.evaluate(() => (window as any).Jupyter.notebook.kernel.id as string), "the same kernel after the reload").toBe(kernelId);
    await runAll(page);
    const second = await drawnFigures(page, FIGURES);
    expect(second, "after reload and Run All again").toEqual({ divs: FIGURES, drawn: FIGURES, texts: [] });

    // The live figure recomputes in the page (the library loaded from /files/), not in the kernel.
    const slider = page.locator('.course-live-controls input[data-name="peak"]');
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => /^recomputed in \d+ ms$/.test(document.querySelector(".course-live-status")?.textContent ?? ""), null, { timeout: 10_000 });
    expect(await page.evaluate(() => document.querySelector(".course-live-controls output")?.textContent)).toBe("0.15");

    await save(page);
    await page.reload();
    await waitForKernel(page);
    expect(await trusted(page), "saved by the reader, so signed").toBe(true);
    const reopened = await drawnFigures(page, FIGURES);
    expect(reopened, "the saved notebook reopened, nothing run").toEqual({ divs: FIGURES, drawn: FIGURES, texts: [] });

    expect(pageErrors).toEqual([]);
    // One request for plotly and one for the library per page load (three loads that draw), none per figure.
    expect(plotlyRequests).toHaveLength(3);
    expect(libraryRequests).toHaveLength(3);
    expect(libraryRequests.every((u) => u.includes("/files/lib/build/web/course-lib.js"))).toBe(true);
    expect(plotlyRequests.every((u) => u.includes("/files/lib/build/web/plotly.js"))).toBe(true);
    // No output carries the bundle: the saved notebook stays small.
    expect(readFileSync(join(DIR, "reload.ipynb"), "utf8").length).toBeLessThan(100_000);
    await page.close();
  }, 300_000);
});
