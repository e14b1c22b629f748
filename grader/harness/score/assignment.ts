/**
 * Assignment files (`--assignment <file>`): a title and the exercises one assignment grades,
 * each with its points, e.g.
 *
 *     { "title": "Week 3: warm-up", "exercises": [{ "id": "a03-warmup-ratio", "points": 20 }, { "id": "quiz" }] }
 *
 * An exercise without `points` keeps its own (the manifest's maximum). Other points scale its
 * tasks' points, keeping their ratios. Every mistake in the file is one line naming the path
 * inside it, e.g. `assignments/week3.json: exercises[2].points: -1 is negative; give a number ≥ 0`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";
import type { Manifest } from "./manifest";

/** A parsed, checked assignment: its title and the points of each exercise, in the file's order. */
export interface Assignment {
  title: string;
  points: Record<string, number>;
}

/** Headers that Canvas's gradebook import reads as totals, never as an assignment (canvas-lms GradebookImporter). */
export const CANVAS_TOTAL_COLUMNS = ["Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade", "Override Status"];

/** Points are kept to millionths (manifest.ts rounds to 6 decimals). */
const MICRO = 1e6;

/** Most points an exercise may be worth: its millionths, and a class's totals of them, stay exact integers in a double. */
export const MAX_POINTS = 1e6;

/** The JSON type of a parsed value, as a message names it. */
function jsonType(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return d[b.length]!;
}

/** Whether `text` fails to parse for a reason other than ending too early. */
function brokenBefore(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (e) {
    const message = (e as Error).message;
    if (/end of JSON input/.test(message)) return false;
    const at = /at position (\d+)/.exec(message);
    return !at || Number(at[1]) < text.length;
  }
}

/**
 * Where `text` stops being JSON, as "line L column C (found …)": the shortest prefix that already
 * fails for another reason than its end (found by bisection; JSON.parse's own message gives no
 * position in every Node version), or the end of the file.
 */
function jsonErrorText(text: string): string {
  let lo = 0;
  let hi = text.length;
  if (!brokenBefore(text)) return "it ends too early";
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (brokenBefore(text.slice(0, mid + 1))) hi = mid;
    else lo = mid + 1;
  }
  const before = text.slice(0, lo);
  const line = before.split("\n").length;
  return `at line ${line} column ${lo - before.lastIndexOf("\n")}, found ${JSON.stringify(text[lo])}`;
}

/**
 * The path of the first key that an object of `text` (valid JSON) repeats, e.g.
 * `exercises[1].points`, or null. JSON.parse keeps the last value of a repeated key silently
 * (RFC 8259 §4: the names of an object SHOULD be unique); scanned without recursion, so any
 * nesting is fine.
 */
function repeatedKey(text: string): string | null {
  const frames: Array<{ path: string; index: number; keys?: Set<string>; key?: string }> = [];
  const child = () => {
    const top = frames[frames.length - 1];
    if (!top) return "";
    return top.keys ? (top.path ? `${top.path}.${top.key}` : top.key!) : `${top.path}[${top.index}]`;
  };
  let prev = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top?.keys && (prev === "{" || prev === ",")) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return top.path ? `${top.path}.${key}` : key;
        top.keys.add(key);
        top.key = key;
      }
      i = j;
      prev = c;
    } else if (c === "{" || c === "[") {
      frames.push({ path: child(), index: 0, ...(c === "{" ? { keys: new Set<string>() } : {}) });
      prev = c;
    } else if (c === "}" || c === "]") {
      frames.pop();
      prev = c;
    } else if (c === ",") {
      const top = frames[frames.length - 1];
      if (top && !top.keys) top.index++;
      prev = c;
    } else if (!/\s/.test(c)) prev = c;
  }
  return null;
}

/**
 * Reads and checks an assignment file against the manifest's exercises. Any mistake (a missing
 * or unreadable file, bad JSON, a key given twice, a wrong type, an unknown key or exercise, an
 * exercise listed twice, negative points or more than `MAX_POINTS`, a title with control
 * characters or one Canvas would misread) is an `InstructorError` of one line naming the path inside the file.
 */
export function readAssignment(file: string, manifest: Manifest): Assignment {
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  const fail = (where: string, problem: string): never => {
    throw new InstructorError(`${shown}: ${where ? `${where}: ` : ""}${problem}`);
  };
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InstructorError(`${shown} ${code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `cannot be read (${code})`}: pass an assignment file (JSON with a title and its exercises; see grader/README.md)`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail("", `not valid JSON (${jsonErrorText(text)}); fix the syntax`);
  }
  const repeated = repeatedKey(text);
  if (repeated) fail(repeated, "given twice in its object, and JSON keeps only the last; give each key once");
  if (!isObject(doc)) return fail("", `${jsonType(doc)} where an object {"title": …, "exercises": […]} is expected`);
  for (const key of Object.keys(doc)) if (key !== "title" && key !== "exercises") fail(key, `unknown key; an assignment has "title" and "exercises"`);

  const title = doc.title;
  if (title === undefined) fail("title", "missing; give the assignment's name, as the gradebooks will show it");
  if (typeof title !== "string") return fail("title", `${JSON.stringify(title)} is ${jsonType(title)}; give a string`);
  if (title.trim() === "" || /[\p{Cc}\u2028\u2029]/u.test(title)) fail("title", "give a non-empty name on one line, without control characters");
  const total = CANVAS_TOTAL_COLUMNS.find((c) => title.includes(c));
  if (total) fail("title", `${JSON.stringify(title)} contains "${total}", which Canvas's gradebook import reads as a total column, not an assignment; choose another title`);
  const id = / \((\d+)\)$/.exec(title.trim());
  if (id) fail("title", `${JSON.stringify(title)} ends in "${id[0]}", which Canvas's gradebook import reads as the id of an existing assignment (Assignment.title_and_id), not as part of the name; write the number without the parentheses`);

  const list = doc.exercises;
  if (list === undefined) fail("exercises", `missing; give a list such as [{"id": "a01-step-decay", "points": 10}]`);
  if (!Array.isArray(list)) return fail("exercises", `${jsonType(list)} where a list is expected; give a list such as [{"id": "a01-step-decay", "points": 10}]`);
  if (list.length === 0) fail("exercises", "empty; choose at least one exercise");

  const known = Object.keys(manifest.exercises);
  const points: Record<string, number> = {};
  const where = new Map<string, number>();
  list.forEach((entry: unknown, i) => {
    const at = `exercises[${i}]`;
    if (!isObject(entry)) return fail(at, `${JSON.stringify(entry)} is ${jsonType(entry)}; give an object such as {"id": "a01-step-decay", "points": 10}`);
    for (const key of Object.keys(entry)) if (key !== "id" && key !== "points") fail(`${at}.${key}`, `unknown key; an exercise has "id" and, optionally, "points"`);
    const id = entry.id;
    if (id === undefined) fail(`${at}.id`, "missing; give the exercise's id, e.g. \"a01-step-decay\"");
    if (typeof id !== "string") return fail(`${at}.id`, `${JSON.stringify(id)} is ${jsonType(id)}; give the exercise's id as a string`);
    if (!known.includes(id)) {
      const near = known.map((k) => ({ k, d: distance(id, k) })).sort((a, b) => a.d - b.d)[0];
      fail(`${at}.id`, `no exercise ${JSON.stringify(id)}${near && near.d <= 3 ? ` (did you mean ${near.k}?)` : ""}; the exercises are those of the manifest: ${known.join(", ")}`);
    }
    if (where.has(id)) fail(`${at}.id`, `${id} is listed twice (also exercises[${where.get(id)}]); list each exercise once`);
    where.set(id, i);
    const p = entry.points === undefined ? manifest.exercises[id]!.max : entry.points;
    if (typeof p !== "number") return fail(`${at}.points`, `${JSON.stringify(p)} is ${jsonType(p)}; give a number ≥ 0`);
    if (p < 0) fail(`${at}.points`, `${p} is negative; give a number ≥ 0`);
    if (!(p <= MAX_POINTS)) fail(`${at}.points`, `${Number.isFinite(p) ? p : "a number beyond double precision"} is more than ${MAX_POINTS}; give at most ${MAX_POINTS} points`);
    if (Math.round(p * MICRO) / MICRO !== p) fail(`${at}.points`, `${p} has more than 6 decimals; round it`);
    points[id] = p;
  });
  return { title: title.trim(), points };
}

/**
 * Task points scaled to add up to `total` exactly, in the ratios of `points`: in millionths,
 * each task gets its exact share rounded down, and the millionths left over go one each to the
 * tasks with the largest remainders (the largest-remainder method), earlier tasks first on ties.
 */
export function scaledPoints(points: number[], total: number): number[] {
  const sum = points.reduce((a, p) => a + p, 0);
  if (points.some((p) => p < 0) || !(total >= 0)) throw new RangeError(`scaledPoints: points and total must be ≥ 0, got [${points.join(", ")}] and ${total}`);
  if (sum === 0) return points.map(() => 0);
  const units = Math.round(total * MICRO);
  const exact = points.map((p) => (p / sum) * units);
  const floor = exact.map(Math.floor);
  let left = units - floor.reduce((a, f) => a + f, 0);
  const order = exact.map((x, i) => ({ i, r: x - floor[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floor[i]!++;
    left--;
  }
  return floor.map((u) => u / MICRO);
}

/** The assignment as the file an autograder ships: its title and each exercise with its points. */
export function assignmentText(a: Assignment): string {
  return JSON.stringify({ title: a.title, exercises: Object.entries(a.points).map(([id, points]) => ({ id, points })) }, null, 2) + "\n";
}
