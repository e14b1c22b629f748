// Small plotly trace builders shared by the lesson notebooks' hand-made figures.
import type { ScatterLine } from "plotly.js";
import { seriesColor, type Trace } from "../src/figures/index";

/**
 * A line trace named `name` through the points (x[i], y[i]), in series colour `i`; `extra` adds
 * plotly line options (width, dash, or another colour).
 */
export function line(name: string, x: ArrayLike<number>, y: ArrayLike<number>, i: number, extra: Partial<ScatterLine> = {}): Trace {
  return { type: "scatter", mode: "lines", name, x: Array.from(x), y: Array.from(y), line: { color: seriesColor(i), ...extra } };
}
