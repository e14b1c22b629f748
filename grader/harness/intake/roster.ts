/**
 * The class folder as a roster: one submission per sub-folder or `.zip`. A submission's identity
 * is its exact name in the folder (the zip's name without `.zip`); its output folder is a
 * function of that name alone, the same on case-insensitive file systems. Names that denote the
 * same student (`alice/` and `alice.zip`, `Alice` and `alice`, `a b` and `a_b`) are clashes:
 * reported before grading, and never graded under a guess.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";

/** One student's submission in the class folder. */
export interface Submission {
  /** The exact name in the class folder (folder name, or zip name without `.zip`). */
  name: string;
  /** Its folder under `students/` in the output: `studentFolder(name)`. */
  folder: string;
  /** The sub-folder or `.zip` file. */
  path: string;
}

/** The roster of a class folder. */
export interface Roster {
  /** Submissions to grade, sorted by name. */
  submissions: Submission[];
  /** Submissions not graded because their names clash, one message per clash. */
  clashes: Array<{ names: string[]; message: string }>;
  /** Entries skipped for another reason (symbolic links), one line each. */
  skipped: string[];
}

/**
 * The student a name denotes: Unicode-normalised (NFKC), lower-cased, every run of characters
 * other than letters, digits, `.`, `@` and `-` made one `_`, outer `_` and `.` removed.
 */
export function studentKey(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}.@-]+/gu, "_").replace(/^[_.]+|_+$/g, "");
}

/**
 * The output folder of a submission: the student key in lower-case ASCII (at most 60
 * characters) and 8 hex digits of its SHA-256, so distinct students never share a folder even
 * where their names lose characters to the ASCII form or the file system ignores case.
 */
export function studentFolder(name: string): string {
  const key = studentKey(name);
  const ascii = key.replace(/[^a-z0-9.@-]+/g, "_").replace(/^[_.]+/, "").slice(0, 60) || "student";
  return `${ascii}-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
}

/** Lists the submissions in `folder` (never through symbolic links) and finds the clashes. */
export function readRoster(folder: string): Roster {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InstructorError(`the class folder ${folder} does not exist: pass the folder that holds one sub-folder or .zip per student`);
    if (code === "ENOTDIR") throw new InstructorError(`${folder} is a file, not a folder: grade-all takes a folder of submissions (grade takes one submission)`);
    throw new InstructorError(`the class folder ${folder} cannot be read (${code ?? (e as Error).message}): check its permissions`);
  }
  const skipped: string[] = [];
  const byKey = new Map<string, Array<{ entry: string; sub: Submission }>>();
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith(".")) continue;
    if (e.isSymbolicLink()) {
      skipped.push(`${e.name}: symbolic link, skipped`);
      continue;
    }
    const isZip = e.isFile() && e.name.toLowerCase().endsWith(".zip");
    if (!e.isDirectory() && !isZip) continue;
    const name = isZip ? e.name.slice(0, -4) : e.name;
    const sub = { name, folder: studentFolder(name), path: path.join(folder, e.name) };
    const group = byKey.get(sub.folder) ?? [];
    group.push({ entry: isZip ? e.name : `${e.name}/`, sub });
    byKey.set(sub.folder, group);
  }
  const submissions: Submission[] = [];
  const clashes: Roster["clashes"] = [];
  for (const group of byKey.values()) {
    if (group.length === 1) submissions.push(group[0]!.sub);
    else {
      const list = group.map((g) => JSON.stringify(g.entry)).join(", ");
      clashes.push({
        names: group.map((g) => g.sub.name),
        message: `name clash, not graded: ${list} denote the same student (names must differ in more than case, spaces or punctuation); keep one of them, or rename the others, and rerun`,
      });
    }
  }
  submissions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { submissions, clashes, skipped };
}
