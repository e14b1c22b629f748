/**
 * The `grade` and `grade-all` commands: grading one submission or a class into an output folder,
 * with atomic writes, resumption, sharding, a progress bar and the class reports.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { closeGraders, gradeSubmission, restrict, type GradeOptions } from "../run/grade";
import { feedbackHtml, gradebookCsv, histogramSvg, summaryHtml, summaryTable } from "../report/report";
import { Grader, listExercises } from "../run/runner";
import { readManifest, score, type GradeResult } from "../score/score";
import { stopTypeCheck } from "../run/typecheck";

/** Options shared by `grade` and `grade-all`. */
export interface BatchOptions extends GradeOptions {
  suitesDir: string;
  manifest: string;
}

/** Writes a file atomically: a temporary file in the same folder, then rename. */
export function writeAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Grades one submission into `outDir` (results.json, feedback.html) and prints the summary table. */
export async function gradeOne(submission: string, outDir: string, options: BatchOptions): Promise<{ result: GradeResult; failedToRun: boolean }> {
  try {
    const result = await gradeSubmission(submission, options);
    writeAtomic(path.join(outDir, "results.json"), JSON.stringify(result, null, 2) + "\n");
    writeAtomic(path.join(outDir, "feedback.html"), feedbackHtml(result));
    console.log(summaryTable(result));
    console.log(`\nprotections: ${result.protections.join("; ")}`);
    console.log(`wrote ${path.join(outDir, "results.json")} and feedback.html`);
    return { result, failedToRun: false };
  } finally {
    await closeGraders();
  }
}

/** Options of `grade-all`. */
export interface GradeAllOptions extends BatchOptions {
  /** Parallel vitest workers (default 2). */
  jobs?: number;
  /** Regrade submissions that already have results. */
  force?: boolean;
  /** Grade only shard i of n (1-based), by position in the sorted list of submissions. */
  shard?: [number, number];
  /** Submissions per vitest run (default 16). */
  batchSize?: number;
  /** No progress output. */
  quiet?: boolean;
}

/** A student's submission in the class folder. */
interface Student {
  name: string;
  key: string;
  path: string;
}

/** Lists submissions: sub-folders and .zip files (never through symlinks), sorted by name. */
export function listStudents(folder: string): { students: Student[]; skipped: string[] } {
  const students: Student[] = [];
  const skipped: string[] = [];
  const used = new Set<string>();
  for (const e of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith(".")) continue;
    const isZip = e.isFile() && e.name.toLowerCase().endsWith(".zip");
    if (e.isSymbolicLink()) {
      skipped.push(`${e.name}: symbolic link, skipped`);
      continue;
    }
    if (!e.isDirectory() && !isZip) continue;
    const name = isZip ? e.name.slice(0, -4) : e.name;
    let key = name.replace(/[^A-Za-z0-9._@-]/g, "_").replace(/^\.+/, "_").slice(0, 100) || "_";
    for (let n = 2; used.has(key); n++) key = `${key}~${n}`;
    used.add(key);
    students.push({ name, key, path: path.join(folder, e.name) });
  }
  return { students, skipped };
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

/** Grades a class folder into `outDir`; returns the number of submissions graded in this run. */
export async function gradeAll(folder: string, outDir: string, options: GradeAllOptions): Promise<{ graded: number; skipped: number }> {
  const { students: all, skipped: notes } = listStudents(folder);
  const students = options.shard ? all.filter((_, i) => i % options.shard![1] === options.shard![0] - 1) : all;
  const studentsDir = path.join(outDir, "students");
  const resultFile = (s: Student) => path.join(studentsDir, s.key, "results.json");
  const todo = options.force ? students : students.filter((s) => !fs.existsSync(resultFile(s)));
  for (const n of notes) process.stderr.write(`${n}\n`);
  const ids = [...(options.only ?? listExercises(options.suitesDir))].sort();
  const manifest = restrict(readManifest(options.manifest), ids);
  const progress = new Progress(todo.length, !!options.quiet);
  if (todo.length > 0) {
    const grader = await Grader.create({ suitesDir: options.suitesDir, exercises: ids, isolation: options.isolation, limits: options.limits, workers: options.jobs });
    try {
      const size = options.batchSize ?? 16;
      let done = 0;
      progress.update(0);
      for (let i = 0; i < todo.length; i += size) {
        const batch = todo.slice(i, i + size);
        const raw = await grader.gradeBatch(batch.map((s) => ({ key: s.key, path: s.path })));
        for (const s of batch) {
          const result = score(raw.get(s.key)!, manifest, grader.isolation.protections);
          writeAtomic(path.join(studentsDir, s.key, "feedback.html"), feedbackHtml(result, `Feedback for ${s.name}`));
          writeAtomic(resultFile(s), JSON.stringify(result, null, 2) + "\n");
        }
        done += batch.length;
        progress.update(done);
      }
    } finally {
      await grader.close();
      await stopTypeCheck();
    }
  }
  writeClassReports(all, outDir, ids);
  return { graded: todo.length, skipped: students.length - todo.length };
}

/** Rebuilds gradebook.csv, histogram.svg and summary.html from every finished result in `outDir`. */
function writeClassReports(students: Student[], outDir: string, ids: string[]): void {
  const rows: Array<{ student: string; result: GradeResult }> = [];
  for (const s of students) {
    const file = path.join(outDir, "students", s.key, "results.json");
    if (fs.existsSync(file)) rows.push({ student: s.name, result: JSON.parse(fs.readFileSync(file, "utf8")) as GradeResult });
  }
  writeAtomic(path.join(outDir, "gradebook.csv"), gradebookCsv(ids, rows));
  const max = rows[0]?.result.max_score ?? 0;
  const svg = histogramSvg(rows.map((r) => r.result.score), max);
  writeAtomic(path.join(outDir, "histogram.svg"), svg);
  writeAtomic(path.join(outDir, "summary.html"), summaryHtml(ids, rows, svg));
}
