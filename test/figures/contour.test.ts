import { describe, expect, it } from "vitest";
import { rosenbrock } from "../../src/objectives/index";
import { isoline, pathTraces, quantileLevels, sampleGrid, thinPath, trajectoryFigure, type Polylines } from "../../src/figures/index";

/** Splits null-separated coordinates into pieces. */
function pieces(p: Polylines): [number, number][][] {
  const out: [number, number][][] = [[]];
  p.x.forEach((x, i) => {
    if (x === null) out.push([]);
    else out[out.length - 1]!.push([x, p.y[i]!]);
  });
  return out;
}

describe("isoline (marching squares)", () => {
  it("the level set of x² + y² = r² lies on the circle within the grid tolerance, as one closed curve", () => {
    const r = 1.3;
    const grid = sampleGrid((x, y) => x * x + y * y, [-2, 2], [-2, 2], 81);
    const h = 4 / 80;
    const p = isoline(grid, r * r);
    const parts = pieces(p);
    expect(parts).toHaveLength(1);
    const ring = parts[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]); // closed
    // linear interpolation of x² on an edge of length h errs by at most h²/4 in f, ≈ h²/(8r) in radius
    for (const [x, y] of ring) expect(Math.abs(Math.hypot(x, y) - r)).toBeLessThan((h * h) / (8 * r) + 1e-12);
    // it goes all the way round: every 30° sector holds points
    const sectors = new Set(ring.map(([x, y]) => Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * 12) % 12));
    expect(sectors.size).toBe(12);
  });
  it("finds two separate circles as two closed pieces", () => {
    const f = (x: number, y: number) => Math.min((x - 1) ** 2 + y * y, (x + 1) ** 2 + y * y);
    const p = isoline(sampleGrid(f, [-2, 2], [-1, 1], 101, 51), 0.25);
    const parts = pieces(p);
    expect(parts).toHaveLength(2);
    for (const ring of parts) expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(parts.map((ring) => Math.sign(ring[0]![0])).sort()).toEqual([-1, 1]);
  });
  it("is exact for a linear function and runs boundary to boundary", () => {
    const p = isoline(sampleGrid((x, y) => x + 2 * y, [-1, 1], [-1, 1], 21), 0.3);
    const [line] = pieces(p);
    for (const [x, y] of line!) expect(x + 2 * y).toBeCloseTo(0.3, 12);
    expect(line!.length).toBeGreaterThan(10);
    const onBoundary = ([x, y]: [number, number]) => Math.abs(Math.abs(x) - 1) < 1e-12 || Math.abs(Math.abs(y) - 1) < 1e-12;
    expect(onBoundary(line![0]!)).toBe(true);
    expect(onBoundary(line![line!.length - 1]!)).toBe(true);
  });
  it("resolves saddle cells by the centre value: the branches of xy = 3e-4 do not join across the origin", () => {
    // 40 points on [−1, 1]: the cell around the origin has corners ±a with a = 1/39, values ±a²
    // ≈ ±6.6e-4, so at level 3e-4 it is a saddle (two opposite corners above); its centre, 0, is below.
    const a = 1 / 39;
    const grid = sampleGrid((x, y) => x * y, [-1, 1], [-1, 1], 40);
    expect(grid.xs[19]).toBeCloseTo(-a, 14);
    const parts = pieces(isoline(grid, 3e-4));
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      const side = Math.sign(part[0]![0]);
      for (const [x, y] of part) {
        expect(Math.sign(x)).toBe(side); // each piece stays in one quadrant (Q1 or Q3)
        expect(x * y).toBeGreaterThan(0);
      }
    }
  });
  it("gives nothing for a level outside the range, and rejects a bad range", () => {
    expect(isoline(sampleGrid((x, y) => x * x + y * y, [-1, 1], [-1, 1], 10), 5)).toEqual({ x: [], y: [] });
    expect(() => sampleGrid(() => 0, [1, 0], [0, 1])).toThrow(/xRange\[1\] = 0/);
  });
});

describe("quantileLevels", () => {
  it("places levels at squared quantiles: for f = x on a uniform grid, at ((i + ½)/count)²", () => {
    const grid = sampleGrid((x) => x, [0, 1], [0, 1], 101, 2);
    const levels = quantileLevels(grid, 4);
    [1 / 64, 9 / 64, 25 / 64, 49 / 64].forEach((q, i) => expect(Math.abs(levels[i]! - q)).toBeLessThanOrEqual(0.01));
  });
});

describe("trajectoryFigure", () => {
  const f = rosenbrock();
  const path = Array.from({ length: 5000 }, (_, t) => [-1.2 + (2.2 * t) / 4999, 1 - 0.0001 * t]);
  const fig = trajectoryFigure(f, [{ name: "GD", points: path }], { xRange: [-2, 2], yRange: [-1, 3], levels: 8 });

  it("has level-set lines, the path (a line and its two ends) and a star at the minimizer", () => {
    expect(fig.data).toHaveLength(8 + 2 + 1);
    expect(fig.data.slice(0, 8).every((t) => t.mode === "lines" && t.showlegend === false)).toBe(true);
    const star = fig.data[10]!;
    expect([star.x, star.y]).toEqual([[1], [1]]);
    expect(fig.layout.yaxis!.scaleanchor).toBe("x");
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });
  it("thins the path to the budget, keeping its first and last points", () => {
    const t = fig.data[8]!;
    const xs = t.x as number[];
    // 5000 points into 2000: stride ⌈4999/1999⌉ = 3, so indices 0, 3, …, 4998 (1667 of them) and 4999.
    expect(xs.length).toBe(1668);
    expect(xs[0]).toBe(-1.2);
    expect(xs[xs.length - 1]).toBe(path[4999]![0]);
    expect(thinPath(path.slice(0, 10), 4).map((p) => p[0])).toEqual([path[0]![0], path[3]![0], path[6]![0], path[9]![0]]);
  });
  it("draws a long path as one line without per-iterate markers, and its ends as one trace of two markers", () => {
    const [line, ends] = [fig.data[8]!, fig.data[9]!];
    expect(line.mode).toBe("lines");
    expect(line.marker).toBeUndefined();
    expect(line.name).toBe("GD");
    expect(ends.mode).toBe("markers");
    expect(ends.showlegend).toBe(false);
    expect(ends.legendgroup).toBe(line.legendgroup);
    // The path's own first and last points, (−1.2, 1) and (1, 1 − 0.0001·4999).
    expect(ends.x).toEqual([-1.2, -1.2 + 2.2]);
    expect((ends.y as number[])[0]).toBe(1);
    expect(Math.abs((ends.y as number[])[1]! - 0.5001)).toBeLessThan(1e-12);
    expect(ends.marker!.symbol).toEqual([100, 4]);
    expect(ends.marker!.size).toBe(10);
    expect(ends.marker!.color).toBe(line.line!.color);
  });
  it("puts a dot on every iterate of a path of at most 200 points, none beyond", () => {
    const [short, shortEnds] = pathTraces([{ name: "p", points: [[0, 0], [1, 1], [2, 0]] }]);
    expect(short!.mode).toBe("lines+markers");
    expect([short!.x, short!.y]).toEqual([[0, 1, 2], [0, 1, 0]]);
    expect(short!.marker!.size).toBe(4);
    expect([shortEnds!.x, shortEnds!.y, shortEnds!.marker!.symbol]).toEqual([[0, 2], [0, 0], [100, 4]]);
    const ramp = (n: number) => Array.from({ length: n }, (_, k) => [k, 0]);
    expect(pathTraces([{ name: "p", points: ramp(200) }])[0]!.mode).toBe("lines+markers");
    expect(pathTraces([{ name: "p", points: ramp(201) }])[0]!.mode).toBe("lines");
    // maxPoints thins first: 201 points kept at most 101 (stride ⌈200/100⌉ = 2) get dots again.
    expect(pathTraces([{ name: "p", points: ramp(201) }], 101)[0]!.mode).toBe("lines+markers");
    // A one-point path: both ends are that point.
    expect(pathTraces([{ name: "p", points: [[3, 4]] }])[1]!.x).toEqual([3, 3]);
  });
  it("lists the lines of all paths first (trace i is path i), then their ends, in each path's colour", () => {
    const traces = pathTraces([
      { name: "a", points: [[0, 0], [1, 0]] },
      { name: "b", points: [[0, 1], [1, 1]] },
    ]);
    expect(traces.map((t) => [t.name, t.mode])).toEqual([
      ["a", "lines+markers"], ["b", "lines+markers"], ["a: start, end", "markers"], ["b: start, end", "markers"],
    ]);
    expect(traces[0]!.line!.color).not.toBe(traces[1]!.line!.color);
    expect(traces[2]!.marker!.color).toBe(traces[0]!.line!.color);
    expect(traces[3]!.marker!.color).toBe(traces[1]!.line!.color);
    expect(traces.filter((t) => t.showlegend !== false).map((t) => t.name)).toEqual(["a", "b"]);
    expect(() => pathTraces([{ name: "a", points: [] }])).toThrow(/paths\[0\]\.points\.length = 0/);
  });
  it("rejects an objective that is not 2-D", () => {
    expect(() => trajectoryFigure(rosenbrock({ dim: 3 }), [], { xRange: [0, 1], yRange: [0, 1] })).toThrow(/objective.dim = 3/);
  });
});
