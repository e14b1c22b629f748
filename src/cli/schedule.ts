/**
 * Look schedule values up from the shell:
 *   npm run --silent schedule -- <kind> --<option> <value> … --steps <from>:<to>[:<every>] [--json]
 * `--steps 500` prints one step; ranges include both ends. `--help` lists kinds and options.
 */
import { ArgumentError } from "../validate";
import { sample } from "../schedules/index";
import { kinds, type Kind } from "./kinds";

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function help(): string {
  const lines = [
    "usage: npm run --silent schedule -- <kind> --<option> <value> … --steps <from>:<to>[:<every>] [--json]",
    "",
    "Prints the learning rate (and momentum, where the kind has one) with its phase at each step.",
    "Steps are 0-based: the value at step k is the LR for update k. Ranges include both ends.",
    "",
  ];
  for (const [name, k] of Object.entries(kinds)) {
    lines.push(`${name}: ${k.doc}`);
    for (const [opt, spec] of Object.entries(k.options)) {
      const d = spec.default !== undefined ? ` (default ${spec.default})` : spec.optional ? "" : " (required)";
      lines.push(`  --${kebab(opt).padEnd(18)} ${spec.doc}${spec.type === "bool" ? " [flag]" : ""}${d}`);
    }
  }
  return lines.join("\n");
}

function parseValue(kind: Kind, key: string, text: string | undefined): unknown {
  const spec = kind.options[key]!;
  if (spec.type === "bool") return true;
  if (text === undefined) throw new ArgumentError(`--${kebab(key)}`, text, `a value after --${kebab(key)}`);
  if (spec.type === "string") return text;
  const toNumber = (t: string) => {
    const v = Number(t);
    if (t.trim() === "" || Number.isNaN(v)) throw new ArgumentError(`--${kebab(key)}`, t, "a number");
    return v;
  };
  return spec.type === "list" ? text.split(",").map(toNumber) : toNumber(text);
}

function parseSteps(text: string | undefined): [number, number, number] {
  const parts = (text ?? "").split(":").map(Number);
  if (!text || parts.length > 3 || parts.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ArgumentError("--steps", text, "<step> or <from>:<to> or <from>:<to>:<every>, non-negative integers");
  }
  const [from, to = from, every = 1] = parts as [number, number?, number?];
  return [from, to, every];
}

/** Runs the command line on `argv` (without node and script); returns the text to print. */
export function run(argv: string[]): string {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return help();
  const [name, ...rest] = argv;
  const kind = kinds[name!];
  if (!kind) throw new ArgumentError("kind", name, `one of ${Object.keys(kinds).join(", ")} (see --help)`);
  const options: Record<string, unknown> = {};
  let steps: [number, number, number] | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--steps") steps = parseSteps(rest[++i]);
    else if (arg.startsWith("--") && camel(arg.slice(2)) in kind.options) {
      const key = camel(arg.slice(2));
      options[key] = parseValue(kind, key, kind.options[key]!.type === "bool" ? undefined : rest[++i]);
    } else {
      const known = Object.keys(kind.options).map((k) => `--${kebab(k)}`).join(", ");
      throw new ArgumentError("option", arg, `one of ${known}, --steps, --json for kind ${name}`);
    }
  }
  for (const [key, spec] of Object.entries(kind.options)) {
    if (key in options || spec.optional) continue;
    if (spec.default === undefined) throw new ArgumentError(`--${kebab(key)}`, undefined, `a value: it is required for ${name} (see --help)`);
    options[key] = spec.default;
  }
  if (!steps) throw new ArgumentError("--steps", undefined, "<step> or <from>:<to>[:<every>] (required)");
  const s = kind.build(options);
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

if (process.argv[1] && /schedule\.ts$/.test(process.argv[1])) {
  try {
    console.log(run(process.argv.slice(2)));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
}
