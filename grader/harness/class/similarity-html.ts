/**
 * The similarity report's pages: `similarity.html` (ranked pairs, then the top pairs' matching
 * regions side by side) and `similarity.csv`. Student code is escaped; CSV cells are neutralised
 * against formula injection.
 */
import { csvCell, esc } from "../report/report";
import type { CompareOptions } from "./compare";
import type { SimilarPair } from "./similarity";

/** What the page says about the run. */
export interface SimilarityInfo {
  students: number;
  exercises: string[];
  options: CompareOptions & { minTokens: number };
}

/** What the page says before any pair: what the ranking measures, and that it accuses no one. */
const SIMILARITY_NOTICE =
  "This page ranks pairs of submissions by how much code they share; it does not accuse anyone. " +
  "Shared code has innocent causes too (working together where that was allowed, the same worked example, help from the course staff), " +
  "and only a person who reads both submissions, and talks with the students, can judge.";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.num{text-align:right;white-space:nowrap}.notice{background:#fff6e0;padding:.6rem .8rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem;margin:.4rem 0 1rem}.side{min-width:0}
.where{font-size:.85em;color:#555}pre{background:#f6f8fa;padding:.4rem;margin:0;overflow-x:auto;font-size:.85em}`;

/** Pairs listed in the page's table; similarity.csv lists them all. */
const TABLE_ROWS = 200;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const exerciseList = (p: SimilarPair) => p.exercises.map((e) => `${e.id}: ${e.tokens}`).join(", ");

/** The code of one side of a region, with line numbers. */
function side(file: string, lines: [number, number], text: string): string {
  const numbered = text
    .split("\n")
    .map((l, i) => `${String(lines[0] + i).padStart(4)}  ${l}`)
    .join("\n");
  return `<div class="side"><div class="where">${esc(file)}, lines ${lines[0]}–${lines[1]}</div><pre>${esc(numbered)}</pre></div>`;
}

/** The ranked page: a table of the top pairs, then the matching regions of the pairs that carry them. */
export function similarityHtml(pairs: SimilarPair[], info: SimilarityInfo): string {
  const o = info.options;
  const out = [`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Similarity report</title><style>${STYLE}</style></head><body>`];
  out.push(`<h1>Similarity report</h1><p class="notice">${esc(SIMILARITY_NOTICE)}</p>`);
  out.push(
    `<p>${info.students} submissions, ${info.exercises.length} exercises, compared exercise by exercise after normalization ` +
      `(comments, whitespace, identifier names and literal values do not count). Code of the starter and of the reference solution, ` +
      `and passages found in more than ${o.commonLimit} submissions of an exercise, are discounted. ` +
      `<em>Shared tokens</em>: normalized tokens of the remaining code that both submissions contain (runs of at least ${o.k} tokens; ` +
      `winnowing fingerprints as in MOSS, with windows of ${o.window}); <em>share</em>: that over the smaller submission's own code. ` +
      `Pairs with fewer than ${o.minTokens} shared tokens are not listed.</p>`,
  );
  out.push(`<table><tr><th class="num">Rank</th><th>Student</th><th>Student</th><th class="num">Shared tokens</th><th class="num">Share</th><th>Exercises (shared tokens)</th></tr>`);
  pairs.slice(0, TABLE_ROWS).forEach((p, i) => {
    const name = p.exercises.some((e) => e.regions) ? `<a href="#pair-${i + 1}">${i + 1}</a>` : String(i + 1);
    out.push(`<tr><td class="num">${name}</td><td>${esc(p.a)}</td><td>${esc(p.b)}</td><td class="num">${p.tokens}</td><td class="num">${pct(p.fraction)}</td><td>${esc(exerciseList(p))}</td></tr>`);
  });
  out.push(`</table>`);
  if (pairs.length > TABLE_ROWS) out.push(`<p>${pairs.length - TABLE_ROWS} more pairs, sharing less, are listed in similarity.csv.</p>`);
  if (pairs.length === 0) out.push(`<p>No pair shares enough code to be listed.</p>`);
  pairs.forEach((p, i) => {
    if (!p.exercises.some((e) => e.regions)) return;
    out.push(`<h2 id="pair-${i + 1}">${i + 1}. ${esc(p.a)} and ${esc(p.b)} — ${p.tokens} shared tokens (${pct(p.fraction)})</h2>`);
    for (const e of p.exercises) {
      out.push(`<h3>${esc(e.id)} — ${e.tokens} shared tokens</h3>`);
      for (const r of e.regions ?? []) out.push(`<div class="pair">${side(r.fileA, r.linesA, r.textA)}${side(r.fileB, r.linesB, r.textB)}</div>`);
    }
  });
  out.push(`</body></html>\n`);
  return out.join("\n");
}

/** One row per pair, best first: rank, both students, shared tokens, share, and tokens per exercise. */
export function similarityCsv(pairs: SimilarPair[]): string {
  const rows = [["rank", "student_a", "student_b", "shared_tokens", "share", "exercises"].map(csvCell).join(",")];
  pairs.forEach((p, i) => {
    rows.push([i + 1, p.a, p.b, p.tokens, Math.round(p.fraction * 1000) / 1000, p.exercises.map((e) => `${e.id}:${e.tokens}`).join(" ")].map(csvCell).join(","));
  });
  return rows.join("\n") + "\n";
}
