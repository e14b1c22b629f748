/**
 * Look schedule values up from the shell:
 *   npm run --silent schedule -- <kind> --<option> <value> … [--steps <from>:<to>[:<every>]] [--json]
 *   npm run --silent schedule -- --spec <file.json | inline JSON> [--steps …] [--json]
 * Flags are the kebab-case of the options in `KINDS` (`totalSteps` → `--total-steps`); errors name
 * the flag typed. `--steps` defaults to 0:T for a schedule of length T. `--help` lists every kind,
 * `<kind> --help` one kind with where it differs from PyTorch. `launch.mjs` runs this from a bundle.
 */
import { readFileSync } from "node:fs";
import { ArgumentError, closest, UnknownKeyError } from "../validate";
import { KINDS, kindInfo, type KindName, type OptionSpec } from "../schedules/kinds";
import { sample } from "../schedules/sample";
import { fromSpec } from "../schedules/spec";
import type { KindSpec, Schedule } from "../schedules/schedule";

/** `totalSteps` → `total-steps`. */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const USAGE = [
  "usage: npm run --silent schedule -- <kind> --<option> <value> … [--steps <from>:<to>[:<every>]] [--json]",
  "       npm run --silent schedule -- --spec <file.json | inline JSON> [--steps …] [--json]",
  "       npm run --silent schedule -- [<kind>] --help",
];

function optionLines(name: KindName): string[] {
  const info = kindInfo(name);
  const lines = [`${name}: ${info.doc}`, `  vs PyTorch: ${info.pytorch}`];
  for (const [opt, spec] of Object.entries(info.options)) {
    const d = spec.default !== undefined ? ` (default ${spec.default})` : spec.optional ? "" : " (required)";
    lines.push(`  --${kebab(opt).padEnd(18)} ${spec.doc}${spec.type === "bool" ? " [flag]" : ""}${d}`);
  }
  return lines;
}

function help(kind?: KindName): string {
  if (kind) return [USAGE[0]!.replace("<kind>", kind), "", ...optionLines(kind)].join("\n");
  const lines = [
    ...USAGE,
    "",
    "Prints the learning rate (and momentum, where the kind has one) with its phase at each step.",
    "Steps are 0-based: the value at step k is the LR for update k. Ranges include both ends;",
    "--steps defaults to 0:T for a schedule of length T. The same option has the same flag in",
    "every kind: --peak is the top LR, --end the value a decay ends at, --total-steps the length.",
    "",
    "A spec is JSON: {\"kind\": \"cosine\", \"peak\": 0.1, \"totalSteps\": 900} (options as below, in camelCase),",
    "or a composition of specs: {\"warmup\": {\"steps\": 100}, \"then\": SPEC}, {\"join\": [SPEC, …], \"boundaries\": [b, …]},",
    "{\"scale\": f, \"of\": SPEC}, {\"rewind\": r, \"of\": SPEC}, {\"fromTokens\": tokensPerStep, \"of\": SPEC}.",
    "",
  ];
  for (const name of Object.keys(KINDS) as KindName[]) lines.push(...optionLines(name));
  return lines.join("\n");
}

function parseValue(flag: string, spec: OptionSpec, text: string | undefined): unknown {
  if (spec.type === "bool") return true;
  if (text === undefined) throw new ArgumentError(flag, text, `a value after ${flag}`);
  if (spec.type === "string") return text;
  const toNumber = (t: string) => {
    const v = Number(t);
    if (t.trim() === "" || Number.isNaN(v)) throw new ArgumentError(flag, t, spec.type === "list" ? "comma-separated numbers" : "a number");
    return v;
  };
  return spec.type === "list" ? (text === "" ? [] : text.split(",").map(toNumber)) : toNumber(text);
}

function parseSteps(text: string | undefined): [number, number, number] {
  const parts = (text ?? "").split(":").map(Number);
  if (!text || parts.length > 3 || parts.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ArgumentError("--steps", text, "<step> or <from>:<to> or <from>:<to>:<every>, non-negative integers");
  }
  const [from, to = from, every = 1] = parts as [number, number?, number?];
  return [from, to, every];
}

function readSpec(text: string | undefined): unknown {
  if (text === undefined) throw new ArgumentError("--spec", text, "a JSON spec, or the path of a file holding one");
  let json = text;
  if (!text.trimStart().startsWith("{")) {
    try {
      json = readFileSync(text, "utf8");
    } catch (e) {
      throw new ArgumentError("--spec", text, `a JSON spec, or the path of a readable file holding one (${(e as Error).message})`);
    }
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new ArgumentError("--spec", text, `valid JSON (${(e as Error).message})`);
  }
}

/** Re-raises a builder's error under the flag the user typed (`totalSteps` → `--total-steps`). */
function asFlags(kind: KindName, e: unknown): unknown {
  if (!(e instanceof ArgumentError) || e instanceof UnknownKeyError) return e;
  const options = Object.keys(kindInfo(kind).options);
  const flag = (name: string) => (options.includes(name) ? `--${kebab(name)}` : name);
  const argument = e.argument.replace(/^[A-Za-z0-9]+(?:\/[A-Za-z0-9]+)*/, (head) => head.split("/").map(flag).join("/"));
  const expected = e.expected.replace(/\b([A-Za-z][A-Za-z0-9]*)(?= = )/g, (name) => flag(name));
  return new ArgumentError(argument, e.value, expected);
}

/** Runs the command line on `argv` (without node and script); returns the text to print. */
export function run(argv: string[]): string {
  if (argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"))) return help();
  const kinds = Object.keys(KINDS);
  const name = argv[0]!.startsWith("--") ? undefined : argv[0]!;
  if (name !== undefined && !kinds.includes(name)) {
    const near = closest(name, kinds);
    throw new ArgumentError("kind", name, `one of ${kinds.join(", ")}${near ? ` (did you mean "${near}"?)` : ""}; or --spec (see --help)`);
  }
  const kind = name as KindName | undefined;
  if (argv.includes("--help") || argv.includes("-h")) return help(kind);
  const options: Record<string, unknown> = {};
  const info = kind ? kindInfo(kind) : undefined;
  let spec: unknown;
  let steps: [number, number, number] | undefined;
  let json = false;
  const rest = kind ? argv.slice(1) : argv;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--steps") steps = parseSteps(rest[++i]);
    else if (arg === "--spec" && !kind) spec = readSpec(rest[++i]);
    else if (info && arg.startsWith("--") && camel(arg.slice(2)) in info.options) {
      const key = camel(arg.slice(2));
      const o = info.options[key]!;
      options[key] = parseValue(arg, o, o.type === "bool" ? undefined : rest[++i]);
    } else {
      const flags = [...(info ? Object.keys(info.options).map((k) => `--${kebab(k)}`) : ["--spec"]), "--steps", "--json", "--help"];
      const renamed = info?.renamed?.[camel(arg.replace(/^-+/, ""))];
      throw new UnknownKeyError(arg, kind ?? "the command line", flags, renamed ? `--${kebab(renamed)}` : closest(arg, flags));
    }
  }
  let s: Schedule;
  if (kind) {
    for (const [key, o] of Object.entries(info!.options)) {
      if (!(key in options) && !o.optional && o.default === undefined) {
        throw new ArgumentError(`--${kebab(key)}`, undefined, `a value: it is required for ${kind} (see ${kind} --help)`);
      }
    }
    try {
      s = fromSpec({ kind, ...options } as KindSpec);
    } catch (e) {
      throw asFlags(kind, e);
    }
  } else {
    if (spec === undefined) throw new ArgumentError("--spec", undefined, "a JSON spec or a file holding one, or a kind first (see --help)");
    s = fromSpec(spec);
  }
  if (!steps) {
    if (s.totalSteps === Infinity) throw new ArgumentError("--steps", undefined, "<step> or <from>:<to>[:<every>]: required, as this schedule has no end");
    steps = [0, s.totalSteps, 1];
  }
  const out = sample(s, ...steps);
  const phaseAt = (k: number) => out.phases.find((r) => r.from <= k && k <= r.to)!.phase;
  const rows = Array.from(out.steps, (k, i) => ({
    step: k,
    lr: out.lr[i]!,
    ...(out.momentum ? { momentum: out.momentum[i]! } : {}),
    phase: phaseAt(k),
  }));
  if (json) return JSON.stringify(rows);
  const header = out.momentum ? "step\tlr\tmomentum\tphase" : "step\tlr\tphase";
  return [header, ...rows.map((r) => [r.step, r.lr, ...("momentum" in r ? [r.momentum] : []), r.phase].join("\t"))].join("\n");
}

/** The command-line entry: prints `run(argv)`, or the error on stderr with exit status 2. */
export function main(argv: string[]): void {
  try {
    process.stdout.write(run(argv) + "\n");
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
