// Figure text plotly would show raw (notebooks/lib/figtext.ts), and `show` reporting it on stderr,
// which fails the headless notebook test (scripts/run_notebook.py counts stderr as a failure).
import { afterEach, describe, expect, it, vi } from "vitest";
import { cartesianAxes, figureTextProblems, rawMarkup, withPowerExponents } from "../../notebooks/lib/figtext";
import { lossFigure, scheduleFigure, trajectoryFigure, type Figure } from "../../src/figures/index";
import { cosine } from "../../src/schedules/index";
import { diagonalQuadratic } from "../../src/objectives/index";

const html = vi.hoisted(() => [] as string[]);
vi.mock("tslab", () => ({ display: { html: (s: string) => html.push(s) } }));

describe("rawMarkup", () => {
  it("finds raw sub- and superscripts and TeX", () => {
    expect(rawMarkup("2/λ_max")).toBe("λ_m");
    expect(rawMarkup("‖Δθ_l‖/‖θ_l‖")).toBe("θ_l");
    expect(rawMarkup("x_t")).toBe("x_t");
    expect(rawMarkup("x_{t+1}")).toBe("x_{");
    expect(rawMarkup("10^-4")).toBe("0^-");
    expect(rawMarkup("β₂^t")).toBe("₂^t");
    expect(rawMarkup("a ratio (‖θ‖)^2")).toBe(")^2");
    expect(rawMarkup("η_eff,max / η")).toBe("η_e");
    expect(rawMarkup("d_model = 512")).toBe("d_m");
    expect(rawMarkup("B_noise")).toBe("B_n");
    expect(rawMarkup("learning rate \\eta")).toBe("\\eta");
    expect(rawMarkup("loss $L(\\theta)$")).toBe("\\theta");
  });

  it("accepts <sub>/<sup>, Unicode sub- and superscripts, and plain text", () => {
    for (const ok of ["2/λ<sub>max</sub>", "‖Δθ<sub>l</sub>‖/‖θ<sub>l</sub>‖", "10<sup>−4</sup>", "β₂ᵗ, x₁, θ²", "η = 0.05", "step", "a _ b", "x^ (a caret before a space)", "cost $5 and $6", "exp_range γ = 0.999", "trust_clip, lr_max", ""]) {
      expect(rawMarkup(ok), ok).toBeNull();
    }
  });
});

describe("figureTextProblems", () => {
  it("checks titles, axis titles, trace names, annotations, slider labels and slider title updates", () => {
    const fig = {
      data: [
        { type: "scatter", name: "η_max", x: [1, 2], y: [3, 4], mode: "lines", legendgroup: "snake_case_group" },
        { type: "scatter", name: "η<sub>max</sub>/2", text: ["ok", "x_t"], yaxis: "y2" },
      ],
      layout: {
        title: { text: "Loss at 2/λ_max", font: { family: "Open_Sans" } },
        xaxis: { title: { text: "step" } },
        yaxis: { title: { text: "loss" } },
        yaxis2: { title: "‖θ_l‖" },
        annotations: [{ text: "β^t" }],
        sliders: [{ steps: [{ label: "ε = 1e-8", args: [{ visible: [true] }, { "title.text": "v_t" }] }] }],
      },
    };
    expect(figureTextProblems(fig).map((p) => p.split(":")[0])).toEqual([
      "data[0].name",
      "data[1].text[1]",
      "layout.title.text",
      "layout.yaxis2.title",
      "layout.annotations[0].text",
      "layout.sliders[0].steps[0].args[1].title.text",
    ]);
  });

  it("reports every axis a cartesian trace draws on that has no title", () => {
    const fig = {
      data: [
        { type: "bar", x: ["a"], y: [1] },
        { type: "scatter", x: [0], y: [1], xaxis: "x2", yaxis: "y3" },
        { type: "pie", values: [1] },
      ],
      layout: { xaxis: { title: { text: "case" } }, yaxis: { title: "" }, xaxis2: { title: { text: " " } }, yaxis3: {} },
    };
    expect(figureTextProblems(fig)).toEqual(["layout.yaxis: no axis title", "layout.xaxis2: no axis title", "layout.yaxis3: no axis title"]);
    expect(cartesianAxes({ data: [{ x: [0], y: [0] }], layout: {} })).toEqual(["xaxis", "yaxis"]);
  });

  it("finds nothing in the shared module's own figures", () => {
    const f = diagonalQuadratic([10, 1]);
    const figs: Figure[] = [
      scheduleFigure(cosine({ max: 0.1, totalSteps: 100 }), { steps: 100 }),
      lossFigure([{ name: "run", values: [3, 2, 1] }]),
      trajectoryFigure(f, [{ name: "path", points: [Float64Array.from([1, 1]), Float64Array.from([0.5, 0.5])] }], { xRange: [-1, 1], yRange: [-1, 1] }),
    ];
    for (const fig of figs) expect(figureTextProblems(fig)).toEqual([]);
  });
});

describe("withPowerExponents", () => {
  it("gives exponentformat power to every axis that chooses no number format, and changes nothing else", () => {
    const layout = { title: { text: "t" }, xaxis: { title: { text: "step" } }, yaxis: { type: "log", tickformat: ".0%" }, yaxis2: { exponentformat: "e" } };
    expect(withPowerExponents(layout, ["xaxis", "yaxis", "yaxis3"])).toEqual({
      title: { text: "t" },
      xaxis: { title: { text: "step" }, exponentformat: "power" },
      yaxis: { type: "log", tickformat: ".0%" },
      yaxis2: { exponentformat: "e" },
      yaxis3: { exponentformat: "power" },
    });
    expect(layout.xaxis).toEqual({ title: { text: "step" } });
  });
});

describe("show", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    html.length = 0;
  });

  it("writes raw figure text to stderr and still draws the figure; a clean figure writes nothing", async () => {
    const { show } = await import("../../notebooks/lib/plot");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    show({ data: [{ type: "scatter", name: "x<sub>t</sub>", x: [0], y: [1e-4] }], layout: { title: { text: "clean" }, xaxis: { title: { text: "step" } }, yaxis: { type: "log", title: { text: "ratio" } } } });
    expect(errors).not.toHaveBeenCalled();
    expect(html[0]).toContain('"yaxis":{"type":"log","title":{"text":"ratio"},"exponentformat":"power"}');
    show({ data: [{ type: "scatter", name: "x_t", x: [0], y: [0] }], layout: { xaxis: { title: { text: "2/λ_max" } } } });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]![0]).toContain('data[0].name: "x_t"');
    expect(errors.mock.calls[0]![0]).toContain('layout.xaxis.title.text: "2/λ_max"');
    expect(errors.mock.calls[0]![0]).toContain("layout.yaxis: no axis title");
    expect(html).toHaveLength(2);
    expect(html[1]).toContain("Plotly.newPlot");
  });
});
