// The syllabus headings: syllabus.json agrees with ../shared/COURSE.md, and the coverage check
// (npm run coverage, which lists headings no lesson notebook has yet) finds what it should.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks, ROOT } from "../../scripts/notebooks";
import {
  COURSE_MD,
  markdownHeadings,
  missingHeadings,
  normalize,
  parseCourseNotebookList,
  readSyllabus,
  type SyllabusLesson,
} from "../../scripts/syllabus";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");

describe("coverage check", () => {
  it("normalizes case, accents, punctuation and spacing", () => {
    expect(normalize("Warm restarts / SGDR")).toBe("warm restarts sgdr");
    expect(normalize("  Newton–Schulz  orthogonalization ")).toBe("newton schulz orthogonalization");
    expect(normalize("Adam's moment statistics")).toBe("adam s moment statistics");
    expect(normalize("Réglage η_max")).toBe("reglage η max");
  });

  it("reads only markdown heading lines", () => {
    expect(markdownHeadings(join(FIXTURES, "headings.ipynb"))).toEqual([
      "Cosine annealing",
      "Warm restarts / SGDR",
      "Cyclic (triangular) schedules in practice",
    ]);
  });

  it("reports the headings no notebook heading contains, as whole words", () => {
    const syllabus: SyllabusLesson[] = [
      {
        id: "A",
        title: "T",
        notebooks: [
          { number: 3, course: "", headings: ["Cosine annealing", "Warm restarts / SGDR", "Learning-rate rewinding"] },
          { number: 4, course: "", headings: ["Warmup ratio", "Cyclic (triangular) schedules", "Cosine"] },
        ],
      },
    ];
    const lines = [...markdownHeadings(join(FIXTURES, "headings.ipynb")), "Cosine annealingX"];
    // "Learning-rate rewinding" is only in a code cell; "Warmup ratio" only in body text.
    expect(missingHeadings(syllabus, lines)).toEqual([
      { lesson: "A", notebook: 3, heading: "Learning-rate rewinding" },
      { lesson: "A", notebook: 4, heading: "Warmup ratio" },
    ]);
    // A whole word matches ("Cosine"); a word's prefix does not ("Cosine annealing" in "annealingX").
    expect(missingHeadings(syllabus, ["Cosine annealingX"]).map((m) => m.heading)).toEqual([
      "Cosine annealing", "Warm restarts / SGDR", "Learning-rate rewinding", "Warmup ratio", "Cyclic (triangular) schedules",
    ]);
  });

  it("parses a COURSE.md-style notebook list", () => {
    const md = [
      "# Course", "", "## Notebooks (one topic each)", "", "Lesson A — First Lesson",
      "1. Alpha: a, b (§1).", "2. Beta.", "", "Lesson B — Second", "1. Gamma; delta.", "",
      "## Exercises", "1. not a notebook",
    ].join("\n");
    expect(parseCourseNotebookList(md)).toEqual([
      { id: "A", title: "First Lesson", notebooks: [
        { number: 1, course: "Alpha: a, b (§1).", headings: [] },
        { number: 2, course: "Beta.", headings: [] },
      ] },
      { id: "B", title: "Second", notebooks: [{ number: 1, course: "Gamma; delta.", headings: [] }] },
    ]);
  });
});

describe("notebooks/syllabus.json", () => {
  const syllabus = readSyllabus().lessons;

  it("lists the lessons and notebooks of ../shared/COURSE.md, line for line", () => {
    expect(existsSync(COURSE_MD), `${COURSE_MD} (shared/ beside the repository)`).toBe(true);
    const course = parseCourseNotebookList(readFileSync(COURSE_MD, "utf8"));
    const strip = (lessons: SyllabusLesson[]) =>
      lessons.map((l) => ({ ...l, notebooks: l.notebooks.map((nb) => ({ ...nb, headings: [] })) }));
    expect(strip(syllabus)).toEqual(course);
    expect(course.map((l) => l.notebooks.length)).toEqual([10, 6]);
  });

  it("takes every heading from its notebook's COURSE.md line", () => {
    const strays = syllabus.flatMap((lesson) =>
      lesson.notebooks.flatMap((nb) =>
        nb.headings.filter((h) => !` ${normalize(nb.course)} `.includes(` ${normalize(h)} `)).map((h) => `${lesson.id}${nb.number}: ${h}`),
      ),
    );
    expect(strays).toEqual([]);
    expect(syllabus.every((l) => l.notebooks.every((nb) => nb.headings.length > 0))).toBe(true);
  });
});

describe("the lesson notebooks", () => {
  it("cover every syllabus heading, each in its own notebook (A01…A10, B01…B06)", () => {
    const files = listNotebooks();
    const missing = readSyllabus().lessons.flatMap((lesson) =>
      lesson.notebooks.flatMap((nb) => {
        const prefix = `${lesson.id}${String(nb.number).padStart(2, "0")}-`;
        const file = files.find((f) => f.split("/").pop()!.startsWith(prefix));
        if (!file) return [`${prefix}*.ipynb does not exist`];
        const single = [{ ...lesson, notebooks: [nb] }];
        return missingHeadings(single, markdownHeadings(file)).map((m) => `${prefix}: ${m.heading}`);
      }),
    );
    expect(missing).toEqual([]);
  });
});
