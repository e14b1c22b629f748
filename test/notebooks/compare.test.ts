// A student's schedule beside the reference (notebooks/lib/compare.ts) and the shared line trace
// (notebooks/lib/traces.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { compareFigure, largestGap, showComparison } from "../../notebooks/lib/compare";
import { line } from "../../notebooks/lib/traces";
import type { Schedule } from "../../src/schedules/schedule";

// `show` needs a running tslab kernel; here it only records the figures it was given.
const shown = vi.hoisted(() => [] as unknown[]);
vi.mock("../../notebooks/lib/plot", () => ({ show: (fig: unknown) => shown.push(fig) }));

// Hand-written schedules, independent of src/schedules: η_k = 0.1·0.5^⌊k/2⌋, and a pair with momentum.
const halving = Object.assign((k: number) => 0.1 * 0.5 ** Math.floor(k / 2), { phase: () => "decay", totalSteps: Infinity }) as unknown as Schedule;
const cycled = Object.assign((k: number) => 0.01 * (k + 1), { phase: () => "increase", momentum: (k: number) => 0.95 - 0.01 * k, totalSteps: 4 }) as unknown as Schedule;

describe("line", () => {
  it("is a named scatter line in series colour i, plain arrays, extra line options merged", () => {
    expect(line("a", Float64Array.from([0, 1]), [2, 3], 1, { dash: "dot", width: 2 })).toEqual({
      type: "scatter", mode: "lines", name: "a", x: [0, 1], y: [2, 3], line: { color: "#D55E00", dash: "dot", width: 2 },
    });
  });
});

describe("largestGap", () => {
  it("is 0 for identical values, else the largest |a − b|/max(|a|, |b|) and its first step", () => {
    expect(largestGap(halving, [0.1, 0.1, 0.05, 0.05])).toEqual({ gap: 0, step: 0 });
    // step 2: 0.1 against 0.05 → 0.05/0.1 = 0.5; step 3: 0.04 against 0.05 → 0.01/0.05 = 0.2.
    expect(largestGap(halving, [0.1, 0.1, 0.1, 0.04])).toEqual({ gap: 0.5, step: 2 });
  });

  it("counts a missing or non-finite value as an infinite gap, and compares momentum for pairs", () => {
    expect(largestGap(halving, [0.1, NaN, 0.05])).toEqual({ gap: Infinity, step: 1 });
    const pairs = [{ lr: 0.01, momentum: 0.95 }, { lr: 0.02, momentum: 0.94 }, { lr: 0.03, momentum: 0.9 }];
    // step 2: momentum 0.9 against 0.93 → 0.03/0.93.
    const { gap, step } = largestGap(cycled, pairs);
    expect(step).toBe(2);
    expect(gap).toBeCloseTo(0.03 / 0.93, 12);
  });
});

describe("compareFigure", () => {
  it("draws the reference at steps 0…n−1 thick and the student's values dashed", () => {
    const fig = compareFigure("t", halving, [0.1, 0.1, 0.05]);
    expect(fig.data.map((d) => [d.name, d.x, d.y, (d.line as { dash?: string }).dash])).toEqual([
      ["shared module", [0, 1, 2], [0.1, 0.1, 0.05], undefined],
      ["yours", [0, 1, 2], [0.1, 0.1, 0.05], "dash"],
    ]);
    expect(fig.layout.title).toEqual({ text: "t" });
    expect(fig.layout.yaxis2).toBeUndefined();
  });

  it("adds both momenta on a second axis for LR and momentum pairs", () => {
    const fig = compareFigure("one-cycle", cycled, [{ lr: 0.01, momentum: 0.95 }, { lr: 0.02, momentum: 0.9 }]);
    expect(fig.data.map((d) => [d.name, d.y, d.yaxis])).toEqual([
      ["LR, shared module", [0.01, 0.02], undefined],
      ["LR, yours", [0.01, 0.02], undefined],
      ["momentum, shared module", [0.95, 0.94], "y2"],
      ["momentum, yours", [0.95, 0.9], "y2"],
    ]);
    expect(fig.layout.yaxis2).toMatchObject({ overlaying: "y", side: "right" });
  });
});

describe("showComparison", () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  afterEach(() => log.mockClear());

  it("prints ✓ when the student's values match and ✗ with the worst step otherwise", () => {
    showComparison("t", halving, [0.1, 0.1, 0.05]);
    showComparison("t", halving, [0.1, 0.2, 0.05]);
    showComparison("t", cycled, [{ lr: 0.01, momentum: 0.95 }, { lr: 0.0212345678, momentum: 0.94 }]);
    expect(shown).toHaveLength(3);
    const lines = log.mock.calls.map((c) => c[0] as string);
    expect(lines).toEqual([
      "✓ yours matches the reference (largest relative difference 0.0e+0)",
      "✗ yours differs from the reference: relative difference 5.0e-1 at step 1 (yours 0.2, reference 0.1) — run the exercise's public tests",
      // step 1: 0.0212345678 against 0.02 → 0.0012345678/0.0212345678 ≈ 5.8e-2.
      "✗ yours differs from the reference: relative difference 5.8e-2 at step 1 (yours LR 0.0212346, momentum 0.94, reference LR 0.02, momentum 0.94) — run the exercise's public tests",
    ]);
  });
});
