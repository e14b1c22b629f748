/**
 * Argument validation shared by every constructor in the library. Each check returns the value
 * it validated, so constructors read `const T = positiveInt("totalSteps", o.totalSteps)`.
 */

/** An invalid argument: the message names the argument, the value received and the valid range. */
export class ArgumentError extends RangeError {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${argument} = ${show(value)} is invalid: expected ${expected}`);
    this.name = "ArgumentError";
  }
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return String(v);
}

/** A finite number. */
export function finite(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ArgumentError(name, v, "a finite number");
  return v;
}

/** A finite number > 0. */
export function positive(name: string, v: unknown): number {
  if (finite(name, v) <= 0) throw new ArgumentError(name, v, "a finite number > 0");
  return v as number;
}

/** A finite number ≥ 0. */
export function nonNegative(name: string, v: unknown): number {
  if (finite(name, v) < 0) throw new ArgumentError(name, v, "a finite number ≥ 0");
  return v as number;
}

/** A finite number in [lo, hi] (or an open end where `open` says so). */
export function inRange(
  name: string,
  v: unknown,
  lo: number,
  hi: number,
  open: { lo?: boolean; hi?: boolean } = {},
): number {
  const x = finite(name, v);
  const okLo = open.lo ? x > lo : x >= lo;
  const okHi = open.hi ? x < hi : x <= hi;
  if (!okLo || !okHi) {
    throw new ArgumentError(name, v, `a number in ${open.lo ? "(" : "["}${lo}, ${hi}${open.hi ? ")" : "]"}`);
  }
  return x;
}

/** An integer ≥ `min` (default 0) and ≤ `max` (default unbounded). */
export function integer(name: string, v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}…${max}`;
    throw new ArgumentError(name, v, `an integer ${range}`);
  }
  return v;
}

/** An integer ≥ 1. */
export function positiveInt(name: string, v: unknown): number {
  return integer(name, v, 1);
}

/** One of a fixed set of string options. */
export function oneOf<T extends string>(name: string, v: unknown, options: readonly T[]): T {
  if (typeof v !== "string" || !(options as readonly string[]).includes(v)) {
    throw new ArgumentError(name, v, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`);
  }
  return v as T;
}

/** Checks that `lo ≤ hi` for a pair such as (η_min, η_max); throws naming `loName` otherwise. */
export function ordered(loName: string, lo: number, hiName: string, hi: number): void {
  if (finite(loName, lo) > finite(hiName, hi)) throw new ArgumentError(loName, lo, `a number ≤ ${hiName} = ${hi}`);
}

/** A boolean flag (true or false; not a truthy string or number). */
export function bool(name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw new ArgumentError(name, v, "true or false");
  return v;
}

/** An option key that the receiving function does not take; the message suggests the closest valid key. */
export class UnknownKeyError extends ArgumentError {
  constructor(
    readonly key: string,
    readonly where: string,
    readonly valid: readonly string[],
    readonly suggestion: string | undefined,
  ) {
    super(key, undefined, "");
    this.message = `unknown option "${key}" for ${where}${suggestion ? `: did you mean "${suggestion}"?` : ""} (valid: ${valid.join(", ") || "none"})`;
    this.name = "UnknownKeyError";
  }
}

/** Lower case without `_`, `-` or spaces: `weight_decay`, `weight-decay` and `weightDecay` all read `weightdecay`. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, "");
}

/** Levenshtein distance between two strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The valid key closest to `key`: one that reads the same ignoring case, `_` and `-`; else the
 * first that begins with the key (`warmup` → `warmupSteps`) or that the key begins with; else the
 * nearest by edit distance when it is within a third of the key's length (at least 2 edits).
 */
export function closest(key: string, valid: readonly string[]): string | undefined {
  const f = fold(key);
  const same = valid.find((v) => fold(v) === f) ?? (f.length >= 3 ? valid.find((v) => fold(v).startsWith(f) || f.startsWith(fold(v))) : undefined);
  if (same) return same;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(f.length / 3)) + 1;
  for (const v of valid) {
    const d = editDistance(f, fold(v));
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best;
}

/** Throws an `UnknownKeyError` for the first own key of `o` not in `valid`; `where` names the receiver, e.g. "adam". */
export function knownKeys(where: string, o: object, valid: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!valid.includes(key)) throw new UnknownKeyError(key, where, valid, closest(key, valid));
  }
}

/** An options object: a plain object (or undefined, read as `{}`); throws naming `name` otherwise. */
export function optionsObject(name: string, v: unknown): Record<string, unknown> {
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ArgumentError(name, v, "an object of options");
  return v as Record<string, unknown>;
}
