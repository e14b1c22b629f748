// npm run site: executes every notebook in notebooks/ on the tslab kernel (failing loudly if any
// cell fails), exports each to site/<name>.html with nbconvert, adds navigation (index, previous,
// next, exercises) to every page, writes site/exercises.html (exercises/README.md and every
// exercise's statement, i.e. its starter exercise.ts) and site/index.html, and builds the browser
// edition (JupyterLite, scripts/lite.ts) into site/lite/, which every lesson page links to. The
// folder is the whole course: copy it to any static web host. The pages also open from disk; the
// browser edition needs a server (npm run site:serve, or the host).
// The pages work offline: each figure loads plotly (and a live figure the course library) once per
// page from lib/build/web/ beside the pages (notebooks/lib/web.ts), and require.js and the parts of
// MathJax 2 that CommonHTML output needs are copied beside them from Debian.
//
// Index conventions: a notebook's title is its first "# " heading; its objectives line is the first
// markdown line starting with "Objectives" (bold or not), or the list right below such a line; a
// file named like "a03-…" or "b01-…" belongs to lesson A or B of notebooks/syllabus.json.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { promisify } from "node:util";
import { ACCESSIBLE_CSS } from "./colours";
import { buildLite } from "./lite";
import { ensureNotebookLib, WEB } from "./notebook-lib";
import { describeFailures, jupyterEnv, listNotebooks, mapLimited, markdownLines, NOTEBOOKS, PYTHON, ROOT, runNotebook, type NotebookReport } from "./notebooks";
import { readSyllabus } from "./syllabus";

const MATHJAX = "/usr/share/javascript/mathjax";
const MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "jax/input/TeX", "jax/element",
  "jax/output/CommonHTML", "fonts/HTML-CSS/TeX/woff", "extensions", "localization/en"];
const REQUIRE_JS = "/usr/share/javascript/requirejs/require.min.js";

/** What the index shows for one notebook. */
export interface NotebookInfo {
  /** File name without ".ipynb"; the page is `${name}.html`. */
  name: string;
  title: string;
  objectives: string;
  /** "A", "B", … from the file name's letter prefix, or null. */
  lesson: string | null;
}

/** Title, objectives line and lesson of a notebook, by the conventions at the top of this file. */
export function notebookInfo(path: string): NotebookInfo {
  const lines = markdownLines(path);
  const name = basename(path, ".ipynb");
  const title = lines.find((line) => /^# /.test(line))?.slice(2).trim() ?? name;
  const at = lines.findIndex((line) => /^\s*(\*\*|__)?objectives?\b/i.test(line));
  let objectives = "";
  if (at >= 0) {
    objectives = lines[at]!.replace(/^\s*(\*\*|__)?objectives?\s*:?\s*(\*\*|__)?\s*:?\s*/i, "").trim();
    if (!objectives) {
      const items: string[] = [];
      for (const line of lines.slice(at + 1)) {
        const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
        if (item) items.push(item[1]!.trim());
        else if (line.trim() || items.length > 0) break;
      }
      objectives = items.join("; ");
    }
  }
  const lesson = /^([a-z])\d/i.exec(name)?.[1]!.toUpperCase() ?? null;
  return { name, title: plain(title), objectives: plain(objectives), lesson };
}

/** Markdown emphasis and code marks dropped, for one-line display. */
function plain(text: string): string {
  return text.replace(/(\*\*|__|`)/g, "").replace(/(^|\s)[*_]([^*_]+)[*_]/g, "$1$2").trim();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The course's index page: title, then each lesson with one link per notebook (and the browser edition's link when the site has it). */
export function indexHtml(courseTitle: string, lessons: { id: string; title: string }[], infos: NotebookInfo[], browserEdition = false): string {
  const groups = [
    ...lessons.map((l) => ({ heading: `Lesson ${l.id} — ${l.title}`, items: infos.filter((i) => i.lesson === l.id) })),
    { heading: "More notebooks", items: infos.filter((i) => !lessons.some((l) => l.id === i.lesson)) },
  ].filter((g) => g.items.length > 0 || g.heading.startsWith("Lesson"));
  const section = (g: (typeof groups)[number]) =>
    `<h2>${escapeHtml(g.heading)}</h2>\n<ol>\n` +
    (g.items.length === 0 ? "<li><em>not written yet</em></li>\n" : "") +
    g.items
      .map((i) => `<li><a href="${encodeURI(i.name)}.html">${escapeHtml(i.title)}</a>` +
        (i.objectives ? `<br><span class="objectives">${escapeHtml(i.objectives)}</span>` : "") + "</li>\n")
      .join("") +
    "</ol>\n";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(courseTitle)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
li { margin: 0.6rem 0; } .objectives { color: #555; font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(courseTitle)}</h1>
<p><a href="exercises.html">Exercises: statements and how to submit</a></p>
${browserEdition ? `<p><a href="${browserEditionUrl()}">Run the course in your browser</a>: every lesson and exercise, editable and runnable, with nothing to install</p>\n` : ""}${groups.map(section).join("")}</main>
</body>
</html>
`;
}

/** The exercise folders that hold a statement (exercise.ts), sorted. */
export function exerciseFolders(dir: string = join(ROOT, "exercises")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "exercise.ts")))
    .map((e) => e.name)
    .sort();
}

/**
 * A markdown-only notebook for the exercises page: exercises/README.md, then each exercise's
 * statement (its exercise.ts, whose doc comments state every part) as a TypeScript block.
 */
export function exercisesNotebook(dir: string = join(ROOT, "exercises")): string {
  const cell = (source: string) => ({ cell_type: "markdown", metadata: {}, source: [source] });
  const cells = [
    cell(readFileSync(join(dir, "README.md"), "utf8")),
    ...exerciseFolders(dir).map((name) =>
      cell(`## ${name}\n\n\`exercises/${name}/exercise.ts\`\n\n\`\`\`ts\n${readFileSync(join(dir, name, "exercise.ts"), "utf8").trimEnd()}\n\`\`\`\n`)),
  ];
  return JSON.stringify({ cells, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } }, nbformat: 4, nbformat_minor: 4 }, null, 1);
}

/** The browser edition's address (beside the pages, in lite/), opening `file` there when given. */
export function browserEditionUrl(file?: string): string {
  return `lite/lab/index.html${file ? `?path=${encodeURIComponent(file)}` : ""}`;
}

/**
 * A page's navigation bar: the index, the previous and next lesson pages, the exercises, and (for a
 * lesson, when the site has the browser edition) a link that runs `lesson` in the browser.
 */
export function navHtml(prev: NotebookInfo | null, next: NotebookInfo | null, lesson?: NotebookInfo): string {
  const link = (info: NotebookInfo, label: string) => `<a href="${encodeURI(info.name)}.html">${label}</a>`;
  const parts = [
    `<a href="index.html">Course index</a>`,
    prev ? link(prev, `← ${escapeHtml(prev.title)}`) : "",
    next ? link(next, `${escapeHtml(next.title)} →`) : "",
    `<a href="exercises.html">Exercises</a>`,
    lesson ? `<a href="${browserEditionUrl(`${lesson.name}.ipynb`)}">Run this lesson in the browser</a>` : "",
  ].filter(Boolean);
  return `<nav class="course-nav" style="font-family: system-ui, sans-serif; max-width: 1140px; margin: 0.6rem auto; padding: 0.4rem 1rem; ` +
    `display: flex; gap: 1.5rem; flex-wrap: wrap; border-bottom: 1px solid #ddd;">${parts.join("")}</nav>`;
}

/**
 * An nbconvert page (with `withNav`'s bars) made accessible where the template falls short:
 * `<html lang="en">` (the template writes none), `ACCESSIBLE_CSS` as the last stylesheet of the
 * head, and landmarks: the content between the two navigation bars in <main>, the bars named apart.
 */
export function accessiblePage(html: string): string {
  const open = '<nav class="course-nav"';
  const navs = [...html.matchAll(new RegExp(open, "g"))].map((m) => m.index!);
  if (navs.length === 2) {
    const [top, bottom] = navs as [number, number];
    const topEnd = html.indexOf("</nav>", top) + "</nav>".length;
    html = html.slice(0, top) + '<nav aria-label="Course" class="course-nav"' + html.slice(top + open.length, topEnd) + "\n<main>" +
      html.slice(topEnd, bottom) + '</main>\n<nav aria-label="Course, end of page" class="course-nav"' + html.slice(bottom + open.length);
  }
  return html
    .replace(/<html(?![^>]*\slang=)([^>]*)>/i, '<html lang="en"$1>')
    .replace(/<\/head>/i, `${ACCESSIBLE_CSS}\n</head>`);
}

/** `html` with `nav` inserted after the opening <body …> tag and before </body>. */
export function withNav(html: string, nav: string): string {
  return html.replace(/<body[^>]*>/, (body) => `${body}\n${nav}`).replace(/<\/body>(?![\s\S]*<\/body>)/, `${nav}\n</body>`);
}

/**
 * Runs each notebook on the tslab kernel (two kernels at a time, kernel cwd = notebooks/) and writes
 * the executed copy to `${workDir}/<name>.ipynb`. Resolves to the runner's reports, in order.
 */
export async function executeNotebooks(notebooks: string[], workDir: string): Promise<NotebookReport[]> {
  mkdirSync(workDir, { recursive: true });
  return Promise.all(mapLimited(notebooks, 2, (nb) => runNotebook(nb, { output: join(workDir, basename(nb)) })));
}

/**
 * Runs each notebook (`executeNotebooks`, copies kept in `workDir`), exports them to
 * `${outDir}/<name>.html`, and writes `${outDir}/index.html`. Throws naming every failed notebook
 * and cell. Resolves to the index entries. With `execute: false` the notebooks are exported as they
 * are (already executed copies, or committed ones for checking text and math only). With
 * `browserEdition`, the browser edition is built into `${outDir}/lite/` (production mode,
 * scripts/lite.ts) and every lesson page links to it.
 */
export async function buildSite(options: { notebooks: string[]; outDir: string; workDir: string; execute?: boolean; browserEdition?: boolean }): Promise<NotebookInfo[]> {
  const { notebooks, outDir, workDir } = options;
  mkdirSync(workDir, { recursive: true });
  const execute = options.execute ?? true;
  const executed = execute ? notebooks.map((nb) => join(workDir, basename(nb))) : notebooks;
  const reports = execute ? await executeNotebooks(notebooks, workDir) : [];
  const failures = reports.flatMap((r) => (r.ok ? [] : [`${basename(r.notebook)}:\n  ${describeFailures(r).join("\n  ")}`]));
  if (failures.length > 0) throw new Error(`site: notebooks failed, nothing exported:\n${failures.join("\n")}`);
  rmSync(outDir, { recursive: true, force: true }); // no stale pages of renamed notebooks
  mkdirSync(outDir, { recursive: true });

  const exercisesNb = join(workDir, "exercises.ipynb");
  writeFileSync(exercisesNb, exercisesNotebook());
  await promisify(execFile)(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", outDir,
    "--HTMLExporter.require_js_url=require.min.js",
    "--HTMLExporter.mathjax_url=mathjax/MathJax.js?config=TeX-AMS_CHTML-full",
    ...executed, exercisesNb], { env: jupyterEnv(), maxBuffer: 16 << 20 });
  cpSync(REQUIRE_JS, join(outDir, "require.min.js"));
  // Figures find these at the path from the kernel's folder (notebooks/) to the web folder.
  await ensureNotebookLib();
  cpSync(WEB, join(outDir, relative(NOTEBOOKS, WEB)), { recursive: true });
  for (const part of MATHJAX_PARTS) cpSync(join(MATHJAX, part), join(outDir, "mathjax", part), { recursive: true });

  const infos = notebooks.map(notebookInfo);
  infos.forEach((info, i) => {
    const page = join(outDir, `${info.name}.html`);
    const nav = navHtml(infos[i - 1] ?? null, infos[i + 1] ?? null, options.browserEdition ? info : undefined);
    writeFileSync(page, accessiblePage(withNav(readFileSync(page, "utf8"), nav)));
  });
  const exercisesPage = join(outDir, "exercises.html");
  writeFileSync(exercisesPage, accessiblePage(withNav(readFileSync(exercisesPage, "utf8"), navHtml(null, infos[0] ?? null))));
  const syllabus = readSyllabus();
  writeFileSync(join(outDir, "index.html"), indexHtml(syllabus.title, syllabus.lessons, infos, options.browserEdition));
  if (options.browserEdition) await buildLite(join(outDir, "lite"), { production: true });
  return infos;
}

if (require.main === module) {
  const started = performance.now();
  const notebooks = listNotebooks();
  buildSite({ notebooks, outDir: join(ROOT, "site"), workDir: join(ROOT, "out", "site-build"), browserEdition: true }).then(
    (infos) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (infos.length === 0) console.warn("site: notebooks/ has no notebooks yet; site/index.html lists none");
      console.log(`site: ${infos.length} notebooks → site/index.html, and the browser edition in site/lite/, in ${seconds} s; npm run site:serve serves them`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
