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
import { join, relative, sep } from "path";
import { randomBytes } from "crypto";
import type { Figure } from "../src/figures/index";

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

/** Text shown in a figure's place until its script draws it (an untrusted notebook runs none). */
const PLACEHOLDER = "(figure: run this cell, or trust the notebook, to draw it)";

/**
 * The HTML of one output: a <div id=… class="course-plot"> (plus `extraHtml` after it) and a
 * <script> that loads what `needs` names (plotly first) once per page, then runs `drawJs` with
 * `el` (the div) and `Plotly` in scope. A load failure is written in the div.
 */
export function outputHtml(o: { id: string; height: number; drawJs: string; needs?: ("CourseLib")[]; extraHtml?: string }): string {
  const needs = ["Plotly", ...(o.needs ?? [])];
  const files: Record<string, string> = { Plotly: "plotly.js", CourseLib: "course-lib.js" };
  return [
    `<div id="${o.id}" class="course-plot" style="width: 100%; min-height: ${o.height}px;"><span class="course-plot-note">${PLACEHOLDER}</span></div>`,
    o.extraHtml ?? "",
    `<script type="text/javascript">`,
    `(function () {`,
    `  var el = document.getElementById(${scriptJson(o.id)});`,
    `  if (!el) return;`,
    loaderJs(webPath()).replace(/^/gm, "  "),
    `  Promise.all(${scriptJson(needs)}.map(function (n, i) { return C.load(n, ${scriptJson(needs.map((n) => files[n]))}[i]); })).then(function () {`,
    `    var Plotly = window.Plotly;`,
    `    var note = el.querySelector(".course-plot-note");`,
    `    if (note) note.remove();`,
    o.drawJs.replace(/^/gm, "    "),
    `  }).catch(function (e) {`,
    `    el.textContent = "This figure cannot be drawn: " + (e && e.message ? e.message : e) + ". In Jupyter, run npm run course (it builds notebooks/lib/build/).";`,
    `  });`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/** The HTML of a static figure: drawn with `Plotly.newPlot` once plotly is on the page. */
export function figureHtml(fig: Figure, id: string = nextId()): string {
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  return outputHtml({
    id,
    height,
    drawJs: `Plotly.newPlot(el, ${scriptJson(fig.data)}, ${scriptJson(fig.layout)}, {responsive: true, displaylogo: false});`,
  });
}
