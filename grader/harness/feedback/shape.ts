/**
 * Naming a wrong type or shape before any value is compared: "returned a string where a number
 * is expected", "returned an array of 4 numbers where a 2 × 2 matrix (array of arrays) is
 * expected", "missing key `vHat` (a key that differs from it only in case or underscores was returned)". The messages describe shapes and key names
 * only, never a value, so they are safe for hidden tasks.
 */

/** The shape of a value in words: "a number", "an array of 4 numbers", "a 2 × 3 matrix (array of arrays)", "an object". */
export function shapeOf(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((row) => Array.isArray(row) && row.length === (v[0] as unknown[]).length && row.every((x) => typeof x === "number"))) {
      return `a ${v.length} × ${(v[0] as unknown[]).length} matrix (array of arrays)`;
    }
    if (v.every((x) => typeof x === "number")) return `an array of ${v.length} number${v.length === 1 ? "" : "s"}`;
    if (v.every((x) => typeof x === "boolean")) return `an array of ${v.length} boolean${v.length === 1 ? "" : "s"}`;
    return `an array of ${v.length} item${v.length === 1 ? "" : "s"}`;
  }
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

/** What `expected` is, in words, for a message: an object is named with its keys. */
function wanted(expected: unknown): string {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) return `an object with keys ${Object.keys(expected).map((k) => `\`${k}\``).join(", ")}`;
  return shapeOf(expected);
}

/** A key's spelling reduced to what students vary: case and underscores. */
const loose = (k: string) => k.toLowerCase().replace(/_/g, "");

/**
 * What is wrong with the type or shape of `actual` against `expected` (same-shaped trusted
 * data), or null when the shapes agree. `null` where something is expected is "no answer yet"
 * (the starters' unanswered value); `undefined` is named as what was returned, never as null.
 *
 * Pass the whole answer as it was received, never a field or an entry of it: a field read from an
 * answer of another shape (`r.lr` of an array) is undefined, and only the whole answer says what
 * is wrong with it. The suites' helpers (`expectShape`, `shaped`, `near`, `nearAll`, …) are
 * called on whole answers before anything is read from them.
 */
export function shapeMismatch(actual: unknown, expected: unknown, where = ""): string | null {
  const at = where ? ` in ${where}` : "";
  if (expected === null || expected === undefined) return null;
  if (actual === null && !where) return "no answer yet (the value is null)";
  if (actual === null || actual === undefined) return where ? `no value${at} (${actual === null ? "null" : "undefined"})` : `returned undefined where ${wanted(expected)} is expected`;
  if (Array.isArray(expected)) {
    const want = shapeOf(expected);
    if (!Array.isArray(actual) || actual.length !== expected.length || (want.includes("matrix") && !shapeOf(actual).includes("matrix"))) {
      return `returned ${shapeOf(actual)}${at} where ${want} is expected`;
    }
    for (let i = 0; i < expected.length; i++) {
      const inner = shapeMismatch(actual[i], expected[i], `${where || "the result"}[${i}]`);
      if (inner) return inner;
    }
    return null;
  }
  if (typeof expected === "object") {
    if (typeof actual !== "object" || Array.isArray(actual)) return `returned ${shapeOf(actual)}${at} where ${wanted(expected)} is expected`;
    const got = Object.keys(actual as object);
    for (const k of Object.keys(expected)) {
      if (!(k in (actual as object))) {
        const near = got.find((g) => loose(g) === loose(k));
        // The student's own key names are not echoed: a name can spell out a hidden input.
        return `missing key \`${k}\`${at}${near ? " (a key that differs from it only in case or underscores was returned)" : ""}`;
      }
      const inner = shapeMismatch((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], where ? `${where}.${k}` : `\`${k}\``);
      if (inner) return inner;
    }
    return null;
  }
  if (typeof actual !== typeof expected) return `returned ${shapeOf(actual)}${at} where ${shapeOf(expected)} is expected`;
  return null;
}
