/**
 * `npm run check [-- <exercise id>]`: runs the public tests of every exercise (or one) and says
 * which parts fail. Public tests check the basics only; the graded tests are more thorough.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCommand, type CommandSpec } from "./args";
import { closingLines, firstLine, publicResult, resultLines, type PublicResult } from "./public-results";

export type { PublicResult };

/** Repository root (this file lives in scripts/). */
export const ROOT = path.resolve(__dirname, "..");
const EXERCISES = path.join(ROOT, "exercises");

/** Ids of the exercises that have an answer file (a01-step-decay, …, practice, quiz). */
export function exerciseIds(): string[] {
  return readdirSync(EXERCISES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(EXERCISES, d.name, "exercise.ts")))
    .map((d) => d.name)
    .sort();
}

/**
 * Runs the public tests of `ids` (all when empty) with vitest and returns one result per test.
 * `answers`, if given, is a directory shaped like exercises/ whose answer files are tested instead.
 */
export function runPublicTests(ids: string[], answers?: string): PublicResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), "check-"));
  const out = path.join(dir, "results.json");
  try {
    const files = (ids.length ? ids : exerciseIds()).map((id) => `exercises/${id}/public.test.ts`);
    const env = { ...process.env, ...(answers ? { EXERCISE_ANSWERS: path.resolve(answers) } : {}) };
    const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
    const run = spawnSync(process.execPath, [vitest, "run", "--config", "exercises/vitest.config.mts", "--reporter=json", `--outputFile=${out}`, ...files], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    if (!existsSync(out)) throw new Error(`vitest did not run:\n${run.stderr}`);
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      testResults: { name: string; message?: string; assertionResults: { title: string; status: string; failureMessages?: string[] }[] }[];
    };
    return report.testResults.flatMap((file) => {
      const exercise = path.basename(path.dirname(file.name));
      if (file.assertionResults.length === 0) {
        return [{ exercise, part: "?", title: "the test file", passed: false, message: firstLine(file.message ?? "could not load the exercise") }];
      }
      return file.assertionResults.map((t) => publicResult(exercise, t.title, t.status === "passed", t.failureMessages?.[0] ?? ""));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints results grouped by exercise; returns the number of failing tests. */
export function printResults(results: PublicResult[]): number {
  const { lines, failed } = resultLines(results);
  for (const line of lines) console.log(line);
  return failed;
}

const CHECK: CommandSpec = {
  usage: "npm run check -- [exercise id …]",
  summary: "Runs the public tests of every exercise (or of the ones named, e.g. a04-cosine-restarts) and says which parts fail. The graded tests are more thorough.",
  options: {},
  positionals: [0, Infinity],
};

function main(): void {
  const parsed = runCommand(CHECK, process.argv.slice(2));
  if (!parsed) return;
  const ids = parsed.positionals;
  const known = exerciseIds();
  for (const id of ids) {
    if (!known.includes(id)) {
      console.error(`unknown exercise "${id}"; the exercises are: ${known.join(", ")}`);
      process.exit(2);
    }
  }
  const failed = printResults(runPublicTests(ids));
  for (const line of closingLines(failed)) console.log(line);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === pathToFileURL(__filename).href) main();
