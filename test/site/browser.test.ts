// Exported notebook pages in a real browser: headless Debian chromium, file:// URL, network off.
// Plotly must draw every figure of notebooks/lib/plot.ts, MathJax must typeset, the screenshot
// must not be blank. Pages: the figure fixture, and the first lesson notebook that shows a figure.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotebooks, markdownLines, ROOT } from "../../scripts/notebooks";
import { buildSite } from "../../scripts/site";
import { checkPage, figureOutputs, launchChromium, type PageCheck } from "./browser";

const OUT = join(ROOT, "out", "browser");
const fixture = join(ROOT, "test", "fixtures", "notebooks", "figure.ipynb");
const lessonWithFigure = listNotebooks().find((nb) => /\bshow\(/.test(readFileSync(nb, "utf8")));
const pages = [fixture, ...(lessonWithFigure ? [lessonWithFigure] : [])].map((nb) => basename(nb, ".ipynb"));

let browser: Browser;
const checks = new Map<string, PageCheck>();

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await buildSite({
    notebooks: [fixture, ...(lessonWithFigure ? [lessonWithFigure] : [])],
    outDir: join(OUT, "site"),
    workDir: join(OUT, "executed"),
  });
  browser = await launchChromium();
  for (const name of pages) {
    checks.set(name, await checkPage(browser, join(OUT, "site", `${name}.html`), { screenshot: join(OUT, `${name}.png`) }));
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe.each(pages)("%s.html in chromium", (name) => {
  it("draws every figure the notebook displayed, offline and without page errors", () => {
    const check = checks.get(name)!;
    const displayed = figureOutputs(join(OUT, "executed", `${name}.ipynb`));
    expect(displayed, "figures in the executed notebook").toBeGreaterThan(0);
    if (name === "figure") expect(displayed).toBe(2);
    expect(check.figures).toHaveLength(displayed);
    check.figures.forEach((fig, i) => {
      expect(fig.plotly, `figure ${i + 1} taken over by plotly`).toBe(true);
      expect(fig.svgLayers, `figure ${i + 1} svg layers`).toBeGreaterThan(0);
      expect(fig.tracePathLengths.length, `figure ${i + 1} traces`).toBeGreaterThan(0);
      // Every trace path has drawing commands ("M0,0" at least); some trace is a real curve.
      expect(Math.min(...fig.tracePathLengths), `figure ${i + 1} emptiest trace path`).toBeGreaterThanOrEqual(4);
      expect(Math.max(...fig.tracePathLengths), `figure ${i + 1} longest trace path`).toBeGreaterThan(20);
    });
    expect(check.pageErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
  });

  it("shows figures that are not blank", () => {
    for (const [i, fig] of checks.get(name)!.figures.entries()) {
      expect(fig.inkFraction, `figure ${i + 1} non-white share`).toBeGreaterThan(0.01);
      expect(fig.colours, `figure ${i + 1} distinct colours`).toBeGreaterThan(16);
    }
  });

});

describe.each(pages.filter((name) => hasMath(name)))("%s.html math", (name) => {
  it("is typeset by the bundled MathJax, offline", () => {
    expect(checks.get(name)!.mathElements).toBeGreaterThan(0);
  });
});

/** The notebook's markdown holds inline or display math ($…$). */
function hasMath(name: string): boolean {
  return markdownLines(name === "figure" ? fixture : lessonWithFigure!).some((line) => /\$[^$]+\$/.test(line));
}
