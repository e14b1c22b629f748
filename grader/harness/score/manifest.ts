/**
 * The manifest of expected tasks: every task of every exercise, generated from the hidden suites
 * (`npm run grade:manifest`) and checked in. It records a SHA-256 of each suite source, so a
 * suite edited after the manifest was made stops grading with a message instead of grading
 * against a stale task list.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";
import type { TaskMeta, Visibility } from "../run/suite";

/** The repository root (grader/harness/score/../../..). */
const ROOT = path.resolve(__dirname, "..", "..", "..");
/** Default suites folder and manifest file. */
export const DEFAULT_SUITES = path.join(ROOT, "grader", "suites");
export const DEFAULT_MANIFEST = path.join(ROOT, "grader", "manifest.json");

/** One expected task. */
export interface ManifestTask {
  exercise: string;
  part: string;
  title: string;
  points: number;
  visibility: Visibility;
}

/**
 * A known wrong solution (grader/wrong/): what is wrong, and for each task it fails, the digest
 * of the answers it gives there (see feedback/digest.ts), keyed by "part: title".
 */
export interface Mistake {
  slug: string;
  what: string;
  answers: Record<string, string>;
}

/** Every task of every exercise, in suite order, and the suite sources it was made from. */
export interface Manifest {
  /** SHA-256 (hex) of each `.ts` file of the suites folder, by file name. */
  sources: Record<string, string>;
  exercises: Record<string, { max: number; tasks: ManifestTask[]; mistakes?: Mistake[] }>;
}

/** Rounds to 6 decimals so sums of fractional points print cleanly. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The SHA-256 of each `.ts` file in `suitesDir` (suites and their shared helpers), by name. */
export function suiteSources(suitesDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(suitesDir).filter((f) => f.endsWith(".ts")).sort()) {
    out[name] = createHash("sha256").update(fs.readFileSync(path.join(suitesDir, name))).digest("hex");
  }
  return out;
}

/** Builds the manifest from collected task metadata and the suites' sources. */
export function buildManifest(tasks: TaskMeta[], exercises: string[], sources: Record<string, string>): Manifest {
  const m: Manifest = { sources, exercises: {} };
  for (const id of exercises) m.exercises[id] = { max: 0, tasks: [] };
  for (const t of tasks) {
    const ex = m.exercises[t.exercise];
    if (!ex) throw new Error(`task of unknown exercise ${t.exercise}`);
    ex.tasks.push({ exercise: t.exercise, part: t.part, title: t.title, points: t.points, visibility: t.visibility });
    ex.max = round(ex.max + t.points);
  }
  for (const [id, ex] of Object.entries(m.exercises)) if (ex.tasks.length === 0) throw new Error(`exercise ${id} declares no tasks`);
  return m;
}

/** The manifest as its checked-in text. */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}

const FIX = "run npm run grade:manifest (with the same --suites) to regenerate it";
/** How points and tasks change: in the suites, never in the generated manifest. */
const EDIT_FIX = "points and tasks change in the hidden suites (task(part, title, points)); then run npm run grade:manifest to regenerate the manifest";

/**
 * Checks the tasks one graded submission's run declared (every suite declares every task for
 * every submission) against the manifest: the same tasks, points and visibility, each once.
 * Exercises whose suite did not load are left out (that submission's output says so). A
 * mismatch means the manifest was edited by hand: an `InstructorError` naming the differences.
 */
export function checkDeclaredTasks(manifest: Manifest, declared: TaskMeta[]): void {
  const terms = (t: { points: number; visibility: string }) => `${t.points} point${t.points === 1 ? "" : "s"}, ${t.visibility}`;
  const got = new Map<string, string>();
  for (const t of declared) got.set(`${t.exercise} ${t.part}: ${t.title}`, terms(t));
  const ran = new Set(declared.map((t) => t.exercise));
  const diffs: string[] = [];
  for (const [id, ex] of Object.entries(manifest.exercises)) {
    if (!ran.has(id)) continue;
    for (const t of ex.tasks) {
      const name = `${id} ${t.part}: ${t.title}`;
      const want = terms(t);
      const have = got.get(name);
      got.delete(name);
      if (have === undefined) diffs.push(`${name} is not in the suite`);
      else if (have !== want) diffs.push(`${name} has ${want} in the manifest, ${have} in the suite`);
    }
  }
  for (const name of got.keys()) if (manifest.exercises[name.split(" ")[0]!]) diffs.push(`${name} is not in the manifest`);
  if (diffs.length) throw new InstructorError(`the manifest does not match the tasks the hidden suites declare (${diffs.slice(0, 3).join("; ")}${diffs.length > 3 ? `; ${diffs.length - 3} more` : ""}): ${EDIT_FIX}`);
}

/** Reads and validates a manifest file; a missing or garbled file is an `InstructorError`. */
export function readManifest(file: string): Manifest {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InstructorError(`the manifest ${shown} ${code === "ENOENT" ? "does not exist" : `cannot be read (${code})`}: ${FIX}`);
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new InstructorError(`the manifest ${shown} is not valid JSON: ${FIX}`);
  }
  const problem = manifestProblem(m);
  if (problem) throw new InstructorError(`the manifest ${shown} is not a valid manifest (${problem}): ${FIX}`);
  return m as Manifest;
}

/** What is wrong with the shape of a parsed manifest, or null. */
function manifestProblem(m: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(m)) return "not an object";
  if (!isObject(m.sources) || !Object.values(m.sources).every((h) => typeof h === "string")) return "no suite hashes: made by an older grader";
  if (!isObject(m.exercises)) return "no exercises";
  for (const [id, ex] of Object.entries(m.exercises)) {
    if (!isObject(ex) || typeof ex.max !== "number" || !Array.isArray(ex.tasks)) return `exercise ${id} is malformed`;
    for (const t of ex.tasks) {
      if (!isObject(t) || t.exercise !== id || typeof t.part !== "string" || typeof t.title !== "string" || typeof t.points !== "number" || typeof t.visibility !== "string") {
        return `a task of ${id} is malformed`;
      }
    }
    const keys = new Set(ex.tasks.map((t) => `${(t as ManifestTask).part}: ${(t as ManifestTask).title}`));
    if (keys.size !== ex.tasks.length) return `exercise ${id} lists a task twice`;
    const sum = round(ex.tasks.reduce((a, t) => a + (t as ManifestTask).points, 0));
    if (ex.max !== sum) return `exercise ${id} has max ${ex.max}, but its tasks' points add up to ${sum}`;
    const mistakes = ex.mistakes ?? [];
    if (!Array.isArray(mistakes) || !mistakes.every((w) => isObject(w) && typeof w.slug === "string" && typeof w.what === "string" && isObject(w.answers))) return `the known mistakes of ${id} are malformed`;
  }
  return null;
}

/**
 * Reads the manifest, checks that it was made from the suites in `suitesDir` as they are now,
 * and restricts it to `ids`. A stale manifest is an `InstructorError` naming the changed files.
 */
export function loadManifest(file: string, suitesDir: string, ids: string[]): Manifest {
  const m = readManifest(file);
  const now = suiteSources(suitesDir);
  const changed = Object.keys(now).filter((f) => f in m.sources && m.sources[f] !== now[f]);
  const added = Object.keys(now).filter((f) => !(f in m.sources));
  const removed = Object.keys(m.sources).filter((f) => !(f in now));
  if (changed.length + added.length + removed.length > 0) {
    const list = [...changed.map((f) => `${f} changed`), ...added.map((f) => `${f} added`), ...removed.map((f) => `${f} removed`)].join(", ");
    throw new InstructorError(`the manifest ${path.relative(process.cwd(), file) || file} is out of date with the hidden suites (${list}): ${FIX}`);
  }
  const out: Manifest = { sources: m.sources, exercises: {} };
  for (const id of ids) {
    const ex = m.exercises[id];
    if (!ex) throw new InstructorError(`exercise ${id} has a suite but is not in the manifest: ${FIX}`);
    out.exercises[id] = ex;
  }
  return out;
}
