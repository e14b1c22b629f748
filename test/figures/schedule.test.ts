import { describe, expect, it } from "vitest";
import { schedule, type Phase } from "../../src/schedules/schedule";
import { lrMomentumFigure, phaseColors, scheduleFigure } from "../../src/figures/index";

/** Warmup on steps 0–9, stable on 10–29, decay on 30–49: built by hand for the test. */
const phaseOf = (k: number): Phase => (k < 10 ? "warmup" : k < 30 ? "stable" : "decay");
const lrOf = (k: number) => (k < 10 ? (0.1 * (k + 1)) / 10 : k < 30 ? 0.1 : (0.1 * (50 - k)) / 20);
const wsdLike = schedule({ value: lrOf, phase: phaseOf, totalSteps: 50 });

describe("scheduleFigure", () => {
  const fig = scheduleFigure(wsdLike);

  it("draws the LR at every step 0…totalSteps−1", () => {
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]!.x).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(fig.data[0]!.y).toEqual(Array.from({ length: 50 }, (_, k) => lrOf(k)));
  });
  it("has one labelled shape per phase run, covering exactly that run's steps", () => {
    const shapes = fig.layout.shapes!;
    expect(shapes.map((s) => s.label!.text)).toEqual(["warmup", "stable", "decay"]);
    const covered: number[] = [];
    for (const s of shapes) {
      const steps: number[] = [];
      for (let k = 0; k < 50; k++) if (k > (s.x0 as number) && k < (s.x1 as number)) steps.push(k);
      for (const k of steps) expect(phaseOf(k)).toBe(s.label!.text);
      // the neighbours just outside the shape belong to another phase (or lie outside the run)
      const before = steps[0]! - 1;
      const after = steps[steps.length - 1]! + 1;
      if (before >= 0) expect(phaseOf(before)).not.toBe(s.label!.text);
      if (after < 50) expect(phaseOf(after)).not.toBe(s.label!.text);
      expect(s.fillcolor).toBe(phaseColors[s.label!.text as Phase]);
      expect(s.yref).toBe("paper");
      covered.push(...steps);
    }
    expect(covered).toEqual(Array.from({ length: 50 }, (_, k) => k)); // disjoint and complete
  });
  it("compares several named schedules, shading the first one's phases", () => {
    const flat = schedule({ value: () => 0.05, phase: "constant", totalSteps: 50 });
    const two = scheduleFigure([
      { name: "WSD", schedule: wsdLike },
      { name: "constant", schedule: flat },
    ], { logY: true });
    expect(two.data.map((t) => t.name)).toEqual(["WSD", "constant"]);
    expect(two.layout.shapes).toHaveLength(3);
    expect(two.layout.yaxis!.type).toBe("log");
    expect(JSON.parse(JSON.stringify(two))).toEqual(two);
  });
  it("needs a step count for an open-ended schedule", () => {
    const open = schedule({ value: () => 1, phase: "constant" });
    expect(() => scheduleFigure(open)).toThrow(/steps = undefined/);
    const f = scheduleFigure(open, { steps: 5 });
    expect(f.layout.shapes).toHaveLength(1);
    expect([f.layout.shapes![0]!.x0, f.layout.shapes![0]!.x1]).toEqual([-0.5, 4.5]);
  });
  it("downsamples a long schedule but still shades every phase run", () => {
    const long = schedule({ value: (k) => Math.sin(k / 100), phase: (k) => (k % 10_000 < 5000 ? "increase" : "anneal"), totalSteps: 100_000 });
    const f = scheduleFigure(long);
    expect((f.data[0]!.y as number[]).length).toBeLessThanOrEqual(2000);
    expect(f.layout.shapes).toHaveLength(20);
  });
});

describe("lrMomentumFigure", () => {
  it("puts momentum on a secondary y-axis overlaying the first", () => {
    const s = schedule({ value: (k) => 0.01 * (k + 1), momentum: (k) => 0.95 - 0.01 * k, phase: "increase", totalSteps: 10 });
    const fig = lrMomentumFigure(s);
    expect(fig.data.map((t) => t.yaxis)).toEqual([undefined, "y2"]);
    expect(fig.data[1]!.y).toEqual(Array.from({ length: 10 }, (_, k) => 0.95 - 0.01 * k));
    expect(fig.layout.yaxis2).toMatchObject({ overlaying: "y", side: "right" });
  });
  it("rejects a schedule without momentum", () => {
    expect(() => lrMomentumFigure(wsdLike)).toThrow(/schedule.momentum/);
  });
});
