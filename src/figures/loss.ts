/** Loss curves: the raw series faint, the TensorBoard-smoothed series on top. */
import { ArgumentError, inRange } from "../validate";
import { downsample, MAX_POINTS } from "./downsample";
import { seriesColor, type Figure, type Trace } from "./figure";
import { emaSmooth } from "./smooth";

/** One loss series; `x` defaults to 0, 1, 2, … (the step). */
export interface LossSeries {
  name: string;
  values: ArrayLike<number>;
  x?: ArrayLike<number>;
}

/** Options of `lossFigure`. */
export interface LossFigureOptions {
  /** EMA weight of `emaSmooth` in [0, 1) (default 0.6, TensorBoard's default); 0 draws the raw curves only. */
  smoothing?: number;
  /** Logarithmic loss axis (default false). */
  logY?: boolean;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Points per curve after downsampling (default 2000). */
  maxPoints?: number;
}

/**
 * Loss curves of several runs. Each series is smoothed on the full data, then each curve is
 * downsampled (min–max buckets, so spikes survive). The raw curve (faint) and the smoothed curve
 * share a colour and a legend entry.
 */
export function lossFigure(series: readonly LossSeries[], o: LossFigureOptions = {}): Figure {
  if (series.length === 0) throw new ArgumentError("series", [], "at least one series");
  const w = inRange("smoothing", o.smoothing ?? 0.6, 0, 1, { hi: true });
  const maxPoints = o.maxPoints ?? MAX_POINTS;
  const data: Trace[] = [];
  series.forEach((s, i) => {
    const x = s.x ?? Float64Array.from({ length: s.values.length }, (_, k) => k);
    if (x.length !== s.values.length) throw new ArgumentError(`series[${i}].x.length`, x.length, `values.length = ${s.values.length}`);
    const color = seriesColor(i);
    const raw = downsample(x, s.values, maxPoints);
    data.push({
      type: "scatter",
      mode: "lines",
      name: s.name,
      ...raw,
      legendgroup: s.name,
      showlegend: w === 0,
      opacity: w === 0 ? 1 : 0.3,
      line: { color, width: 1 },
    });
    if (w > 0) {
      const smooth = downsample(x, emaSmooth(s.values, w), maxPoints);
      data.push({ type: "scatter", mode: "lines", name: s.name, ...smooth, legendgroup: s.name, line: { color, width: 2 } });
    }
  });
  return {
    data,
    layout: {
      title: { text: o.title ?? "Loss" },
      xaxis: { title: { text: o.xTitle ?? "step" } },
      yaxis: { title: { text: o.yTitle ?? "loss" }, type: o.logY ? "log" : "linear" },
      margin: { t: 50 },
    },
  };
}
