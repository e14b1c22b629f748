import { describe, expect, it } from "vitest";
import { sliderFigure, type Trace } from "../../src/figures/index";

const line = (name: string): Trace => ({ type: "scatter", mode: "lines", name, x: [0, 1], y: [0, 1] });
const groups = [
  { label: "η = 0.1", traces: [line("a0"), line("a1")] },
  { label: "η = 0.5", traces: [line("b0")] },
  { label: "η = 1.0", traces: [line("c0"), line("c1"), line("c2")] },
];
const fixed = [line("contour 1"), line("contour 2")];
const groupOf = ["fixed", "fixed", 0, 0, 1, 2, 2, 2];

describe("sliderFigure", () => {
  const fig = sliderFigure(groups, { fixed, prefix: "η: " });
  const steps = fig.layout.sliders![0]!.steps!;

  it("lays out the fixed traces first, then each group's traces in order", () => {
    expect(fig.data.map((t) => t.name)).toEqual(["contour 1", "contour 2", "a0", "a1", "b0", "c0", "c1", "c2"]);
  });
  it("slider step k makes exactly trace group k (and the fixed traces) visible", () => {
    expect(steps).toHaveLength(3);
    steps.forEach((step, k) => {
      expect(step.method).toBe("restyle");
      expect(step.label).toBe(groups[k]!.label);
      expect(step.args![0].visible).toEqual(groupOf.map((g) => g === "fixed" || g === k));
    });
  });
  it("starts with the active group visible", () => {
    expect(fig.data.map((t) => t.visible)).toEqual(groupOf.map((g) => g === "fixed" || g === 0));
    const at2 = sliderFigure(groups, { active: 2 });
    expect(at2.data.map((t) => t.visible)).toEqual([false, false, false, true, true, true]);
    expect(at2.layout.sliders![0]!.active).toBe(2);
  });
  it("uses update to change the title too when groups carry titles", () => {
    const titled = sliderFigure(groups.map((g, k) => ({ ...g, title: `run ${k}` })));
    const step1 = titled.layout.sliders![0]!.steps![1]!;
    expect(step1.method).toBe("update");
    expect(step1.args![1]).toEqual({ title: { text: "run 1" } });
    expect(titled.layout.title).toEqual({ text: "run 0" });
  });
  it("rejects no groups and an active index out of range", () => {
    expect(() => sliderFigure([])).toThrow(/groups/);
    expect(() => sliderFigure(groups, { active: 3 })).toThrow(/active = 3/);
  });
});
