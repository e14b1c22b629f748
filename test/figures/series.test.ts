import { describe, expect, it } from "vitest";
import { rng } from "../../src/random";
import { downsample, downsampleIndices, emaSmooth, lossFigure } from "../../src/figures/index";

describe("downsampleIndices (min–max buckets)", () => {
  const r = rng(1);
  const n = 100_000;
  const y = Float64Array.from({ length: n }, () => r.normal());
  y[31_337] = 50; // a loss spike
  y[77_777] = -40;

  it("keeps at most maxPoints, increasing, first and last included", () => {
    const idx = downsampleIndices(y, 2000);
    expect(idx.length).toBeLessThanOrEqual(2000);
    expect(idx.length).toBeGreaterThan(1900);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
  });
  it("keeps the global extremes (the spike and the dip)", () => {
    const idx = Array.from(downsampleIndices(y, 500));
    expect(idx).toContain(31_337);
    expect(idx).toContain(77_777);
  });
  it("keeps the extremes of every bucket: a slow sine keeps its full amplitude", () => {
    const s = Float64Array.from({ length: 50_000 }, (_, i) => Math.sin(i / 1000));
    const { y: kept } = downsample(s.map((_, i) => i), s, 300);
    expect(Math.max(...kept)).toBeCloseTo(1, 6);
    expect(Math.min(...kept)).toBeCloseTo(-1, 6);
  });
  it("leaves a short series alone and ignores NaN when choosing extremes", () => {
    expect(Array.from(downsampleIndices([3, 1, 2], 2000))).toEqual([0, 1, 2]);
    const v = [0, NaN, 5, NaN, NaN, NaN, -1, 0];
    // maxPoints 4 → one bucket over indices 1…6: min at 6, max at 2.
    expect(Array.from(downsampleIndices(v, 4))).toEqual([0, 2, 6, 7]);
    expect(() => downsampleIndices(v, 3)).toThrow(/maxPoints = 3/);
  });
});

describe("emaSmooth (TensorBoard's debiased EMA)", () => {
  it("smooths a constant series to that constant", () => {
    const out = emaSmooth(new Float64Array(500).fill(2.5), 0.9);
    for (const v of out) expect(v).toBeCloseTo(2.5, 12);
  });
  it("matches the debiased recurrence by hand: [1, 3] with w = ½ gives [1, 7/3]", () => {
    // m₁ = ½·0 + ½·1 = ½, /(1 − ½) = 1; m₂ = ½·½ + ½·3 = 7/4, /(1 − ¼) = 7/3.
    const out = emaSmooth([1, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 15);
    expect(out[1]).toBeCloseTo(7 / 3, 15);
  });
  it("weight 0 is the identity; non-finite values pass through and are skipped", () => {
    expect(Array.from(emaSmooth([1, 5, 2], 0))).toEqual([1, 5, 2]);
    const out = emaSmooth([1, NaN, 3], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(7 / 3, 15);
    expect(() => emaSmooth([1], 1)).toThrow(/weight = 1/);
  });
});

describe("lossFigure", () => {
  it("draws raw (faint) and smoothed curves per series, same colour, one legend entry", () => {
    const fig = lossFigure([
      { name: "SGD", values: [3, 2, 1.5, 1.2] },
      { name: "Adam", values: [3, 1, 0.5, 0.4] },
    ]);
    expect(fig.data).toHaveLength(4);
    const [raw, smooth] = fig.data;
    expect(raw!.line!.color).toBe(smooth!.line!.color);
    expect(raw!.showlegend).toBe(false);
    expect(raw!.opacity).toBeLessThan(1);
    expect(raw!.y).toEqual([3, 2, 1.5, 1.2]);
    expect(fig.data[2]!.line!.color).not.toBe(raw!.line!.color);
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });
  it("with smoothing 0 draws only the raw curves", () => {
    const fig = lossFigure([{ name: "run", values: [1, 2], x: [10, 20] }], { smoothing: 0, logY: true });
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]!.x).toEqual([10, 20]);
    expect(fig.layout.yaxis!.type).toBe("log");
  });
  it("stays within the point budget for long runs", () => {
    const values = Float64Array.from({ length: 60_000 }, (_, i) => 1 / (1 + i));
    const fig = lossFigure([{ name: "long", values }]);
    for (const t of fig.data) expect((t.x as number[]).length).toBeLessThanOrEqual(2000);
  });
});
