// WCAG 2.1 AA, as far as a machine can tell (issue 23): axe-core itself (node_modules/axe-core,
// pinned), injected into each page in headless chromium, runs its WCAG 2.0/2.1 level A and AA
// rules on every page the course writes, with the figures drawn and the math typeset:
// - every lesson page of the static site, the index and exercises.html — from the ONE build of the
//   run that course-site.test.ts also uses (course-build.ts);
// - the grader's feedback.html (a full-marks and a failing student), the class summary.html and
//   similarity.html, made by grade-all and the similarity report on a small generated class
//   (the fixture exercises, as test/grader/commands.test.ts; two students sharing code).
// Any violation fails, naming the page, the rule and the elements. Each lesson page's formulas must
// also carry MathJax's assistive MathML (a hidden <math> beside each visual rendering, read by
// screen readers), and the page must declare its language.
// A11Y_SITE=<folder> checks an already built site instead of building one (to iterate on fixes).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { similarityReport } from "../../grader/harness/class/similarity";
import { gradeAll } from "../../grader/harness/class/batch";
import { studentFolder } from "../../grader/harness/intake/roster";
import { listNotebooks, ROOT } from "../../scripts/notebooks";
import { ACCESSIBLE_CSS } from "../../scripts/colours";
import { accessiblePage, navHtml, withNav } from "../../scripts/site";
import { FIXTURES, FIXTURE_SUITES, makeSubmission, referenceFiles, tmpDir } from "../grader/helpers";
import { describeViolations, failingElements, openSettled, runAxe } from "./axe";
import { launchChromium, offlineContext } from "./browser";
import { courseSite } from "./course-build";

const prebuilt = process.env.A11Y_SITE ? path.resolve(process.env.A11Y_SITE) : null;
const lessons = prebuilt
  ? fs.readdirSync(prebuilt).filter((f) => f.endsWith(".html") && !["index.html", "exercises.html"].includes(f)).map((f) => f.slice(0, -5)).sort()
  : listNotebooks().map((nb) => path.basename(nb, ".ipynb"));
let site = "";
const grader = tmpDir("lrgrader-a11y-");
let browser: Browser;
let context: BrowserContext;
const blocked: string[] = [];
const counts: string[] = [];

/** A class whose pages show every part of the grader's reports: full marks, failures, a shared copy. */
async function graderPages(): Promise<void> {
  const cls = path.join(grader, "class");
  fs.cpSync(path.join(FIXTURES, "solutions"), path.join(cls, "alice"), { recursive: true });
  fs.cpSync(path.join(FIXTURES, "starter"), path.join(cls, "bob"), { recursive: true });
  fs.cpSync(makeSubmission({ "zz-second/exercise.ts": referenceFiles()["zz-second/exercise.ts"]! }), path.join(cls, "carol"), { recursive: true });
  await gradeAll(cls, path.join(grader, "graded"), { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json"), quiet: true });

  // Two students hand in the same helper (renamed) on top of the starter: one ranked pair with regions.
  const id = "a01-step-decay";
  const starter = fs.readFileSync(path.join(ROOT, "exercises", id, "exercise.ts"), "utf8");
  const helper = (f: string, x: string) => `\nexport function ${f}(${x}: number[]): number {\n  let best = -Infinity;\n  for (const v of ${x}) {\n    if (v > best && Number.isFinite(v)) best = v;\n    else if (v < 0) best = best - v / 2;\n  }\n  return best * 3 + ${x}.length;\n}\n`;
  const simClass = path.join(grader, "similar");
  for (const [name, text] of [["dana", starter + helper("peak", "xs")], ["eli", starter + helper("top", "values")], ["fay", starter]] as const) {
    fs.mkdirSync(path.join(simClass, name, "exercises", id), { recursive: true });
    fs.writeFileSync(path.join(simClass, name, "exercises", id, "exercise.ts"), text);
  }
  await similarityReport(simClass, path.join(grader, "similarity"), { only: [id], minTokens: 0 });
}

beforeAll(async () => {
  site = prebuilt ?? (await courseSite()).site;
  await graderPages();
  browser = await launchChromium();
  context = await offlineContext(browser, blocked);
}, 1_800_000);

afterAll(async () => {
  if (counts.length > 0) console.log(`axe-core, WCAG 2.0/2.1 A+AA, failing elements per page:\n  ${counts.join("\n  ")}`);
  await context?.close();
  await browser?.close();
  fs.rmSync(grader, { recursive: true, force: true });
});

/** Opens the page, runs axe and fails on any violation, naming page, rule and elements. */
async function axeClean(file: string, label: string, extra?: (page: import("playwright-core").Page) => Promise<void>): Promise<void> {
  expect(fs.existsSync(file), `${label}: ${file} was written`).toBe(true);
  const { page, errors } = await openSettled(context, file);
  try {
    const violations = await runAxe(page);
    counts.push(`${label}: ${failingElements(violations)}`);
    if (violations.length > 0) expect.fail(`${label} (${file}): ${failingElements(violations)} failing elements\n  ${describeViolations(violations).join("\n  ")}`);
    expect(await page.evaluate(() => document.documentElement.lang), `${label}: <html lang>`).toBe("en");
    await extra?.(page);
    expect(errors, `${label}: page errors`).toEqual([]);
  } finally {
    await page.close();
  }
}

describe("axe-core, WCAG 2.1 A and AA: the static site", () => {
  it.each(lessons)("%s: no violations; every formula has MathJax's assistive MathML", async (name) => {
    await axeClean(path.join(site, `${name}.html`), name, async (page) => {
      const math = await page.evaluate(() => Array.from(document.querySelectorAll(".MathJax_CHTML"), (m) => ({
        tex: (m.parentElement?.nextElementSibling?.textContent ?? m.id).slice(0, 60),
        // the visual rendering is hidden from assistive technology; the <math> beside it is what is read
        hidden: m.querySelector("[aria-hidden=true]") !== null,
        mathml: m.querySelector(".MJX_Assistive_MathML math") !== null,
      })));
      expect(math.filter((m) => !m.mathml || !m.hidden), `${name}: formulas without assistive MathML`).toEqual([]);
    });
  }, 180_000);

  it("index.html and exercises.html: no violations", async () => {
    await axeClean(path.join(site, "index.html"), "index");
    await axeClean(path.join(site, "exercises.html"), "exercises");
  }, 180_000);
});

describe("axe-core, WCAG 2.1 A and AA: the grader's pages", () => {
  it("feedback.html (full marks, all failing, partly done), summary.html and similarity.html: no violations", async () => {
    for (const student of ["alice", "bob", "carol"]) {
      await axeClean(path.join(grader, "graded", "students", studentFolder(student), "feedback.html"), `feedback.html (${student})`);
    }
    await axeClean(path.join(grader, "graded", "summary.html"), "summary.html");
    const similarity = path.join(grader, "similarity", "similarity.html");
    expect(fs.readFileSync(similarity, "utf8"), "the similarity page shows a pair with its regions").toContain('<div class="pair">');
    await axeClean(similarity, "similarity.html");
    expect(blocked, "requests that left the disk").toEqual([]);
  }, 300_000);
});

/** WCAG 2.x contrast ratio of two #rrggbb / #rgb colours, from its relative-luminance definition. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const h = hex.length === 4 ? hex.slice(1).split("").map((c) => c + c).join("") : hex.slice(1);
    const [r, g, bl] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the site's accessible page parts", () => {
  it("contrast() gives the published endpoints and the issue's measured colours", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 10);
    // the old prompts and numbers, as axe reported them (it cuts ratios to two decimals)
    expect(Math.floor(contrast("#b0b0b0", "#ffffff") * 100) / 100).toBe(2.16);
    expect(Math.floor(contrast("#008800", "#f5f5f5") * 100) / 100).toBe(4.25);
  });

  it("every text colour of ACCESSIBLE_CSS reaches 4.5 : 1 on the cell background (#f5f5f5), markdown code (#eeeeee) and white", () => {
    const colours = [...ACCESSIBLE_CSS.matchAll(/--jp-[a-z-]*-color:\s*(#[0-9a-f]{3,6});/g)].map((m) => m[1]!);
    expect(colours.length).toBeGreaterThanOrEqual(12);
    for (const c of colours) for (const bg of ["#f5f5f5", "#eeeeee", "#ffffff"]) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(ACCESSIBLE_CSS).toContain("--jp-cell-prompt-not-active-opacity: 1;");
  });

  it("accessiblePage adds lang once, the stylesheet last in the head, and <main> between the two named bars", () => {
    const info = { name: "A01-x", title: "X", objectives: "", lesson: "A" };
    const page = withNav('<!DOCTYPE html>\n<html>\n<head><style>a{}</style></head>\n<body class="jp-Notebook">\n<p>cells</p>\n</body>\n</html>', navHtml(null, info));
    const html = accessiblePage(page);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head><style>a\{\}<\/style><style id="course-accessible-colours">[\s\S]*<\/style>\n<\/head>/);
    expect(html).toMatch(/<body class="jp-Notebook">\n<nav aria-label="Course" class="course-nav"[^>]*>.*?<\/nav>\n<main>\n<p>cells<\/p>\n<\/main>\n<nav aria-label="Course, end of page" class="course-nav"[^>]*>.*?<\/nav>\n<\/body>/);
    expect(accessiblePage('<html lang="de"><head></head><body></body></html>')).toMatch(/^<html lang="de"><head>/);
  });
});
