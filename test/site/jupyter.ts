// A real classic Notebook server (Debian's Jupyter, the project's tslab kernel) over a folder, and
// what a reader does in it with headless chromium: open a notebook, Run All, count drawn figures.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Page } from "playwright-core";
import { jupyterEnv, PYTHON } from "../../scripts/notebooks";

/** A running notebook server: its base URL with the token, and how to stop it. */
export interface NotebookServer {
  /** e.g. http://127.0.0.1:8901 */
  origin: string;
  token: string;
  /** The URL that opens `path` (relative to the served folder) in the notebook app. */
  notebookUrl(path: string): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `python3 -m notebook` serving `dir` on a free port; resolves once its API answers. */
export async function startNotebookServer(dir: string): Promise<NotebookServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const args = ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--NotebookApp.port_retries=0",
    `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])];
  const child: ChildProcess = spawn(PYTHON, args, { env: jupyterEnv(), stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`notebook server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${origin}/api/kernelspecs?token=${token}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error(`notebook server did not answer in 60 s:\n${log}`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
  return {
    origin,
    token,
    notebookUrl: (path) => `${origin}/notebooks/${path.split("/").map(encodeURIComponent).join("/")}?token=${token}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

interface NotebookApp {
  notebook: {
    kernel?: { is_connected(): boolean };
    trusted: boolean;
    execute_all_cells(): void;
    set_autosave_interval(ms: number): void;
    save_notebook(): Promise<unknown>;
    get_cells(): { cell_type: string; input_prompt_number?: unknown }[];
  };
}
type JupyterWindow = Window & { Jupyter: NotebookApp };

/** Waits until the open notebook's kernel is connected; turns autosave off (nothing is written unless asked). */
export async function waitForKernel(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Partial<JupyterWindow>).Jupyter?.notebook?.kernel?.is_connected(), null, { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.set_autosave_interval(0));
}

/** Cell → Run All, then waits until every code cell has an execution count from this run. */
export async function runAll(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.evaluate(() => {
    const nb = (window as unknown as JupyterWindow).Jupyter.notebook;
    for (const cell of nb.get_cells()) if (cell.cell_type === "code") cell.input_prompt_number = undefined;
    nb.execute_all_cells();
  });
  await page.waitForFunction(
    () => (window as unknown as JupyterWindow).Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === "code")
      .every((c) => typeof c.input_prompt_number === "number"),
    null,
    { timeout: timeoutMs },
  );
}

/** Saves the notebook (the server signs it: trusted when reopened). */
export async function save(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.save_notebook());
}

/** Whether the open notebook is trusted. */
export function trusted(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.trusted);
}

/** Figure divs on the page, and how many plotly drew (an svg layer and a trace path with a line). */
export async function drawnFigures(page: Page, expected: number, timeoutMs = 30_000): Promise<{ divs: number; drawn: number; texts: string[] }> {
  const count = () => page.evaluate(() => {
    const divs = Array.from(document.querySelectorAll("div.course-plot"));
    const drawn = divs.filter((d) => d.querySelector(".main-svg") &&
      Array.from(d.querySelectorAll(".scatterlayer .trace path")).some((p) => (p.getAttribute("d") ?? "").length > 20));
    return { divs: divs.length, drawn: drawn.length, texts: divs.filter((d) => !drawn.includes(d)).map((d) => (d as HTMLElement).innerText.slice(0, 200)) };
  });
  await page.waitForFunction((n) => document.querySelectorAll("div.course-plot .main-svg").length > 0 &&
    document.querySelectorAll("div.course-plot.js-plotly-plot").length >= n, expected, { timeout: timeoutMs }).catch(() => undefined);
  return count();
}
