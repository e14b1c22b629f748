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
