/**
 * Reports built from graded results: the student's `feedback.html`, the terminal summary table,
 * the class gradebook CSV and the score-distribution summary (an SVG histogram). Everything a
 * student wrote is escaped; hidden tasks appear only as their visibility allows.
 */
import type { GradeResult } from "../score/score";

/** HTML-escapes text. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.pass{color:#17692a}.fail{color:#a11}pre{white-space:pre-wrap;margin:0;font-size:.9em}.msg{background:#fff6e0;padding:.4rem .6rem;margin:.3rem 0}
.num{text-align:right;white-space:nowrap}`;

/**
 * The student's feedback page. "visible" tasks show their output; "after_published" and
 * "after_due_date" tasks show title, pass/fail and the student-safe output (never an assertion
 * diff, which `score` already withheld); "hidden" tasks are only counted.
 */
export function feedbackHtml(r: GradeResult, title = "Grading feedback"): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${esc(title)}</h1><p><strong>Total: ${fmt(r.score)} / ${fmt(r.max_score)}</strong></p>`);
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

/** A CSV cell: quoted, and neutralised against spreadsheet formula injection. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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

/** The class summary page: what the run did (`notes`), statistics, the histogram, per-exercise means. */
export function summaryHtml(exercises: string[], rows: Array<{ result: GradeResult }>, svg: string, notes: string[] = []): string {
  const totals = stats(rows.map((r) => r.result.score));
  const max = rows[0]?.result.max_score ?? 0;
  const parts = [`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title><style>${STYLE}</style></head><body>`];
  parts.push(`<h1>Class summary</h1>`);
  for (const n of notes) parts.push(`<p class="msg">${esc(n)}</p>`);
  parts.push(`<p>${totals.n} submissions · mean ${fmt(totals.mean)} · median ${fmt(totals.median)} · min ${fmt(totals.min)} · max ${fmt(totals.max)} (of ${fmt(max)})</p>`);
  parts.push(svg);
  parts.push(`<h2>Per exercise</h2><table><tr><th>Exercise</th><th class="num">Mean</th><th class="num">Max</th><th class="num">Full marks</th></tr>`);
  for (const id of exercises) {
    const scores = rows.map((r) => r.result.exercises[id]?.score ?? 0);
    const exMax = rows[0]?.result.exercises[id]?.max ?? 0;
    const full = rows.filter((r) => (r.result.exercises[id]?.score ?? 0) >= exMax).length;
    parts.push(`<tr><td>${esc(id)}</td><td class="num">${fmt(stats(scores).mean)}</td><td class="num">${fmt(exMax)}</td><td class="num">${full}</td></tr>`);
  }
  parts.push(`</table></body></html>\n`);
  return parts.join("\n");
}
