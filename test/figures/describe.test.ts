// A figure's text alternative (src/figures/describe.ts), from hand-written figures whose expected
// text is written out here by reading the data: the axes' ranges, each series' start, turning
// points and end.
import { describe, expect, it } from "vitest";
import { describeFigure, formatNumber, plainText, type Figure } from "../../src/figures/index";

describe("describeFigure", () => {
  it("describes line charts by axes and each series' start, turning points and end", () => {
    const fig: Figure = {
      data: [
        { type: "scatter", mode: "lines", name: "constant", x: [0, 100, 200, 300, 400], y: [0.5, 0.5, 0.5, 0.5, 0.5] },
        { type: "scatter", mode: "lines", name: "warmup + cosine", x: [0, 10, 20, 100, 200, 300, 400], y: [0, 0.25, 0.5, 0.43, 0.25, 0.07, 0] },
        { type: "scatter", mode: "lines", name: "step decay", x: [0, 100, 200, 300, 400], y: [0.5, 0.5, 0.25, 0.25, 0.125] },
      ],
      layout: { title: { text: "The four schedules at peak η = 0.5" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
    };
    const d = describeFigure(fig);
    expect(d.kind).toBe("Line chart");
    expect(d.axes).toEqual(["x step 0–400", "y learning rate 0–0.5"]);
    expect(d.series).toEqual([
      "constant: 0.5 throughout",
      "warmup + cosine: starts at 0 at step 0, rises to 0.5 at step 20, falls to 0 at step 400",
      "step decay: falls from 0.5 at step 0 to 0.125 at step 400",
    ]);
    expect(d.text).toBe(
      "Line chart 'The four schedules at peak η = 0.5': x step 0–400, y learning rate 0–0.5; constant: 0.5 throughout; " +
        "warmup + cosine: starts at 0 at step 0, rises to 0.5 at step 20, falls to 0 at step 400; step decay: falls from 0.5 at step 0 to 0.125 at step 400.",
    );
  });

  it("orders a rise-and-fall's highest and lowest inside points by step, and counts values that are not finite", () => {
    const d = describeFigure({
      data: [{ type: "scatter", mode: "lines", name: "loss", x: [0, 1, 2, 3, 4, 5], y: [2, 1, 0.5, 3, null as unknown as number, NaN] }],
      layout: { xaxis: { title: { text: "epoch" } }, yaxis: { title: { text: "loss" } } },
    });
    expect(d.series).toEqual(["loss: starts at 2 at epoch 0, falls to 0.5 at epoch 2, rises to 3 at epoch 3 (2 of 6 values not finite)"]);
    expect(d.text).toBe("Line chart: x epoch 0–5, y loss 0.5–3; loss: starts at 2 at epoch 0, falls to 0.5 at epoch 2, rises to 3 at epoch 3 (2 of 6 values not finite).");
  });

  it("skips a turning point that reads the same as the end, and names points by the x title without its parentheses", () => {
    const d = describeFigure({
      data: [
        { type: "scatter", mode: "lines", name: "steps", x: [0.01, 0.1, 1, 10], y: [1, 0.5, 0.1, 0.1] },
        { type: "scatter", mode: "lines", name: "bump", x: [0.01, 0.1, 1, 10], y: [1, 1.0001, 0.5, 0.2] },
      ],
      layout: { xaxis: { title: { text: "η (the constant, or the peak)" }, type: "log" }, yaxis: { title: { text: "loss" } } },
    });
    expect(d.axes).toEqual(["x η (the constant, or the peak) 0.01–10 (log scale)", "y loss 0.1–1"]);
    expect(d.series).toEqual(["steps: falls from 1 at η 0.01 to 0.1 at η 10", "bump: falls from 1 at η 0.01 to 0.2 at η 10"]);
  });

  it("uses the layout's axis range when set (a log axis's in powers of ten), and says the scale", () => {
    const d = describeFigure({
      data: [{ type: "scatter", mode: "lines", name: "Adam", x: [0, 50, 100], y: [1, 0.01, 0.001] }],
      layout: { title: { text: "Loss of λ<sub>max</sub>" }, xaxis: { title: { text: "step" }, range: [0, 120] }, yaxis: { title: { text: "loss" }, type: "log", range: [-4, 1] } },
    });
    expect(d.title).toBe("Loss of λmax");
    expect(d.axes).toEqual(["x step 0–120", "y loss 1e-4–10 (log scale)"]);
    expect(d.series).toEqual(["Adam: falls from 1 at step 0 to 0.001 at step 100"]);
  });

  it("describes a path (x not increasing) by its ends, a few markers by their coordinates, and counts lines without a legend entry", () => {
    const d = describeFigure({
      data: [
        { type: "scatter", mode: "lines", name: "f = 1", x: [1, 0, -1, 0, 1], y: [0, 1, 0, -1, 0], showlegend: false },
        { type: "scatter", mode: "lines", name: "f = 4", x: [2, 0, -2, 0, 2], y: [0, 2, 0, -2, 0], showlegend: false },
        { type: "scatter", mode: "lines+markers", name: "GD", legendgroup: "GD", x: [4, 2, 1, 0.5], y: [3, -1.5, 0.75, -0.375] },
        { type: "scatter", mode: "markers", name: "GD: start, end", legendgroup: "GD", showlegend: false, x: [4, 0.5], y: [3, -0.375] },
        { type: "scatter", mode: "markers", name: "optimum", x: [0], y: [0] },
      ],
      layout: { xaxis: { title: { text: "x₁" }, range: [-5, 5] }, yaxis: { title: { text: "x₂" }, range: [-4, 4] } },
    });
    expect(d.kind).toBe("Chart");
    expect(d.axes).toEqual(["x x₁ -5 to 5", "y x₂ -4 to 4"]);
    expect(d.series).toEqual([
      "GD: path of 4 points from (4, 3) to (0.5, -0.375), x 0.5–4, y -1.5 to 3",
      "optimum: point (0, 0)",
      "2 lines without a legend entry: f = 1 … f = 4",
    ]);
  });

  it("leaves hidden traces out (a slider figure is described at its position) and counts series past maxSeries", () => {
    const trace = (name: string, v: number, visible: boolean) => ({ type: "scatter" as const, mode: "lines" as const, name, x: [0, 1], y: [v, v], visible });
    const d = describeFigure({ data: [trace("a", 1, false), trace("b", 2, true), trace("c", 3, "legendonly" as unknown as boolean)], layout: {} });
    expect(d.text).toBe("Line chart: x 0–1, y 2; b: 2 throughout.");
    const many = describeFigure({ data: [1, 2, 3, 4].map((v) => trace(`s${v}`, v, true)), layout: {} }, { maxSeries: 2 });
    expect(many.series).toEqual(["s1: 1 throughout", "s2: 2 throughout", "and 2 more series"]);
  });

  it("describes bar charts over categories, with the value axis from 0", () => {
    const d = describeFigure({
      data: [{ type: "bar", name: "test loss", x: ["SGD", "Adam", "Lion"], y: [0.3, 0.12, 0.15] }],
      layout: { title: { text: "Tuned test loss" }, xaxis: { title: { text: "optimizer" } }, yaxis: { title: { text: "loss" } } },
    });
    expect(d.text).toBe("Bar chart 'Tuned test loss': x optimizer categories SGD, Adam, Lion, y loss 0–0.3; test loss: bars SGD 0.3, Adam 0.12, Lion 0.15.");
  });

  it("describes a single unnamed line whose legend is off, and a figure with no traces", () => {
    const d = describeFigure({ data: [{ type: "scatter", mode: "lines", showlegend: false, x: [1, 2, 3], y: [3, 2, 1] }], layout: { xaxis: { title: { text: "k" } } } });
    expect(d.text).toBe("Line chart: x k 1–3, y 1–3; unnamed series: falls from 3 at k 1 to 1 at k 3.");
    expect(describeFigure({ data: [], layout: { title: { text: "Empty" } } }).text).toBe("Chart 'Empty'.");
  });
});

describe("formatNumber and plainText", () => {
  it("writes numbers with 3 significant digits, whole numbers in full, very small or large ones in e-notation", () => {
    expect([0, 0.5, 400, 1000, 1234.5, 0.123456, 0.001, 0.00012345, -0.00012345, 2.5e6, 1e-10, -3].map(formatNumber))
      .toEqual(["0", "0.5", "400", "1000", "1230", "0.123", "0.001", "1.23e-4", "-1.23e-4", "2.5e+6", "1e-10", "-3"]);
  });

  it("turns plotly's HTML subset into plain text", () => {
    expect(plainText("2/λ<sub>max</sub>")).toBe("2/λmax");
    expect(plainText("loss<br>(test)")).toBe("loss (test)");
    expect(plainText("A &amp; B &lt; C")).toBe("A & B < C");
    expect(plainText(undefined)).toBe("");
  });
});
