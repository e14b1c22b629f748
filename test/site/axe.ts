// axe-core itself (node_modules/axe-core/axe.min.js), run in Chromium on a page the course wrote:
// used by a11y.test.ts, and by `tsx test/site/axe.ts <html files…>` to count violations by hand.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium, offlineContext } from "./browser";

/** The WCAG 2.0 and 2.1, level A and AA rule tags of axe-core: the course's conformance target. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** One failed axe rule on a page, with the elements that fail it. */
export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  /** Each failing element: its CSS selector, the start of its markup, and axe's reason. */
  nodes: { target: string; html: string; reason: string }[];
}

const AXE_SOURCE = createRequire(__filename).resolve("axe-core/axe.min.js");

/**
 * Opens `file` in `context` and waits until the page is what a reader sees: every figure drawn
 * (`div.course-plot` holds plotly's svg) and MathJax's queue drained, its message gone.
 */
export async function openSettled(context: BrowserContext, file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForFunction(() => Array.from(document.querySelectorAll("div.course-plot")).every((d) => d.querySelector(".main-svg")), null, { timeout: 60_000 })
    .catch(() => undefined);
  await page.evaluate(() => new Promise<void>((done) => {
    const mj = (window as { MathJax?: { Hub?: { Queue(f: () => void): void } } }).MathJax;
    if (mj?.Hub) mj.Hub.Queue(() => done()); else done();
  }));
  await page.waitForFunction(() => {
    const message = document.getElementById("MathJax_Message");
    return !message || message.style.display === "none";
  }, null, { timeout: 10_000 }).catch(() => undefined);
  return { page, errors };
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now, or only on the elements
 * matching `include` (the course's outputs inside JupyterLab's page); resolves to the violations.
 */
export async function runAxe(page: Page, include?: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async ([tags, include]) => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Result[] }> } }).axe;
    const context = include ? { include: [include] } : document;
    const { violations } = await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html.slice(0, 160), reason: (n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240) })),
    }));
  }, [WCAG_TAGS, include] as const);
}

/** Failing elements in all: the count the course's before/after numbers are given in. */
export const failingElements = (violations: AxeViolation[]) => violations.reduce((n, v) => n + v.nodes.length, 0);

/** One line per rule: "rule (impact): N elements, e.g. <selector>". */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.rule} (${v.impact}): ${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"} — ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => `${n.target} [${n.reason}]`).join("; ")}`);
}

if (require.main === module) {
  void (async () => {
    const browser = await launchChromium();
    const context = await offlineContext(browser);
    try {
      for (const file of process.argv.slice(2)) {
        const { page } = await openSettled(context, file);
        const violations = await runAxe(page);
        await page.close();
        console.log(`${file}: ${failingElements(violations)} failing elements, ${violations.length} rules`);
        for (const line of describeViolations(violations)) console.log(`  ${line}`);
      }
    } finally {
      await context.close();
      await browser.close();
    }
  })();
}
