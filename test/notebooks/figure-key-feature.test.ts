// The key feature through the notebook outputs (issue 23): `show(fig, keyFeature)` and a live
// figure's compute returning `keyFeature` put it first in the figure's aria-label and in its
// Description box; a plotly slider figure keeps it at every step; the page announces it after a
// live change; every output makes plotly's mode bar a single Tab stop. Texts written out by hand.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Figure } from "../../src/figures/index";

const html = vi.hoisted(() => [] as string[]);
vi.mock("tslab", () => ({ display: { html: (s: string) => html.push(s) } }));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const label = (h: string) => unescape(/class="course-plot" role="figure" aria-label="([^"]*)"/.exec(h)![1]!);

afterEach(() => {
  html.length = 0;
});

const fig = (): Figure => ({
  data: [{ type: "scatter", mode: "lines", name: "linear", x: [0, 200, 400], y: [0.5, 0.25, 0] }],
  layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
});
const chart = "Line chart: x step 0–400, y learning rate 0–0.5; linear: falls from 0.5 at step 0 to 0 at step 400.";

describe("show(fig, keyFeature)", () => {
  it("opens the aria-label and the Description box with the key feature", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    const f = fig();
    show(f, `the rate halves by step ${200} and reaches ${0} at step ${400}`);
    const text = `the rate halves by step 200 and reaches 0 at step 400. ${chart}`;
    expect(label(html[0]!)).toBe(text);
    expect(html[0]).toContain(`<p class="course-figure-text">${text}</p>`);
    expect(f.keyFeature).toBeUndefined();   // the caller's figure is not changed
  });

  it("keeps a figure's own keyFeature when the argument is left out, and refuses an empty one", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    show({ ...fig(), keyFeature: "It falls linearly" });
    expect(label(html[0]!)).toBe(`It falls linearly. ${chart}`);
    expect(() => show(fig(), "")).toThrow(/keyFeature must be a non-empty sentence/);
  });

  it("gives a plotly slider figure's every step the key feature first", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    const { sliderFigure } = await import("../../src/figures/index");
    const groups = [0.1, 0.2].map((peak) => ({ label: `${peak}`, traces: [{ type: "scatter" as const, mode: "lines" as const, name: "cosine", x: [0, 100], y: [peak, 0] }] }));
    show(sliderFigure(groups, { prefix: "peak: ", layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } } }), "Each peak decays to 0");
    const out = html[0]!;
    expect(label(out)).toBe("Each peak decays to 0. Line chart: x step 0–100, y learning rate 0–0.1; cosine: falls from 0.1 at step 0 to 0 at step 100.");
    expect(out).toContain('"Each peak decays to 0. Line chart: x step 0–100, y learning rate 0–0.2; cosine: falls from 0.2 at step 0 to 0 at step 100."');
  });

  it("makes plotly's mode bar one Tab stop: a toolbar whose buttons the arrow keys reach", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    show(fig(), "It falls");
    const out = html[0]!;
    expect(out).toContain("C.toolbar(el);");
    expect(out).toContain('bar.setAttribute("role", "toolbar")');
    expect(out).toContain('b.setAttribute("tabindex", b === current ? "0" : "-1")');
    expect(out).toContain('el.on("plotly_afterplot", fix)');
  });
});

describe("a live figure's keyFeature", () => {
  it("is computed with the figure, opens its aria-label, and is what the page announces after a change", async () => {
    const { live } = await import("../../notebooks/lib/live");
    live({
      controls: { peak: { label: "peak", min: 0.1, max: 0.5, step: 0.1, value: 0.3 } },
      compute: (v, lib) => ({
        data: [{ type: "scatter", mode: "lines", name: "lr", x: [0, 100], y: [v.peak, 0] }],
        layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
        keyFeature: `The rate falls from ${lib.formatNumber(v.peak)} to ${lib.formatNumber(0)}`,
      }),
    });
    const out = html[0]!;
    expect(label(out)).toBe("The rate falls from 0.3 to 0. Line chart: x step 0–100, y learning rate 0–0.3; lr: falls from 0.3 at step 0 to 0 at step 100.");
    // The page keeps keyFeature through its axis-format step and announces it (else the series).
    expect(out).toContain('(d.keyFeature || d.series.join("; "))');
    expect(out).toMatch(/keyFeature: fig\.keyFeature/);
  });

  it("refuses a compute whose keyFeature is not a sentence, naming the values", async () => {
    const { prepareLive, LiveFigureError } = await import("../../notebooks/lib/live");
    expect(() => prepareLive({
      controls: { a: { min: 0, max: 1, step: 0.5, value: 0 } },
      compute: (v) => ({ data: [], layout: {}, keyFeature: v.a > 0 ? "" : "fine" }),
    })).toThrow(LiveFigureError);
    expect(() => prepareLive({
      controls: { a: { min: 0, max: 1, step: 0.5, value: 0 } },
      compute: (v) => ({ data: [], layout: {}, keyFeature: v.a > 0 ? "" : "fine" }),
    })).toThrow(/keyFeature "" at \{"a":1\}/);
  });
});
