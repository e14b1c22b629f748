// Exported notebook pages in a real browser: headless Debian chromium, file:// URL, network off.
// Plotly must draw every figure of notebooks/lib/plot.ts, MathJax must typeset, the screenshot
// must not be blank. Pages: the figure fixture, and the first lesson notebook that shows a figure,
// executed. Math must survive markdown (no TeX left as text, see `leftoverTex`) on those pages; the
// eaten-math fixture shows the check finds each way markdown breaks math. (Every lesson's page is
// checked the same way by course-site.test.ts, on the site built from every lesson executed.)
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
const eatenMath = join(ROOT, "test", "fixtures", "notebooks", "eaten-math.ipynb");

let browser: Browser;
const checks = new Map<string, PageCheck>();
let eatenMathCheck: PageCheck;

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
  await buildSite({ notebooks: [eatenMath], outDir: join(OUT, "text"), workDir: join(OUT, "text"), execute: false });
  eatenMathCheck = await checkPage(browser, join(OUT, "text", "eaten-math.html"), { screenshot: join(OUT, "text", "eaten-math.png") });
}, 240_000);

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

describe.each(pages)("%s.html text", (name) => {
  it("has no TeX left as text and no emphasis made of a formula's * or _", () => {
    expect(checks.get(name)!.leftoverTex).toEqual([]);
  });
});

describe("the leftover-TeX check", () => {
  it("finds each way markdown breaks math in the fixture, and nothing in its correct paragraph", () => {
    const found = eatenMathCheck.leftoverTex;
    const inParagraph = (bad: string) => found.filter((f) => f.includes(bad));
    // Bad 1: θ* … \theta^*$ — the two * become <em>, MathJax never sees the formula whole.
    expect(inParagraph("Bad 1").length + found.filter((f) => /\\theta/.test(f)).length).toBeGreaterThan(0);
    expect(found.some((f) => f.startsWith("tex:") && f.includes("\\theta_k"))).toBe(true);
    // Bad 2: η_max … \eta_{\max} — the two _ become <em>: "\eta{\max}" is left as text.
    expect(found.some((f) => f.startsWith("tex:") && f.includes("\\eta{\\max}"))).toBe(true);
    // Bad 3: θ_t = θ_{t−1} — emphasis inside a word, and "{t−1}" with its _ gone.
    expect(found.some((f) => f.startsWith("emphasis:") && f.includes("θ<em>t = θ</em>{t−1}"))).toBe(true);
    // The good paragraph: none of its text appears in a finding.
    expect(found.filter((f) => /Good|real emphasis|code_with|θₜ|g_t/.test(f))).toEqual([]);
  });
});

/** The notebook's markdown holds inline or display math ($…$). */
function hasMath(name: string): boolean {
  return markdownLines(name === "figure" ? fixture : lessonWithFigure!).some((line) => /\$[^$]+\$/.test(line));
}
