/**
 * Pairwise comparison of a class by winnowed fingerprints (see `fingerprint.ts`), exercise by
 * exercise, through an inverted index: a pair of submissions is examined only when the index
 * shows a fingerprint they share, so the cost grows with the shared fingerprints, not with the
 * square of the class size times the text length.
 *
 * What everyone shares is discounted: every k-gram of the starter and of the reference solution
 * (not only their winnowed fingerprints, so context at the edges cannot revive one), and, as
 * MOSS's `-m` option does, any fingerprint found in more than `commonLimit` submissions of the
 * exercise.
 */
import { createHash } from "node:crypto";
import { kgramHashes, normalize, winnow } from "./fingerprint";

/** Winnowing parameters and the common-passage limit. */
export interface CompareOptions {
  /** Tokens per k-gram: shared runs shorter than this never match. */
  k: number;
  /** k-grams per winnowing window: runs of `k + window - 1` tokens always match. */
  window: number;
  /** A fingerprint found in more than this many submissions of an exercise is ignored. */
  commonLimit: number;
}

/** One submission's answer to one exercise, reduced to the fingerprints it does not share with the starter or reference. */
export interface ExerciseDoc {
  /** Fingerprint hashes, in increasing position. */
  hashes: number[];
  /** Index of each fingerprint's first token, counted across the files in `files` order. */
  pos: number[];
  /** The answer files (sorted by name) and the index of each one's first token. */
  files: Array<{ name: string; start: number }>;
}

/** How much of one exercise two submissions share. */
export interface ExerciseMatch {
  id: string;
  /** Normalized tokens of shared code: the smaller of the two sides' coverage. */
  tokens: number;
  /** The shared fingerprint hashes (for locating the regions). */
  hashes: number[];
}

/** Two submissions (indices into the class) and what they share. */
export interface RankedPair {
  a: number;
  b: number;
  /** Normalized tokens of shared code, summed over the exercises: the ranking key. */
  tokens: number;
  /** `tokens` over the smaller of the two submissions' own (not discounted) tokens, in [0, 1]. */
  fraction: number;
  exercises: ExerciseMatch[];
}

/** Fingerprints files, memoised by content (untouched starters and references repeat a lot). */
export class Fingerprinter {
  private readonly cache = new Map<string, { hashes: number[]; pos: number[]; tokens: number }>();

  constructor(private readonly options: Pick<CompareOptions, "k" | "window">) {}

  /** Every k-gram hash of the given files (the starter's and the reference's), to discount. */
  shared(texts: string[]): Set<number> {
    const out = new Set<number>();
    for (const text of texts) for (const h of kgramHashes(normalize(text), this.options.k)) out.add(h);
    return out;
  }

  /** The exercise's answer files reduced to their fingerprints outside `shared`. */
  doc(files: Record<string, string>, shared: Set<number>): ExerciseDoc {
    const doc: ExerciseDoc = { hashes: [], pos: [], files: [] };
    let start = 0;
    for (const name of Object.keys(files).sort()) {
      const f = this.file(files[name]!);
      doc.files.push({ name, start });
      f.hashes.forEach((h, i) => {
        if (shared.has(h)) return;
        doc.hashes.push(h);
        doc.pos.push(start + f.pos[i]!);
      });
      start += f.tokens;
    }
    return doc;
  }

  private file(text: string): { hashes: number[]; pos: number[]; tokens: number } {
    const key = createHash("sha1").update(text).digest("base64");
    let f = this.cache.get(key);
    if (!f) {
      const tokens = normalize(text);
      const fps = winnow(kgramHashes(tokens, this.options.k), this.options.window);
      f = { hashes: fps.map((x) => x.hash), pos: fps.map((x) => x.pos), tokens: tokens.length };
      this.cache.set(key, f);
    }
    return f;
  }
}

/** Tokens covered by the k-grams at the positions (increasing) whose hash passes `keep`. */
function coverage(doc: ExerciseDoc, k: number, keep: (h: number) => boolean): number {
  let covered = 0;
  let reach = -1;
  for (let i = 0; i < doc.pos.length; i++) {
    if (!keep(doc.hashes[i]!)) continue;
    const p = doc.pos[i]!;
    covered += Math.max(0, p + k - Math.max(p, reach));
    reach = Math.max(reach, p + k);
  }
  return covered;
}

/**
 * Every pair of submissions that shares a fingerprint in some exercise, ranked by shared tokens
 * (then by fraction, then by index). `docs[s]` maps exercise id to submission s's answer.
 */
export function rankPairs(docs: Array<Map<string, ExerciseDoc>>, ids: string[], o: CompareOptions): RankedPair[] {
  const n = docs.length;
  const pairs = new Map<number, RankedPair>();
  const own = new Array<number>(n).fill(0);
  for (const id of ids) {
    const index = new Map<number, number[]>();
    const sets: Array<Set<number> | undefined> = docs.map((d, s) => {
      const doc = d.get(id);
      if (!doc) return undefined;
      const set = new Set(doc.hashes);
      for (const h of set) {
        const list = index.get(h);
        if (list) list.push(s);
        else index.set(h, [s]);
      }
      return set;
    });
    const usable = (h: number) => index.get(h)!.length <= o.commonLimit;
    docs.forEach((d, s) => {
      const doc = d.get(id);
      if (doc) own[s]! += coverage(doc, o.k, usable);
    });
    const candidates = new Set<number>();
    for (const list of index.values()) {
      if (list.length < 2 || list.length > o.commonLimit) continue;
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) candidates.add(list[i]! * n + list[j]!);
    }
    for (const key of candidates) {
      const a = Math.floor(key / n);
      const b = key % n;
      const inB = sets[b]!;
      const common = new Set([...sets[a]!].filter((h) => inB.has(h) && usable(h)));
      const keep = (h: number) => common.has(h);
      const tokens = Math.min(coverage(docs[a]!.get(id)!, o.k, keep), coverage(docs[b]!.get(id)!, o.k, keep));
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { a, b, tokens: 0, fraction: 0, exercises: [] }));
      pair.tokens += tokens;
      pair.exercises.push({ id, tokens, hashes: [...common] });
    }
  }
  const ranked = [...pairs.values()];
  for (const p of ranked) p.fraction = p.tokens / Math.max(1, Math.min(own[p.a]!, own[p.b]!));
  return ranked.sort((x, y) => y.tokens - x.tokens || y.fraction - x.fraction || x.a - y.a || x.b - y.b);
}

/** A matching region: a run of tokens on each side (global token indices, `to` exclusive). */
export interface TokenRegion {
  a: { file: number; from: number; to: number };
  b: { file: number; from: number; to: number };
}

/** The file (index into `doc.files`) holding global token `pos`. */
function fileOf(doc: ExerciseDoc, pos: number): number {
  let f = 0;
  while (f + 1 < doc.files.length && doc.files[f + 1]!.start <= pos) f++;
  return f;
}

/**
 * The regions two answers share: fingerprint matches chained while both sides advance by at most
 * a k-gram plus a window between consecutive matches, in the same pair of files.
 */
export function matchRegions(docA: ExerciseDoc, docB: ExerciseDoc, hashes: number[], o: Pick<CompareOptions, "k" | "window">): TokenRegion[] {
  const wanted = new Set(hashes);
  const inB = new Map<number, number[]>();
  docB.hashes.forEach((h, i) => {
    if (!wanted.has(h)) return;
    const list = inB.get(h);
    if (list) list.push(docB.pos[i]!);
    else inB.set(h, [docB.pos[i]!]);
  });
  const gap = o.k + o.window;
  const open: Array<TokenRegion & { lastA: number; lastB: number }> = [];
  docA.hashes.forEach((h, i) => {
    const pa = docA.pos[i]!;
    const fa = fileOf(docA, pa);
    for (const pb of inB.get(h) ?? []) {
      const fb = fileOf(docB, pb);
      const r = open.find((x) => x.a.file === fa && x.b.file === fb && pa - x.lastA <= gap && pb > x.lastB && pb - x.lastB <= gap);
      if (r) {
        r.lastA = pa;
        r.lastB = pb;
        r.a.to = Math.max(r.a.to, pa + o.k);
        r.b.to = Math.max(r.b.to, pb + o.k);
      } else {
        open.push({ a: { file: fa, from: pa, to: pa + o.k }, b: { file: fb, from: pb, to: pb + o.k }, lastA: pa, lastB: pb });
      }
    }
  });
  return open.map(({ a, b }) => ({ a, b }));
}
