// Figure text and axes that plotly would get wrong. plotly renders a small HTML subset (<sub>,
// <sup>, <b>, <i>, <br>) and no TeX in the basic bundle, so "λ_max", "x^2" or "\eta" in a title,
// axis title, legend entry, annotation or slider label appear verbatim; and an axis left at
// plotly's default exponent format labels 10⁻⁴ as "100μ". `show` reports the first kind and
// fixes the second.

/**
 * Keys whose string values plotly displays (titles, trace names, labels, hover and tick text);
 * also the last part of a dotted key ("title.text" in a slider's relayout arguments).
 */
const SHOWN = new Set(["text", "name", "label", "title", "prefix", "suffix", "hovertemplate", "texttemplate", "ticktext", "tickprefix", "ticksuffix"]);

/**
 * The first raw sub/superscript or TeX markup in `s`, or null: an `_` or `^` between a character
 * and a letter, digit, sign, bracket or ‖ ("λ_max", "β^t", "10^-4", "x_{t}"), outside <sub>…</sub>
 * and <sup>…</sup>; or a TeX command ("\eta"). A code identifier in snake case ("exp_range",
 * "trust_clip": lower-case ASCII words of two letters or more) is left alone.
 */
export function rawMarkup(s: string): string | null {
  const outside = s
    .replace(/<(sub|sup)>.*?<\/\1>/gis, " ")
    .replace(/(?<![\p{L}\p{N}_])[a-z][a-z0-9]+(?:_[a-z][a-z0-9]+)+(?![\p{L}\p{N}_])/gu, " ");
  const script = /\S[_^][\p{L}\p{N}{(+\-−‖|]/u.exec(outside);
  if (script) return script[0];
  const tex = /\\[A-Za-z]+/.exec(outside);
  return tex ? tex[0] : null;
}

/**
 * Every displayed string of a figure (data, layout and frames, walked in full, including slider
 * and button arguments) that contains raw markup, as "path: text"; and every cartesian axis a
 * trace draws on that has no title, as "layout.xaxis2: no axis title". Empty when the figure is
 * clean.
 */
export function figureTextProblems(fig: unknown): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string, shown: boolean): void => {
    if (typeof value === "string") {
      const bad = shown ? rawMarkup(value) : null;
      if (bad !== null) problems.push(`${path}: "${value}" (raw "${bad}": use <sub>…</sub> or <sup>…</sup>)`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, shown));
    } else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key, SHOWN.has(key.split(".").pop()!) || (shown && key !== "font"));
    }
  };
  visit(fig, "", false);
  const layout = ((fig as { layout?: Record<string, unknown> }).layout ?? {}) as Record<string, unknown>;
  for (const axis of cartesianAxes(fig)) {
    const title = (layout[axis] as { title?: unknown } | undefined)?.title;
    const text = typeof title === "string" ? title : (title as { text?: unknown } | undefined)?.text;
    if (typeof text !== "string" || text.trim() === "") problems.push(`layout.${axis}: no axis title`);
  }
  return problems;
}

/** Trace types drawn on x/y axes (the basic bundle's cartesian types). */
const CARTESIAN = new Set(["scatter", "bar", "histogram", "scattergl", "box", "violin", "heatmap", "contour"]);

/** The layout keys ("xaxis", "yaxis2", …) of the axes the figure's cartesian traces use, in order. */
export function cartesianAxes(fig: unknown): string[] {
  const data = ((fig as { data?: unknown[] }).data ?? []) as { type?: string; xaxis?: string; yaxis?: string }[];
  const axes = new Set<string>();
  for (const trace of data) {
    if (!CARTESIAN.has(trace.type ?? "scatter")) continue;
    axes.add(`xaxis${(trace.xaxis ?? "x").slice(1)}`);
    axes.add(`yaxis${(trace.yaxis ?? "y").slice(1)}`);
  }
  return [...axes];
}

/**
 * The layout with every x/y axis that sets neither `exponentformat` nor `tickformat` given
 * exponentformat "power" (10⁻⁴ rather than plotly's default SI-style "100μ", which reads as a
 * unit on a dimensionless quantity). Returns a new layout; the input is not changed.
 */
export function withPowerExponents<L extends Record<string, unknown>>(layout: L, axes: readonly string[] = []): L {
  const out: Record<string, unknown> = { ...layout };
  const keys = new Set([...axes, ...Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k))]);
  for (const key of keys) {
    const axis = (out[key] ?? {}) as Record<string, unknown>;
    if (axis.exponentformat === undefined && axis.tickformat === undefined) out[key] = { ...axis, exponentformat: "power" };
  }
  return out as L;
}
