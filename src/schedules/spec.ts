/**
 * One description of a schedule for code, the command line and config files: a JSON spec.
 *
 *   {"kind": "cosine", "peak": 0.1, "totalSteps": 900}                 a kind and its options (`KINDS`)
 *   {"warmup": {"steps": 100}, "then": SPEC}                            `warmup(fromSpec(SPEC), {steps: 100})`
 *   {"join": [SPEC, SPEC], "boundaries": [500]}                         `join([…], [500])`
 *   {"scale": 0.5, "of": SPEC}     {"rewind": 200, "of": SPEC}     {"fromTokens": 4096, "of": SPEC}
 *
 * `fromSpec` builds the Schedule; every schedule the library's builders make carries its spec, and
 * `toSpec` gives it back, so `fromSpec(toSpec(s))` has the values of `s`. An invalid spec raises an
 * error naming the path inside the spec (`then.join[1].totalSteps`), the value and the valid range.
 */
import { ArgumentError, closest, UnknownKeyError } from "../validate";
import { join, fromTokens, rewind, scale } from "./compose";
import { cosine, cosineRestarts } from "./cosine";
import { cyclic, oneCycle } from "./cyclic";
import { constant, exponential, inverseSqrt, linearDecay, multistep, piecewiseConstant, polynomial, stepDecay } from "./decay";
import { KINDS, kindInfo, type KindName } from "./kinds";
import type { Schedule, ScheduleSpec } from "./schedule";
import { warmup, warmupCosine, wsd, WARMUP_OPTIONS } from "./warmup";

const BUILDERS: Record<KindName, (o: never) => Schedule> = {
  constant,
  step: stepDecay,
  multistep,
  "piecewise-constant": piecewiseConstant,
  exponential,
  polynomial,
  linear: linearDecay,
  "inverse-sqrt": inverseSqrt,
  cosine,
  "cosine-restarts": cosineRestarts,
  cyclic,
  "one-cycle": oneCycle,
  "warmup-cosine": warmupCosine,
  wsd,
};

/** The compositions: each form's keys, the first naming it. */
const FORMS = [
  ["warmup", "then"],
  ["join", "boundaries"],
  ["scale", "of"],
  ["rewind", "of"],
  ["fromTokens", "of"],
] as const;

const SHAPES = `an object: {"kind": …, options} or one of ${FORMS.map((f) => `{${f.map((k) => `"${k}"`).join(", ")}}`).join(", ")}`;

/** Builds the Schedule a spec describes; errors name the path inside the spec. */
export function fromSpec(spec: ScheduleSpec | unknown): Schedule {
  return build(spec, "");
}

/** The spec of a schedule built by the library (a deep copy); throws for one made with `schedule()` directly. */
export function toSpec(s: Schedule): ScheduleSpec {
  if (typeof s !== "function" || !s.spec) {
    throw new ArgumentError("schedule", typeof s === "function" ? "a schedule without a spec" : s, "a schedule built by the library's builders or by fromSpec (one made with schedule() directly has no spec)");
  }
  return JSON.parse(JSON.stringify(s.spec)) as ScheduleSpec;
}

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

function build(spec: unknown, path: string): Schedule {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) throw new ArgumentError(path || "spec", spec, SHAPES);
  const o = spec as Record<string, unknown>;
  if ("kind" in o) {
    const kinds = Object.keys(KINDS);
    const name = o.kind;
    if (typeof name !== "string" || !kinds.includes(name)) {
      const near = typeof name === "string" ? closest(name, kinds) : undefined;
      throw new ArgumentError(at(path, "kind"), name, `one of ${kinds.join(", ")}${near ? ` (did you mean "${near}"?)` : ""}`);
    }
    const kind = name as KindName;
    const info = kindInfo(kind);
    const valid = Object.keys(info.options);
    const { kind: _, ...options } = o;
    for (const key of Object.keys(options)) {
      if (!valid.includes(key)) throw new UnknownKeyError(at(path, key), kind, valid, info.renamed?.[key] ?? closest(key, valid));
    }
    return located(path, {}, () => BUILDERS[kind](options as never));
  }
  const form = FORMS.find((f) => f[0] in o);
  if (!form) {
    const key = Object.keys(o)[0];
    const names = ["kind", ...FORMS.map((f) => f[0])];
    if (key === undefined) throw new ArgumentError(path || "spec", "{}", SHAPES);
    throw new UnknownKeyError(at(path, key), "a schedule spec", names, closest(key, names));
  }
  for (const key of Object.keys(o)) {
    if (!(form as readonly string[]).includes(key)) throw new UnknownKeyError(at(path, key), `a "${form[0]}" spec`, form, closest(key, form));
  }
  switch (form[0]) {
    case "warmup": {
      const inner = build(o.then, at(path, "then"));
      return located(at(path, "warmup"), {}, () => warmup(inner, o.warmup as never), WARMUP_OPTIONS);
    }
    case "join": {
      const parts = o.join;
      if (!Array.isArray(parts)) throw new ArgumentError(at(path, "join"), parts, "an array of schedule specs");
      const schedules = parts.map((p, i) => build(p, `${at(path, "join")}[${i}]`));
      return located(path, { schedules: "join" }, () => join(schedules, o.boundaries as number[]));
    }
    case "scale": {
      const inner = build(o.of, at(path, "of"));
      return located(path, { factor: "scale" }, () => scale(inner, o.scale as number));
    }
    case "rewind": {
      const inner = build(o.of, at(path, "of"));
      return located(path, { rewindStep: "rewind" }, () => rewind(inner, o.rewind as number));
    }
    case "fromTokens": {
      const inner = build(o.of, at(path, "of"));
      return located(path, { tokensPerStep: "fromTokens" }, () => fromTokens(inner, o.fromTokens as number));
    }
  }
}

/**
 * Runs a builder, re-raising its argument errors under their path in the spec: the builder's
 * argument name (renamed by `names` where the spec calls it otherwise) prefixed by `prefix`.
 * `valid` lists the keys for an unknown-key error raised by the builder itself.
 */
function located(prefix: string, names: Record<string, string>, fn: () => Schedule, valid?: readonly string[]): Schedule {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UnknownKeyError) throw new UnknownKeyError(at(prefix, e.key), e.where, valid ?? e.valid, e.suggestion);
    if (e instanceof ArgumentError) {
      const head = e.argument.match(/^[A-Za-z0-9]+/)?.[0] ?? "";
      const arg = head in names ? names[head]! + e.argument.slice(head.length) : e.argument;
      throw new ArgumentError(at(prefix, arg), e.value, e.expected);
    }
    throw e;
  }
}
