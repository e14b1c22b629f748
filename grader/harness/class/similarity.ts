/**
 * The class similarity report: `similarity.html` and `similarity.csv` rank every pair of
 * submissions of a class folder by how much code they share, exercise by exercise, after
 * normalization (comments, whitespace, identifier names and literal values erased) and after
 * discounting the starter code, the reference solution and passages common to many submissions.
 *
 * Algorithm: winnowing fingerprints, as in MOSS — S. Schleimer, D. S. Wilkerson, A. Aiken,
 * "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003 — over TypeScript
 * scanner tokens (`fingerprint.ts`), compared through an inverted fingerprint index
 * (`compare.ts`), so a class of 1 000 needs no all-pairs text comparison.
 *
 * Submissions are read as grading reads them (`intake`, no code executed, zips never extracted).
 * The report ranks pairs for a person to look at; it accuses no one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { intake } from "../intake/prepare";
import { REPO_ROOT } from "../run/runner";
import { readRoster } from "../intake/roster";
import { writeAtomic } from "../report/files";
import { Fingerprinter, matchRegions, rankPairs, type CompareOptions, type ExerciseDoc, type RankedPair } from "./compare";
import { normalize } from "./fingerprint";
import { similarityCsv, similarityHtml } from "./similarity-html";

/** Options of `similarityReport`; every one has a default. */
export interface SimilarityOptions extends Partial<CompareOptions> {
  /** The starters' folder, `<id>/*.ts` (default: the repository's `exercises/`). */
  exercisesDir?: string;
  /** The reference solutions' folder, `<id>/*.ts` (default: the repository's `grader/solutions/`). */
  solutionsDir?: string;
  /** Exercise ids to compare (default: every folder of `exercisesDir` with an `exercise.ts`). */
  only?: string[];
  /** Pairs sharing fewer normalized tokens are left out (default `k + window - 1`). */
  minTokens?: number;
  /** How many top pairs `similarity.html` shows with their matching regions (default 50). */
  detailed?: number;
}

/** Defaults: 12-token k-grams, windows of 8 (any shared run of 19 tokens is found), MOSS's limit of 10. */
export const SIMILARITY_DEFAULTS: CompareOptions = { k: 12, window: 8, commonLimit: 10 };

/** A matching region: the same code on both sides, by file and 1-based inclusive line range, with its text. */
export interface MatchRegion {
  fileA: string;
  linesA: [number, number];
  textA: string;
  fileB: string;
  linesB: [number, number];
  textB: string;
}

/** A ranked pair of students (names as in the class folder) and what they share. */
export interface SimilarPair {
  a: string;
  b: string;
  /** Normalized tokens of shared code beyond the discounted code, summed over exercises: the ranking key. */
  tokens: number;
  /** `tokens` over the smaller of the two submissions' own (not discounted) tokens, in [0, 1]. */
  fraction: number;
  /** Per exercise with shared code; `regions` only for the pairs detailed in the HTML page. */
  exercises: Array<{ id: string; tokens: number; regions?: MatchRegion[] }>;
}

/** What `similarityReport` found and wrote. */
export interface SimilarityResult {
  /** Every pair at or above `minTokens`, best first. */
  pairs: SimilarPair[];
  students: number;
  exercises: string[];
  /** Submissions skipped and problems reading them. */
  notes: string[];
  /** The paths written. */
  files: { html: string; csv: string };
}

/** The `.ts` answer-shaped files of `<dir>/<id>/` (tests excluded), or none if the folder is missing. */
function sharedSources(dir: string, id: string): string[] {
  const folder = path.join(dir, id);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => fs.readFileSync(path.join(folder, f), "utf8"));
}

/** The answer files of every exercise a submission answered, as intake read them. */
async function answers(submission: string, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const got = await intake(submission, ids);
  const out = new Map<string, Record<string, string>>();
  for (const id of ids) {
    const ex = got.exercises[id];
    if (ex?.ok) out.set(id, ex.files);
  }
  return out;
}

/** Lines `from`–`to` (1-based, inclusive) of a region's tokens, and their text. */
function lines(text: string, start: number, end: number): { lines: [number, number]; text: string } {
  const first = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  const last = nl < 0 ? text.length : nl;
  const from = text.slice(0, first).split("\n").length;
  const snippet = text.slice(first, last);
  return { lines: [from, from + snippet.split("\n").length - 1], text: snippet };
}

/** Locates the shared code of one exercise of a pair in the students' files. */
function regionsOf(filesA: Record<string, string>, filesB: Record<string, string>, docA: ExerciseDoc, docB: ExerciseDoc, hashes: number[], o: CompareOptions): MatchRegion[] {
  const tokensOf = (files: Record<string, string>, doc: ExerciseDoc) => doc.files.map((f) => normalize(files[f.name]!));
  const ta = tokensOf(filesA, docA);
  const tb = tokensOf(filesB, docB);
  return matchRegions(docA, docB, hashes, o).map((r) => {
    const side = (files: Record<string, string>, doc: ExerciseDoc, toks: ReturnType<typeof normalize>[], s: { file: number; from: number; to: number }) => {
      const f = doc.files[s.file]!;
      const t = toks[s.file]!;
      return { file: f.name, ...lines(files[f.name]!, t[s.from - f.start]!.start, t[s.to - 1 - f.start]!.end) };
    };
    const a = side(filesA, docA, ta, r.a);
    const b = side(filesB, docB, tb, r.b);
    return { fileA: a.file, linesA: a.lines, textA: a.text, fileB: b.file, linesB: b.lines, textB: b.text };
  });
}

/**
 * Compares every pair of submissions in `classDir` (sub-folders and `.zip` files, read as
 * `grade-all` reads its roster; clashing names are left out, as it leaves them ungraded) and
 * writes `similarity.html` and `similarity.csv` into `outDir`.
 */
export async function similarityReport(classDir: string, outDir: string, options: SimilarityOptions = {}): Promise<SimilarityResult> {
  const o: CompareOptions = {
    k: options.k ?? SIMILARITY_DEFAULTS.k,
    window: options.window ?? SIMILARITY_DEFAULTS.window,
    commonLimit: options.commonLimit ?? SIMILARITY_DEFAULTS.commonLimit,
  };
  const exercisesDir = options.exercisesDir ?? path.join(REPO_ROOT, "exercises");
  const solutionsDir = options.solutionsDir ?? path.join(REPO_ROOT, "grader", "solutions");
  const ids = [...(options.only ?? fs.readdirSync(exercisesDir).filter((d) => fs.existsSync(path.join(exercisesDir, d, "exercise.ts"))))].sort();
  const minTokens = options.minTokens ?? o.k + o.window - 1;

  const fp = new Fingerprinter(o);
  const shared = new Map(ids.map((id) => [id, fp.shared([...sharedSources(exercisesDir, id), ...sharedSources(solutionsDir, id)])]));
  const { submissions: students, clashes, skipped } = readRoster(classDir);
  const notes = [...skipped.map((k) => `${k.entry}: ${k.reason}, not compared`), ...clashes.map((c) => `name clash, not compared: ${c.entries.map((x) => JSON.stringify(x)).join(", ")}`)];
  const docs: Array<Map<string, ExerciseDoc>> = [];
  for (const s of students) {
    const docsOfStudent = new Map<string, ExerciseDoc>();
    try {
      for (const [id, files] of await answers(s.path, ids)) docsOfStudent.set(id, fp.doc(files, shared.get(id)!));
    } catch (e) {
      notes.push(`${s.name}: could not be read (${(e as Error).message})`);
    }
    docs.push(docsOfStudent);
  }

  const ranked = rankPairs(docs, ids, o).filter((p) => p.tokens >= minTokens);
  const detailed = new Set(ranked.slice(0, options.detailed ?? 50));
  const read = new Map<number, Map<string, Record<string, string>>>();
  const filesOf = async (s: number) => read.get(s) ?? read.set(s, await answers(students[s]!.path, ids).catch(() => new Map())).get(s)!;
  // Regions come from a second read of the pair's files (only the detailed pairs' texts are kept),
  // fingerprinted again so positions always match the text shown.
  const regions = async (p: RankedPair, id: string, hashes: number[]): Promise<MatchRegion[]> => {
    const fa = (await filesOf(p.a)).get(id);
    const fb = (await filesOf(p.b)).get(id);
    if (!fa || !fb) return []; // gone or unreadable since the first read
    return regionsOf(fa, fb, fp.doc(fa, shared.get(id)!), fp.doc(fb, shared.get(id)!), hashes, o);
  };
  const pairs: SimilarPair[] = [];
  for (const p of ranked) {
    const exercises: SimilarPair["exercises"] = [];
    for (const e of p.exercises.filter((x) => x.tokens > 0)) {
      exercises.push(detailed.has(p) ? { id: e.id, tokens: e.tokens, regions: await regions(p, e.id, e.hashes) } : { id: e.id, tokens: e.tokens });
    }
    pairs.push({ a: students[p.a]!.name, b: students[p.b]!.name, tokens: p.tokens, fraction: p.fraction, exercises });
  }

  const info = { students: students.length, exercises: ids, options: { ...o, minTokens } };
  const files = { html: path.join(outDir, "similarity.html"), csv: path.join(outDir, "similarity.csv") };
  writeAtomic(files.html, similarityHtml(pairs, info));
  writeAtomic(files.csv, similarityCsv(pairs));
  return { pairs, students: students.length, exercises: ids, notes, files };
}
