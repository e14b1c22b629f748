// What a figure output carries for assistive technology (issue 23): `show` and `live` write the
// figure's text alternative on the figure (role="figure", aria-label), a closed "Description and
// data" box, a keyboard slider for a plotly slider (with per-step value texts and descriptions),
// and, on live sliders, aria-valuetext and a polite live region. The expected texts are written
// out here from the figures' data.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Figure } from "../../src/figures/index";

const html = vi.hoisted(() => [] as string[]);
vi.mock("tslab", () => ({ display: { html: (s: string) => html.push(s) } }));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (h: string, name: string, after = "") => {
  const from = after ? h.indexOf(after) : 0;
  const m = new RegExp(`${name}="([^"]*)"`).exec(h.slice(from));
  return m ? unescape(m[1]!) : null;
};

afterEach(() => {
  html.length = 0;
});

describe("show", () => {
  it("puts the text alternative on the figure and in a closed Description and data box, and gives series dashes", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    show({
      data: [
        { type: "scatter", mode: "lines", name: "constant", x: [0, 200, 400], y: [0.5, 0.5, 0.5] },
        { type: "scatter", mode: "lines", name: "linear", x: [0, 200, 400], y: [0.5, 0.25, 0] },
      ],
      layout: { title: { text: "Two schedules" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
    });
    const out = html[0]!;
    const text = "Line chart 'Two schedules': x step 0–400, y learning rate 0–0.5; constant: 0.5 throughout; linear: falls from 0.5 at step 0 to 0 at step 400.";
    expect(out).toMatch(/<div id="course-plot-[0-9a-f]+-\d+" class="course-plot" role="figure" aria-label="/);
    expect(attr(out, "aria-label", 'class="course-plot"')).toBe(text);
    expect(out).toContain('<details class="course-figure-data"');
    expect(out).not.toContain("<details open");
    expect(out).toContain(`<p class="course-figure-text">${text.replace(/'/g, "&#39;")}</p>`);
    // Series 0 solid, series 1 dashed, in the palette's colours.
    expect(out).toContain('"line":{"color":"#0072B2","dash":"solid"}');
    expect(out).toContain('"line":{"color":"#D55E00","dash":"dash"}');
  });

  it("gives a plotly slider figure a labelled native slider with value texts and a polite live region", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    const { sliderFigure } = await import("../../src/figures/index");
    const groups = [0.1, 0.2].map((peak) => ({
      label: `η = ${peak}`,
      traces: [{ type: "scatter" as const, mode: "lines" as const, name: "cosine", x: [0, 50, 100], y: [peak, peak / 2, 0] }],
    }));
    show(sliderFigure(groups, { prefix: "peak learning rate: ", active: 1, layout: { title: { text: "Cosine" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } } }));
    const out = html[0]!;
    expect(out.indexOf('class="course-slider-controls"')).toBeLessThan(out.indexOf('class="course-plot"'));
    expect(out).toMatch(/<input type="range" id="course-plot-[^"]+-slider" class="course-slider" aria-labelledby="course-plot-[^"]+-slider-label" min="0" max="1" step="1" value="1" aria-valuetext="peak learning rate η = 0.2">/);
    expect(out).toMatch(/<span id="course-plot-[^"]+-slider-label">peak learning rate<\/span>/);
    expect(out).toContain('aria-live="polite"');
    expect(attr(out, "aria-label", 'class="course-plot"')).toBe("Line chart 'Cosine': x step 0–100, y learning rate 0–0.2; cosine: falls from 0.2 at step 0 to 0 at step 100.");
    // The page's texts for each step, computed in the kernel.
    expect(out).toContain('valueTexts = ["peak learning rate η = 0.1","peak learning rate η = 0.2"]');
    expect(out).toContain('"peak learning rate η = 0.1: cosine: falls from 0.1 at step 0 to 0 at step 100"');
  });

  it("figureAtStep applies a step's restyle (per-trace arrays) and, for update, its title", async () => {
    const { figureAtStep } = await import("../../notebooks/lib/web");
    const fig: Figure = {
      data: [{ name: "a", visible: true }, { name: "b", visible: false }],
      layout: { sliders: [{ steps: [{ method: "update", args: [{ visible: [false, true] }, { title: { text: "B" } }], label: "b" }] }] } as Figure["layout"],
    };
    const at = figureAtStep(fig, 0);
    expect(at.data.map((t) => t.visible)).toEqual([false, true]);
    expect(at.layout.title).toEqual({ text: "B" });
    expect(fig.data.map((t) => t.visible)).toEqual([true, false]);
  });
});

describe("live", () => {
  it("labels each slider, sets aria-valuetext with the control's meaning and unit, and adds a polite live region", async () => {
    const { live, valueText } = await import("../../notebooks/lib/live");
    live({
      controls: {
        peak: { label: "peak η", spoken: "peak learning rate", min: 0.1, max: 0.5, step: 0.1, value: 0.3 },
        warmup: { label: "warmup", unit: "steps", values: [0, 10, 20], value: 10 },
        shape: { label: "decay", options: ["cosine", "linear"], value: "cosine" },
      },
      compute: (v) => ({
        data: [{ type: "scatter", mode: "lines", name: "lr", x: [0, 1], y: [v.peak, v.peak] }],
        layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
      }),
    });
    const out = html[0]!;
    expect(attr(out, "aria-valuetext", 'data-name="peak"')).toBe("peak learning rate 0.3");
    expect(attr(out, "aria-valuetext", 'data-name="warmup"')).toBe("warmup 10 steps");
    expect(out).toMatch(/<span class="course-live-label" id="(course-plot-[^"]+-label-0)">peak η<\/span><input type="range" data-name="peak" aria-labelledby="\1"/);
    expect(out).toMatch(/<select data-name="shape" aria-labelledby="course-plot-[^"]+-label-2"/);
    expect(out).toContain('<output aria-hidden="true">0.3</output>');
    expect(out).toMatch(/<div class="course-live-announce" aria-live="polite"/);
    expect(attr(out, "aria-label", 'class="course-plot"')).toBe("Line chart: x step 0–1, y learning rate 0.3; lr: 0.3 throughout.");
    expect(valueText("eta", { min: 0, max: 1, step: 0.1, value: 0.5, label: "η<sub>0</sub>" }, 0.5)).toBe("η0 0.5");
  });
});
