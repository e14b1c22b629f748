/**
 * A short fingerprint of the answers one task received from a submission, so a student's failing
 * answers can be matched against the known wrong solutions' without storing any of them: every
 * number rounded to 4 significant figures (a solution computed in another order or in single
 * precision rounds the same; a different formula almost never does), a failed call as one token
 * (its message is the student's own), hashed. It reveals neither inputs nor expected values.
 */
import { createHash } from "node:crypto";
import type { CallResult } from "../sandbox/sandbox";

/** The canonical text of a wire value, numbers rounded to 4 significant figures. */
function canonical(v: unknown): string {
  if (typeof v === "number") return v === 0 ? "0" : Number(v.toPrecision(4)).toString();
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
}

/** The digest of a task's answers, in the order the task received them (16 hex digits). */
export function answersDigest(results: readonly CallResult[]): string {
  const text = results.map((r) => (r.ok ? canonical(r.value) : "!")).join("\n");
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
