/** Where an exercise's parts live: the one place the authoring commands learn the repository's layout. */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../harness/run/runner";

/** Paths of one exercise's parts, relative to the repository root. */
export function exerciseFiles(id: string) {
  return {
    reference: `grader/solutions/${id}/exercise.ts`,
    suite: `grader/suites/${id}.hidden.test.ts`,
    wrong: `grader/wrong/${id}.json`,
    starter: `exercises/${id}/exercise.ts`,
    publicTest: `exercises/${id}/public.test.ts`,
  };
}

/** Exercises with a reference solution, sorted: what `exercise:check` checks without an id. */
export function exerciseIds(): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, "grader", "solutions")).filter((n) => !n.startsWith(".")).sort();
}
