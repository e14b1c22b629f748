// Every lesson, executed once on the real tslab kernel, then the zero-install edition built from
// those runs (issue 12, part 3), opened from disk in headless chromium with the network off.
// Every lesson: every code cell runs without errors or stderr (a failed check, or figure text
// plotly would show raw, writes to stderr). Every page: every figure drawn, math typeset and none
// of it broken by markdown (browser.ts, leftoverTex), navigation links to pages that exist, no page
// errors, no request leaving the disk. Every live figure: a control is dragged (or a select
// changed) and the values plotly then holds equal the library's, computed here in Node by the same
// compute function at the same control values.
// Recompute times in the page are printed; run times are measured by `npm run bench:notebooks`.
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as library from "../../src/index";
import { describeFailures, listNotebooks, markdownLines, ROOT, type NotebookReport } from "../../scripts/notebooks";
import { launchChromium, leftoverTex, offlineContext } from "./browser";
import { courseSite, SITE } from "./course-build";

const notebooks = listNotebooks();
const lessons = notebooks.map((nb) => basename(nb, ".ipynb"));
const reports = new Map<string, NotebookReport>();

let browser: Browser;
let context: BrowserContext;
const blocked: string[] = [];
const timings: string[] = [];

beforeAll(async () => {
  // Built once per run, shared with a11y.test.ts (course-build.ts).
  (await courseSite()).reports.forEach((report, name) => reports.set(name, report));
  browser = await launchChromium();
  context = await offlineContext(browser, blocked);
}, 900_000);

afterAll(async () => {
  if (timings.length > 0) console.log(`live figures, recompute in the browser (load ${loadavg()[0]!.toFixed(1)}):\n  ${timings.join("\n  ")}`);
  await context?.close();
  await browser?.close();
});

type Trace = { name?: string; x?: ArrayLike<number>; y?: ArrayLike<number> };

async function open(name: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(SITE, `${name}.html`)).href, { waitUntil: "load" });
  await page.waitForFunction(() => Array.from(document.querySelectorAll("div.course-plot")).every((d) => d.querySelector(".main-svg")), null, { timeout: 60_000 })
    .catch(() => undefined);
  await page.evaluate(() => new Promise<void>((done) => {
    const mj = (window as { MathJax?: { Hub?: { Queue(f: () => void): void } } }).MathJax;
    if (mj?.Hub) mj.Hub.Queue(() => done()); else done();
  }));
  return { page, errors };
}

/** Moves the first control of live figure `id`: a slider dragged with the mouse, else the select's next option. */
async function moveControl(page: Page, id: string): Promise<void> {
  const panel = page.locator(`.course-live-controls[data-for="${id}"]`);
  const slider = panel.locator("input[type=range]").first();
  if ((await panel.locator("input[type=range]").count()) > 0) {
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const at = await slider.evaluate((s: HTMLInputElement) => (Number(s.value) - Number(s.min)) / (Number(s.max) - Number(s.min)));
    const y = box.y + box.height / 2;
    const x = (f: number) => box.x + 8 + f * (box.width - 16);
    // Across most of the range and back part of the way: several recomputes to time.
    const path = at > 0.6 ? [0.1, 0.4] : [0.9, 0.6];
    await page.mouse.move(x(at), y);
    await page.mouse.down();
    let from = at;
    for (const to of path) {
      for (let k = 1; k <= 8; k++) {
        await page.mouse.move(x(from + ((to - from) * k) / 8), y);
        await page.waitForTimeout(20);
      }
      from = to;
    }
    await page.mouse.up();
  } else {
    const select = panel.locator("select").first();
    const n = await select.locator("option").count();
    const current = Number(await select.inputValue());
    await select.selectOption(String((current + 1) % n));
  }
}

function sameNumbers(actual: ArrayLike<number> | undefined, expected: ArrayLike<number> | undefined, what: string): void {
  const a = Array.from(actual ?? [], Number), e = Array.from(expected ?? [], Number);
  expect(a.length, `${what}: length`).toBe(e.length);
  for (let k = 0; k < a.length; k++) {
    const ok = (Number.isNaN(a[k]!) && Number.isNaN(e[k]!)) || Math.abs(a[k]! - e[k]!) <= 1e-12 * Math.max(1, Math.abs(e[k]!));
    if (!ok) expect.fail(`${what}: point ${k} is ${a[k]} in the page, ${e[k]} from the library in Node`);
  }
}

describe.each(lessons)("%s", (name) => {
  it("runs every code cell without errors or stderr", () => {
    const failures = describeFailures(reports.get(name)!);
    if (failures.length > 0) throw new Error(`${name} failed:\n${failures.join("\n")}`);
  });

  it("site page, from disk, offline: draws every figure, typesets its math (none broken by markdown), links to pages that exist, and its live figures recompute with the library", async () => {
    const { page, errors } = await open(name);
    try {
      const figures = await page.evaluate(() => Array.from(document.querySelectorAll("div.course-plot"), (d) => ({
        id: d.id, drawn: !!d.querySelector(".main-svg"), live: !!(d as unknown as { __courseLive?: unknown }).__courseLive, text: (d as HTMLElement).innerText.slice(0, 200),
      })));
      expect(figures.length, "figures").toBeGreaterThan(0);
      expect(figures.filter((f) => !f.drawn), "figures not drawn").toEqual([]);
      if (markdownLines(join(ROOT, "notebooks", `${name}.ipynb`)).some((l) => /\$[^$]+\$/.test(l))) {
        expect(await page.$$eval(".MathJax_CHTML, .MathJax", (els) => els.length), "typeset formulas").toBeGreaterThan(0);
      }
      expect(await page.evaluate(leftoverTex), "math that markdown broke (see leftoverTex)").toEqual([]);
      const links = await page.$$eval("nav.course-nav a", (as) => as.map((a) => a.getAttribute("href")!));
      expect(links).toContain("index.html");
      expect(links).toContain("exercises.html");
      for (const href of links) expect(existsSync(join(SITE, decodeURI(href))), href).toBe(true);

      for (const fig of figures.filter((f) => f.live)) {
        const before = await page.evaluate((id) => (document.getElementById(id) as unknown as { __courseLive: { timings: unknown[] } }).__courseLive.timings.length, fig.id);
        await moveControl(page, fig.id);
        await page.waitForFunction(([id, n]) => {
          const live = (document.getElementById(id as string) as unknown as { __courseLive: { timings: unknown[]; errors: unknown[]; pending?: boolean } }).__courseLive;
          return (live.timings.length > (n as number) || live.errors.length > 0) && !live.pending;
        }, [fig.id, before] as const, { timeout: 15_000 });
        const seen = await page.evaluate((id) => {
          const el = document.getElementById(id) as unknown as { data: Trace[]; __courseLive: { source: string; values(): Record<string, unknown>; errors: string[]; timings: { compute: number; total: number }[] } };
          const l = el.__courseLive;
          return { source: l.source, values: l.values(), errors: l.errors, timings: l.timings,
            data: el.data.map((t) => ({ name: t.name, x: t.x ? Array.from(t.x) : undefined, y: t.y ? Array.from(t.y) : undefined })) };
        }, fig.id);
        expect(seen.errors, `${fig.id}: compute errors in the page`).toEqual([]);
        const compute = new Function(`"use strict"; return (${seen.source});`)() as (v: unknown, lib: unknown) => { data: Trace[] } | Trace[];
        const out = compute(seen.values, library);
        const expected = Array.isArray(out) ? out : out.data;
        expect(seen.data.length, `${fig.id}: traces`).toBe(expected.length);
        expected.forEach((t, i) => {
          const what = `${name} live figure at ${JSON.stringify(seen.values)}, trace ${i} (${t.name ?? ""})`;
          sameNumbers(seen.data[i]!.x, t.x, `${what} x`);
          sameNumbers(seen.data[i]!.y, t.y, `${what} y`);
        });
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const compute_ms = med(seen.timings.map((t) => t.compute)), total_ms = med(seen.timings.map((t) => t.total));
        timings.push(`${name} ${JSON.stringify(seen.values)}: compute ${compute_ms.toFixed(1)} ms, with redraw ${total_ms.toFixed(1)} ms (median of ${seen.timings.length})`);
        expect(compute_ms, `${name}: compute time`).toBeLessThan(50);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe("site/index.html and site/exercises.html", () => {
  it("link every lesson and the exercise statements", async () => {
    const index = readFileSync(join(SITE, "index.html"), "utf8");
    for (const name of lessons) expect(index).toContain(`href="${encodeURI(name)}.html"`);
    expect(index).toContain('href="exercises.html"');
    const { page, errors } = await open("exercises");
    try {
      const headings = await page.$$eval("h2", (hs) => hs.map((h) => h.textContent ?? ""));
      expect(headings.some((h) => h.startsWith("a01-step-decay"))).toBe(true);
      expect(headings.some((h) => h.startsWith("b10-muon"))).toBe(true);
      expect(await page.$$eval("nav.course-nav a", (as) => as.map((a) => a.getAttribute("href")))).toContain("index.html");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
    expect(blocked).toEqual([]);
  });
});
