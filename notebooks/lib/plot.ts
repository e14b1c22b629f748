// Showing the shared module's plotly figures in a notebook on the tslab kernel.
//
// Notebook 6 and nbconvert render neither plotly's own MIME type nor tslab's `display.javascript`,
// so a figure goes out as `display.html`: a <div> and a <script> that draws it with
// `Plotly.newPlot`. plotly itself is not in the output: the script loads it once per page from a
// file the notebook server serves from the project (or that the site ships beside its pages), so
// every figure draws after a reload, in a reopened notebook and in an exported page
// (notebooks/lib/web.ts).
import * as tslab from "tslab";
import type { Figure } from "../src/figures/index";
import { figureHtml } from "./web";

/**
 * Displays a figure in the notebook, in a div of class "course-plot" (id "course-plot-<kernel
 * tag>-<n>", unique on the page across kernels and re-runs).
 */
export function show(fig: Figure): void {
  tslab.display.html(figureHtml(fig));
}
