/** The authoring commands of grader/cli.ts: `exercise-new` (npm run exercise:new) and `exercise-check` (npm run exercise:check). */
import { UsageError } from "../../scripts/args";
import { checkExercises, reportText } from "./check";
import { exerciseIds } from "./layout";
import { scaffoldExercise, type Lesson } from "./scaffold";

/** Scaffolds exercise `id` and prints the files written and what to do next. */
export function exerciseNew(id: string, lesson: string | undefined, title: string | undefined): void {
  if (lesson !== undefined && !/^[ab]$/i.test(lesson)) throw new UsageError(`--lesson must be A or B, got ${JSON.stringify(lesson)}: see npm run exercise:new -- --help`);
  if (title !== undefined && !title.trim()) throw new UsageError("--title is empty: give the exercise's title, or leave --title out");
  if (title !== undefined && /[\p{Cc}\u2028\u2029]|\*\//u.test(title)) throw new UsageError(`--title ${JSON.stringify(title)} has a line break, a control character or "*/", which would break the reference's doc comment: give a title on one line without them`);
  const written = scaffoldExercise(id, { ...(lesson ? { lesson: lesson.toUpperCase() as Lesson } : {}), ...(title ? { title: title.trim() } : {}) });
  console.log(`wrote ${written.length} files:\n${written.map((f) => `  ${f}`).join("\n")}`);
  console.log(
    `next: replace each EXAMPLE in the reference, the suite and the public test; list at least two wrong solutions in grader/wrong/${id}.json; ` +
      `then npm run starters && npm run grade:manifest && npm run exercise:check -- ${id} (docs/authoring.md)`,
  );
}

/** Checks `ids` (every exercise when empty), prints the report; exit status 0 when all are ready, else 1. */
export async function exerciseCheck(ids: string[]): Promise<number> {
  const known = exerciseIds();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`unknown exercise ${unknown.join(", ")}: no grader/solutions/${unknown[0]}/ (npm run exercise:new -- ${unknown[0]} starts one)`);
  const reports = await checkExercises(ids.length ? [...new Set(ids)] : known, { log: (l) => console.error(l) });
  console.log(reportText(reports));
  return reports.every((r) => r.findings.length === 0) ? 0 : 1;
}
