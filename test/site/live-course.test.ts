// The README's first command, as a newcomer uses it: `npm run course` serves the lessons, and in a
// real browser (headless Debian chromium) "Run All" on the first lesson runs every code cell on the
// tslab kernel, writes nothing to stderr, passes its self-checks and draws every plotly figure.
import { spawn, type ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/notebooks";
import { launchChromium } from "./browser";

interface NotebookApp {
  notebook: {
    kernel?: { is_connected(): boolean };
    execute_all_cells(): void;
    set_autosave_interval(ms: number): void;
    get_cells(): { cell_type: string; input_prompt_number?: unknown }[];
  };
}

let server: ChildProcess;
let url = "";
let browser: Browser;

beforeAll(async () => {
  server = spawn("bash", ["scripts/course.sh"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  url = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      log += chunk;
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/tree\?token=[0-9a-f]+/);
      if (m) resolve(m[0]);
    };
    server.stdout!.on("data", seen);
    server.stderr!.on("data", seen);
    server.on("exit", (code) => reject(new Error(`npm run course exited with ${code}:\n${log}`)));
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGINT");
    await exited;
  }
}, 30_000);

describe("npm run course", () => {
  it("serves A01, and Run All in the browser runs it cleanly with every figure drawn", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(url.replace("/tree?", "/notebooks/A01-why-schedules-matter.ipynb?"));
    await page.waitForFunction(() => (window as unknown as { Jupyter?: NotebookApp }).Jupyter?.notebook.kernel?.is_connected(), null, { timeout: 60_000 });
    // Autosave off: the run must not write outputs into the committed notebook.
    await page.evaluate(() => {
      const nb = (window as unknown as { Jupyter: NotebookApp }).Jupyter.notebook;
      nb.set_autosave_interval(0);
      nb.execute_all_cells();
    });
    // A code cell's prompt becomes its execution count once the kernel has run it.
    await page.waitForFunction(
      () => (window as unknown as { Jupyter: NotebookApp }).Jupyter.notebook.get_cells()
        .filter((c) => c.cell_type === "code")
        .every((c) => typeof c.input_prompt_number === "number"),
      null,
      { timeout: 120_000 },
    );
    await page.waitForFunction(() => document.querySelectorAll("div.course-plot").length === document.querySelectorAll("div.course-plot.js-plotly-plot").length, null, { timeout: 30_000 });
    const seen = await page.evaluate(() => ({
      stderr: Array.from(document.querySelectorAll(".output_stderr"), (e) => (e as HTMLElement).innerText),
      figures: document.querySelectorAll("div.course-plot").length,
      drawn: document.querySelectorAll("div.course-plot.js-plotly-plot .main-svg").length > 0,
      checks: (document.body.innerText.match(/^✓ /gm) ?? []).length,
    }));
    expect(seen.stderr).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(seen.figures).toBeGreaterThanOrEqual(5);
    expect(seen.drawn).toBe(true);
    expect(seen.checks).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
