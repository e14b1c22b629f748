/**
 * Interactive parameter exploration without widgets (tslab has no comm channel): every value's
 * traces are precomputed and a plotly slider switches which group is visible.
 */
import type { Layout, Slider } from "plotly.js";
import { ArgumentError, integer } from "../validate";
import type { Figure, Trace } from "./figure";

/** The traces drawn for one slider position. */
export interface SliderGroup {
  /** The slider tick label, e.g. "η = 0.1". */
  label: string;
  traces: Trace[];
  /** A figure title for this position (the slider then uses plotly's "update" method). */
  title?: string;
}

/** Options of `sliderFigure`. */
export interface SliderFigureOptions {
  /** Traces shown at every position (e.g. contour lines), drawn first. */
  fixed?: Trace[];
  /** Text before the current value, e.g. "learning rate: ". */
  prefix?: string;
  /** The initially selected group (default 0). */
  active?: number;
  layout?: Partial<Layout>;
}

/**
 * A figure whose slider selects one trace group. `data` is the fixed traces followed by every
 * group's traces; step k of `layout.sliders[0]` sets `visible` to true exactly on the fixed
 * traces and group k's (plotly "restyle", or "update" when groups carry titles, which also sets
 * the title).
 */
export function sliderFigure(groups: readonly SliderGroup[], o: SliderFigureOptions = {}): Figure {
  if (groups.length === 0) throw new ArgumentError("groups", [], "at least one group");
  const active = integer("active", o.active ?? 0, 0, groups.length - 1);
  const fixed = o.fixed ?? [];
  const owner: number[] = [...fixed.map(() => -1), ...groups.flatMap((g, k) => g.traces.map(() => k))];
  const visibleFor = (k: number) => owner.map((g) => g === -1 || g === k);
  const withTitles = groups.some((g) => g.title !== undefined);
  const data: Trace[] = [...fixed, ...groups.flatMap((g) => g.traces)].map((t, i) => ({ ...t, visible: owner[i] === -1 || owner[i] === active }));
  const slider: Partial<Slider> = {
    active,
    currentvalue: { prefix: o.prefix ?? "" },
    pad: { t: 50 },
    steps: groups.map((g, k) => ({
      label: g.label,
      method: withTitles ? "update" : "restyle",
      args: withTitles ? [{ visible: visibleFor(k) }, { title: { text: g.title ?? "" } }] : [{ visible: visibleFor(k) }],
    })),
  };
  const title = groups[active]!.title;
  return {
    data,
    layout: { ...o.layout, ...(title !== undefined ? { title: { text: title } } : {}), sliders: [slider] },
  };
}
