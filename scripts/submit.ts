/**
 * `npm run submit`: runs the public tests, lists the parts still unanswered, and writes
 * `submission.zip` containing only the answer files `<id>/exercise.ts`, the shape the grader takes.
 */
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import { ZipFile } from "yazl";
import { runCommand, type CommandSpec } from "./args";
import { exerciseIds, printResults, ROOT, runPublicTests } from "./check";

/** Parts of an answer file still unanswered: constants left `null`, functions still calling notImplemented. */
export function unansweredParts(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^export const (\w+)\b[^=]*=\s*null\s*;/gm)) out.push(m[1]!);
  const starts = [...source.matchAll(/^export function (\w+)/gm)];
  starts.forEach((m, i) => {
    const body = source.slice(m.index!, starts[i + 1]?.index ?? source.length);
    if (/notImplemented\(|throw new Error\(["'`]not implemented/.test(body)) out.push(`${m[1]!}()`);
  });
  return out;
}

/** Writes a zip of `<id>/exercise.ts` for every id to `target`; resolves when it is on disk. */
export function writeSubmission(ids: string[], target: string): Promise<void> {
  const zip = new ZipFile();
  for (const id of ids) zip.addFile(path.join(ROOT, "exercises", id, "exercise.ts"), `${id}/exercise.ts`);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(target)).on("close", resolve).on("error", reject);
  });
}

const SUBMIT: CommandSpec = {
  usage: "npm run submit",
  summary: "Runs the public tests, lists the parts still unanswered, and writes submission.zip with your answer files (exercises/<id>/exercise.ts) only.",
  options: {},
  positionals: [0, 0],
};

async function main(): Promise<void> {
  if (!runCommand(SUBMIT, process.argv.slice(2))) return;
  const ids = exerciseIds();
  console.log("Running the public tests…");
  const failed = printResults(runPublicTests([]));
  console.log("(Public tests only; the graded tests are more thorough.)\n");
  let missing = 0;
  for (const id of ids) {
    const parts = unansweredParts(readFileSync(path.join(ROOT, "exercises", id, "exercise.ts"), "utf8"));
    if (parts.length) console.log(`unanswered in ${id}: ${parts.join(", ")}`);
    missing += parts.length;
  }
  const target = path.join(ROOT, "submission.zip");
  await writeSubmission(ids, target);
  console.log(`\nWrote ${target} with the answer files of ${ids.length} exercises (exercises/<id>/exercise.ts only).`);
  if (failed || missing) console.log(`Note: ${failed} public tests fail and ${missing} parts are unanswered; you can submit again later.`);
  console.log("Upload submission.zip to the course's grader.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) void main();
