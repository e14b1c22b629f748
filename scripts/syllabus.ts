// The syllabus (notebooks/syllabus.json, the project's own): the lessons, their notebooks, the
// section headings each notebook must cover, and which headings no notebook has yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { markdownLines, NOTEBOOKS } from "./notebooks";

/** One notebook of a lesson, with the headings it must cover. */
export interface SyllabusNotebook {
  number: number;
  /** What the notebook teaches, in one line; every heading is taken from it. */
  course: string;
  headings: string[];
}

/** One lesson: "A" or "B", its title, its notebooks in order. */
export interface SyllabusLesson {
  id: string;
  title: string;
  notebooks: SyllabusNotebook[];
}

/** notebooks/syllabus.json: the course title and its lessons. */
export function readSyllabus(path: string = join(NOTEBOOKS, "syllabus.json")): { title: string; lessons: SyllabusLesson[] } {
  return JSON.parse(readFileSync(path, "utf8")) as { title: string; lessons: SyllabusLesson[] };
}

/**
 * Text reduced for matching: lower case, accents dropped, every run of characters other than
 * letters and digits turned into one space ("Warm restarts / SGDR" → "warm restarts sgdr").
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The markdown heading lines ("# …" to "###### …") of a notebook's markdown cells. */
export function markdownHeadings(notebookPath: string): string[] {
  return markdownLines(notebookPath)
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => line.replace(/^#+\s*/, "").trim());
}

/** A syllabus heading that no notebook heading contains. */
export interface MissingHeading {
  lesson: string;
  notebook: number;
  heading: string;
}

/** Syllabus headings not contained (after `normalize`, as whole words) in any of `headingLines`. */
export function missingHeadings(syllabus: SyllabusLesson[], headingLines: string[]): MissingHeading[] {
  const lines = headingLines.map((line) => ` ${normalize(line)} `);
  return syllabus.flatMap((lesson) =>
    lesson.notebooks.flatMap((nb) =>
      nb.headings
        .filter((heading) => !lines.some((line) => line.includes(` ${normalize(heading)} `)))
        .map((heading) => ({ lesson: lesson.id, notebook: nb.number, heading })),
    ),
  );
}

/** The file prefix of a lesson notebook: lesson "A", number 3 → "A03-". */
export function notebookPrefix(lessonId: string, number: number): string {
  return `${lessonId}${String(number).padStart(2, "0")}-`;
}

/**
 * What is wrong with a syllabus on its own terms, one line per problem (empty when sound): a
 * course title; lessons with distinct one-letter ids and titles; notebooks numbered 1, 2, … in
 * order, each with a one-line `course` and at least one heading; headings distinct within a
 * notebook and each taken from its `course` line (whole words, after `normalize`). With
 * `notebookFiles`, also: every listed notebook has exactly one file "A03-….ipynb", and every file
 * named like a lesson notebook is listed.
 */
export function syllabusProblems(
  syllabus: { title?: unknown; lessons?: unknown },
  notebookFiles?: readonly string[],
): string[] {
  const problems: string[] = [];
  const text = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
  if (!text(syllabus.title)) problems.push("no course title");
  if (!Array.isArray(syllabus.lessons) || syllabus.lessons.length === 0) return [...problems, "no lessons"];
  const lessons = syllabus.lessons as Partial<SyllabusLesson>[];
  const ids = new Set<string>();
  for (const [i, lesson] of lessons.entries()) {
    const id = lesson.id;
    const where = `lesson ${text(id) ? id : `#${i + 1}`}`;
    if (!text(id) || !/^[A-Z]$/.test(id)) problems.push(`${where}: id must be one capital letter`);
    else if (ids.has(id)) problems.push(`${where}: id used twice`);
    else ids.add(id);
    if (!text(lesson.title)) problems.push(`${where}: no title`);
    if (!Array.isArray(lesson.notebooks) || lesson.notebooks.length === 0) {
      problems.push(`${where}: no notebooks`);
      continue;
    }
    for (const [k, nb] of (lesson.notebooks as Partial<SyllabusNotebook>[]).entries()) {
      const at = `${where}, notebook ${k + 1}`;
      if (nb.number !== k + 1) problems.push(`${at}: numbered ${String(nb.number)}, expected ${k + 1}`);
      if (!text(nb.course) || nb.course.includes("\n")) problems.push(`${at}: 'course' must be one non-empty line`);
      if (!Array.isArray(nb.headings) || nb.headings.length === 0) {
        problems.push(`${at}: no headings`);
        continue;
      }
      const seen = new Set<string>();
      for (const heading of nb.headings as unknown[]) {
        if (!text(heading)) {
          problems.push(`${at}: empty heading`);
          continue;
        }
        const key = normalize(heading);
        if (seen.has(key)) problems.push(`${at}: heading "${heading}" listed twice`);
        seen.add(key);
        if (text(nb.course) && !` ${normalize(nb.course)} `.includes(` ${key} `)) {
          problems.push(`${at}: heading "${heading}" is not taken from its 'course' line`);
        }
      }
    }
  }
  if (notebookFiles) {
    const names = notebookFiles.map((f) => f.split("/").pop()!);
    const listed = new Set<string>();
    for (const lesson of lessons) {
      for (const nb of (Array.isArray(lesson.notebooks) ? lesson.notebooks : []) as Partial<SyllabusNotebook>[]) {
        const prefix = notebookPrefix(String(lesson.id), Number(nb.number));
        listed.add(prefix);
        const files = names.filter((n) => n.startsWith(prefix) && n.endsWith(".ipynb"));
        if (files.length !== 1) problems.push(`${prefix}*.ipynb: ${files.length === 0 ? "no such notebook" : `${files.length} files (${files.join(", ")})`}`);
      }
    }
    for (const name of names) {
      const m = /^([A-Z]\d\d-)[^/]*\.ipynb$/.exec(name);
      if (m && !listed.has(m[1]!)) problems.push(`${name}: a lesson notebook the syllabus does not list`);
    }
  }
  return problems;
}
