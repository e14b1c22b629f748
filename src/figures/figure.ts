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
}

/** plotly's default qualitative palette (D3 category10); series i gets `palette[i % 10]`. */
export const palette = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

/** The colour of series `i`. */
export function seriesColor(i: number): string {
  return palette[i % palette.length]!;
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
