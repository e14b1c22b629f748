/**
 * Plausible wrong solutions, which test the hidden suites: each is an exercise's reference solution
 * (`grader/solutions/<id>/exercise.ts`) with a few snippets replaced, listed per exercise in
 * `grader/wrong/<id>.json`. Every one must lose points on its exercise.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One wrong solution: what is wrong, and the edits that make it from the reference. */
export interface WrongSolution {
  id: string;
  slug: string;
  what: string;
  /** [snippet of the reference, its replacement]; each snippet occurs exactly once, none overlap. */
  edits: [string, string][];
}

const GRADER = path.resolve(__dirname, "..");

/** Every wrong solution of every exercise, in file order. */
export function wrongSolutions(): WrongSolution[] {
  const dir = path.join(GRADER, "wrong");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      const id = f.slice(0, -".json".length);
      const list = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Omit<WrongSolution, "id">[];
      return list.map((w) => ({ id, ...w }));
    });
}

/**
 * The wrong answer file: a `// WRONG:` line saying what is wrong, then the reference with every
 * edit applied. Throws if a snippet is not found exactly once or two snippets overlap, so an edit
 * cannot silently go stale when the reference changes.
 */
export function wrongSource(w: WrongSolution): string {
  const reference = readFileSync(path.join(GRADER, "solutions", w.id, "exercise.ts"), "utf8");
  const spots = w.edits.map(([find, replace]) => {
    const at = reference.indexOf(find);
    if (at < 0 || reference.indexOf(find, at + 1) >= 0) {
      throw new Error(`wrong solution ${w.id}/${w.slug}: the snippet ${JSON.stringify(find.slice(0, 60))} must occur exactly once in the reference`);
    }
    return { at, end: at + find.length, replace };
  });
  spots.sort((a, b) => a.at - b.at);
  let out = `// WRONG: ${w.what}\n`;
  let pos = 0;
  for (const s of spots) {
    if (s.at < pos) throw new Error(`wrong solution ${w.id}/${w.slug}: two edits overlap`);
    out += reference.slice(pos, s.at) + s.replace;
    pos = s.end;
  }
  return out + reference.slice(pos);
}
