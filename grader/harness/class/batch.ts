/**
 * The `grade` and `grade-all` commands: grading one submission or a class into an output folder,
 * with checks before grading, atomic writes, resumption by provenance, sharding, a progress bar
 * and the class reports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";
import { intake } from "../intake/prepare";
import { readRoster, type Roster, type Submission } from "../intake/roster";
import { checkOutput, removeStaleTemps, writeAtomic } from "../report/files";
import { DEFAULT_TITLE, lmsGradebooks, lmsNote } from "../report/lms";
import { feedbackHtml, gradebookCsv, histogramSvg, mistakesCsv, PLOTLY_FILE, plotlyBundle, pointsCsv, summaryHtml, summaryTable, tasksCsv, type GradebookRow } from "../report/report";
import { closeGraders, exerciseIds, gradeSubmission, type GradeOptions } from "../run/grade";
import { Grader, type SubmissionRef } from "../run/runner";
import { stopTypeCheck } from "../run/typecheck";
import { loadManifest } from "../score/manifest";
import { graderSha, submissionSha } from "../score/provenance";
import { score, type GradeResult } from "../score/score";
import { classAnalytics } from "./analytics";

/** Options shared by `grade` and `grade-all`. */
export interface BatchOptions extends GradeOptions {
  suitesDir: string;
  manifest: string;
}

/** A first estimate of the disk space one student's results take (results.json + feedback.html). */
const RESULT_BYTES = 256 * 1024;

/** Checks that a submission given to `grade` is a folder or a `.zip` that exists. */
function checkSubmission(submission: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(submission);
  } catch {
    throw new InstructorError(`the submission ${submission} does not exist: pass a submission folder or .zip`);
  }
  if (!st.isDirectory() && !(st.isFile() && submission.toLowerCase().endsWith(".zip"))) {
    throw new InstructorError(`the submission ${submission} is neither a folder nor a .zip file: pass a submission folder or .zip`);
  }
}

/** Grades one submission into `outDir` (results.json, feedback.html) and prints the summary table. */
export async function gradeOne(submission: string, outDir: string, options: BatchOptions): Promise<GradeResult> {
  checkSubmission(submission);
  checkOutput(outDir, RESULT_BYTES);
  removeStaleTemps(outDir);
  try {
    const result = await gradeSubmission(submission, options);
    writeAtomic(path.join(outDir, "feedback.html"), feedbackHtml(result));
    writeAtomic(path.join(outDir, "results.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(summaryTable(result));
    console.log(`\nprotections: ${result.protections.join("; ")}`);
    console.log(`wrote ${path.join(outDir, "results.json")} and feedback.html`);
    return result;
  } finally {
    await closeGraders();
  }
}

/** Options of `grade-all`. */
export interface GradeAllOptions extends BatchOptions {
  /** Parallel vitest workers (default 2). */
  jobs?: number;
  /** Regrade submissions whose stored results are current. */
  force?: boolean;
  /** Grade only shard i of n (1-based), by position in the sorted list of submissions. */
  shard?: [number, number];
  /** Submissions per vitest run (default 16). */
  batchSize?: number;
  /** No progress output. */
  quiet?: boolean;
}

/** Why a submission is graded in this run, or why its stored result is kept. */
export type Reason = "new" | "submission changed" | "grader changed" | "forced" | "kept";

/** What a `grade-all` run did. */
export interface ClassRun {
  /** Submissions graded in this run, by reason. */
  graded: Partial<Record<Exclude<Reason, "kept">, number>>;
  /** Stored results kept: same submission files, same grader. */
  kept: number;
  /** Submissions not graded because their names clash. */
  clashes: number;
  /** Submissions whose grading failed in this run (each named in the gradebook; a rerun retries them). */
  failed: number;
}

/** The stored result of a student, or null when there is none or it cannot be read. */
function storedResult(file: string): GradeResult | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as GradeResult;
  } catch {
    return null;
  }
}

/** A progress bar on stderr: redrawn in place on a TTY, a line per batch otherwise. */
class Progress {
  private readonly t0 = Date.now();
  constructor(
    private readonly total: number,
    private readonly quiet: boolean,
  ) {}

  update(done: number): void {
    if (this.quiet || this.total === 0) return;
    const s = (Date.now() - this.t0) / 1000;
    const rate = done / Math.max(s, 1e-3);
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    const text = `${done}/${this.total}  ${rate.toFixed(1)}/s  ETA ${Math.ceil(eta)} s`;
    if (process.stderr.isTTY) {
      const width = 30;
      const fill = Math.round((done / this.total) * width);
      process.stderr.write(`\r[${"#".repeat(fill)}${".".repeat(width - fill)}] ${text}  `);
      if (done === this.total) process.stderr.write("\n");
    } else {
      process.stderr.write(`graded ${text}\n`);
    }
  }
}

/**
 * Grades a class folder into `outDir`. Everything that can be checked is checked before any
 * grading (the folder, name clashes, the manifest against the suites, the output folder and its
 * free space). A stored result is kept only when it was made from the same submission files by
 * the same grader; otherwise, or with `force`, the submission is graded again.
 */
export async function gradeAll(folder: string, outDir: string, options: GradeAllOptions): Promise<ClassRun> {
  const roster = readRoster(folder);
  const ids = exerciseIds(options, options.suitesDir);
  const manifest = loadManifest(options.manifest, options.suitesDir, ids);
  const sha = graderSha(options.suitesDir, options.manifest, ids, options.assignment);
  const mine = options.shard ? roster.submissions.filter((_, i) => i % options.shard![1] === options.shard![0] - 1) : roster.submissions;
  checkOutput(outDir, mine.length * RESULT_BYTES);
  removeStaleTemps(outDir);
  for (const line of notGradedLines(roster)) process.stderr.write(`${line}\n`);

  const resultFile = (s: Submission) => path.join(outDir, "students", s.folder, "results.json");
  const run: ClassRun = { graded: {}, kept: 0, clashes: roster.clashes.length, failed: 0 };
  const status = new Map<string, string>();
  const todo: Array<SubmissionRef & { sub: Submission; reason: Exclude<Reason, "kept"> }> = [];
  for (const sub of mine) {
    const got = await intake(sub.path, ids).catch(() => undefined);
    const stored = storedResult(resultFile(sub));
    const reason: Reason = options.force ? "forced"
      : !stored ? "new"
      : stored.grader !== sha ? "grader changed"
      : !got || stored.submission?.name !== sub.name || stored.submission.sha256 !== submissionSha(got) ? "submission changed"
      : "kept";
    if (reason === "kept") {
      run.kept++;
      status.set(sub.name, "kept: same files and grader");
      continue;
    }
    todo.push({ key: sub.folder, path: sub.path, intake: got, sub, reason });
  }

  const progress = new Progress(todo.length, !!options.quiet);
  if (todo.length > 0) {
    const grader = await Grader.create({ suitesDir: options.suitesDir, exercises: ids, isolation: options.isolation, limits: options.limits, workers: options.jobs });
    try {
      const size = options.batchSize ?? 16;
      progress.update(0);
      for (let i = 0; i < todo.length; i += size) {
        const batch = todo.slice(i, i + size);
        const raw = await grader.gradeBatch(batch);
        for (const { sub, reason } of batch) {
          // Whatever goes wrong with one student's result ends in that student's row.
          try {
            const r = raw.get(sub.folder)!;
            const result: GradeResult = { ...score(r, manifest, grader.isolation.protections, options.assignment), submission: { name: sub.name, sha256: r.sha256 }, grader: sha };
            writeAtomic(path.join(outDir, "students", sub.folder, "feedback.html"), feedbackHtml(result, `Feedback for ${sub.name}`));
            writeAtomic(resultFile(sub), JSON.stringify(result, null, 2) + "\n");
            run.graded[reason] = (run.graded[reason] ?? 0) + 1;
            status.set(sub.name, `graded: ${reason}`);
          } catch (e) {
            if (e instanceof InstructorError) throw e; // a full disk stops the run: finished results are kept
            run.failed++;
            const line = `not graded: grader error (${(e as Error)?.message ?? String(e)}); run grade-all again to retry`;
            status.set(sub.name, line);
            process.stderr.write(`${sub.name}: ${line}\n`);
          }
        }
        progress.update(i + batch.length);
      }
    } finally {
      await grader.close();
      await stopTypeCheck();
    }
  }
  writeClassReports(roster, outDir, ids, status, runSummary(run));
  return run;
}

/** One line per entry of the class folder that is not graded: clashes, then the others. */
function notGradedLines(roster: Roster): string[] {
  return [...roster.clashes.map((c) => c.message), ...roster.skipped.map((k) => k.message)];
}

/** One line saying what a run did: graded (by reason), kept, not graded. */
export function runSummary(run: ClassRun): string {
  const graded = Object.values(run.graded).reduce((a, n) => a + n, 0);
  const reasons = Object.entries(run.graded).map(([r, n]) => `${n} ${r}`).join(", ");
  return `graded ${graded}${reasons ? ` (${reasons})` : ""}; kept ${run.kept} (same files, same grader)` + (run.clashes ? `; ${run.clashes} name clash${run.clashes > 1 ? "es" : ""} not graded` : "") + (run.failed ? `; ${run.failed} not graded (grader error: see the gradebook)` : "");
}

/**
 * Rebuilds gradebook.csv, the gradebooks to import into an LMS (canvas.csv, moodle.csv,
 * totals.csv; report/lms.ts), histogram.svg, the class analytics (tasks.csv, mistakes.csv,
 * points.csv) and summary.html with plotly's bundle beside it, from every finished result in
 * `outDir`. What an instructor must know before importing is printed on stderr and in summary.html.
 */
export function writeClassReports(roster: Roster, outDir: string, ids: string[], status: Map<string, string>, note: string): void {
  const rows: GradebookRow[] = [];
  for (const s of roster.submissions) {
    const st = status.get(s.name);
    // A student this run failed to grade shows no score, not an older result.
    const result = st?.startsWith("not graded") ? null : storedResult(path.join(outDir, "students", s.folder, "results.json"));
    if (result || st) rows.push({ student: s.name, folder: s.folder, result, status: st ?? "kept: graded by another shard or run" });
  }
  for (const c of roster.clashes) for (const entry of c.entries) rows.push({ student: entry, folder: "", result: null, status: "not graded: name clash" });
  for (const k of roster.skipped) rows.push({ student: k.entry, folder: "", result: null, status: `not graded: ${k.reason}` });
  rows.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  writeAtomic(path.join(outDir, "gradebook.csv"), gradebookCsv(ids, rows));
  const graded = rows.filter((r): r is GradebookRow & { result: GradeResult } => r.result !== null);
  const max = graded[0]?.result.max_score ?? 0;
  const lms = lmsGradebooks(graded[0]?.result.assignment ?? DEFAULT_TITLE, max, graded);
  for (const [name, csv] of Object.entries(lms)) writeAtomic(path.join(outDir, name), csv);
  const lmsWarning = graded.length ? lmsNote(max) : null;
  if (lmsWarning) process.stderr.write(`${lmsWarning}\n`);
  const svg = histogramSvg(graded.map((r) => r.result.score), max);
  writeAtomic(path.join(outDir, "histogram.svg"), svg);
  const analytics = classAnalytics(ids, graded.map((r) => r.result));
  writeAtomic(path.join(outDir, "tasks.csv"), tasksCsv(analytics));
  writeAtomic(path.join(outDir, "mistakes.csv"), mistakesCsv(analytics));
  writeAtomic(path.join(outDir, "points.csv"), pointsCsv(analytics));
  const plotly = plotlyBundle();
  if (plotly !== null) writeAtomic(path.join(outDir, PLOTLY_FILE), plotly);
  writeAtomic(path.join(outDir, "summary.html"), summaryHtml(ids, graded, svg, [note, ...notGradedLines(roster), ...(lmsWarning ? [lmsWarning] : [])], analytics));
}
