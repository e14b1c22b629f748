/**
 * Command lines of the course's commands (the grader's and the student's `check` and `submit`):
 * each command declares its usage and options once; `--help` prints them with their defaults,
 * and an unknown option or a missing value is one line that names it and points to `--help`.
 */
import { parseArgs } from "node:util";

/** One option of a command. */
export interface OptionSpec {
  type: "string" | "boolean";
  /** What it does, for --help. */
  help: string;
  /** Shown as the default in --help. */
  default?: string;
  /** Placeholder of a string option's value, e.g. "<dir>". */
  value?: string;
}

/** A command: how to run it, what it does, its options and how many positional arguments it takes. */
export interface CommandSpec {
  /** e.g. "npm run grade -- <submission dir|.zip> --out <dir>". */
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Least and most positional arguments. */
  positionals: [number, number];
}

/** A bad command line: the CLI prints the message (it already points to --help) and exits 2. */
export class UsageError extends Error {}

/** The --help text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `--${name}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`;
    return [flag, `${o.help}${o.default !== undefined ? ` (default: ${o.default})` : ""}`] as const;
  });
  rows.push(["--help", "print this help"]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return `usage: ${spec.usage}\n\n${spec.summary}\n\noptions:\n${rows.map(([f, h]) => `  ${f.padEnd(w)}  ${h}`).join("\n")}`;
}

/** "see npm run grade -- --help" (or "see tsx grader/cli.ts gradescope-run --help"): where a usage error points. */
export function helpHint(spec: CommandSpec): string {
  const command = spec.usage.split(/ (?:--|<|\[)/)[0];
  return command.startsWith("npm run ") ? `see ${command} -- --help` : `see ${command} --help`;
}

/** Parses `argv` for `spec`; returns null when --help was asked (the help is then printed). */
export function parseCommand(spec: CommandSpec, argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } | null {
  const help = helpHint(spec);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(helpText(spec));
    return null;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.type }])),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const option = /'(-[^' ]*)/.exec((e as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${option}: ${help}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`option ${option} ${spec.options[option.replace(/^-+/, "")]?.type === "boolean" ? "takes no value" : "needs a value"}: ${help}`);
    throw new UsageError(`${(e as Error).message.split("\n")[0]}: ${help}`);
  }
  const [least, most] = spec.positionals;
  if (parsed.positionals.length > most) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[most])}: ${help}`);
  if (parsed.positionals.length < least) throw new UsageError(`missing argument: ${help}`);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/**
 * `parseCommand` for a script's `main`: a usage error is printed as its one line and the
 * process exits with status 2; returns null when --help was printed.
 */
export function runCommand(spec: CommandSpec, argv: string[]): ReturnType<typeof parseCommand> {
  try {
    return parseCommand(spec, argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}
