// Keyboard-only use of figures (issue 23): one small lesson page (test/fixtures/notebooks/
// keyboard.ipynb: a plotly slider figure, then a live figure) is executed on the tslab kernel,
// exported like the site and opened from disk in headless chromium with the network off. From the
// top of the page, Tab alone reaches each figure's slider; the arrow keys move it; the figure
// recomputes (plotly's data change to the values written out here by hand), aria-valuetext says
// what the value means, the figure's aria-label follows, and the polite live region announces the
// new value with the figure's key feature (the live figure's compute writes it from its data), in
// words written out here. plotly's mode bar is one Tab stop, a toolbar whose buttons the arrow keys
// reach; the number of Tab stops from the top of the page to each slider is counted by hand from
// the page's structure. The "Description and data" box opens from the keyboard and lists the
// drawn data. axe-core checks the figures' markup.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/notebooks";
import { buildSite } from "../../scripts/site";
import { launchChromium, offlineContext } from "./browser";

const OUT = join(ROOT, "out", "keyboard-test");
const FIXTURE = join(ROOT, "test", "fixtures", "notebooks", "keyboard.ipynb");

let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await buildSite({ notebooks: [FIXTURE], outDir: join(OUT, "site"), workDir: join(OUT, "executed") });
  browser = await launchChromium();
  context = await offlineContext(browser, blocked);
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(pathToFileURL(join(OUT, "site", "keyboard.html")).href);
  await page.waitForFunction(() => document.querySelectorAll("div.course-plot.js-plotly-plot").length === 2, null, { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Presses Tab from the top of the page until `selector` has the focus; returns the number of presses (fails after 200). */
async function tabTo(selector: string): Promise<number> {
  await page.bringToFront();
  // Start the sequential focus navigation at the top of the page: focus a mark before everything
  // (tabindex −1: not itself a Tab stop), as after loading the page.
  await page.evaluate(() => {
    let top = document.getElementById("keyboard-test-top");
    if (!top) {
      top = document.createElement("span");
      top.id = "keyboard-test-top";
      top.tabIndex = -1;
      document.body.prepend(top);
    }
    top.focus();
    window.scrollTo(0, 0);
  });
  for (let n = 1; n <= 200; n++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return n;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** What the live figure (the page's second figure) shows and says. */
function liveState() {
  return page.evaluate(() => {
    const el = document.querySelectorAll("div.course-plot")[1] as HTMLElement & {
      data: { name?: string; x: ArrayLike<number>; y: ArrayLike<number> }[];
      __courseLive?: { timings: unknown[]; pending?: boolean; announced: string[] };
    };
    const panel = document.querySelector(`.course-live-controls[data-for="${el.id}"]`)!;
    const input = (name: string) => panel.querySelector<HTMLInputElement>(`input[data-name="${name}"]`)!;
    return {
      peak: { value: input("peak").value, valuetext: input("peak").getAttribute("aria-valuetext") },
      warmup: { value: input("warmup").value, valuetext: input("warmup").getAttribute("aria-valuetext") },
      traces: el.data.map((t) => ({ name: t.name, x: Array.from(t.x ?? []), y: Array.from(t.y ?? []) })),
      label: el.getAttribute("aria-label") ?? "",
      role: el.getAttribute("role"),
      announced: panel.querySelector(".course-live-announce")!.textContent ?? "",
      politeness: panel.querySelector(".course-live-announce")!.getAttribute("aria-live"),
      recomputes: el.__courseLive?.timings.length ?? 0,
    };
  });
}

/** Waits until the live figure has recomputed `n` times, is idle, and its live region says something other than `before`. */
async function announcedAfter(n: number, before: string) {
  await page.waitForFunction(([k, b]) => {
    const el = document.querySelectorAll("div.course-plot")[1] as unknown as { id: string; __courseLive?: { timings: unknown[]; pending?: boolean } };
    const say = document.querySelector(`.course-live-controls[data-for="${el.id}"] .course-live-announce`);
    return !!el.__courseLive && el.__courseLive.timings.length >= k && !el.__courseLive.pending && !!say && say.textContent !== "" && say.textContent !== b;
  }, [n, before] as const, { timeout: 10_000 });
  return liveState();
}

/** The warmup + cosine schedule written out: η·k/w for k ≤ w, then η·(1 + cos(π(k − w)/(400 − w)))/2. */
function warmupCosine(peak: number, w: number): number[] {
  return Array.from({ length: 401 }, (_, k) => (k <= w ? (peak * k) / w : (peak * (1 + Math.cos((Math.PI * (k - w)) / (400 - w)))) / 2));
}

function expectClose(actual: number[], expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    if (Math.abs(actual[k]! - expected[k]!) > 1e-12) expect.fail(`${what}: value ${k} is ${actual[k]}, expected ${expected[k]}`);
  }
}

describe("a live figure, with the keyboard alone", () => {
  it("is reached with Tab from the top of the page, after the plotly figure's slider: 3 and 6 Tab stops", async () => {
    const toPlotlySlider = await tabTo("input.course-slider");
    const toLive = await tabTo('.course-live-controls input[data-name="peak"]');
    console.log(`Tab presses from the top: ${toPlotlySlider} to the plotly figure's slider, ${toLive} to the live figure's first slider`);
    // The page's Tab stops, in order: the navigation bar's two links (Course index, Exercises; a
    // one-page site has no previous or next lesson), the plotly figure's keyboard slider (3); that
    // figure's mode bar, one toolbar stop (4); its "Description and data" summary (5); the live
    // figure's first slider (6). When each of plotly's 7 mode-bar buttons (download, zoom, pan,
    // zoom in, zoom out, autoscale, reset) was a Tab stop, the live slider was the 12th.
    expect(toPlotlySlider).toBe(3);
    expect(toLive).toBe(6);
    const s = await liveState();
    expect(s.role).toBe("figure");
    expect(s.politeness).toBe("polite");
    expect(s.peak.valuetext).toBe("peak learning rate 0.2");
    expect(s.warmup.valuetext).toBe("warmup 20 steps");
    expect(s.label).toBe("warmup + cosine peaks at 0.2 at step 20 and ends at 0 at step 400. " +
      "Line chart 'Two schedules at peak η = 0.2': x step 0–400, y learning rate 0–0.2; constant: 0.2 throughout; " +
      "warmup + cosine: starts at 0 at step 0, rises to 0.2 at step 20, falls to 0 at step 400.");
  });

  it("moves with the arrow keys; the figure recomputes and the live region announces the new value and key feature", async () => {
    await tabTo('.course-live-controls input[data-name="peak"]');
    const before = await liveState();
    await page.keyboard.press("ArrowRight");
    let s = await announcedAfter(before.recomputes + 1, before.announced);
    expect(s.peak.value).toBe("0.3");
    expect(s.peak.valuetext).toBe("peak learning rate 0.3");
    const constant = s.traces.find((t) => t.name === "constant")!;
    const wc = s.traces.find((t) => t.name === "warmup + cosine")!;
    expectClose(constant.y, Array(401).fill(0.3), "constant at η = 0.3");
    expectClose(wc.y, warmupCosine(0.3, 20), "warmup + cosine at η = 0.3, w = 20");
    expect(s.announced).toBe("peak learning rate 0.3: warmup + cosine peaks at 0.3 at step 20 and ends at 0 at step 400.");
    expect(s.label).toContain("warmup + cosine peaks at 0.3 at step 20 and ends at 0 at step 400. Line chart 'Two schedules at peak η = 0.3'");

    // Tab on to the warmup slider, arrow left: 20 → 10 steps.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.name)).toBe("warmup");
    await page.keyboard.press("ArrowLeft");
    s = await announcedAfter(s.recomputes + 1, s.announced);
    expect(s.warmup.valuetext).toBe("warmup 10 steps");
    expectClose(s.traces.find((t) => t.name === "warmup + cosine")!.y, warmupCosine(0.3, 10), "warmup + cosine at η = 0.3, w = 10");
    expect(s.announced).toBe("warmup 10 steps: warmup + cosine peaks at 0.3 at step 10 and ends at 0 at step 400.");
  });

  it("opens its Description and data box from the keyboard: the description, a table per series and a CSV link", async () => {
    const id = await page.evaluate(() => document.querySelectorAll("div.course-plot")[1]!.id);
    await tabTo(`details.course-figure-data[data-for="${id}"] > summary`);
    await page.keyboard.press("Enter");
    await page.waitForFunction((i) => !!document.querySelector(`details.course-figure-data[data-for="${i}"] table`), id, { timeout: 5_000 });
    const box = await page.evaluate((i) => {
      const d = document.querySelector(`details.course-figure-data[data-for="${i}"]`)!;
      const tables = Array.from(d.querySelectorAll("table")).map((t) => ({
        caption: t.caption?.textContent,
        head: Array.from(t.querySelectorAll("th")).map((th) => th.textContent),
        rows: t.tBodies[0]!.rows.length,
        row20: Array.from(t.tBodies[0]!.rows[20]!.cells).map((c) => c.textContent),
      }));
      const link = d.querySelector("a")!;
      return { open: (d as HTMLDetailsElement).open, text: d.querySelector(".course-figure-text")!.textContent, tables, download: link.getAttribute("download"), csv: decodeURIComponent(link.href.split(",").slice(1).join(",")) };
    }, id);
    expect(box.open).toBe(true);
    expect(box.text).toContain("warmup + cosine: starts at 0 at step 0, rises to 0.3 at step 10");
    expect(box.tables.map((t) => t.caption)).toEqual(["constant", "warmup + cosine"]);
    expect(box.tables[0]!.head).toEqual(["step", "learning rate"]);
    expect(box.tables.map((t) => t.rows)).toEqual([401, 401]);
    expect(box.tables[1]!.row20).toEqual(["20", String(warmupCosine(0.3, 10)[20])]);
    const csv = box.csv.trim().split("\n");
    expect(csv[0]).toBe("series,x,y,z");
    expect(csv.length).toBe(1 + 2 * 401);
    expect(csv[1 + 401 + 10]).toBe(`warmup + cosine,10,${0.3},`);
    expect(box.download).toBe(`${id}.csv`);
  });
});

describe("a plotly slider figure, with the keyboard alone", () => {
  it("has a native slider bound to plotly's: arrows switch the shown group, plotly's slider follows, the change is announced", async () => {
    await tabTo("input.course-slider");
    const read = () => page.evaluate(() => {
      const el = document.querySelectorAll("div.course-plot")[0] as HTMLElement & { data: { visible?: boolean; y: ArrayLike<number> }[]; layout: { sliders: { active: number }[] } };
      const panel = document.querySelector(`.course-slider-controls[data-for="${el.id}"]`)!;
      const input = panel.querySelector("input")!;
      return {
        visible: el.data.map((t) => t.visible !== false),
        shownFirst: Array.from(el.data.find((t) => t.visible !== false)!.y)[0],
        active: el.layout.sliders[0]!.active,
        valuetext: input.getAttribute("aria-valuetext"),
        label: el.getAttribute("aria-label"),
        announced: panel.querySelector(".course-live-announce")!.textContent,
      };
    });
    const first = await read();
    expect(first.visible).toEqual([true, false, false]);
    expect(first.valuetext).toBe("peak learning rate η = 0.1");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector(".course-slider-controls .course-live-announce")!.textContent !== "", null, { timeout: 5_000 });
    const s = await read();
    expect(s.visible).toEqual([false, true, false]);
    expect(s.shownFirst).toBe(0.2);
    expect(s.active).toBe(1);
    expect(s.valuetext).toBe("peak learning rate η = 0.2");
    expect(s.announced).toBe("peak learning rate η = 0.2: cosine: falls from 0.2 at step 0 to 0 at step 100");
    expect(s.label).toBe("Line chart 'Cosine decay': x step 0–100, y learning rate 0–0.45; cosine: falls from 0.2 at step 0 to 0 at step 100.");
  });
});

describe("plotly's mode bar, with the keyboard alone", () => {
  it("is one Tab stop, a toolbar: the arrow keys move between its buttons, Enter zooms in, Tab leaves it", async () => {
    await tabTo("input.course-slider");
    await page.keyboard.press("Tab");
    const focused = () => page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const bar = a.closest(".modebar");
      return { title: a.getAttribute("data-title"), inToolbar: bar?.getAttribute("role") === "toolbar", toolbarName: bar?.getAttribute("aria-label") ?? null,
        stops: bar ? Array.from(bar.querySelectorAll(".modebar-btn")).filter((b) => b.getAttribute("tabindex") === "0").length : 0,
        summary: a.tagName === "SUMMARY" };
    });
    const first = await focused();
    expect(first).toMatchObject({ inToolbar: true, toolbarName: "Figure tools", stops: 1 });
    // ArrowRight visits plotly's seven buttons once each, then wraps around to the first.
    const titles = [first.title ?? ""];
    for (let k = 0; k < 7; k++) {
      await page.keyboard.press("ArrowRight");
      titles.push((await focused()).title ?? "");
    }
    expect(titles.slice(0, 7).slice().sort()).toEqual(["Autoscale", "Download plot as a PNG", "Pan", "Reset axes", "Zoom", "Zoom in", "Zoom out"]);
    expect(titles[7]).toBe(titles[0]);
    await page.keyboard.press("End");
    expect((await focused()).title).toBe(titles[6]);
    await page.keyboard.press("ArrowLeft");
    expect((await focused()).title).toBe(titles[5]);
    await page.keyboard.press("Home");
    expect((await focused()).title).toBe(titles[0]);
    for (let k = 0; k < titles.indexOf("Zoom in"); k++) await page.keyboard.press("ArrowRight");
    expect((await focused()).title).toBe("Zoom in");
    const range = () => page.evaluate(() => ((document.querySelectorAll("div.course-plot")[0] as unknown as { layout: { xaxis: { range: number[] } } }).layout.xaxis.range.slice()));
    const before = await range();
    await page.keyboard.press("Enter");
    await page.waitForFunction((b) => {
      const r = (document.querySelectorAll("div.course-plot")[0] as unknown as { layout: { xaxis: { range: number[] } } }).layout.xaxis.range;
      return r[1]! - r[0]! < b[1]! - b[0]!;
    }, before, { timeout: 5_000 });
    const after = await range();
    expect(after[1]! - after[0]!).toBeLessThan(before[1]! - before[0]!);
    // The last button used keeps the Tab stop; Tab goes on to the Description box, not to another button.
    expect((await focused()).stops).toBe(1);
    await page.keyboard.press("Tab");
    expect((await focused()).summary).toBe(true);
  });
});

it("a plotly slider moved with the mouse moves the native slider, its value text and the figure's description with it", async () => {
  const rail = page.locator("div.course-plot >> nth=0").locator(".slider-rail-touch-rect");
  await rail.scrollIntoViewIfNeeded();
  const box = (await rail.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await page.waitForFunction(() => (document.querySelector("input.course-slider") as HTMLInputElement).value === "2", null, { timeout: 5_000 });
  const s = await page.evaluate(() => ({
    valuetext: document.querySelector("input.course-slider")!.getAttribute("aria-valuetext"),
    label: document.querySelectorAll("div.course-plot")[0]!.getAttribute("aria-label"),
  }));
  expect(s.valuetext).toBe("peak learning rate η = 0.4");
  expect(s.label).toBe("Line chart 'Cosine decay': x step 0–100, y learning rate 0–0.45; cosine: falls from 0.4 at step 0 to 0 at step 100.");
});

it("the figures' markup passes axe-core's WCAG 2.1 A and AA rules, without page errors or network", async () => {
  const axe = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
    const result = await run(
      { include: [[".course-plot"], [".course-live-controls"], [".course-slider-controls"], ["details.course-figure-data"]] },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } },
    );
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});
