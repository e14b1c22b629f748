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
import { parse } from "mathjs";
import { checkSyntax } from "../../../exercises/lib/expression";
import type { CallResult } from "../sandbox/sandbox";

/** A number rounded to 4 significant figures, as text. */
const num = (v: number) => (v === 0 ? "0" : Number(v.toPrecision(4)).toString());

/** A number from 0 to 255 for a symbol's name, the same for every formula. */
const byte = (name: string, k: number) => parseInt(hash("sha256", `${k}:${name}`).slice(0, 2), 16);

/**
 * Symbol values at which a formula is fingerprinted, fixed and the same for every formula: three
 * points of reals, and five of whole numbers from 1 to 24 (floor, ceil and round tell formulas
 * apart only there).
 */
const POINTS: Array<(name: string) => number> = [
  ...[0, 1, 2].map((k) => (name: string) => 0.37 + 0.24 * k + byte(name, k) / 255),
  ...[3, 4, 5, 6, 7].map((k) => (name: string) => 1 + (byte(name, k) % 24)),
];

/**
 * A text answer by the value it is graded as: a choice letter in lower case ("B" is "b"), a
 * number written as text by its value ("5e-1" is 0.5), and a formula by its values at fixed
 * points (`POINTS`: "w * q^(-1)" is "w / q"). Anything else is its own text.
 */
function canonicalText(text: string): string {
  const t = text.trim();
  if (/^[a-z]$/i.test(t)) return JSON.stringify(t.toLowerCase());
  const symbols = new Set<string>();
  try {
    parse(t).traverse((node, at, parent) => {
      if (node.type === "SymbolNode" && !(parent?.type === "FunctionNode" && at === "fn")) symbols.add((node as unknown as { name: string }).name);
    });
  } catch {
    return JSON.stringify(text);
  }
  const checked = checkSyntax(t, symbols);
  if (!("evaluate" in checked)) return JSON.stringify(text);
  const names = [...checked.symbols];
  const values = POINTS.map((at) => checked.evaluate(Object.fromEntries(names.map((n) => [n, at(n)]))));
  return names.length === 0 ? num(values[0]!) : `f(${values.map(num).join(",")})`;
}

/** The canonical text of a wire value: numbers rounded to 4 significant figures, text answers by value. */
function canonical(v: unknown): string {
  if (typeof v === "number") return num(v);
  if (typeof v === "string") return canonicalText(v);
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
 * of its canonical text, and of the arguments it changed in place; one-shot `hash`, as a task makes up to hundreds of calls), see `failure`
 * for the others, joined by ".".
 */
export function answersDigest(results: readonly CallResult[]): string {
  return results.map((r) => (r.ok ? hash("sha256", canonical(r.value) + (r.mutated?.length ? `!changed ${r.mutated.join(",")}` : "")).slice(0, 6) : failure(r.error))).join(".");
}
