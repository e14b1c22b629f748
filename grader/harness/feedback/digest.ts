/**
 * Fingerprints of the answers one task received from a submission, so a student's failing answers
 * can be matched against the known wrong solutions' without storing any of them: one short hash
 * per call, in the order the task made them, of the value with every number rounded to 4
 * significant figures (a solution computed in another order or in single precision rounds the
 * same; a different formula almost never does). A call that threw is "!" and the error's class
 * ("!TypeError"; its message is the student's own), any other failed call (a timeout, a crash) is
 * "!x". They reveal neither inputs nor expected values.
 */
import { hash } from "node:crypto";
import type { CallResult } from "../sandbox/sandbox";

/** The canonical text of a wire value, numbers rounded to 4 significant figures. */
function canonical(v: unknown): string {
  if (typeof v === "number") return v === 0 ? "0" : Number(v.toPrecision(4)).toString();
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
}

/** The fingerprint of one failed call: "!" and the class of what it threw, or "!x". */
function failure(error: string): string {
  return `!${/^threw: (\w+)/.exec(error)?.[1] ?? "x"}`;
}

/**
 * The fingerprints of a task's answers: 6 hex digits per answered call (the start of the SHA-256
 * of its canonical text; one-shot `hash`, as a task makes up to hundreds of calls), see `failure`
 * for the others, joined by ".".
 */
export function answersDigest(results: readonly CallResult[]): string {
  return results.map((r) => (r.ok ? hash("sha256", canonical(r.value)).slice(0, 6) : failure(r.error))).join(".");
}

/**
 * Whether a student's answers (`got`) are those of a known mistake (`known`), call by call. A call
 * that failed for the student without throwing ("!x": a timeout on a loaded machine, say) is left
 * out, and so are calls one side never made (a task stops at its first failed check); every other
 * call must agree (a throw agrees with a throw of the same class), and at least one must.
 */
export function sameAnswers(got: string, known: string): boolean {
  const a = got.split(".");
  const b = known.split(".");
  let agreed = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === "!x") continue;
    if (a[i] !== b[i]) return false;
    agreed++;
  }
  return agreed > 0;
}
