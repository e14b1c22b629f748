// The HTML of a figure output, and how its page gets plotly (and, for live figures, the course
// library) whatever the page's history: fresh, reloaded, reopened, trusted once run, or exported.
//
// Nothing big is sent with an output. Each figure's <script> asks `loadOnce` for what it needs;
// the first ask on a page adds one <script src> for the file, later asks (from any figure) share
// it. The files are notebooks/lib/build/web/{plotly.js,course-lib.js}, built by
// scripts/notebook-lib.ts, and are found:
// - in the classic Notebook (and nbclassic), from the server's /files/ route: base URL +
//   "files/" + the notebook's folder + the path from that folder (the kernel's working directory)
//   to the web folder, e.g. /files/lib/build/web/plotly.js or /files/notebooks/lib/build/web/…
//   (Notebook 7, JupyterLab and JupyterHub: base URL and notebook path read from the address);
// - in an exported page (npm run site, or nbconvert next to the notebook), at that same path
//   relative to the page, e.g. lib/build/web/plotly.js beside A01-….html.
// If loading fails the figure says so in its place instead of staying blank.
//
// Accessibility (issue 23): the figure div has role="figure" and, as aria-label, the figure's
// text alternative (`describeFigure`, written from its data; not role="img", whose children are
// presentational, because plotly's mode bar puts buttons inside it); below it a closed <details> holds the
// same text, a table of the drawn data and a CSV download, both made in the page from the traces
// plotly holds when it is opened (so a live figure's table is its current state). plotly's mode
// bar is one Tab stop, a toolbar whose buttons the arrow keys reach (`toolbarJs`).
import { join, relative, sep } from "path";
import { randomBytes } from "crypto";
import { describeFigure, plainText, type Figure } from "../src/figures/index";

/** The web folder relative to the kernel's working directory (the notebook's folder), with "/". */
export function webPath(): string {
  return relative(process.cwd(), join(__dirname, "build", "web")).split(sep).join("/");
}

/** JSON safe inside an inline <script>: `<` escaped, so no string can close the script. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A tag of this kernel, so figure ids of one page stay unique across kernels and re-runs. */
const session = randomBytes(4).toString("hex");
let count = 0;

/** A fresh element id: "course-plot-<kernel tag>-<n>". */
export function nextId(): string {
  count += 1;
  return `course-plot-${session}-${count}`;
}

/**
 * Defines `window.__course.load(global, file)` once per page: a promise of `window[global]`,
 * adding `<script src=…/file>` the first time (then shared by every caller). Inline and tiny, so
 * every output carries it and none depends on another having run first.
 */
function loaderJs(web: string): string {
  return `var C = window.__course = window.__course || {loads: {}};
if (!C.load) C.load = function (name, file) {
  if (window[name]) return Promise.resolve(window[name]);
  if (C.loads[name]) return C.loads[name];
  var body = document.body, dir = ${scriptJson(web)} + "/" + file, url;
  var nbPath = body && body.getAttribute("data-notebook-path"), base = body && body.getAttribute("data-base-url");
  if (nbPath === null || base === null) {
    // Notebook 7, JupyterLab, JupyterHub: the notebook's path is in the address.
    var m = new RegExp("^(.*?/)(?:notebooks|lab/tree|doc/tree)/(.+[.]ipynb)$").exec(location.pathname);
    if (m && location.protocol !== "file:") { base = m[1]; nbPath = decodeURIComponent(m[2]); }
  }
  if (nbPath !== null && base !== null) {
    var folder = nbPath.split("/").slice(0, -1).join("/");
    url = base + "files/" + (folder ? encodeURI(folder) + "/" : "") + encodeURI(dir);
  } else {
    url = encodeURI(dir);
  }
  C.loads[name] = new Promise(function (resolve, reject) {
    var s = document.createElement("script");
    s.src = url;
    s.onload = function () { window[name] ? resolve(window[name]) : reject(new Error(url + " did not define " + name)); };
    s.onerror = function () { reject(new Error("could not load " + url)); };
    document.head.appendChild(s);
  });
  C.loads[name].catch(function () { delete C.loads[name]; });
  return C.loads[name];
};`;
}

/**
 * The figure's text alternative (`describeFigure`); if describing fails, a plain "Figure 'title'"
 * and the reason on stderr (the figure is still drawn).
 */
export function textAlternative(fig: Figure): string {
  try {
    return describeFigure(fig).text;
  } catch (e) {
    console.error(`figure description failed: ${(e as Error)?.message ?? String(e)}`);
    const title = plainText(typeof fig.layout?.title === "string" ? fig.layout.title : (fig.layout?.title as { text?: string } | undefined)?.text);
    return title ? `Figure '${title}'.` : "Figure.";
  }
}

/** Escapes text for an HTML attribute or element. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** Inline style that hides an element visually but keeps it for screen readers (no page stylesheet is needed). */
export const VISUALLY_HIDDEN = "position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;";

/**
 * Defines `window.__course.dataTable(el, box)` once per page: fills `box` with a link that
 * downloads the visible traces of the plotly figure `el` as CSV (series, x, y[, z]) and one table
 * per trace (caption: the trace's name; columns: the axis titles), up to 1000 rows each. Traces
 * without a legend entry are left out when some trace has one (contour lines, end markers).
 */
function dataTableJs(): string {
  return `if (!C.dataTable) C.dataTable = function (el, box) {
  var plain = function (s) { var d = document.createElement("div"); d.innerHTML = String(s == null ? "" : s).replace(/<br\\s*\\/?>/gi, " "); return (d.textContent || "").trim(); };
  var layout = el.layout || {}, data = (el.data || []).filter(function (t) { return t.visible !== false && t.visible !== "legendonly"; });
  if (data.some(function (t) { return t.showlegend !== false; })) data = data.filter(function (t) { return t.showlegend !== false; });
  var axisTitle = function (t, letter) { var ref = String(t[letter + "axis"] || letter), a = layout[letter + "axis" + ref.slice(1)] || {}; var title = a.title && typeof a.title === "object" ? a.title.text : a.title; return plain(title) || letter; };
  var csv = [["series", "x", "y", "z"]], cell = function (v) { v = v == null ? "" : String(v); return /[",\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
  box.textContent = "";
  var link = document.createElement("a");
  box.appendChild(link);
  data.forEach(function (t, i) {
    var name = plain(t.name) || "series " + (i + 1), xs = t.x ? Array.prototype.slice.call(t.x) : [], ys = t.y ? Array.prototype.slice.call(t.y) : [], z = t.z;
    if (xs.length === 0) xs = ys.map(function (_, k) { return k; });
    var table = document.createElement("table"), cap = document.createElement("caption"), head = document.createElement("tr");
    table.style.borderCollapse = "collapse"; table.style.margin = "0.5em 0";
    cap.textContent = name; cap.style.textAlign = "left"; cap.style.fontWeight = "bold"; table.appendChild(cap);
    var cols = z ? ["row", "column", "value"] : [axisTitle(t, "x"), axisTitle(t, "y")];
    cols.forEach(function (c) { var th = document.createElement("th"); th.scope = "col"; th.textContent = c; th.style.padding = "0 0.8em 0 0"; th.style.textAlign = "left"; head.appendChild(th); });
    var thead = document.createElement("thead"), body = document.createElement("tbody"); thead.appendChild(head); table.appendChild(thead); table.appendChild(body);
    var rows = [];
    if (z) { Array.prototype.forEach.call(z, function (row, r) { Array.prototype.forEach.call(row, function (v, c) { rows.push([t.y ? t.y[r] : r, t.x ? t.x[c] : c, v]); }); }); }
    else xs.forEach(function (x, k) { rows.push([x, ys[k]]); });
    rows.forEach(function (r, k) {
      csv.push(z ? [name, r[1], r[0], r[2]] : [name, r[0], r[1], ""]);
      if (k >= 1000) return;
      var tr = document.createElement("tr");
      r.forEach(function (v) { var td = document.createElement("td"); td.textContent = v == null ? "" : String(v); td.style.padding = "0 0.8em 0 0"; tr.appendChild(td); });
      body.appendChild(tr);
    });
    box.appendChild(table);
    if (rows.length > 1000) { var more = document.createElement("p"); more.textContent = "The table shows the first 1000 of " + rows.length + " rows; the CSV has them all."; box.insertBefore(more, table.nextSibling); }
  });
  link.textContent = "Download the data as CSV";
  link.setAttribute("download", (el.id || "figure") + ".csv");
  link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv.map(function (r) { return r.map(cell).join(","); }).join("\\n") + "\\n");
};`;
}

/**
 * Defines `window.__course.toolbar(el)` once per page: makes the mode bar of the plotly figure
 * `el` one Tab stop (WCAG 2.1.1, 2.4.3), a WAI-ARIA toolbar ("Figure tools") whose buttons are
 * reached with the arrow keys (Home, End: first, last) and keep working with Enter and Space.
 * Without it plotly's seven to nine buttons are each a Tab stop before the figure's content. It
 * is applied again after every redraw (plotly remakes the buttons).
 */
function toolbarJs(): string {
  return `if (!C.toolbar) C.toolbar = function (el) {
  var buttonsOf = function (bar) { return Array.prototype.slice.call(bar.querySelectorAll(".modebar-btn")); };
  var fix = function () {
    var bar = el.querySelector(".modebar"), buttons = bar ? buttonsOf(bar) : [];
    if (buttons.length === 0) return;
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Figure tools");
    var current = buttons.filter(function (b) { return b.getAttribute("tabindex") === "0"; })[0] || buttons[0];
    buttons.forEach(function (b) { b.setAttribute("tabindex", b === current ? "0" : "-1"); });
    if (bar.__courseKeys) return;
    bar.__courseKeys = true;
    bar.addEventListener("keydown", function (e) {
      var list = buttonsOf(bar), i = list.indexOf(document.activeElement), n = list.length;
      if (i < 0) return;
      var j = e.key === "ArrowRight" || e.key === "ArrowDown" ? (i + 1) % n : e.key === "ArrowLeft" || e.key === "ArrowUp" ? (i + n - 1) % n
        : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
      if (j < 0) return;
      e.preventDefault();
      list.forEach(function (b, k) { b.setAttribute("tabindex", k === j ? "0" : "-1"); });
      list[j].focus();
    });
  };
  fix();
  if (el.on) el.on("plotly_afterplot", fix);
};`;
}

/**
 * The figure's closed "Description and data" box: the text alternative as a paragraph, and a
 * table and CSV link made from the drawn traces when it is opened.
 */
function dataBoxHtml(id: string, description: string): string {
  return `<details class="course-figure-data" data-for="${id}" style="margin: 0.2em 0 0.8em 0; font-size: 0.9em;">` +
    `<summary>Description and data of this figure</summary>` +
    `<p class="course-figure-text">${escapeHtml(description)}</p><div class="course-figure-table"></div></details>`;
}

/** Text shown in a figure's place until its script draws it (an untrusted notebook runs none). */
const PLACEHOLDER = "(figure: run this cell, or trust the notebook, to draw it)";

/**
 * The HTML of one output: a <div id=… class="course-plot"> (plus `extraHtml` after it) and a
 * <script> that loads what `needs` names (plotly first) once per page, then runs `drawJs` with
 * `el` (the div) and `Plotly` in scope. A load failure is written in the div.
 */
export function outputHtml(o: { id: string; height: number; drawJs: string; description: string; needs?: ("CourseLib")[]; extraHtml?: string }): string {
  const needs = ["Plotly", ...(o.needs ?? [])];
  const files: Record<string, string> = { Plotly: "plotly.js", CourseLib: "course-lib.js" };
  return [
    `<div id="${o.id}" class="course-plot" role="figure" aria-label="${escapeHtml(o.description)}" style="width: 100%; min-height: ${o.height}px;"><span class="course-plot-note">${PLACEHOLDER}</span></div>`,
    dataBoxHtml(o.id, o.description),
    o.extraHtml ?? "",
    `<script type="text/javascript">`,
    `(function () {`,
    `  var el = document.getElementById(${scriptJson(o.id)});`,
    `  if (!el) return;`,
    loaderJs(webPath()).replace(/^/gm, "  "),
    dataTableJs().replace(/^/gm, "  "),
    toolbarJs().replace(/^/gm, "  "),
    `  if (!C.style) {`,
    `    // plotly shows its mode bar on hover only: show it too while one of its buttons has the keyboard focus.`,
    `    C.style = document.createElement("style");`,
    `    C.style.textContent = ".js-plotly-plot .plotly .modebar:focus-within .modebar-group { opacity: 1 !important; }";`,
    `    document.head.appendChild(C.style);`,
    `  }`,
    `  Promise.all(${scriptJson(needs)}.map(function (n, i) { return C.load(n, ${scriptJson(needs.map((n) => files[n]))}[i]); })).then(function () {`,
    `    var Plotly = window.Plotly;`,
    `    var note = el.querySelector(".course-plot-note");`,
    `    if (note) note.remove();`,
    `    var details = document.querySelector('details.course-figure-data[data-for="' + el.id + '"]');`,
    `    if (details) details.addEventListener("toggle", function () { if (details.open) C.dataTable(el, details.querySelector(".course-figure-table")); });`,
    o.drawJs.replace(/^/gm, "    "),
    `    C.toolbar(el);`,
    `  }).catch(function (e) {`,
    `    el.textContent = "This figure cannot be drawn: " + (e && e.message ? e.message : e) + ". In Jupyter, run npm run course (it builds notebooks/lib/build/).";`,
    `  });`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/**
 * The HTML of a static figure: drawn with `Plotly.newPlot` once plotly is on the page, with its
 * text alternative (`describeFigure`). A figure with a plotly slider (`sliderFigure`) also gets a
 * labelled native range input above it (`sliderControlHtml`), since plotly's own slider cannot be
 * reached or moved with the keyboard.
 */
export function figureHtml(fig: Figure, id: string = nextId()): string {
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  const slider = sliderControl(fig, id);
  return (slider ? slider.html + "\n" : "") + outputHtml({
    id,
    height,
    description: textAlternative(fig),
    drawJs: `Plotly.newPlot(el, ${scriptJson(fig.data)}, ${scriptJson(fig.layout)}, {responsive: true, displaylogo: false});` + (slider ? "\n" + slider.js : ""),
  });
}

/** A slider step plotly can apply with `Plotly.update` (method restyle or update). */
interface Step { label?: string; method?: string; args?: unknown[] }

/**
 * The figure at slider step k: the step's restyle (and, for "update", relayout) arguments applied
 * to a copy, as plotly applies them (an array value sets trace i to its i-th element).
 */
export function figureAtStep(fig: Figure, k: number): Figure {
  const step = ((fig.layout.sliders?.[0]?.steps ?? []) as Step[])[k];
  if (!step) return fig;
  const [restyle, relayout] = (step.args ?? []) as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
  const data = fig.data.map((t, i) => {
    const out: Record<string, unknown> = { ...(t as Record<string, unknown>) };
    for (const [key, value] of Object.entries(restyle ?? {})) out[key] = Array.isArray(value) ? value[i % value.length] : value;
    return out;
  });
  const layout: Record<string, unknown> = { ...(fig.layout as Record<string, unknown>) };
  for (const [key, value] of Object.entries(step.method === "update" ? relayout ?? {} : {})) layout[key] = value;
  return { ...fig, data: data as Figure["data"], layout: layout as Figure["layout"] };
}

/**
 * The keyboard-operable control of a figure's plotly slider, or null when it has none (or one
 * whose steps use a method other than restyle/update): a labelled <input type="range"> over the
 * steps, with aria-valuetext "<prefix> <step label>", bound both ways to plotly's slider; after a
 * change a polite live region announces the value and the series of the figure at that step (its
 * `describeFigure` text, computed here for every step), and the figure's aria-label follows.
 */
export function sliderControl(fig: Figure, id: string): { html: string; js: string } | null {
  const slider = fig.layout.sliders?.[0];
  const steps = (slider?.steps ?? []) as Step[];
  if (!slider || steps.length < 2 || !steps.every((s) => (s.method === "restyle" || s.method === "update") && Array.isArray(s.args))) return null;
  const active = typeof slider.active === "number" ? slider.active : 0;
  const prefix = plainText(String((slider.currentvalue as { prefix?: string } | undefined)?.prefix ?? "")).replace(/[:=]\s*$/, "").trim();
  const labels = steps.map((s, k) => plainText(s.label ?? String(k)));
  const valueTexts = labels.map((l) => (prefix ? `${prefix} ${l}` : l));
  const described = steps.map((_, k) => describeFigure(figureAtStep(fig, k)));
  const texts = described.map((d) => d.text);
  const announcements = described.map((d, k) => `${valueTexts[k]}: ${d.series.join("; ")}`);
  const html = `<div class="course-slider-controls" data-for="${id}" style="margin: 0.3em 0 0.6em 0;">` +
    `<label style="display: inline-flex; align-items: center; gap: 0.4em;"><span id="${id}-slider-label">${escapeHtml(prefix || "position")}</span>` +
    `<input type="range" id="${id}-slider" class="course-slider" aria-labelledby="${id}-slider-label" min="0" max="${steps.length - 1}" step="1" value="${active}" aria-valuetext="${escapeHtml(valueTexts[active]!)}">` +
    `<output aria-hidden="true">${escapeHtml(labels[active]!)}</output></label>` +
    `<div class="course-live-announce" aria-live="polite" style="${VISUALLY_HIDDEN}"></div></div>`;
  const js = `(function () {
  var steps = ${scriptJson(steps.map((s) => ({ method: s.method, args: s.args })))}, labels = ${scriptJson(labels)}, valueTexts = ${scriptJson(valueTexts)};
  var texts = ${scriptJson(texts)}, announcements = ${scriptJson(announcements)};
  var panel = document.querySelector('.course-slider-controls[data-for="' + el.id + '"]');
  if (!panel) return;
  var input = panel.querySelector("input"), out = panel.querySelector("output"), say = panel.querySelector(".course-live-announce");
  var details = document.querySelector('details.course-figure-data[data-for="' + el.id + '"]'), timer = null, current = ${active};
  function show(k, apply) {
    if (k === current && !apply) return;
    current = k;
    input.value = String(k);
    input.setAttribute("aria-valuetext", valueTexts[k]);
    out.textContent = labels[k];
    el.setAttribute("aria-label", texts[k]);
    if (details) details.querySelector(".course-figure-text").textContent = texts[k];
    if (apply) {
      var s = steps[k], layout = Object.assign({}, s.method === "update" ? s.args[1] || {} : {}, {"sliders[0].active": k});
      Plotly.update(el, s.args[0] || {}, layout);
    }
    if (details && details.open) C.dataTable(el, details.querySelector(".course-figure-table"));
    clearTimeout(timer);
    timer = setTimeout(function () { say.textContent = announcements[k]; }, 300);
  }
  input.addEventListener("input", function () { show(Number(input.value), true); });
  if (el.on) el.on("plotly_sliderchange", function (e) { if (e && e.slider && typeof e.slider.active === "number") show(e.slider.active, false); });
})();`;
  return { html, js };
}
