// Showing the shared module's plotly figures in a notebook on the tslab kernel.
//
// Notebook 6 and nbconvert render neither plotly's own MIME type nor tslab's `display.javascript`,
// so a figure goes out as `display.html`: the first `show` of a kernel sends the plotly bundle
// (plotly.js-basic-dist-min, read from node_modules) as an inline <script>, and every figure is a
// <div> with a <script> calling `Plotly.newPlot`. Everything works offline and survives nbconvert's
// HTML export. Because the bundle lives in the output of the first cell that shows a plot, save a
// notebook after "Restart & Run All" (re-running only a later cell keeps the bundle where it was).
import * as tslab from "tslab";
import { readFileSync } from "fs";
import type { Figure } from "../src/figures/index";

let bundleSent = false;
let figureCount = 0;

/** Text made safe inside an inline <script>: no "</script" and no "<!--" can end or hijack it. */
function scriptSafe(s: string): string {
  return s.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** The plotly bundle as an inline <script> element. */
export function bundleHtml(): string {
  const source = readFileSync(require.resolve("plotly.js-basic-dist-min"), "utf8");
  return `<script type="text/javascript">${scriptSafe(source)}</script>`;
}

/**
 * The HTML of one figure: a <div id=…> and a <script> drawing it with `Plotly.newPlot` when
 * `window.Plotly` exists (otherwise the div says why nothing is drawn). JSON is embedded with `<`
 * escaped, so no string inside a figure can close the script.
 */
export function figureHtml(fig: Figure, id: string): string {
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  return [
    `<div id="${id}" class="course-plot" style="width: 100%; min-height: ${height}px;"></div>`,
    `<script type="text/javascript">`,
    `(function () {`,
    `  var el = document.getElementById(${json(id)});`,
    `  if (!el) return;`,
    `  if (window.Plotly) {`,
    `    window.Plotly.newPlot(el, ${json(fig.data)}, ${json(fig.layout)}, {responsive: true, displaylogo: false});`,
    `  } else {`,
    `    el.textContent = "Plotly is not loaded here: restart the kernel and run the notebook from the top (and trust it).";`,
    `  }`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/**
 * Displays a figure in the notebook. The first call of a kernel also sends the plotly bundle.
 * Div ids are "course-plot-1", "course-plot-2", … in the order of the calls (deterministic, so a
 * re-executed notebook gives the same HTML).
 */
export function show(fig: Figure): void {
  const parts: string[] = [];
  if (!bundleSent) {
    parts.push(bundleHtml());
    bundleSent = true;
  }
  figureCount += 1;
  parts.push(figureHtml(fig, `course-plot-${figureCount}`));
  tslab.display.html(parts.join("\n"));
}
