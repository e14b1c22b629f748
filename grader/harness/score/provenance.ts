/**
 * What a graded result was made from and by: a SHA-256 of the submission's files as the intake
 * read them, and a SHA-256 of the grader (its harness sources and version, the suites, the
 * manifest and the exercises graded). `grade-all` resumes a student only when both match.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Intake } from "../intake/prepare";
import type { Assignment } from "./assignment";
import { typeCheckConfig } from "../run/typecheck";
import { suiteSources } from "./manifest";

/** The SHA-256 of everything the intake read: each exercise's files (or why it has none) and the notes. */
export function submissionSha(intake: Intake): string {
  const h = createHash("sha256");
  for (const id of Object.keys(intake.exercises).sort()) {
    const ex = intake.exercises[id]!;
    h.update(`exercise\0${id}\0${ex.notes.join("\n")}\0`);
    if (!ex.ok) h.update(`missing\0${ex.message}\0`);
    else for (const name of Object.keys(ex.files).sort()) h.update(`file\0${name}\0${ex.files[name]!.length}\0${ex.files[name]}\0`);
  }
  h.update(`notes\0${intake.notes.join("\n")}`);
  return h.digest("hex");
}

const HARNESS = path.resolve(__dirname, "..");

/** Every `.ts` file under the harness folder, hashed once per process. */
let harnessSha: string | null = null;
function harnessSources(): string {
  if (harnessSha) return harnessSha;
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) h.update(`${path.relative(HARNESS, p)}\0`).update(fs.readFileSync(p)).update("\0");
    }
  };
  walk(HARNESS);
  harnessSha = h.digest("hex");
  return harnessSha;
}

/**
 * The SHA-256 of the grader: harness sources, the compiler configuration of the type check (the
 * course's tsconfig.json: its messages are part of a result; reading it here also makes a missing
 * or broken one stop grading at start, in one line), suites, manifest file, the exercise ids graded
 * and the assignment (title and points) they were graded for.
 */
export function graderSha(suitesDir: string, manifestFile: string, ids: string[], assignment?: Assignment): string {
  return createHash("sha256")
    .update(`harness\0${harnessSources()}\0`)
    .update(`typecheck\0${typeCheckConfig().sha256}\0`)
    .update(`suites\0${JSON.stringify(suiteSources(suitesDir))}\0`)
    .update(`manifest\0`)
    .update(fs.readFileSync(manifestFile))
    .update(`\0ids\0${ids.join(",")}`)
    .update(assignment ? `\0assignment\0${JSON.stringify(assignment)}` : "")
    .digest("hex");
}
