/**
 * The figure type: a plotly spec as plain JSON data, built in Node and drawn by the notebook's
 * `show`. Trace arrays are plain arrays (typed arrays would not survive `JSON.stringify`).
 */
import type { Layout, PlotData } from "plotly.js";
import type { Phase } from "../schedules/schedule";

/** One plotly trace. */
export type Trace = Partial<PlotData>;

/** A plotly figure: traces and layout, JSON-serializable. */
export interface Figure {
  data: Trace[];
  layout: Partial<Layout>;
  /**
   * The key feature the lesson points at, as one sentence written from the figure's data
   * ("The cosine schedule falls from 0.1 to 0 over 1000 steps; the loss reaches 0.02."): the
   * first part of the figure's text alternative (`describeFigure`). Not drawn; plotly never sees it.
   */
  keyFeature?: string;
}

/**
 * The course's qualitative palette: the colour-blind-safe set of Okabe and Ito ("Color Universal
 * Design", 2008; the hex values as printed by B. Wong, "Points of view: Color blindness", Nature
 * Methods 8, 441, 2011) without its yellow (#F0E442, 1.3 : 1 on white), with its orange (#E69F00,
 * 2.2 : 1) and sky blue (#56B4E9, 2.3 : 1) replaced by a brown and a deeper blue: of the colours on
 * an sRGB grid of step 4 with 3 : 1 contrast, the pair nearest to those two (CIEDE2000) that keeps
 * every pair of the eight at least 11 apart in all four visions below (#E69F00 darkened to 3 : 1,
 * #C68800, is 4.8 from the vermillion under deuteranopia). Plus a dark grey for reference lines. Every colour has at least
 * 3 : 1 contrast on white (WCAG 2.1, 1.4.11), and any two colours stay apart (CIEDE2000 ≥ 10)
 * in normal vision and under simulated protanopia, deuteranopia and tritanopia
 * (test/figures/palette.test.ts). Series i gets `palette[i % 8]` and, so that colour is never the
 * only difference, `seriesDash(i)` and `seriesSymbol(i)`.
 */
export const palette = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#000000", // black
  "#886C48", // brown (in place of Okabe–Ito's orange, which is 2.2 : 1 on white)
  "#0098FC", // azure (in place of Okabe–Ito's sky blue, which is 2.3 : 1 on white)
  "#666666", // dark grey
] as const;

/** Line dash of series i (plotly `line.dash`), one per palette colour. */
export const seriesDashes = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "8px,3px,2px,3px,2px,3px", "2px,6px"] as const;

/** Marker symbol of series i (plotly `marker.symbol`), one per palette colour. */
export const seriesSymbols = ["circle", "square", "diamond", "triangle-up", "x", "cross", "triangle-down", "star"] as const;

/** The colour of series `i`. */
export function seriesColor(i: number): string {
  return palette[((i % palette.length) + palette.length) % palette.length]!;
}

/** The line dash of series `i` (solid for series 0). */
export function seriesDash(i: number): string {
  return seriesDashes[((i % seriesDashes.length) + seriesDashes.length) % seriesDashes.length]!;
}

/** The marker symbol of series `i`. */
export function seriesSymbol(i: number): string {
  return seriesSymbols[((i % seriesSymbols.length) + seriesSymbols.length) % seriesSymbols.length]!;
}

/** plotly's default palette (D3 category10), which the course used before: index i maps to palette[i]. */
const category10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** The palette index of a colour (a palette colour, or a category10 colour mapped to the same index), or -1. */
function paletteIndex(color: unknown): number {
  if (typeof color !== "string") return -1;
  const c = color.trim().toLowerCase();
  const i = palette.findIndex((p) => p.toLowerCase() === c);
  if (i >= 0) return i;
  const j = category10.indexOf(c);
  return j >= 0 && j < palette.length ? j : -1;
}

/** A colour, or an array of colours, with category10 colours replaced by the palette's. */
function recolor(color: unknown): unknown {
  if (Array.isArray(color)) return color.map(recolor);
  const i = paletteIndex(color);
  return i >= 0 && typeof color === "string" && category10.includes(color.trim().toLowerCase()) ? palette[i] : color;
}

/**
 * The figure with colour never the only difference between series: every scatter trace drawn
 * with lines that sets no `line.dash` gets the dash of its colour's palette index, and every one
 * drawn with markers that sets no `marker.symbol` gets that index's symbol; traces with no colour
 * get the next palette colour (with its dash and symbol) in order. Colours of plotly's old default
 * palette written by hand (category10, e.g. "#d62728") become the palette colour of the same
 * index. Explicit dashes, symbols and other colours are kept, and an automatic dash or symbol
 * skips one that another colour's trace sets by hand (it takes the next in the list). Returns a
 * new figure.
 */
export function withDistinctSeries<F extends { data: readonly Trace[]; layout?: Partial<Layout> }>(fig: F): F {
  // Dashes and symbols set by hand, with the colours that use them: an automatic one skips those of other colours.
  const taken = { dash: new Map<string, Set<unknown>>(), symbol: new Map<string, Set<unknown>>() };
  for (const t of fig.data as readonly Record<string, unknown>[]) {
    const line = t.line as { dash?: unknown; color?: unknown } | undefined, marker = t.marker as { symbol?: unknown; color?: unknown } | undefined;
    if (typeof line?.dash === "string") taken.dash.set(line.dash, (taken.dash.get(line.dash) ?? new Set()).add(recolor(line.color)));
    if (typeof marker?.symbol === "string") taken.symbol.set(marker.symbol, (taken.symbol.get(marker.symbol) ?? new Set()).add(recolor(marker.color)));
  }
  const pick = (kind: "dash" | "symbol", list: readonly string[], index: number, color: unknown): string => {
    for (let k = 0; k < list.length; k++) {
      const candidate = list[(index + k) % list.length]!;
      const users = taken[kind].get(candidate);
      if (!users || [...users].every((c) => c === color)) return candidate;
    }
    return list[index % list.length]!;
  };
  let next = 0;
  const data = fig.data.map((trace) => {
    const t: Record<string, unknown> = { ...(trace as Record<string, unknown>) };
    const type = (t.type as string | undefined) ?? "scatter";
    if (t.marker && typeof t.marker === "object") t.marker = { ...(t.marker as object), color: recolor((t.marker as { color?: unknown }).color) };
    if (t.line && typeof t.line === "object") t.line = { ...(t.line as object), color: recolor((t.line as { color?: unknown }).color) };
    if (type === "bar" && !(t.marker as { color?: unknown } | undefined)?.color) {
      t.marker = { ...((t.marker as object) ?? {}), color: seriesColor(next++) };
    }
    if (type !== "scatter" && type !== "scattergl") return t as Trace;
    const line = (t.line ?? {}) as Record<string, unknown>;
    const marker = (t.marker ?? {}) as Record<string, unknown>;
    const mode = (t.mode as string | undefined) ?? "lines+markers";
    let index = paletteIndex(line.color ?? marker.color);
    if (index < 0 && line.color === undefined && marker.color === undefined) {
      index = next++ % palette.length;
      if (mode.includes("lines")) line.color = palette[index];
      if (mode.includes("markers")) marker.color = palette[index];
    }
    if (index >= 0) {
      if (mode.includes("lines") && line.dash === undefined) line.dash = pick("dash", seriesDashes, index, line.color);
      if (mode.includes("markers") && marker.symbol === undefined) marker.symbol = pick("symbol", seriesSymbols, index, marker.color);
    }
    if (mode.includes("lines")) t.line = line;
    if (mode.includes("markers")) t.marker = marker;
    return t as Trace;
  });
  return { ...fig, data };
}

/** The shading colour of each schedule phase. */
export const phaseColors: Record<Phase, string> = {
  constant: "#9e9e9e",
  warmup: "#ff9800",
  stable: "#4caf50",
  decay: "#2196f3",
  anneal: "#3f51b5",
  restart: "#e91e63",
  increase: "#ffc107",
  cooldown: "#00bcd4",
  rewind: "#9c27b0",
  plateau: "#795548",
};

/** A plain array copy of numbers (typed arrays serialize to objects, not arrays). */
export function plain(v: ArrayLike<number>): number[] {
  return Array.from(v);
}
