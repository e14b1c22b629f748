/**
 * A figure's text alternative, written from its data: the key feature the lesson points at (the
 * figure's `keyFeature`, first), what is plotted, the axes and their ranges, and each series'
 * shape (start, turning points, end). The notebooks' `show` and live
 * figures put it on the figure (role="img", aria-label) and announce it after a live change; it
 * runs in the kernel and, from the library bundle, in the page.
 */
import type { Figure } from "./figure";

/** A figure's text alternative in parts; `text` joins them. */
export interface FigureDescription {
  /** The figure's key feature as a sentence (ending in ".", "!" or "?"), or "" when it has none. */
  keyFeature: string;
  /** "Line chart", "Scatter plot", "Bar chart", "Heatmap" or "Chart". */
  kind: string;
  /** The title as plain text ("" when the figure has none). */
  title: string;
  /** One entry per axis: "x step 0–400". */
  axes: string[];
  /** One entry per series: "cosine: falls from 0.1 at step 0 to 0 at step 999". */
  series: string[];
  /** The whole: `Key feature. Line chart 'title': x …, y …; series; series.` */
  text: string;
}

/** Options of `describeFigure`. */
export interface DescribeOptions {
  /** Series described one by one before the rest are counted (default 8). */
  maxSeries?: number;
}

type AnyTrace = Record<string, unknown> & { type?: string; name?: string; mode?: string; x?: unknown; y?: unknown; z?: unknown };

/** Text plotly would render from its HTML subset, as plain text: tags dropped, <br> a space, entities decoded. */
export function plainText(s: unknown): string {
  if (typeof s !== "string") return "";
  return s
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A number for reading aloud: 3 significant digits, trailing zeros dropped; whole numbers up to
 * 10⁶ written out ("400", "1000"); below 10⁻³ or from 10⁶ in e-notation ("1e-4", "2.5e+6").
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) {
    if (Number.isInteger(v)) return String(v);
    const p = Number(v.toPrecision(3));
    return Math.abs(p) >= 1e6 ? formatNumber(p) : String(p);
  }
  const [m, e] = v.toExponential(2).split("e");
  return `${String(Number(m))}e${e}`;
}

const titleOf = (t: unknown): string => plainText(typeof t === "string" ? t : (t as { text?: unknown } | undefined)?.text);

const shown = (t: AnyTrace): boolean => t.visible !== false && t.visible !== "legendonly";

/** The trace's values along one coordinate as numbers (null for a gap or a non-number), or null for categories. */
function numbers(v: unknown): (number | null)[] | null {
  if (!v || typeof v !== "object" || typeof (v as ArrayLike<unknown>).length !== "number") return [];
  const out: (number | null)[] = [];
  for (const item of Array.from(v as ArrayLike<unknown>)) {
    if (typeof item === "string" && item !== "" && !Number.isFinite(Number(item))) return null;
    out.push(item === null || item === undefined || item === "" ? null : Number.isFinite(Number(item)) ? Number(item) : null);
  }
  return out;
}

function extent(values: Iterable<number | null>): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v !== null && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo <= hi ? [lo, hi] : null;
}

/** "0–400", or "−5 to 5" when a bound is negative (a dash after a minus sign reads badly). */
const range = (r: [number, number]): string =>
  r[0] === r[1] ? formatNumber(r[0]) : r[0] < 0 || r[1] < 0 ? `${formatNumber(r[0])} to ${formatNumber(r[1])}` : `${formatNumber(r[0])}–${formatNumber(r[1])}`;

/** The y values of a function-like series (x non-decreasing), as its shape: "falls from 0.1 at step 0 to 0 at step 999". */
function shapeOf(xs: (number | null)[], ys: (number | null)[], xWord: string): string {
  const pts: [number, number][] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i], y = ys[i];
    if (x !== null && y !== null && x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) pts.push([x, y]);
  }
  const missing = Math.min(xs.length, ys.length) - pts.length;
  const note = missing > 0 ? ` (${missing} of ${Math.min(xs.length, ys.length)} values not finite)` : "";
  if (pts.length === 0) return `no finite values${note}`;
  const at = (p: [number, number]) => `${formatNumber(p[1])} at ${xWord}${formatNumber(p[0])}`;
  if (pts.length === 1) return `one point, ${at(pts[0]!)}${note}`;
  let iMax = 0, iMin = 0;
  pts.forEach((p, i) => { if (p[1] > pts[iMax]![1]) iMax = i; if (p[1] < pts[iMin]![1]) iMin = i; });
  const lo = pts[iMin]![1], hi = pts[iMax]![1];
  if (hi - lo <= 1e-12 * Math.max(Math.abs(hi), Math.abs(lo))) return `${formatNumber(hi)} throughout${note}`;
  const first = pts[0]!;
  // Inside turning points, unless one reads the same (3 digits) as the point before or after it.
  const same = (i: number, j: number) => formatNumber(pts[i]![1]) === formatNumber(pts[j]![1]);
  const turns = [...new Set([iMax, iMin])].filter((i) => i > 0 && i < pts.length - 1).sort((a, b) => a - b);
  const stops = [0];
  for (const i of turns) if (!same(i, stops[stops.length - 1]!) && !same(i, pts.length - 1)) stops.push(i);
  stops.push(pts.length - 1);
  const parts: string[] = [];
  for (let k = 1; k < stops.length; k++) {
    const from = pts[stops[k - 1]!]!, to = pts[stops[k]!]!;
    const verb = same(stops[k - 1]!, stops[k]!) ? "stays" : to[1] > from[1] ? "rises" : "falls";
    parts.push(k === 1 && stops.length === 2 ? `${verb} from ${at(from)} to ${at(to)}` : `${verb} to ${at(to)}`);
  }
  const start = stops.length > 2 ? `starts at ${at(first)}, ` : "";
  return `${start}${parts.join(", ")}${note}`;
}

/** One series: its name and what its data does. */
function describeTrace(t: AnyTrace, xWord: string): string {
  const type = t.type ?? "scatter";
  const name = plainText(t.name) || "unnamed series";
  if (t.z !== undefined && (type === "heatmap" || type === "contour")) {
    const z = extent(Array.from((t.z as unknown[][]) ?? []).flatMap((row) => numbers(row) ?? []));
    return `${name}: values ${z ? range(z) : "not finite"}`;
  }
  const xsNum = numbers(t.x), ys = numbers(t.y);
  if (type === "bar" || xsNum === null) {
    const labels = Array.from((t.x as ArrayLike<unknown>) ?? []).map((v) => (typeof v === "number" ? formatNumber(v) : plainText(String(v))));
    const vals = ys ?? [];
    const items = labels.slice(0, 8).map((l, i) => `${l} ${vals[i] === null || vals[i] === undefined ? "no value" : formatNumber(vals[i]!)}`);
    const more = labels.length > 8 ? `, and ${labels.length - 8} more` : "";
    return `${name}: ${type === "bar" ? "bars " : ""}${items.join(", ")}${more}`;
  }
  const xs = xsNum.length > 0 ? xsNum : (ys ?? []).map((_, i) => i);
  const mode = t.mode ?? "lines+markers";
  const finiteXs = xs.filter((v): v is number => v !== null);
  const ordered = finiteXs.every((v, i) => i === 0 || v >= finiteXs[i - 1]!);
  if (!mode.includes("lines") && xs.length <= 6) {
    const pts = xs.map((x, i) => `(${x === null ? "gap" : formatNumber(x)}, ${ys?.[i] === null || ys?.[i] === undefined ? "gap" : formatNumber(ys[i]!)})`);
    return `${name}: ${pts.length === 1 ? "point" : "points"} ${pts.join(", ")}`;
  }
  if (!ordered) {
    const pairs = xs.map((x, i) => [x, ys?.[i] ?? null] as const).filter(([x, y]) => x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y));
    if (pairs.length === 0) return `${name}: no finite values`;
    const p0 = pairs[0]!, p1 = pairs[pairs.length - 1]!;
    const xe = extent(pairs.map((p) => p[0])), ye = extent(pairs.map((p) => p[1]));
    return `${name}: path of ${pairs.length} points from (${formatNumber(p0[0]!)}, ${formatNumber(p0[1]!)}) to (${formatNumber(p1[0]!)}, ${formatNumber(p1[1]!)}), x ${range(xe!)}, y ${range(ye!)}`;
  }
  return `${name}: ${shapeOf(xs, ys ?? [], xWord)}`;
}

/**
 * A key-feature text as the sentence that opens a figure's description: whitespace collapsed
 * and trimmed, and a full stop added unless it ends in ".", "!" or "?". "" for no key feature
 * (undefined). Throws a TypeError for anything else but a string with a visible character.
 */
export function keyFeatureSentence(keyFeature: unknown): string {
  if (keyFeature === undefined) return "";
  if (typeof keyFeature !== "string" || keyFeature.trim() === "") {
    throw new TypeError(`keyFeature must be a non-empty sentence about the figure's data (got ${JSON.stringify(keyFeature)})`);
  }
  const s = keyFeature.replace(/\s+/g, " ").trim();
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * The text alternative of a plotly figure, from its data: first its key feature (the lesson's
 * point, `fig.keyFeature`, as a sentence) if it has one; then the kind of chart and its title; each
 * cartesian axis with its title and range (the layout's range if set — a log axis's given in
 * powers of ten — else the visible data's); and each visible series with a legend entry: a
 * line's start, its highest and lowest points when they are inside, and its end ("warmup +
 * cosine: starts at 0 at step 0, rises to 0.5 at step 20, falls to 0 at step 400"), a constant
 * line's value ("0.5 throughout"), a path's ends (x not increasing), a few markers' coordinates, a
 * bar chart's bars. Traces without a legend entry that share a legend group with a described
 * series are part of it; others are counted with their first and last names ("12 more lines
 * without a legend entry: f = 0.1 … f = 40"). Hidden traces (visible false or "legendonly") are
 * left out, so a slider figure is described at its current position.
 */
export function describeFigure(fig: Pick<Figure, "data"> & { layout?: Figure["layout"]; keyFeature?: string }, o: DescribeOptions = {}): FigureDescription {
  const keyFeature = keyFeatureSentence(fig.keyFeature);
  const maxSeries = Math.max(1, Math.floor(o.maxSeries ?? 8));
  const layout = (fig.layout ?? {}) as Record<string, unknown>;
  const traces = ((fig.data ?? []) as AnyTrace[]).filter(shown);
  const title = titleOf(layout.title);

  // Axes: those the visible traces draw on, in order of first use.
  const axes: string[] = [];
  const used: { key: string; letter: "x" | "y"; traces: AnyTrace[] }[] = [];
  for (const t of traces) {
    if ((t.type ?? "scatter") === "pie") continue;
    for (const letter of ["x", "y"] as const) {
      const ref = String(t[`${letter}axis`] ?? letter);
      const key = `${letter}axis${ref.slice(1)}`;
      let entry = used.find((u) => u.key === key);
      if (!entry) used.push((entry = { key, letter, traces: [] }));
      entry.traces.push(t);
    }
  }
  const axisWord: Record<string, string> = {};
  for (const u of used) {
    const spec = (layout[u.key] ?? {}) as { title?: unknown; range?: unknown; type?: string };
    const name = titleOf(spec.title);
    const log = spec.type === "log";
    let r: [number, number] | null = null;
    let categories: string[] | null = null;
    if (Array.isArray(spec.range) && spec.range.length === 2 && spec.range.every((v) => typeof v === "number" && Number.isFinite(v))) {
      const [a, b] = spec.range as number[];
      r = log ? [10 ** a!, 10 ** b!] : [a!, b!];
    } else {
      const values: (number | null)[] = [];
      for (const t of u.traces) {
        const v = numbers(t[u.letter]);
        if (v === null) categories = [...new Set([...(categories ?? []), ...Array.from(t[u.letter] as ArrayLike<unknown>).map((c) => plainText(String(c)))])];
        else values.push(...(v.length > 0 ? v : u.letter === "x" ? (numbers(t.y) ?? []).map((_, i) => i) : []));
        if (t.z !== undefined && u.letter === "y" && (t.y === undefined)) values.push(...Array.from((t.z as unknown[]) ?? []).map((_, i) => i));
        // Bars are drawn from 0: their value axis spans 0 too.
        if (t.type === "bar" && u.letter === (t.orientation === "h" ? "x" : "y") && !log) values.push(0);
      }
      r = extent(values.filter((v) => !log || (v !== null && v > 0)));
    }
    const label = `${u.key.startsWith("x") ? "x" : "y"}${u.key.slice(5)}`;
    const what = categories !== null && r === null
      ? `categories ${categories.slice(0, 8).join(", ")}${categories.length > 8 ? `, and ${categories.length - 8} more` : ""}`
      : r ? `${range(r)}${log ? " (log scale)" : ""}` : "no data";
    axes.push(`${label}${name ? ` ${name}` : ""} ${what}`);
    axisWord[u.key] = name;
  }

  // Series: traces with a legend entry, and loose traces without one.
  const groupsDescribed = new Set<string>();
  const described: AnyTrace[] = [];
  const loose: AnyTrace[] = [];
  for (const t of traces) {
    if (t.showlegend === false) loose.push(t);
    else {
      described.push(t);
      if (typeof t.legendgroup === "string") groupsDescribed.add(t.legendgroup);
    }
  }
  const others = loose.filter((t) => !(typeof t.legendgroup === "string" && groupsDescribed.has(t.legendgroup)));
  // A figure whose traces all lack a legend entry (one line, legend hidden) describes them as series.
  const main = described.length > 0 ? described : others.splice(0, others.length);
  const series: string[] = [];
  for (const t of main.slice(0, maxSeries)) {
    const xKey = `xaxis${String(t.xaxis ?? "x").slice(1)}`;
    // The x axis's title names a point ("at step 20"), without parentheses, if it is short.
    const short = (axisWord[xKey] ?? "").replace(/\s*\([^)]*\)/g, "").trim();
    const word = short !== "" && short.length <= 24 ? `${short} ` : "x = ";
    series.push(describeTrace(t, word));
  }
  if (main.length > maxSeries) series.push(`and ${main.length - maxSeries} more series`);
  if (others.length > 0) {
    const names = others.map((t) => plainText(t.name)).filter((n) => n !== "");
    const span = names.length === 0 ? "" : names.length === 1 ? `: ${names[0]}` : `: ${names[0]} … ${names[names.length - 1]}`;
    series.push(`${others.length} ${others.length === 1 ? "line" : "lines"} without a legend entry${span}`);
  }

  const types = new Set(main.map((t) => {
    const type = t.type ?? "scatter";
    if (type === "scatter" || type === "scattergl") return (t.mode ?? "lines+markers").includes("lines") ? "line" : "scatter";
    return type;
  }));
  const kind = types.size !== 1 ? "Chart"
    : types.has("line") ? "Line chart"
    : types.has("scatter") ? "Scatter plot"
    : types.has("bar") ? "Bar chart"
    : types.has("heatmap") ? "Heatmap"
    : types.has("histogram") ? "Histogram"
    : "Chart";
  const head = title ? `${kind} '${title}'` : kind;
  const chart = `${head}${axes.length > 0 ? `: ${axes.join(", ")}` : ""}${series.length > 0 ? `; ${series.join("; ")}` : ""}.`;
  return { keyFeature, kind, title, axes, series, text: keyFeature ? `${keyFeature} ${chart}` : chart };
}
