/**
 * A class graded on several machines: which shard a `grade-all` process grades (`--shard i/n`,
 * or the variables a runner sets: a Kubernetes Indexed Job, a Slurm job array, a GitHub Actions
 * matrix), the record each run leaves in its output (`shard.json`), and `merge`, which combines
 * the shard outputs into one output folder whose gradebook is the one a single run would have
 * written, after checking that every student of the class folder is in exactly one output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";
import { readRoster } from "../intake/roster";
import { checkOutput, removeStaleTemps, writeAtomic } from "../report/files";
import type { GradeResult } from "../score/score";
import { runSummary, writeClassReports, type ClassRun, type Reason } from "./batch";

/** The part of the class a `grade-all` process grades: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
  /** Where it came from: "--shard", the runner's variables, or "not sharded". */
  source: string;
}

/** The file a `grade-all` run leaves in its output folder: which shard it graded. */
export const SHARD_RECORD = "shard.json";

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InstructorError(`--shard must be i/n with 1 ≤ i ≤ n, got ${text}`);
  return { index: Number(m[1]), count: Number(m[2]), source: "--shard" };
}

/**
 * The shard the runner's environment assigns, when `--shard` is not given; undefined when none
 * is set. In order:
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based), with `SHARD_COUNT` set in the job
 *   to its `completions`;
 * - Slurm job array (`--array=a-b[:s]`): `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_MIN`,
 *   `SLURM_ARRAY_TASK_COUNT` (and `SLURM_ARRAY_TASK_STEP`, `SLURM_ARRAY_TASK_MAX` when set);
 * - anything else, such as a GitHub Actions matrix: `SHARD_INDEX` (0-based) and `SHARD_COUNT`
 *   (in GitHub Actions, `strategy.job-index` and `strategy.job-total`).
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | undefined {
  const fix = "see the job definitions in grader/jobs/, or pass --shard i/n";
  /** A whole number from `name`, which must be set since `why`. */
  const int = (name: string, why: string): number => {
    const v = env[name];
    if (v === undefined || v === "") throw new InstructorError(`${why}, but ${name} is not set: ${fix}`);
    if (!/^\d+$/.test(v.trim())) throw new InstructorError(`${name} must be a whole number, got ${JSON.stringify(v)}: ${fix}`);
    return Number(v.trim());
  };
  const has = (name: string) => env[name] !== undefined && env[name] !== "";
  let index: number, count: number, source: string;
  if (has("JOB_COMPLETION_INDEX")) {
    const what = "JOB_COMPLETION_INDEX is set (Kubernetes Indexed Job)";
    index = int("JOB_COMPLETION_INDEX", what);
    count = int("SHARD_COUNT", what);
    source = `Kubernetes Indexed Job: JOB_COMPLETION_INDEX=${index}, SHARD_COUNT=${count}`;
  } else if (has("SLURM_ARRAY_TASK_ID")) {
    const what = "SLURM_ARRAY_TASK_ID is set (Slurm job array)";
    const id = int("SLURM_ARRAY_TASK_ID", what);
    const min = int("SLURM_ARRAY_TASK_MIN", what);
    count = int("SLURM_ARRAY_TASK_COUNT", what);
    const step = has("SLURM_ARRAY_TASK_STEP") ? int("SLURM_ARRAY_TASK_STEP", what) : 1;
    const max = has("SLURM_ARRAY_TASK_MAX") ? int("SLURM_ARRAY_TASK_MAX", what) : min + (count - 1) * step;
    if (step < 1 || (id - min) % step !== 0 || max !== min + (count - 1) * step) {
      throw new InstructorError(`the Slurm array is not an evenly spaced range (task ${id}, min ${min}, max ${max}, step ${step}, count ${count}): submit it with --array=0-<n-1> so that each task grades one shard`);
    }
    index = (id - min) / step;
    source = `Slurm job array: SLURM_ARRAY_TASK_ID=${id}, SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_COUNT=${count}`;
  } else if (has("SHARD_INDEX") || has("SHARD_COUNT")) {
    index = int("SHARD_INDEX", "SHARD_COUNT is set");
    count = int("SHARD_COUNT", "SHARD_INDEX is set");
    source = `SHARD_INDEX=${index}, SHARD_COUNT=${count}`;
  } else {
    return undefined;
  }
  if (count < 1 || index >= count) throw new InstructorError(`shard index ${index} is not below the shard count ${count} (${source}): the count must be the number of shards (the job's completions, the array's size, the matrix's size)`);
  return { index: index + 1, count, source };
}

/** Records in `outDir` which shard a `grade-all` run graded (read back by `merge`). */
export function writeShardRecord(outDir: string, shard: Shard): void {
  writeAtomic(path.join(outDir, SHARD_RECORD), JSON.stringify({ shard: `${shard.index}/${shard.count}`, index: shard.index, count: shard.count, source: shard.source }, null, 2) + "\n");
}

/** Parses CSV text (RFC 4180 quoting) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') (cell += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (c !== "\r") cell += c;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** The gradebook's status of every student folder in a `grade-all` output. */
function gradebookStatus(dir: string): Map<string, string> {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, "gradebook.csv"), "utf8"));
  const folder = header?.indexOf("folder") ?? -1;
  const status = header?.indexOf("status") ?? -1;
  if (folder < 0 || status < 0) throw new InstructorError(`${path.join(dir, "gradebook.csv")} has no folder and status columns: pass the --out folders of grade-all runs`);
  return new Map(rows.filter((r) => r[folder]).map((r) => [r[folder]!, r[status] ?? ""]));
}

/** The shard a `grade-all` output says it graded, or null when it has no readable record. */
function shardRecord(dir: string): { index: number; count: number } | null {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(dir, SHARD_RECORD), "utf8")) as { index?: unknown; count?: unknown };
    return typeof r.index === "number" && typeof r.count === "number" ? { index: r.index, count: r.count } : null;
  } catch {
    return null;
  }
}

/** At most `n` names, then how many in all. */
function some(names: string[], n = 5): string {
  return names.slice(0, n).map((s) => JSON.stringify(s)).join(", ") + (names.length > n ? `, … (${names.length} in all)` : "");
}

/** What `merge` did. */
export interface MergeResult {
  /** Students in the merged gradebook (clashes excluded). */
  students: number;
  /** The line the merged summary.html opens with (as a single run's). */
  note: string;
}

/**
 * Merges the outputs of `grade-all` shard runs into `outDir`: every submission of `classFolder`
 * must have its result in exactly one of `shardDirs`, and all results must come from the same
 * grader; otherwise nothing is written and the error names the missing or duplicated shards and
 * students. The merged `students/` folders are copied as they are, and the gradebook keeps each
 * student's status from the gradebook of the shard that graded it, so the merged gradebook is
 * the one a single `grade-all` run over the whole class would have written.
 */
export function mergeShards(classFolder: string, shardDirs: string[], outDir: string): MergeResult {
  for (const dir of shardDirs) {
    if (!fs.existsSync(path.join(dir, "gradebook.csv"))) throw new InstructorError(`${dir} is not a grade-all output (no gradebook.csv): pass the --out folders of the shard runs`);
  }
  const roster = readRoster(classFolder);
  const byFolder = new Map(roster.submissions.map((s) => [s.folder, s]));
  const owners = new Map<string, string[]>();
  const strangers: string[] = [];
  for (const dir of shardDirs) {
    const students = path.join(dir, "students");
    const folders = fs.existsSync(students) ? fs.readdirSync(students).filter((f) => fs.existsSync(path.join(students, f, "results.json"))) : [];
    for (const f of folders) {
      if (!byFolder.has(f)) strangers.push(`${dir}/students/${f}`);
      else owners.set(f, [...(owners.get(f) ?? []), dir]);
    }
  }
  const missing = roster.submissions.filter((s) => !owners.has(s.folder));
  const twice = roster.submissions.filter((s) => (owners.get(s.folder)?.length ?? 0) > 1);
  if (missing.length || twice.length || strangers.length) {
    const problems: string[] = [];
    const records = shardDirs.map((dir) => ({ dir, rec: shardRecord(dir) }));
    const counts = [...new Set(records.flatMap((r) => (r.rec ? [r.rec.count] : [])))];
    if (counts.length > 1) problems.push(`the outputs split the class differently (${records.map((r) => `${r.dir}: ${r.rec ? `${r.rec.index}/${r.rec.count}` : "no shard.json"}`).join(", ")})`);
    else if (counts.length === 1) {
      const n = counts[0]!;
      for (let i = 1; i <= n; i++) {
        const dirs = records.filter((r) => r.rec?.index === i).map((r) => r.dir);
        if (dirs.length === 0) problems.push(`shard ${i}/${n} is missing`);
        if (dirs.length > 1) problems.push(`shard ${i}/${n} appears ${dirs.length} times (${dirs.join(", ")})`);
      }
    }
    if (missing.length) problems.push(`${missing.length} student${missing.length > 1 ? "s are" : " is"} in no output: ${some(missing.map((s) => s.name))}`);
    if (twice.length) problems.push(`${twice.length} student${twice.length > 1 ? "s are" : " is"} in more than one output: ${some(twice.map((s) => `${s.name} (${owners.get(s.folder)!.join(", ")})`))}`);
    if (strangers.length) problems.push(`${strangers.length} result${strangers.length > 1 ? "s are" : " is"} of no submission in ${classFolder}: ${some(strangers)}`);
    throw new InstructorError(`not merged: ${problems.join("; ")}. Every student of the class folder must be in exactly one output: rerun the missing shard or leave out the extra output, then merge again`);
  }

  const results = new Map<string, { dir: string; result: GradeResult }>();
  for (const s of roster.submissions) {
    const dir = owners.get(s.folder)![0]!;
    const file = path.join(dir, "students", s.folder, "results.json");
    try {
      results.set(s.folder, { dir, result: JSON.parse(fs.readFileSync(file, "utf8")) as GradeResult });
    } catch (e) {
      throw new InstructorError(`not merged: ${file} cannot be read (${(e as Error).message.split("\n")[0]}): rerun its shard`);
    }
  }
  const graders = new Map<string, string>();
  for (const { dir, result } of results.values()) if (!graders.has(result.grader ?? "")) graders.set(result.grader ?? "", dir);
  if (graders.size > 1) {
    throw new InstructorError(`not merged: the outputs were graded by different graders (${[...graders].map(([sha, dir]) => `${sha.slice(0, 12) || "unknown"} in ${dir}`).join(", ")}): grade every shard with the same suites, manifest and harness`);
  }
  const first = results.values().next().value;
  const ids = first ? Object.keys(first.result.exercises).sort() : [];
  for (const [folder, { result }] of results) {
    if (Object.keys(result.exercises).sort().join(",") !== ids.join(",")) throw new InstructorError(`not merged: ${byFolder.get(folder)!.name} was graded on other exercises than ${first!.dir} (${Object.keys(result.exercises).sort().join(", ")}): grade every shard with the same --only`);
  }

  const statusOf = new Map(shardDirs.map((dir) => [dir, gradebookStatus(dir)]));
  const status = new Map<string, string>();
  const run: ClassRun = { graded: {}, kept: 0, clashes: roster.clashes.length, failed: 0 };
  for (const s of roster.submissions) {
    const st = statusOf.get(results.get(s.folder)!.dir)!.get(s.folder);
    if (st === undefined) continue;
    status.set(s.name, st);
    const graded = /^graded: (.+)$/.exec(st);
    if (graded) run.graded[graded[1] as Exclude<Reason, "kept">] = (run.graded[graded[1] as Exclude<Reason, "kept">] ?? 0) + 1;
    else if (st.startsWith("kept")) run.kept++;
  }

  checkOutput(outDir, roster.submissions.length * 256 * 1024);
  removeStaleTemps(outDir);
  const real = (p: string) => fs.realpathSync(p);
  const outReal = real(outDir);
  for (const s of roster.submissions) {
    const { dir } = results.get(s.folder)!;
    if (real(dir) === outReal) continue;
    const from = path.join(dir, "students", s.folder);
    for (const f of fs.readdirSync(from)) if (!f.includes(".tmp-")) writeAtomic(path.join(outDir, "students", s.folder, f), fs.readFileSync(path.join(from, f)));
  }
  const note = runSummary(run);
  writeClassReports(roster, outDir, ids, status, note);
  return { students: roster.submissions.length, note };
}
