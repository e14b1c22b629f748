// Opening exported notebook pages in headless Debian chromium, offline, and measuring what plotly
// drew: used by browser.test.ts.
import { chromium, type Browser } from "playwright-core";
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
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const blockedRequests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blockedRequests.push(url);
    return route.abort();
  });
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
    return { figures, pageErrors, blockedRequests, mathElements };
  } finally {
    await context.close();
  }
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
