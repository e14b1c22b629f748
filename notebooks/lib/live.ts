// Live figures: the reader moves a control and the figure recomputes in the page, with the course
// library running in the browser. No kernel round trip, so they work in the static site too.
//
//   live({
//     controls: {
//       peak: { label: "peak η", min: 0.01, max: 0.5, step: 0.01, value: 0.1 },   // a slider
//       eps: { label: "ε", values: [1e-8, 1e-6, 1e-4, 1e-2], value: 1e-8 },        // a slider over a list
//       shape: { label: "decay", options: ["cosine", "linear"], value: "cosine" }, // a select
//     },
//     compute: (v, lib) => lib.scheduleFigure(lib.warmupCosine({ peak: v.peak, totalSteps: 100, warmupSteps: 10 })),
//   });
//
// What a compute function may use: its two arguments — the control values (numbers for sliders,
// the chosen option for selects) and the course library (`lib`, everything `./src/index`
// exports) — and JavaScript's built-ins (Math, Array, Float64Array, JSON, …). Nothing else: it is
// sent to the page as source text, so it cannot see the notebook's variables, imports, Node's
// modules or other helpers; write them inside the function or take them from `lib`. It returns a
// figure ({data, layout}) or just the traces. `live` checks all this in the kernel: it re-makes the
// function from its source text alone and runs it at the initial values, at every slider's ends
// and at every option, and raises a clear error if it reaches for anything else or fails.
//
// The kernel's run at the initial values is the first drawing (so a page without scripts would
// still get the same numbers); in the page, plotly and the library bundle (course-lib.js, built
// from src/ by scripts/notebook-lib.ts) load once per page like every figure (notebooks/lib/web.ts),
// the compute function runs once unseen when the page is idle (so the library's code is compiled
// before the first drag), and each change recomputes (at most once per animation frame) and
// redraws with Plotly.react.
//
// Accessibility (issue 23): each slider is a native <input type="range"> (Tab reaches it, arrow
// keys move it), named by its label and announcing "<meaning> <value>" as aria-valuetext (the
// control's `spoken` text, else its label as text, then `unit`); the figure carries its text
// alternative (`describeFigure`, recomputed in the page after each change), and a polite live
// region announces the changed control and the figure's new key feature (the `keyFeature` the
// compute function writes from the data; without one, the figure's series) once the changes settle.
import * as tslab from "tslab";
import * as library from "../src/index";
import type { Figure, Trace } from "../src/figures/index";
import { plainText, withDistinctSeries } from "../src/figures/index";
import { escapeHtml, nextId, outputHtml, scriptJson, textAlternative, VISUALLY_HIDDEN } from "./web";
import { figureTextProblems } from "./figtext";

/**
 * Gives every x/y axis of the layout that sets neither exponentformat nor tickformat
 * exponentformat "power" (the rule of `withPowerExponents` in figtext.ts, for `show`). Uses
 * nothing outside itself: the page runs it from its source after each recompute.
 */
function powerExponents(fig: { data: unknown[]; layout?: Record<string, unknown>; keyFeature?: string }): { data: unknown[]; layout: Record<string, unknown>; keyFeature?: string } {
  const layout: Record<string, unknown> = { ...(fig.layout ?? {}) };
  const keys = Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k));
  for (const key of ["xaxis", "yaxis", ...keys]) {
    const axis = (layout[key] ?? {}) as Record<string, unknown>;
    if (axis.exponentformat === undefined && axis.tickformat === undefined) layout[key] = { ...axis, exponentformat: "power" };
  }
  return fig.keyFeature === undefined ? { data: fig.data, layout: layout } : { data: fig.data, layout: layout, keyFeature: fig.keyFeature };
}

/** A slider from `min` to `max` in steps of `step`, starting at `value`. */
export interface RangeControl {
  /** Shown before the control; may use HTML (η<sub>0</sub>). Default: the control's name. */
  label?: string;
  /** What the value means, read before it by a screen reader ("peak learning rate"). Default: the label as text. */
  spoken?: string;
  /** Read after the value ("steps"). */
  unit?: string;
  min: number;
  max: number;
  step: number;
  value: number;
}
/** A slider over a list of numbers (e.g. powers of ten), starting at `value`. */
export interface ListControl {
  label?: string;
  spoken?: string;
  unit?: string;
  values: readonly number[];
  value: number;
}
/** A drop-down list of options, starting at `value`. */
export interface SelectControl<O extends string | number = string | number> {
  label?: string;
  options: readonly O[];
  value: O;
}
export type Control = RangeControl | ListControl | SelectControl;
/** The values a compute function receives: a number per slider, the chosen option per select. */
export type Values<C extends Record<string, Control>> = {
  [K in keyof C]: C[K] extends SelectControl<infer O> ? O : number;
};
/** The course library, as a compute function receives it. */
export type Library = typeof library;

export interface LiveOptions<C extends Record<string, Control>> {
  controls: C;
  /**
   * The figure at these control values; may use only its arguments and JavaScript's built-ins.
   * Its `keyFeature` (the lesson's point, written from the computed data: `{ data, layout,
   * keyFeature: \`the loss reaches ${lib.formatNumber(loss)}\` }`) opens the text alternative and is
   * what the live region announces after a change.
   */
  compute: (values: Values<C>, lib: Library) => Figure | Trace[];
}

/** An error in a live figure's definition, raised in the kernel. */
export class LiveFigureError extends Error {
  constructor(message: string) {
    super(`live figure: ${message}`);
    this.name = "LiveFigureError";
  }
}

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Checks one control; returns its kind. */
function checkControl(name: string, c: Control): "range" | "list" | "select" {
  const bad = (what: string) => new LiveFigureError(`control "${name}": ${what}`);
  if ("options" in c) {
    if (!Array.isArray(c.options) || c.options.length === 0) throw bad("options must be a non-empty list");
    if (!c.options.includes(c.value)) throw bad(`value ${JSON.stringify(c.value)} is not one of the options ${JSON.stringify(c.options)}`);
    return "select";
  }
  if ("values" in c) {
    if (!Array.isArray(c.values) || c.values.length < 2 || !c.values.every(isNum)) throw bad("values must list at least two finite numbers");
    if (!c.values.includes(c.value)) throw bad(`value ${c.value} is not one of the values ${JSON.stringify(c.values)}`);
    return "list";
  }
  if (!isNum(c.min) || !isNum(c.max) || !(c.min < c.max)) throw bad(`needs finite min < max (got ${c.min}, ${c.max})`);
  if (!isNum(c.step) || !(c.step > 0) || c.step > c.max - c.min) throw bad(`needs a step in (0, max − min] (got ${c.step})`);
  if (!isNum(c.value) || c.value < c.min || c.value > c.max) throw bad(`value ${c.value} is outside [${c.min}, ${c.max}]`);
  const k = (c.value - c.min) / c.step;
  if (Math.abs(k - Math.round(k)) > 1e-9) throw bad(`value ${c.value} is not min + a whole number of steps (${c.min} + k·${c.step})`);
  return "range";
}

/** The slider value at tick k of a range control, rounded like the page rounds it. */
export function rangeValue(c: RangeControl, k: number): number {
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(c.step)) + 2));
  return Number((c.min + k * c.step).toFixed(decimals));
}

/** The source of a function as an expression (a method `f(a) {…}` becomes `function f(a) {…}`). */
function functionExpression(f: Function): string {
  const src = Function.prototype.toString.call(f).trim();
  if (/^(async\s+)?(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(src)) return src;
  return `function ${src}`;
}

/** Node's globals that a page does not have (a compute function using them would fail there). */
const NODE_ONLY = ["process", "Buffer", "global", "require", "module", "__dirname", "__filename", "setImmediate", "clearImmediate"];

/**
 * The compute function re-made from its source text alone, as the page will run it: a function of
 * the global scope, so a name from the notebook (a variable, an import) is a ReferenceError when
 * it runs. It stays in this realm, so the library's typed-array checks see its Float64Arrays. Node's
 * own globals, which the page lacks, are refused from the source text.
 */
function isolated(src: string): (values: unknown, lib: unknown) => unknown {
  const code = src.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');   // string contents cannot use a name
  for (const name of NODE_ONLY) {
    if (new RegExp(`(^|[^.\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code)) {
      throw new LiveFigureError(`compute uses \`${name}\`, which exists in the kernel (Node) but not in the page. ${RULE}`);
    }
  }
  try {
    return new Function(`"use strict"; return (${src});`)() as (values: unknown, lib: unknown) => unknown;
  } catch (e) {
    throw new LiveFigureError(`its compute function cannot be sent to the page as source (${(e as Error).message})`);
  }
}

/** A figure from what compute returned (with its key feature, if any), or an error naming what is wrong. */
function asFigure(out: unknown, at: string): Figure {
  const fig: Figure = Array.isArray(out) ? { data: out, layout: {} } : (out as Figure);
  if (!fig || typeof fig !== "object" || !Array.isArray(fig.data)) {
    throw new LiveFigureError(`compute must return a figure {data, layout} or an array of traces; at ${at} it returned ${String(out)}`);
  }
  if (fig.keyFeature !== undefined && (typeof fig.keyFeature !== "string" || fig.keyFeature.trim() === "")) {
    throw new LiveFigureError(`compute's figure has keyFeature ${JSON.stringify(fig.keyFeature)} at ${at}; it must be a non-empty sentence written from the figure's data`);
  }
  return fig.keyFeature !== undefined ? { data: fig.data, layout: fig.layout ?? {}, keyFeature: fig.keyFeature } : { data: fig.data, layout: fig.layout ?? {} };
}

const RULE = "A compute function may use only its arguments — the control values and the course library (lib) — and " +
  "JavaScript's built-ins, because the page runs it from its source text.";

/** Runs `fn` at `values`; turns a use of anything but its arguments into a clear error. */
function runAt(fn: (values: unknown, lib: unknown) => unknown, source: string, values: Record<string, unknown>): Figure {
  const at = JSON.stringify(values);
  try {
    return asFigure(fn(values, library), at);
  } catch (e) {
    if (e instanceof LiveFigureError) throw e;
    const err = e as Error;
    const missing = /^(\S+) is not defined$/.exec(err?.message ?? "");
    if (err?.name === "ReferenceError" && missing) {
      // tslab compiles a name from another cell (a variable or an import) as `exports.name`.
      const fromCells = missing[1] === "exports" ? [...new Set([...source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!))] : [];
      const name = fromCells.length > 0 ? fromCells.join("`, `") : missing[1]!;
      const hint = fromCells.length > 0
        ? "from the notebook's other cells: a variable or an import"
        : /_\d+$/.test(name)
        ? "an imported module (as the kernel compiled it): call the library through the second argument instead, e.g. lib.cosine(…)"
        : "a variable, import or helper from outside the function";
      throw new LiveFigureError(
        `compute uses \`${name}\` (${hint}). ${RULE} Move \`${name}\` inside the function or take it from lib. (At values ${at}.)`,
      );
    }
    throw new LiveFigureError(`compute failed at values ${at}: ${err?.name ?? "Error"}: ${err?.message ?? String(e)}`);
  }
}

/**
 * Checks a live figure and computes its first drawing in the kernel: the controls are valid, and
 * the compute function, re-made from its source text alone, runs at the initial values,
 * at each slider's ends (others at their initial values) and at each option. Returns the initial
 * figure and the function's source. Throws `LiveFigureError` otherwise.
 */
export function prepareLive<C extends Record<string, Control>>(o: LiveOptions<C>): { figure: Figure; source: string; kinds: Record<string, string> } {
  if (!o || typeof o.controls !== "object" || o.controls === null || Object.keys(o.controls).length === 0) {
    throw new LiveFigureError("needs controls: { name: slider or select, … }");
  }
  if (typeof o.compute !== "function") throw new LiveFigureError("needs a compute function (values, lib) => figure");
  const kinds: Record<string, string> = {};
  for (const [name, c] of Object.entries(o.controls)) kinds[name] = checkControl(name, c);
  const source = functionExpression(o.compute);
  const fn = isolated(source);
  const initial: Record<string, unknown> = Object.fromEntries(Object.entries(o.controls).map(([k, c]) => [k, c.value]));
  const figure = runAt(fn, source, initial);
  for (const [name, c] of Object.entries(o.controls) as [string, Control][]) {
    const others = "options" in c ? c.options : "values" in c ? [c.values[0]!, c.values[c.values.length - 1]!] : [c.min, rangeValue(c, Math.floor((c.max - c.min) / c.step + 1e-9))];
    for (const v of others) if (v !== c.value) runAt(fn, source, { ...initial, [name]: v });
  }
  return { figure, source, kinds };
}

/** What a slider's value means, as a screen reader reads it before the value: `spoken`, else the label as text, else the name. */
export function spokenName(name: string, c: Control): string {
  return ("spoken" in c && typeof c.spoken === "string" && c.spoken.trim() !== "" ? c.spoken : plainText(c.label ?? "")) || name;
}

/** The aria-valuetext of a slider at `value`: "peak learning rate 0.3", with the unit after it if any. */
export function valueText(name: string, c: RangeControl | ListControl, value: number): string {
  return `${spokenName(name, c)} ${value}${c.unit ? ` ${c.unit}` : ""}`;
}

/**
 * The controls' HTML: one labelled slider or select per control, in order (each named by its
 * label through aria-labelledby; a slider's value shown in an <output> hidden from screen readers,
 * which hear aria-valuetext instead), then the recompute status and a polite live region.
 */
function controlsHtml(id: string, controls: Record<string, Control>): string {
  const rows = Object.entries(controls).map(([name, c], i) => {
    const labelId = `${id}-label-${i}`;
    const label = `<span class="course-live-label" id="${labelId}">${c.label ?? escapeHtml(name)}</span>`;
    const attrs = `data-name="${escapeHtml(name)}" aria-labelledby="${labelId}"`;
    let input: string;
    if ("options" in c) {
      input = `<select ${attrs} data-kind="select">${c.options.map((opt, i) => `<option value="${i}"${opt === c.value ? " selected" : ""}>${escapeHtml(String(opt))}</option>`).join("")}</select>`;
    } else if ("values" in c) {
      input = `<input type="range" ${attrs} data-kind="list" min="0" max="${c.values.length - 1}" step="1" value="${c.values.indexOf(c.value)}" ` +
        `data-spoken="${escapeHtml(spokenName(name, c))}" data-unit="${escapeHtml(c.unit ?? "")}" aria-valuetext="${escapeHtml(valueText(name, c, c.value))}">` +
        `<output aria-hidden="true">${c.value}</output>`;
    } else {
      input = `<input type="range" ${attrs} data-kind="range" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.value}" ` +
        `data-spoken="${escapeHtml(spokenName(name, c))}" data-unit="${escapeHtml(c.unit ?? "")}" aria-valuetext="${escapeHtml(valueText(name, c, c.value))}">` +
        `<output aria-hidden="true">${c.value}</output>`;
    }
    return `<label style="display: inline-flex; align-items: center; gap: 0.4em; margin: 0 1.2em 0.3em 0;">${label}${input}</label>`;
  });
  return `<div class="course-live-controls" data-for="${id}" style="margin: 0.3em 0 0.6em 0;">${rows.join("")}` +
    `<span class="course-live-status" style="color: #595959; font-size: 0.85em;"></span>` +
    `<div class="course-live-announce" aria-live="polite" style="${VISUALLY_HIDDEN}"></div></div>`;
}

/**
 * Displays a live figure: its controls above a plotly figure that the page recomputes with the
 * course library at every change. The first drawing is computed here, in the kernel, by the same
 * function. See the top of this file for what the compute function may use.
 */
export function live<C extends Record<string, Control>>(o: LiveOptions<C>): void {
  const prepared = prepareLive(o);
  const source = prepared.source;
  const problems = figureTextProblems(prepared.figure);
  if (problems.length > 0) console.error(`figure text plotly would get wrong:\n  ${problems.join("\n  ")}`);
  const figure = withDistinctSeries(powerExponents(prepared.figure as { data: unknown[]; layout: Record<string, unknown> }) as Figure);
  const id = nextId();
  const controls = o.controls as Record<string, Control>;
  const lists = Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, "options" in c ? c.options : "values" in c ? c.values : null]));
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 450;
  const config = { responsive: true, displaylogo: false };
  const drawJs = `var compute = (${source});
var power = (${powerExponents.toString()});
// A course-lib.js built before issue 23 lacks withDistinctSeries and describeFigure: the figure still redraws.
var finish = function (fig) { var f = power(fig); return window.CourseLib.withDistinctSeries ? window.CourseLib.withDistinctSeries(f) : f; };
var lists = ${scriptJson(lists)};
var panel = document.querySelector('.course-live-controls[data-for="' + el.id + '"]');
var status = panel.querySelector(".course-live-status");
var say = panel.querySelector(".course-live-announce");
var details = document.querySelector('details.course-figure-data[data-for="' + el.id + '"]');
var inputs = Array.prototype.slice.call(panel.querySelectorAll("[data-name]"));
var live = el.__courseLive = {timings: [], errors: [], source: ${scriptJson(source)}, values: values, announced: []};
var changed = null, sayTimer = null;
function valueText(input, value) {
  var unit = input.getAttribute("data-unit");
  return input.getAttribute("data-spoken") + " " + value + (unit ? " " + unit : "");
}
function values() {
  var v = {};
  inputs.forEach(function (input) {
    var name = input.getAttribute("data-name"), kind = input.getAttribute("data-kind");
    v[name] = kind === "range" ? Number(input.value) : lists[name][Number(input.value)];
    var out = input.nextElementSibling;
    if (out && out.tagName === "OUTPUT") out.textContent = String(v[name]);
    if (kind !== "select") input.setAttribute("aria-valuetext", valueText(input, v[name]));
  });
  return v;
}
function describe(fig) {
  if (!window.CourseLib.describeFigure) return;
  var d = window.CourseLib.describeFigure(fig);
  el.setAttribute("aria-label", d.text);
  if (details) {
    details.querySelector(".course-figure-text").textContent = d.text;
    if (details.open) C.dataTable(el, details.querySelector(".course-figure-table"));
  }
  var input = changed;
  var what = !input ? "" : input.tagName === "SELECT"
    ? ((document.getElementById(input.getAttribute("aria-labelledby")) || {}).textContent || "") + " " + input.selectedOptions[0].textContent
    : input.getAttribute("aria-valuetext");
  clearTimeout(sayTimer);
  sayTimer = setTimeout(function () {
    var text = (what ? what + ": " : "") + (d.keyFeature || d.series.join("; "));
    say.textContent = text;
    live.announced.push(text);
  }, 400);
}
function recompute() {
  live.pending = false;
  var t0 = performance.now(), fig;
  try {
    fig = compute(values(), window.CourseLib);
    fig = finish(Array.isArray(fig) ? {data: fig, layout: {}} : fig);
  } catch (e) {
    live.errors.push(String(e));
    status.textContent = "compute failed: " + e;
    return;
  }
  var t1 = performance.now();
  Plotly.react(el, fig.data, Object.assign({height: ${height}}, fig.layout), ${scriptJson(config)});
  var t2 = performance.now();
  live.timings.push({compute: t1 - t0, draw: t2 - t1, total: t2 - t0});
  live.last = fig;
  status.textContent = "recomputed in " + Math.round(t2 - t0) + " ms";
  try { describe(fig); } catch (e) { live.errors.push("describe: " + e); }
}
inputs.forEach(function (input) {
  input.addEventListener("input", function () {
    changed = input;
    values();
    if (!live.pending) { live.pending = true; requestAnimationFrame(recompute); }
  });
});
Plotly.newPlot(el, ${scriptJson(figure.data)}, ${scriptJson(figure.layout)}, ${scriptJson(config)});
// One unseen run once the page is idle, so the library's code is compiled before the first drag.
var warm = function () { try { compute(values(), window.CourseLib); } catch (e) { /* shown on a real change */ } };
if (window.requestIdleCallback) window.requestIdleCallback(warm); else setTimeout(warm, 0);`;
  tslab.display.html(
    controlsHtml(id, controls) + "\n" + outputHtml({ id, height, drawJs, description: textAlternative(figure), needs: ["CourseLib"] }),
  );
}
