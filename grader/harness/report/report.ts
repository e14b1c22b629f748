/**
 * Reports built from graded results: the student's `feedback.html`, the terminal summary table,
 * the class gradebook CSV, the class analytics CSVs and the class summary page (an SVG histogram,
 * the analytics, per-exercise plotly plots). Everything a student wrote is escaped; hidden tasks
 * appear only as their visibility allows (the class summary is the instructor's and shows all).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import type { ClassAnalytics } from "../class/analytics";
import type { GradeResult } from "../score/score";

/** HTML-escapes text. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.pass{color:#17692a}.fail{color:#a11}pre{white-space:pre-wrap;margin:0;font-size:.9em}.msg{background:#fff6e0;padding:.4rem .6rem;margin:.3rem 0}
.num{text-align:right;white-space:nowrap}
.hard{background:#fde8e8}.low{background:#fff3cd}.plots{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.id{white-space:nowrap}.ex-plot{width:260px}.ex-plot .plot{height:170px}.ex-plot p{margin:0;font-size:.8em;color:#555}`;

/**
 * The student's feedback page. "visible" tasks show their output; "after_published" and
 * "after_due_date" tasks show title, pass/fail and the student-safe output (never an assertion
 * diff, which `score` already withheld); "hidden" tasks are only counted.
 */
export function feedbackHtml(r: GradeResult, title = "Grading feedback"): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${esc(title)}</h1>${r.assignment ? `<p>Assignment: ${esc(r.assignment)}</p>` : ""}<p><strong>Total: ${fmt(r.score)} / ${fmt(r.max_score)}</strong></p>`);
  parts.push(`<table><tr><th>Exercise</th><th class="num">Score</th></tr>`);
  for (const [id, ex] of Object.entries(r.exercises)) parts.push(`<tr><td><a href="#${esc(id)}">${esc(id)}</a></td><td class="num">${fmt(ex.score)} / ${fmt(ex.max)}</td></tr>`);
  parts.push(`</table>`);
  for (const [id, ex] of Object.entries(r.exercises)) {
    parts.push(`<h2 id="${esc(id)}">${esc(id)} — ${fmt(ex.score)} / ${fmt(ex.max)}</h2>`);
    for (const m of ex.messages) parts.push(`<div class="msg"><pre>${esc(m)}</pre></div>`);
    const tests = r.tests.filter((t) => t.name.startsWith(id + " "));
    const shown = tests.filter((t) => t.visibility !== "hidden");
    const hidden = tests.filter((t) => t.visibility === "hidden");
    parts.push(`<table><tr><th>Test</th><th class="num">Points</th><th>Result</th></tr>`);
    for (const t of shown) {
      const ok = t.status === "passed";
      parts.push(
        `<tr><td>${esc(t.name.slice(id.length + 1))}</td><td class="num">${fmt(t.score)} / ${fmt(t.max_score)}</td>` +
          `<td class="${ok ? "pass" : "fail"}">${ok ? "passed" : resultCell(t.output)}</td></tr>`,
      );
    }
    if (hidden.length) {
      const got = hidden.reduce((a, t) => a + t.score, 0);
      const max = hidden.reduce((a, t) => a + t.max_score, 0);
      parts.push(`<tr><td>${hidden.length} hidden test${hidden.length > 1 ? "s" : ""}</td><td class="num">${fmt(got)} / ${fmt(max)}</td><td></td></tr>`);
    }
    parts.push(`</table>`);
  }
  if (r.output) parts.push(`<h2>Notes</h2><pre>${esc(r.output)}</pre>`);
  parts.push(`</body></html>\n`);
  return parts.join("\n");
}

/**
 * The result cell of a failed task: its status once ("failed", or the failure's own first line
 * such as "no answer yet"), then the rest of the feedback.
 */
function resultCell(output: string): string {
  const [first, ...rest] = output.split("\n");
  const status = first === "failed" || first === "" ? "failed" : `failed: ${first}`;
  return rest.length ? `${esc(status)}<pre>${esc(rest.join("\n"))}</pre>` : esc(status);
}

/** A plain-text table of per-exercise scores and what went wrong, for the terminal. */
export function summaryTable(r: GradeResult): string {
  const rows: string[][] = [["exercise", "score", "failed tasks / notes"]];
  for (const [id, ex] of Object.entries(r.exercises)) {
    const failed = r.tests.filter((t) => t.name.startsWith(id + " ") && t.status === "failed").length;
    const note = ex.messages[0] ? ` — ${ex.messages[0].split("\n")[0]!.slice(0, 70)}` : "";
    rows.push([id, `${fmt(ex.score)}/${fmt(ex.max)}`, `${failed ? `${failed} failed` : "all passed"}${note}`]);
  }
  rows.push(["TOTAL", `${fmt(r.score)}/${fmt(r.max_score)}`, ""]);
  const w0 = Math.max(...rows.map((x) => x[0]!.length));
  const w1 = Math.max(...rows.map((x) => x[1]!.length));
  return rows.map((x, i) => `${x[0]!.padEnd(w0)}  ${x[1]!.padStart(w1)}  ${x[2]}` + (i === 0 ? `\n${"-".repeat(w0 + w1 + 30)}` : "")).join("\n");
}

/**
 * A CSV cell (RFC 4180), neutralised against spreadsheet formula injection as OWASP advises (the
 * "CSV Injection" page; ASVS 5.0 requirement 1.2.10): text starting with = + - @, a tab, a
 * carriage return or a null character gets a leading single quote, and text holding a quote, a
 * comma, a semicolon (the separator of spreadsheets in many locales) or a line break is quoted,
 * its quotes doubled.
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r\0]/.test(s)) s = "'" + s;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One gradebook row: the submission's exact name, its output folder, its result (null: not graded) and status. */
export interface GradebookRow {
  student: string;
  folder: string;
  result: GradeResult | null;
  /** What this run did with it: "graded: new", "kept: same files and grader", "not graded: name clash"… */
  status: string;
}

/**
 * The gradebook: one row per student (the exact submission name), a column per exercise, the
 * total and the maximum, then the output folder and what this run did with the row.
 */
export function gradebookCsv(exercises: string[], rows: GradebookRow[]): string {
  const lines = [["student", ...exercises, "total", "max", "folder", "status"].map(csvCell).join(",")];
  for (const { student, folder, result, status } of rows) {
    const scores = result ? [...exercises.map((id) => result.exercises[id]?.score ?? 0), result.score, result.max_score] : [...exercises.map(() => ""), "", ""];
    lines.push([student, ...scores, folder, status].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

/** An SVG histogram of `scores` in `bins` equal bins over [0, max]. */
export function histogramSvg(scores: number[], max: number, bins = 10): string {
  const W = 560, H = 300, L = 40, B = 40, T = 20, R = 10;
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) counts[Math.min(bins - 1, Math.max(0, Math.floor((s / (max || 1)) * bins)))]!++;
  const top = Math.max(1, ...counts);
  const bw = (W - L - R) / bins;
  const y = (c: number) => H - B - (c / top) * (H - B - T);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`];
  out.push(`<title>Score distribution (${scores.length} submissions)</title>`);
  counts.forEach((c, i) => {
    out.push(`<rect x="${(L + i * bw + 1).toFixed(1)}" y="${y(c).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(H - B - y(c)).toFixed(1)}" fill="#4a7ab5"><title>${c}</title></rect>`);
    if (c > 0) out.push(`<text x="${(L + (i + 0.5) * bw).toFixed(1)}" y="${(y(c) - 3).toFixed(1)}" text-anchor="middle">${c}</text>`);
  });
  for (let i = 0; i <= bins; i += bins >= 10 ? 2 : 1) out.push(`<text x="${(L + i * bw).toFixed(1)}" y="${H - B + 15}" text-anchor="middle">${fmt((max * i) / bins)}</text>`);
  out.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 8}" text-anchor="middle">score (max ${fmt(max)})</text>`);
  out.push(`<text x="12" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(T + H - B) / 2})">submissions</text>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

/** Mean, median, min and max of a list (zeros for an empty list). */
export function stats(xs: number[]): { n: number; mean: number; median: number; min: number; max: number } {
  if (xs.length === 0) return { n: 0, mean: 0, median: 0, min: 0, max: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s[s.length - 1]! };
}

/** A number for a CSV cell: at most 4 decimals; an undefined value is an empty cell. */
const csvNumber = (x: number | null) => (x === null ? "" : String(Math.round(x * 1e4) / 1e4));

/**
 * tasks.csv: one row per task, in the analytics' order (hardest and least discriminating first):
 * exercise, part, title, points, students, passed, pass rate, mean score, discrimination (empty
 * when undefined).
 */
export function tasksCsv(a: ClassAnalytics): string {
  const lines = [["exercise", "part", "title", "points", "students", "passed", "pass_rate", "mean_score", "discrimination"].join(",")];
  for (const t of a.tasks) {
    lines.push([t.exercise, t.part, t.title, t.points, t.students, t.passed, csvNumber(t.students ? t.passed / t.students : 0), csvNumber(t.mean), csvNumber(t.discrimination)].map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

/** mistakes.csv: one row per known mistake the feedback named, most frequent first: exercise, mistake, students, share of the class. */
export function mistakesCsv(a: ClassAnalytics): string {
  const lines = [["exercise", "mistake", "students", "share"].join(",")];
  for (const m of a.mistakes) lines.push([m.exercise, m.mistake, m.students, csvNumber(m.students / a.students)].map(csvCell).join(","));
  return lines.join("\n") + "\n";
}

/** points.csv: per exercise, each score some student got and how many got it (exercise, points, max, students). */
export function pointsCsv(a: ClassAnalytics): string {
  const lines = [["exercise", "points", "max", "students"].join(",")];
  for (const p of a.points) for (const c of p.counts) lines.push([p.exercise, c.points, p.max, c.students].map(csvCell).join(","));
  return lines.join("\n") + "\n";
}

/** The name of plotly's bundle beside summary.html, which loads it by this relative path. */
export const PLOTLY_FILE = "plotly.min.js";

/**
 * The text of plotly's basic bundle (the `plotly.js-basic-dist-min` dependency), to write beside
 * summary.html as `PLOTLY_FILE`; null when the package is not installed (the page then says the
 * plots are missing and keeps their numbers).
 */
export function plotlyBundle(): string | null {
  try {
    return fs.readFileSync(createRequire(__filename).resolve("plotly.js-basic-dist-min"), "utf8");
  } catch {
    return null;
  }
}

/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");

/**
 * The per-exercise plots (drawn with plotly from `PLOTLY_FILE` beside the page, offline) with each
 * distribution also as text, and the drawing script.
 */
function pointsPlots(a: ClassAnalytics): string[] {
  const parts: string[] = [];
  a.points.forEach((p, i) => {
    const text = p.counts.map((c) => `${fmt(c.points)} pts: ${c.students}`).join(" · ");
    parts.push(`<div class="ex-plot" data-exercise="${esc(p.exercise)}"><div class="plot" id="points-${i}"></div><p><strong>${esc(p.exercise)}</strong> (max ${fmt(p.max)}): <span class="dist">${esc(text)}</span></p></div>`);
  });
  const data = a.points.map((p) => ({ exercise: p.exercise, max: p.max, x: p.counts.map((c) => c.points), y: p.counts.map((c) => c.students) }));
  parts.push(`<p class="msg" id="plots-missing" hidden>The plots need ${esc(PLOTLY_FILE)} beside this page (grade-all writes it); the numbers under each plot are the same data.</p>`);
  parts.push(`<script src="${esc(PLOTLY_FILE)}"></script>`);
  parts.push(`<script>
(function () {
  var data = ${scriptJson(data)};
  if (!window.Plotly) { document.getElementById("plots-missing").hidden = false; return; }
  data.forEach(function (d, i) {
    window.Plotly.newPlot("points-" + i, [{ type: "bar", x: d.x, y: d.y, marker: { color: "#4a7ab5" }, hovertemplate: "%{x} points: %{y} students<extra></extra>" }], {
      title: { text: d.exercise, font: { size: 12 } }, margin: { l: 30, r: 8, t: 26, b: 28 }, height: 170, width: 260,
      xaxis: { range: [-0.5, d.max + 0.5], title: { text: "points", font: { size: 10 } }, tickfont: { size: 9 } },
      yaxis: { rangemode: "tozero", tickfont: { size: 9 }, dtick: Math.max(1, Math.ceil(Math.max.apply(null, d.y) / 5)) }, bargap: 0.1
    }, { displayModeBar: false, staticPlot: true });
  });
})();
</script>`);
  return parts;
}

/** Below this discrimination a task is highlighted (a common rule of thumb for a poor item). */
const LOW_DISCRIMINATION = 0.2;

/** The analytics sections of the summary page: known mistakes, then tasks. */
function analyticsSections(a: ClassAnalytics): string[] {
  const parts: string[] = [];
  parts.push(...mistakesSection(a));
  parts.push(`<h2>Per task</h2><p>Hardest first (fewest passed), then least discriminating. <em>Discrimination</em> is the corrected item-total correlation: the correlation, over students, of the task's points with the rest of their total (the total minus this task); "—" when undefined because the task's points or the rest of the total are the same for everyone. Highlighted: <span class="hard">passed by fewer than half</span>, <span class="low">discrimination below ${LOW_DISCRIMINATION}</span>. Also in tasks.csv.</p>`);
  parts.push(`<table id="tasks"><tr><th>Exercise</th><th>Task</th><th class="num">Points</th><th class="num">Passed</th><th class="num">Mean</th><th class="num">Discrimination</th></tr>`);
  for (const t of a.tasks) {
    const hard = t.passed * 2 < t.students;
    const low = t.discrimination !== null && t.discrimination < LOW_DISCRIMINATION;
    parts.push(
      `<tr${hard || low ? ` class="${hard ? "hard" : "low"}"` : ""}><td class="id">${esc(t.exercise)}</td><td>${esc(t.part)}: ${esc(t.title)}</td><td class="num">${fmt(t.points)}</td>` +
        `<td class="num">${t.passed} / ${t.students}</td><td class="num">${fmt(t.mean)}</td><td class="num${low ? " low" : ""}">${t.discrimination === null ? "—" : t.discrimination.toFixed(2)}</td></tr>`,
    );
  }
  parts.push(`</table>`);
  return parts;
}

/** The most frequent known mistakes, or where they would come from when none was named. */
function mistakesSection(a: ClassAnalytics): string[] {
  const parts = [`<h2>Most frequent known mistakes</h2>`];
  if (a.mistakes.length === 0) {
    parts.push(`<p>No failed task matched a known mistake. Known mistakes are the wrong solutions in grader/wrong/, recorded in grader/manifest.json by <code>npm run grade:manifest</code>; feedback names one when a student's answers on a task equal its answers.</p>`);
  } else {
    parts.push(`<p>Students whose feedback names the mistake on at least one task of the exercise (one student may match several). Also in mistakes.csv.</p>`);
    parts.push(`<table id="mistakes"><tr><th>Exercise</th><th>Mistake</th><th class="num">Students</th></tr>`);
    for (const m of a.mistakes) parts.push(`<tr><td class="id">${esc(m.exercise)}</td><td>${esc(m.mistake)}</td><td class="num">${m.students}</td></tr>`);
    parts.push(`</table>`);
  }
  return parts;
}

/**
 * The class summary page: what the run did (`notes`), statistics, the histogram, per-exercise
 * means; with `analytics`, also the per-exercise points plots beside the histogram (plotly loaded
 * from `PLOTLY_FILE` beside the page), the per-task table and the most frequent known mistakes.
 */
export function summaryHtml(exercises: string[], rows: Array<{ result: GradeResult }>, svg: string, notes: string[] = [], analytics?: ClassAnalytics): string {
  const totals = stats(rows.map((r) => r.result.score));
  const max = rows[0]?.result.max_score ?? 0;
  const parts = [`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title><style>${STYLE}</style></head><body>`];
  parts.push(`<h1>Class summary</h1>`);
  for (const n of notes) parts.push(`<p class="msg">${esc(n)}</p>`);
  parts.push(`<p>${totals.n} submissions · mean ${fmt(totals.mean)} · median ${fmt(totals.median)} · min ${fmt(totals.min)} · max ${fmt(totals.max)} (of ${fmt(max)})</p>`);
  parts.push(analytics ? [`<div class="plots">`, svg, ...pointsPlots(analytics), `</div>`].join("\n") : svg);
  parts.push(`<h2>Per exercise</h2><table><tr><th>Exercise</th><th class="num">Mean</th><th class="num">Max</th><th class="num">Full marks</th></tr>`);
  for (const id of exercises) {
    const scores = rows.map((r) => r.result.exercises[id]?.score ?? 0);
    const exMax = rows[0]?.result.exercises[id]?.max ?? 0;
    const full = rows.filter((r) => (r.result.exercises[id]?.score ?? 0) >= exMax).length;
    parts.push(`<tr><td>${esc(id)}</td><td class="num">${fmt(stats(scores).mean)}</td><td class="num">${fmt(exMax)}</td><td class="num">${full}</td></tr>`);
  }
  parts.push(`</table>`);
  if (analytics) parts.push(...analyticsSections(analytics));
  parts.push(`</body></html>\n`);
  return parts.join("\n");
}
