// Opening exported notebook pages in headless Debian chromium, offline, and measuring what plotly
// drew: used by the site tests.
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Debian's chromium, headless, with nothing reaching out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** An offline context: any request that is not to the disk (or a data: URL) is aborted and recorded in `blocked`. */
export async function offlineContext(browser: Browser, blocked: string[] = []): Promise<BrowserContext> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return context;
}

/** What one figure div of notebooks/lib/plot.ts (`div.course-plot`) holds once drawn. */
export interface DrawnFigure {
  /** plotly took the div over (class js-plotly-plot). */
  plotly: boolean;
  /** `.main-svg` layers plotly created. */
  svgLayers: number;
  /** Length of the `d` attribute of each line/marker path of each scatter trace. */
  tracePathLengths: number[];
  /** Share of non-white pixels and number of distinct colours in the figure's screenshot. */
  inkFraction: number;
  colours: number;
}

/** What a page showed: its figure divs, page errors, requests that tried to leave the file system. */
export interface PageCheck {
  figures: DrawnFigure[];
  pageErrors: string[];
  blockedRequests: string[];
  /** Elements MathJax typeset. */
  mathElements: number;
  /** What markdown left of the math in the rendered text: see `leftoverTex`. */
  leftoverTex: string[];
}

/** Pixels of a PNG, as counted in a blank page's canvas: non-white share and distinct colours. */
async function inkOf(browser: Browser, png: Buffer): Promise<{ inkFraction: number; colours: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const colours = new Set<number>();
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        colours.add((r << 16) | (g << 8) | b);
        if (r < 245 || g < 245 || b < 245) ink++;
      }
      return { inkFraction: ink / (data.length / 4), colours: colours.size };
    }, png.toString("base64"));
  } finally {
    await page.close();
  }
}

/**
 * Opens `htmlFile` from a file:// URL with the network off (any non-file request is aborted and
 * recorded), waits until every figure div has an svg (or `timeoutMs` passes), saves a full-page
 * screenshot to `screenshot`, and measures each figure div.
 */
export async function checkPage(
  browser: Browser,
  htmlFile: string,
  options: { screenshot: string; timeoutMs?: number },
): Promise<PageCheck> {
  const blockedRequests: string[] = [];
  const context = await offlineContext(browser, blockedRequests);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  try {
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
    await page
      .waitForFunction(
        () => Array.from(document.querySelectorAll(".course-plot")).every((d) => d.querySelector(".main-svg")),
        undefined,
        { timeout: options.timeoutMs ?? 20_000 },
      )
      .catch(() => undefined); // the measurements below say what is missing
    // MathJax typesets after load: wait for its queue to drain and its progress message to go.
    await page
      .evaluate(() => new Promise<void>((done) => {
        const mathjax = (window as { MathJax?: { Hub?: { Queue(fn: () => void): void } } }).MathJax;
        if (mathjax?.Hub) mathjax.Hub.Queue(() => done());
        else done();
      }))
      .then(() => page.waitForFunction(() => {
        const message = document.getElementById("MathJax_Message");
        return !message || message.style.display === "none";
      }, undefined, { timeout: 5_000 }))
      .catch(() => undefined);
    await page.screenshot({ path: options.screenshot, fullPage: true });
    const divs = await page.$$(".course-plot");
    const figures: DrawnFigure[] = [];
    for (const div of divs) {
      const drawn = await div.evaluate((d) => ({
        plotly: d.classList.contains("js-plotly-plot"),
        svgLayers: d.querySelectorAll(".main-svg").length,
        tracePathLengths: Array.from(d.querySelectorAll(".scatterlayer .trace path.js-line, .scatterlayer .trace .points path"))
          .map((p) => (p.getAttribute("d") ?? "").length),
      }));
      await div.scrollIntoViewIfNeeded();
      figures.push({ ...drawn, ...(await inkOf(browser, await div.screenshot())) });
    }
    const mathElements = await page.$$eval(".MathJax_CHTML, .MathJax, mjx-container", (els) => els.length);
    return { figures, pageErrors, blockedRequests, mathElements, leftoverTex: await page.evaluate(leftoverTex) };
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page once MathJax is done. Finds math that markdown broke, in the rendered text of
 * the markdown cells outside MathJax's output (and outside code):
 * - "tex": a `$`, a TeX command (`\\theta`) or a `^{` / `_{` left as text — MathJax did not get the
 *   formula whole, typically because markdown turned a `*` or `_` inside it into emphasis;
 * - "emphasis": an <em>/<strong> starting inside a word (`θ<em>t = θ</em>{t−1}`): a `_` or `*` of a
 *   formula or of plain-text notation taken as emphasis;
 * - "error": a formula MathJax could not parse.
 * Each finding is "kind: …context…" with about 30 characters either side.
 */
export function leftoverTex(): string[] {
  const found: string[] = [];
  const around = (text: string, at: number, length: number) =>
    `…${text.slice(Math.max(0, at - 30), at + length + 30).replace(/\s+/g, " ")}…`;
  const outside = "script, style, code, pre, .MathJax, .MathJax_CHTML, .MathJax_Preview, .MathJax_Display, mjx-container, .MJX_Assistive_MathML";
  const cells = Array.from(document.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown, .text_cell_render"));
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement?.closest(outside)) text += n.textContent ?? "";
    }
    for (const m of text.matchAll(/\$|\\[A-Za-z]+|[_^]\{/g)) found.push(`tex: ${around(text, m.index!, m[0].length)}`);
    for (const em of Array.from(cell.querySelectorAll("em, strong"))) {
      const before = em.previousSibling?.nodeType === Node.TEXT_NODE ? em.previousSibling.textContent ?? "" : "";
      if (/[\p{L}\p{N})\]}]$/u.test(before)) {
        found.push(`emphasis: …${before.slice(-30)}<${em.tagName.toLowerCase()}>${em.textContent}</${em.tagName.toLowerCase()}>${(em.nextSibling?.textContent ?? "").slice(0, 30)}…`.replace(/\s+/g, " "));
      }
    }
  }
  for (const e of Array.from(document.querySelectorAll(".mjx-merror, .MathJax_Error"))) found.push(`error: ${e.textContent}`);
  return found;
}

/** Figure divs (`class="course-plot"`) in an executed notebook's outputs. */
export function figureOutputs(executedNotebook: string): number {
  const nb = JSON.parse(readFileSync(executedNotebook, "utf8")) as {
    cells: { outputs?: { data?: Record<string, string | string[]> }[] }[];
  };
  return nb.cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((out) => out.data?.["text/html"])
    .map((html) => (Array.isArray(html) ? html.join("") : html ?? ""))
    .reduce((n, html) => n + (html.match(/<div id="[^"]*" class="course-plot"/g)?.length ?? 0), 0);
}
