/**
 * Generating the manifest from the hidden suites: the tasks (vitest collection only, no student
 * code), and, when known wrong solutions are given, the digest of the answers each gives on every
 * task it fails, so feedback can name a student's mistake (feedback/explain.ts). The wrong
 * solutions run through the real grader and sandbox. `grader/manifest.json` is checked in.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Grader } from "../run/runner";
import { DEFAULT_SUITES, buildManifest, suiteSources, type Manifest } from "./manifest";

/** A known wrong solution: its exercise, slug, what is wrong, and the answer file's text. */
export interface KnownMistake {
  id: string;
  slug: string;
  what: string;
  source: string;
}

/** Options of `generateManifest`. */
export interface GenerateOptions {
  /** Exercise ids (default: every suite in the folder). */
  exercises?: string[];
  /** Wrong solutions to record (default none). */
  mistakes?: KnownMistake[];
}

/** Collects every task the suites in `suitesDir` declare, with the suites' hashes and the known mistakes. */
export async function generateManifest(suitesDir: string = DEFAULT_SUITES, options: GenerateOptions = {}): Promise<Manifest> {
  const g = await Grader.create({ suitesDir, exercises: options.exercises, typeCheck: false });
  try {
    const m = buildManifest(await g.collectTasks(), g.exercises, suiteSources(suitesDir));
    const known = (options.mistakes ?? []).filter((w) => w.id in m.exercises);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lrgrader-mistakes-"));
    try {
      for (let i = 0; i < known.length; i += 16) {
        const batch = known.slice(i, i + 16).map((w, j) => {
          const dir = path.join(scratch, String(i + j));
          fs.mkdirSync(path.join(dir, w.id), { recursive: true });
          fs.writeFileSync(path.join(dir, w.id, "exercise.ts"), w.source);
          return { w, ref: { key: String(i + j), path: dir } };
        });
        const raw = await g.gradeBatch(batch.map((b) => b.ref));
        for (const { w, ref } of batch) {
          const answers: Record<string, string> = {};
          for (const o of raw.get(ref.key)!.outcomes) {
            if (o.meta.exercise === w.id && o.state !== "passed" && o.meta.answers) answers[`${o.meta.part}: ${o.meta.title}`] = o.meta.answers;
          }
          (m.exercises[w.id]!.mistakes ??= []).push({ slug: w.slug, what: w.what, answers });
        }
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return m;
  } finally {
    await g.close();
  }
}
