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
 * Whether a student's answers (`got`) are those of a known mistake (`known`): the same calls, each
 * answered alike (a throw agrees with a throw of the same class). A call that failed without
 * throwing ("!x": a timeout, a crash, a line the student forged) is no evidence, so it rules the
 * match out, as does any disagreeing call or a call one side did not make: feedback that cannot
 * be sure says nothing about known mistakes.
 */
export function sameAnswers(got: string, known: string): boolean {
  return got === known && !got.split(".").includes("!x");
}
