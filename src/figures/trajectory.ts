/** Optimizer paths over the level sets of a 2-D objective. */
import type { Objective } from "../objectives/objective";
import { ArgumentError, integer } from "../validate";
import { contourTraces, quantileLevels, sampleGrid } from "./contour";
import { MAX_POINTS } from "./downsample";
import { seriesColor, type Figure, type Trace } from "./figure";

/** An optimizer's path: the iterates x₀, x₁, … as 2-vectors. */
export interface Path {
  name: string;
  points: readonly ArrayLike<number>[];
}

/** Options of `trajectoryFigure`. */
export interface TrajectoryOptions {
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  /** Grid points per axis for the level sets (default 100). */
  resolution?: number;
  /** Contour levels, or how many to place at quantiles of the grid values (default 12). */
  levels?: readonly number[] | number;
  /** Mark this point (e.g. the minimizer) with a star. */
  optimum?: ArrayLike<number>;
  title?: string;
  /** Same scale on both axes (default true), so the geometry is not distorted. */
  equalAxes?: boolean;
  /** Points per path after thinning (default 2000). */
  maxPoints?: number;
}

/** The loss of a 2-parameter objective as a function of (x, y), for contouring. */
export function surface(f: Objective): (x: number, y: number) => number {
  if (f.dim !== 2) throw new ArgumentError("objective.dim", f.dim, "2");
  const p = new Float64Array(2);
  return (x, y) => {
    p[0] = x;
    p[1] = y;
    return f.loss(p);
  };
}

/**
 * Keeps at most `maxPoints` of a path: every k-th point with k = ⌈(n − 1)/(maxPoints − 1)⌉,
 * plus always the last one. (A path's extremes are its ends; the stride keeps its shape.)
 */
export function thinPath(points: readonly ArrayLike<number>[], maxPoints = MAX_POINTS): ArrayLike<number>[] {
  integer("maxPoints", maxPoints, 2);
  const n = points.length;
  if (n <= maxPoints) return [...points];
  const k = Math.ceil((n - 1) / (maxPoints - 1));
  const kept: ArrayLike<number>[] = [];
  for (let i = 0; i < n - 1; i += k) kept.push(points[i]!);
  kept.push(points[n - 1]!);
  return kept;
}

/**
 * Traces of optimizer paths: for each path one line through its iterates (thinned to `maxPoints`),
 * with a dot at every iterate when it has at most 200 points (beyond that dots would hide the line);
 * then, after all the lines, one marker trace per path with its two ends, an open circle at the
 * start and a cross at the end (plotly's symbol codes 100 and 4), without a legend entry of its own
 * (it shares the line's legend group). So trace i is path i's line, and a long path costs plotly one
 * line and two markers to redraw rather than a marker per iterate.
 */
export function pathTraces(paths: readonly Path[], maxPoints = MAX_POINTS): Trace[] {
  const lines: Trace[] = [];
  const ends: Trace[] = [];
  paths.forEach((p, i) => {
    if (p.points.length === 0) throw new ArgumentError(`paths[${i}].points.length`, 0, "at least one point");
    const pts = thinPath(p.points, maxPoints);
    const x = pts.map((q) => q[0]!);
    const y = pts.map((q) => q[1]!);
    const color = seriesColor(i);
    const dots = pts.length <= 200;
    lines.push({
      type: "scatter",
      mode: dots ? "lines+markers" : "lines",
      name: p.name,
      legendgroup: p.name,
      x,
      y,
      line: { color, width: 2 },
      ...(dots ? { marker: { color, size: 4 } } : {}),
    });
    ends.push({
      type: "scatter",
      mode: "markers",
      name: `${p.name}: start, end`,
      legendgroup: p.name,
      showlegend: false,
      x: [x[0]!, x[x.length - 1]!],
      y: [y[0]!, y[y.length - 1]!],
      marker: { color, size: 10, symbol: [100, 4] },
    });
  });
  return [...lines, ...ends];
}

/**
 * Optimizer paths drawn over the level sets of f (scatter lines by marching squares; the basic
 * plotly bundle has no contour trace). `f` is a function of (x, y) or a 2-parameter objective.
 */
export function trajectoryFigure(
  f: ((x: number, y: number) => number) | Objective,
  paths: readonly Path[],
  o: TrajectoryOptions,
): Figure {
  const fn = typeof f === "function" ? f : surface(f);
  const grid = sampleGrid(fn, o.xRange, o.yRange, o.resolution ?? 100);
  const levels = Array.isArray(o.levels) ? [...o.levels] : quantileLevels(grid, (o.levels as number | undefined) ?? 12);
  const optimum = o.optimum ?? (typeof f === "function" ? undefined : f.minimizer);
  const data: Trace[] = [...contourTraces(grid, levels), ...pathTraces(paths, o.maxPoints ?? MAX_POINTS)];
  if (optimum) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "optimum",
      x: [optimum[0]!],
      y: [optimum[1]!],
      marker: { symbol: "star", size: 14, color: "#000000" },
    });
  }
  return {
    data,
    layout: {
      title: { text: o.title ?? (typeof f === "function" ? "Optimizer paths" : f.name) },
      xaxis: { range: [...o.xRange], title: { text: "x₁" }, constrain: "domain" },
      yaxis: {
        range: [...o.yRange],
        title: { text: "x₂" },
        ...((o.equalAxes ?? true) ? { scaleanchor: "x" as const, scaleratio: 1, constrain: "domain" as const } : {}),
      },
      margin: { t: 50 },
    },
  };
}
