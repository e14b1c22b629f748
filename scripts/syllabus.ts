// The syllabus (notebooks/syllabus.json): the section headings the lesson notebooks must cover,
// its agreement with ../shared/COURSE.md, and which headings no notebook has yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { markdownLines, NOTEBOOKS, ROOT } from "./notebooks";

/** One notebook of the COURSE.md list, with the headings it stands for. */
export interface SyllabusNotebook {
  number: number;
  /** The COURSE.md list line, verbatim (without its "N. " number). */
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

/** ../shared/COURSE.md beside the repository (as on CI and developer machines). */
export const COURSE_MD = join(ROOT, "..", "shared", "COURSE.md");

/**
 * The notebook list of COURSE.md: its "## Notebooks" section, with "Lesson X — Title" lines and
 * numbered items under each. Headings are left empty: they are the syllabus's choice.
 */
export function parseCourseNotebookList(markdown: string): SyllabusLesson[] {
  const start = markdown.search(/^## Notebooks\b/m);
  if (start < 0) throw new Error("COURSE.md has no '## Notebooks' section");
  const body = markdown.slice(start).split(/\n## /)[0]!;
  const lessons: SyllabusLesson[] = [];
  for (const line of body.split("\n")) {
    const lesson = /^Lesson (\w+) — (.+)$/.exec(line);
    if (lesson) {
      lessons.push({ id: lesson[1]!, title: lesson[2]!.trim(), notebooks: [] });
      continue;
    }
    const item = /^(\d+)\. (.+)$/.exec(line);
    if (item && lessons.length > 0) {
      lessons.at(-1)!.notebooks.push({ number: Number(item[1]), course: item[2]!.trim(), headings: [] });
    }
  }
  return lessons;
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
