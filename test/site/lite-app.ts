// Driving the browser edition (scripts/lite.ts) in Chromium, as a student would, through JupyterLab's
// own commands: open the app at a file, wait for a document, run a notebook's cells, read what it
// printed and drew, move its live figures' sliders. Used by the browser edition's tests and benchmark.
import { mkdirSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { buildLite } from "../../scripts/lite";
import { serveStatic } from "../../scripts/serve";
import { launchChromium } from "./browser";

/** What the page's JupyterLab exposes (window.jupyterapp), as far as these helpers use it. */
type App = {
  commands: { execute(id: string, args?: unknown): Promise<unknown> };
  shell: {
    currentWidget: {
      context?: { path: string; isReady: boolean; model: { dirty: boolean } };
      sessionContext?: { kernelDisplayStatus: string; shutdown(): Promise<void> };
      content: { model: { sharedModel: { getSource(): string; setSource(s: string): void } } };
      dispose(): void;
    } | null;
  };
};

/** A notebook's state after running all its cells. */
export interface NotebookOutcome {
  cells: number;
  /** Code cells with an execution count. */
  ran: number;
  /** Text of every stderr or error output. */
  errors: string[];
  figures: number;
  /** Figures plotly drew. */
  drawn: number;
  /** Each live figure's slider moved to an end: recomputations before and after, and its errors. */
  moved: { before: number; after: number; errors: string[] }[];
}

export class LiteApp {
  /** `origin` + `base` is where the site is served ("http://127.0.0.1:8000" and "/course/"). */
  constructor(readonly page: Page, readonly origin: string, readonly base: string) {}

  /** Opens the app at `path` (a file of the site) and waits until JupyterLab has started; throws if it failed to. */
  async open(path: string): Promise<void> {
    await this.page.goto(`${this.origin}${this.base}lab/index.html?path=${encodeURIComponent(path)}`);
    await this.page.waitForFunction(() => document.body.dataset.courseReady === "true" || document.body.dataset.courseError, null, { timeout: 60_000 });
    const error = await this.page.evaluate(() => document.body.dataset.courseError ?? "");
    if (error) throw new Error(`the browser edition did not start: ${error}`);
  }

  /** Waits until the main area shows `path`, loaded (and, for a notebook, its kernel idle). */
  async showing(path: string): Promise<void> {
    await this.page.waitForFunction((p) => {
      const widget = (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget;
      if (widget?.context?.path !== p || !widget.context.isReady) return false;
      return !p.endsWith(".ipynb") || widget.sessionContext?.kernelDisplayStatus === "idle";
    }, path, { timeout: 60_000 });
  }

  /** Runs a JupyterLab command. */
  command(id: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.page.evaluate(([id, args]) => (window as unknown as { jupyterapp: App }).jupyterapp.commands.execute(id, args), [id, args] as const);
  }

  /** The text of the file open in the main area. */
  source(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget!.content.model.sharedModel.getSource());
  }

  /** Replaces the text of the file open in the main area (unsaved, as typing would). */
  async edit(text: string): Promise<void> {
    await this.page.evaluate((t) => (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget!.content.model.sharedModel.setSource(t), text);
  }

  /** Runs every cell of the notebook in front and waits until each has run, or one failed and none is running. */
  async runAll(): Promise<void> {
    await this.command("notebook:run-all-cells");
    await this.page.waitForFunction(() => {
      const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)")!;
      const prompts = Array.from(panel.querySelectorAll(".jp-CodeCell .jp-InputPrompt")).map((p) => p.textContent ?? "");
      const failed = panel.querySelector("[data-mime-type='application/vnd.jupyter.stderr']");
      return prompts.length > 0 && (prompts.every((p) => /\[\d+\]/.test(p)) || (failed && !prompts.some((p) => /\[\*\]/.test(p))));
    }, null, { timeout: 180_000, polling: 100 });
  }

  /** The notebook in front after its run: cells, errors, figures (waiting up to 10 s for plotly), and each live figure moved once. */
  outcome(): Promise<NotebookOutcome> {
    // No named functions inside: tsx (the benchmark) would wrap them in a helper the page lacks.
    return this.page.evaluate(async () => {
      const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)")!;
      const cells = Array.from(panel.querySelectorAll(".jp-CodeCell"));
      const errors = Array.from(panel.querySelectorAll("[data-mime-type='application/vnd.jupyter.stderr']")).map((e) => e.textContent ?? "");
      type Figure = HTMLElement & { __courseLive?: { timings: unknown[]; errors: string[] } };
      let figures = Array.from(panel.querySelectorAll(".course-plot")) as Figure[];
      for (let i = 0; i < 100 && figures.some((f) => !f.classList.contains("js-plotly-plot")); i++) {
        await new Promise((r) => setTimeout(r, 100));
        figures = Array.from(panel.querySelectorAll(".course-plot")) as Figure[];
      }
      const moved: { before: number; after: number; errors: string[] }[] = [];
      for (const f of figures.filter((x) => x.__courseLive)) {
        const input = document.querySelector(`.course-live-controls[data-for="${f.id}"] input[type=range]`) as HTMLInputElement | null;
        if (!input) continue;
        const before = f.__courseLive!.timings.length;
        input.value = input.value === input.max ? input.min : input.max;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        for (let i = 0; i < 50 && f.__courseLive!.timings.length === before; i++) await new Promise((r) => setTimeout(r, 50));
        moved.push({ before, after: f.__courseLive!.timings.length, errors: f.__courseLive!.errors });
      }
      return {
        cells: cells.length,
        ran: cells.filter((c) => /\[\d+\]/.test(c.querySelector(".jp-InputPrompt")?.textContent ?? "")).length,
        errors,
        figures: figures.length,
        drawn: figures.filter((f) => f.classList.contains("js-plotly-plot")).length,
        moved,
      };
    });
  }

  /** Closes the document in front without the confirmation dialog, shutting its kernel (its worker) down. */
  async close(): Promise<void> {
    await this.page.evaluate(async () => {
      const widget = (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget!;
      await widget.sessionContext?.shutdown();
      if (widget.context) widget.context.model.dirty = false;
      widget.dispose();
    });
  }
}

/** A built edition, served and open in Chromium; `close` ends it all and removes the build. */
export interface Edition {
  app: LiteApp;
  page: Page;
  /** Requests to any other host than the edition's (all refused). */
  blocked: string[];
  /** Uncaught errors of the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds the edition into `out` (development mode), serves it on 127.0.0.1 under `base` and opens
 * a Chromium page on it in which every request to another host is refused and recorded.
 */
export async function openEdition(out: string, base: string): Promise<Edition> {
  mkdirSync(out, { recursive: true });
  await buildLite(out);
  const server: Server = await serveStatic(out, { base });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser: Browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return {
    app: new LiteApp(page, origin, base),
    page,
    blocked,
    pageErrors,
    close: async () => {
      await browser.close();
      server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
