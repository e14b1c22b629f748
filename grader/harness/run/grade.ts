/**
 * Programmatic grading: `gradeSubmission(dir)` grades one submission with the real hidden suites
 * and sandbox. Graders are created on first use and kept for the process's lifetime (one per
 * suite folder and exercise set), and calls made while a run is in progress are graded together
 * in the next run, so `Promise.all` over many submissions is fast.
 */
import * as path from "node:path";
import { Grader, REPO_ROOT, listExercises, type GraderOptions, type RawGrade, type SubmissionRef } from "./runner";
import type { Assignment } from "../score/assignment";
import { loadManifest, type Manifest } from "../score/manifest";
import { graderSha } from "../score/provenance";
import { score, type GradeResult } from "../score/score";
import { stopTypeCheck } from "./typecheck";

export type { GradeResult, GradeTest } from "../score/score";

/** Options of `gradeSubmission`. */
export interface GradeOptions {
  /** Grade only these exercise ids. */
  only?: string[];
  /** Grade the exercises of this assignment, worth its points (instead of `only`). */
  assignment?: Assignment;
  /** Suites folder (default grader/suites). */
  suitesDir?: string;
  /** Manifest file (default `<suitesDir>/../manifest.json`). */
  manifest?: string;
  /** "process" forces the unsandboxed fallback. */
  isolation?: GraderOptions["isolation"];
  /** Overrides of the student-process limits. */
  limits?: GraderOptions["limits"];
  /** Parallel vitest workers (default 2). */
  workers?: number;
}

/** A grader plus the queue of submissions waiting for its next run. */
class BatchingGrader {
  private queue: Array<{ ref: SubmissionRef; done: (r: RawGrade) => void; fail: (e: Error) => void }> = [];
  private running: Promise<void> | null = null;
  private n = 0;

  constructor(
    readonly grader: Promise<Grader>,
    readonly manifest: Manifest,
    /** SHA-256 of this grader (see provenance.ts). */
    readonly sha: string,
    readonly assignment: Assignment | undefined,
    private readonly maxBatch = 16,
  ) {}

  grade(dir: string): Promise<RawGrade> {
    return new Promise((done, fail) => {
      this.queue.push({ ref: { key: `s${++this.n}`, path: dir }, done, fail });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running = (async () => {
      try {
        const g = await this.grader;
        const raw = await g.gradeBatch(batch.map((b) => b.ref));
        for (const b of batch) b.done(raw.get(b.ref.key)!);
      } catch (e) {
        for (const b of batch) b.fail(e as Error);
      } finally {
        this.running = null;
        this.kick();
      }
    })();
  }
}

const graders = new Map<string, BatchingGrader>();

/** The exercise ids graded, sorted: the assignment's, else `only`, else every exercise with a suite. */
export function exerciseIds(options: Pick<GradeOptions, "only" | "assignment">, suitesDir: string): string[] {
  return [...(options.assignment ? Object.keys(options.assignment.points) : options.only ?? listExercises(suitesDir))].sort();
}

function graderFor(options: GradeOptions): BatchingGrader {
  const suitesDir = path.resolve(options.suitesDir ?? path.join(REPO_ROOT, "grader", "suites"));
  const manifestFile = path.resolve(options.manifest ?? path.join(suitesDir, "..", "manifest.json"));
  const ids = exerciseIds(options, suitesDir);
  const k = JSON.stringify([suitesDir, manifestFile, ids, options.assignment ?? null, options.isolation ?? "auto", options.limits ?? {}, options.workers ?? null]);
  let g = graders.get(k);
  if (!g) {
    const manifest = loadManifest(manifestFile, suitesDir, ids);
    g = new BatchingGrader(Grader.create({ suitesDir, exercises: ids, isolation: options.isolation, limits: options.limits, workers: options.workers }), manifest, graderSha(suitesDir, manifestFile, ids, options.assignment), options.assignment);
    graders.set(k, g);
  }
  return g;
}

/**
 * Grades a submission directory (or .zip) and returns its Gradescope results object, with its
 * provenance: the submission's name (the folder's, or the zip's without `.zip`) and hashes.
 */
export async function gradeSubmission(dir: string, options: GradeOptions = {}): Promise<GradeResult> {
  const g = graderFor(options);
  const raw = await g.grade(path.resolve(dir));
  const name = path.basename(dir).replace(/\.zip$/i, "");
  return { ...score(raw, g.manifest, (await g.grader).isolation.protections, g.assignment), submission: { name, sha256: raw.sha256 }, grader: g.sha };
}

/** Closes every grader this process created (call from afterAll or before exit). */
export async function closeGraders(): Promise<void> {
  const all = [...graders.values()];
  graders.clear();
  for (const g of all) await (await g.grader).close();
  await stopTypeCheck();
}
