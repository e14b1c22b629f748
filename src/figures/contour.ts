/**
 * Level sets by marching squares, drawn as scatter lines: the course ships
 * plotly.js-basic-dist-min, which has no contour trace.
 */
import { ArgumentError, finite, integer } from "../validate";
import type { Trace } from "./figure";

/** A function sampled on a rectangular grid: `values[j * xs.length + i] = f(xs[i], ys[j])`. */
export interface Grid {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly values: Float64Array;
}

/** Samples f on an nx × ny grid spanning [x0, x1] × [y0, y1] (endpoints included). */
export function sampleGrid(
  f: (x: number, y: number) => number,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  nx = 100,
  ny = nx,
): Grid {
  const xs = linspace("xRange", xRange, integer("nx", nx, 2));
  const ys = linspace("yRange", yRange, integer("ny", ny, 2));
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = f(xs[i]!, ys[j]!);
  return { xs, ys, values };
}

function linspace(name: string, [a, b]: readonly [number, number], n: number): Float64Array {
  finite(`${name}[0]`, a);
  if (!(finite(`${name}[1]`, b) > a)) throw new ArgumentError(`${name}[1]`, b, `a number > ${name}[0] = ${a}`);
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** Polylines as plotly wants them: coordinates with `null` between separate pieces. */
export interface Polylines {
  x: (number | null)[];
  y: (number | null)[];
}

/**
 * The level set {f = level} of a sampled function, by marching squares: on every cell edge whose
 * ends lie on opposite sides (a corner is "above" when its value > level) the crossing is placed
 * by linear interpolation; each cell joins its crossings into segments (a saddle cell, with four
 * crossings, is resolved by the value at the cell centre, taken as the mean of its corners), and
 * segments sharing an edge crossing are chained into polylines. A closed curve comes back to its
 * first point. Cells with a non-finite corner are skipped.
 */
export function isoline(grid: Grid, level: number): Polylines {
  finite("level", level);
  const { xs, ys, values } = grid;
  const nx = xs.length;
  const ny = ys.length;
  if (values.length !== nx * ny) throw new ArgumentError("grid.values.length", values.length, `nx × ny = ${nx * ny}`);
  const v = (i: number, j: number) => values[j * nx + i]!;
  // Edge ids: the horizontal edge from (i, j) to (i+1, j) is 2(j·nx + i), the vertical edge
  // from (i, j) to (i, j+1) is 2(j·nx + i) + 1.
  const hEdge = (i: number, j: number) => 2 * (j * nx + i);
  const vEdge = (i: number, j: number) => 2 * (j * nx + i) + 1;
  const point = new Map<number, [number, number]>();
  const crossing = (id: number, ia: number, ja: number, ib: number, jb: number) => {
    if (!point.has(id)) {
      const a = v(ia, ja);
      const t = (level - a) / (v(ib, jb) - a);
      point.set(id, [xs[ia]! + t * (xs[ib]! - xs[ia]!), ys[ja]! + t * (ys[jb]! - ys[ja]!)]);
    }
    return id;
  };
  const segments: [number, number][] = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      // Corners counter-clockwise from bottom-left; edge k joins corner k to corner k+1.
      const c = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1)];
      if (!c.every(Number.isFinite)) continue;
      const above = c.map((x) => x > level);
      const edges: (number | undefined)[] = [
        above[0] !== above[1] ? crossing(hEdge(i, j), i, j, i + 1, j) : undefined,
        above[1] !== above[2] ? crossing(vEdge(i + 1, j), i + 1, j, i + 1, j + 1) : undefined,
        above[2] !== above[3] ? crossing(hEdge(i, j + 1), i, j + 1, i + 1, j + 1) : undefined,
        above[3] !== above[0] ? crossing(vEdge(i, j), i, j, i, j + 1) : undefined,
      ];
      const crossed = edges.filter((e): e is number => e !== undefined);
      if (crossed.length === 2) segments.push([crossed[0]!, crossed[1]!]);
      else if (crossed.length === 4) {
        const centerAbove = (c[0]! + c[1]! + c[2]! + c[3]!) / 4 > level;
        if (centerAbove === above[0]) {
          // corners 0 and 2 connect through the centre: cut off corners 1 and 3
          segments.push([edges[0]!, edges[1]!], [edges[2]!, edges[3]!]);
        } else {
          segments.push([edges[3]!, edges[0]!], [edges[1]!, edges[2]!]);
        }
      }
    }
  }
  return chain(segments, point);
}

/** Joins segments that share an end into polylines. */
function chain(segments: [number, number][], point: Map<number, [number, number]>): Polylines {
  const at = new Map<number, number[]>();
  segments.forEach(([a, b], s) => {
    for (const e of [a, b]) {
      const list = at.get(e);
      if (list) list.push(s);
      else at.set(e, [s]);
    }
  });
  const used = new Uint8Array(segments.length);
  const follow = (from: number): number[] => {
    const path: number[] = [];
    let e = from;
    for (;;) {
      const s = at.get(e)!.find((k) => !used[k]);
      if (s === undefined) return path;
      used[s] = 1;
      const [a, b] = segments[s]!;
      e = a === e ? b : a;
      path.push(e);
    }
  };
  const out: Polylines = { x: [], y: [] };
  for (let s = 0; s < segments.length; s++) {
    if (used[s]) continue;
    used[s] = 1;
    const [a, b] = segments[s]!;
    const forward = follow(b);
    const closed = forward[forward.length - 1] === a;
    const backward = closed ? [] : follow(a);
    const ids = [...backward.reverse(), a, b, ...forward];
    if (out.x.length > 0) {
      out.x.push(null);
      out.y.push(null);
    }
    for (const id of ids) {
      const [x, y] = point.get(id)!;
      out.x.push(x);
      out.y.push(y);
    }
  }
  return out;
}

/**
 * `count` contour levels at the quantiles ((i + ½)/count)² of the grid's finite values. Quantiles
 * put levels where the function spends its area, whatever its scale; squaring them crowds the
 * levels toward the low end, where optimizer paths end (Rosenbrock's valley floor).
 */
export function quantileLevels(grid: Grid, count: number): number[] {
  integer("count", count, 1);
  const sorted = Float64Array.from(grid.values.filter(Number.isFinite)).sort();
  if (sorted.length === 0) throw new ArgumentError("grid.values", "no finite value", "at least one finite value");
  const levels = Array.from({ length: count }, (_, i) => sorted[Math.floor(((i + 0.5) / count) ** 2 * sorted.length)]!);
  return [...new Set(levels)];
}

/** Viridis stops, for colouring levels from low (dark) to high (yellow). */
const viridis = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

/** The viridis colour at t ∈ [0, 1] (nearest of five stops). */
export function levelColor(t: number): string {
  return viridis[Math.round(Math.min(1, Math.max(0, t)) * (viridis.length - 1))]!;
}

/**
 * One thin line trace per level (no legend entry; hover shows the level). Coordinates are rounded
 * to 4 significant digits, far below a pixel, which halves the size of the spec.
 */
export function contourTraces(grid: Grid, levels: readonly number[]): Trace[] {
  const round = (v: number | null) => (v === null ? null : Number(v.toPrecision(4)));
  return levels.map((level, k) => {
    const { x, y } = isoline(grid, level);
    return {
      type: "scatter",
      mode: "lines",
      x: x.map(round),
      y: y.map(round),
      line: { width: 1, color: levelColor(levels.length === 1 ? 0 : k / (levels.length - 1)) },
      name: `f = ${Number(level.toPrecision(3))}`,
      hoverinfo: "name",
      showlegend: false,
    };
  });
}
