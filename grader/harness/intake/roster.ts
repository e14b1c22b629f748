/**
 * The class folder as a roster: one submission per sub-folder or `.zip`. A submission's identity
 * is its exact name in the folder (the zip's name without `.zip`); its output folder is a
 * function of that name alone, the same on case-insensitive file systems. Names that denote the
 * same student (`alice/` and `alice.zip`, `Alice` and `alice`, `a b` and `a_b`, `a.` and `a`)
 * are clashes: reported before grading, and never graded under a guess. Every entry that is not
 * graded is named, with the reason.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";

/** One student's submission in the class folder. */
export interface Submission {
  /** The exact name in the class folder (folder name, or zip name without `.zip`). */
  name: string;
  /** Its folder under `students/` in the output (see `studentFolder`). */
  folder: string;
  /** The sub-folder or `.zip` file. */
  path: string;
}

/** An entry of the class folder that is not graded, and why. */
export interface NotGraded {
  /** The entry exactly as it is in the class folder, `/` after a folder's name. */
  entry: string;
  /** Why, as the gradebook's status says it after "not graded: ". */
  reason: string;
  /** One line for the instructor: the entry, why, and the fix. */
  message: string;
}

/** The roster of a class folder. */
export interface Roster {
  /** Submissions to grade, sorted by name. */
  submissions: Submission[];
  /** Submissions not graded because their names clash: the entries of each clash, and one message. */
  clashes: Array<{ entries: string[]; message: string }>;
  /** Every other entry that is not graded (symbolic links, hidden entries, files that are not zips). */
  skipped: NotGraded[];
}

/**
 * The student a name denotes: Unicode-normalised (NFKC), invisible format characters removed
 * (zero-width spaces and joiners, direction marks: `al\u200bice` is alice), lower-cased, every run
 * of characters other than letters, digits, `.`, `@` and `-` made one `_`, outer `_` and `.`
 * removed (so a trailing dot, which Windows drops, names the same student).
 */
export function studentKey(name: string): string {
  return name.normalize("NFKC").replace(/\p{Cf}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}.@-]+/gu, "_").replace(/^[_.]+|[_.]+$/g, "");
}

/** Hex digits of the key's SHA-256 in an output folder's name: 64 bits, beyond any search for a collision. */
const FOLDER_HASH_DIGITS = 16;

/**
 * The output folder of a submission: the student key in lower-case ASCII (at most 60
 * characters, never starting with `.`, `-` or `@`) and `digits` hex digits of its SHA-256, so
 * distinct students never share a folder even where their names lose characters to the ASCII form
 * or the file system ignores case.
 */
export function studentFolder(name: string, digits = FOLDER_HASH_DIGITS): string {
  const key = studentKey(name);
  const ascii = key.replace(/[^a-z0-9.@-]+/g, "_").replace(/^[_.@-]+/, "").slice(0, 60) || "student";
  return `${ascii}-${createHash("sha256").update(key).digest("hex").slice(0, digits)}`;
}

/** One entry of a class folder, as `readRoster` lists it. */
export interface Entry {
  name: string;
  kind: "folder" | "zip" | "symlink" | "other";
}

/**
 * The roster of a class folder's entries. Entries whose names denote the same student clash and
 * are not graded; entries of different students never share an output folder: should two
 * students' folders coincide in their `digits` hash digits, both take the key's whole hash.
 */
export function rosterOf(folder: string, entries: Entry[], digits = FOLDER_HASH_DIGITS): Roster {
  const skipped: NotGraded[] = [];
  const skip = (entry: string, reason: string, fix: string) => skipped.push({ entry, reason, message: `${entry}: ${reason}, not graded${fix}` });
  const byKey = new Map<string, Array<{ entry: string; sub: Submission }>>();
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const shown = e.kind === "folder" ? `${e.name}/` : e.name;
    if (e.kind === "symlink") skip(shown, "symbolic link", ": copy the submission itself into the class folder");
    else if (e.kind === "other") skip(shown, "neither a folder nor a .zip", "");
    else if (e.name.startsWith(".")) skip(shown, "hidden (the name starts with '.')", ": rename it to grade it");
    else {
      const name = e.kind === "zip" ? e.name.slice(0, -4) : e.name;
      const key = studentKey(name);
      const group = byKey.get(key) ?? [];
      group.push({ entry: shown, sub: { name, folder: studentFolder(name, digits), path: path.join(folder, e.name) } });
      byKey.set(key, group);
    }
  }
  const submissions: Submission[] = [];
  const clashes: Roster["clashes"] = [];
  for (const group of byKey.values()) {
    if (group.length === 1) submissions.push(group[0]!.sub);
    else {
      const list = group.map((g) => JSON.stringify(g.entry)).join(", ");
      clashes.push({
        entries: group.map((g) => g.entry),
        message: `name clash, not graded: ${list} denote the same student (names must differ in more than case, spaces or punctuation); keep one of them, or rename the others, and rerun`,
      });
    }
  }
  const users = new Map<string, number>();
  for (const s of submissions) users.set(s.folder, (users.get(s.folder) ?? 0) + 1);
  for (const s of submissions) if (users.get(s.folder)! > 1) s.folder = studentFolder(s.name, 64);
  submissions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { submissions, clashes, skipped };
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
  const kind = (e: fs.Dirent): Entry["kind"] =>
    e.isSymbolicLink() ? "symlink" : e.isDirectory() ? "folder" : e.isFile() && e.name.toLowerCase().endsWith(".zip") ? "zip" : "other";
  return rosterOf(folder, entries.map((e) => ({ name: e.name, kind: kind(e) })));
}
