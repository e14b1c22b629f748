// Small plotly trace builders shared by the lesson notebooks' hand-made figures.
import type { ScatterLine } from "plotly.js";
import { seriesColor, type Trace } from "../src/figures/index";

/**
 * A line trace named `name` through the points (x[i], y[i]), in series colour `i`; `extra` adds
 * plotly line options (width, dash, or another colour). Without a dash of its own it is drawn
 * with its colour's dash (`seriesDash(i)`) by `show` and `live` (`withDistinctSeries`), which then
 * also skips a dash another series sets by hand.
 */
export function line(name: string, x: ArrayLike<number>, y: ArrayLike<number>, i: number, extra: Partial<ScatterLine> = {}): Trace {
  return { type: "scatter", mode: "lines", name, x: Array.from(x), y: Array.from(y), line: { color: seriesColor(i), ...extra } };
}
