// Showing the shared module's plotly figures in a notebook on the tslab kernel.
//
// Notebook 6 and nbconvert render neither plotly's own MIME type nor tslab's `display.javascript`,
// so a figure goes out as `display.html`: a <div> and a <script> that draws it with
// `Plotly.newPlot`. plotly itself is not in the output: the script loads it once per page from a
// file the notebook server serves from the project (or that the site ships beside its pages), so
// every figure draws after a reload, in a reopened notebook and in an exported page
// (notebooks/lib/web.ts).
import * as tslab from "tslab";
import { keyFeatureSentence, withDistinctSeries, type Figure } from "../src/figures/index";
import { figureHtml } from "./web";
import { cartesianAxes, figureTextProblems, withPowerExponents } from "./figtext";

/**
 * Displays a figure in the notebook with `keyFeature`, the point the lesson makes about it: one
 * sentence written from the cell's data in a template string ("the loss reaches
 * ${formatNumber(loss)}"), which opens the figure's text alternative (it becomes the figure's
 * `keyFeature`; a figure that has one keeps it when the argument is left out). Every lesson
 * figure has one (test/notebooks/key-features.test.ts). The figure goes in a div of class
 * "course-plot" (id "course-plot-<kernel tag>-<n>", unique on the page across kernels and
 * re-runs). Text plotly would show raw ("λ_max" instead of λ<sub>max</sub>) and axes without a
 * title are reported on stderr, which fails the headless notebook test; the figure is still
 * drawn. Axes that choose no number format get exponentformat "power" (`withPowerExponents`).
 * Series that differ only by colour get a dash or marker symbol each (`withDistinctSeries`), and
 * the figure carries its text alternative and its data on request (notebooks/lib/web.ts,
 * `figureHtml`).
 */
export function show(fig: Figure, keyFeature?: string): void {
  if (keyFeature !== undefined) {
    keyFeatureSentence(keyFeature);   // a TypeError naming it, for anything but a sentence
    fig = { ...fig, keyFeature: keyFeature };
  }
  const problems = figureTextProblems(fig);
  if (problems.length > 0) console.error(`figure text plotly would get wrong:\n  ${problems.join("\n  ")}`);
  fig = withDistinctSeries({ ...fig, layout: withPowerExponents(fig.layout as Record<string, unknown>, cartesianAxes(fig)) });
  tslab.display.html(figureHtml(fig));
}
