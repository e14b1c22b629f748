// The syllabus (notebooks/syllabus.json, the project's own) is sound on its own terms and names
// exactly the lesson notebooks there are, and the coverage check (npm run coverage, which lists
// headings no lesson notebook has yet) finds what it should. Nothing here reads outside the repository.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks, ROOT } from "../../scripts/notebooks";
import {
  markdownHeadings,
  missingHeadings,
  normalize,
  notebookPrefix,
  readSyllabus,
  syllabusProblems,
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

  it("finds what is wrong with a syllabus, and nothing in a sound one", () => {
    const nb = (number: number, course: string, headings: string[]) => ({ number, course, headings });
    const sound = {
      title: "Course",
      lessons: [
        { id: "A", title: "First", notebooks: [nb(1, "Cosine annealing (§4), warm restarts / SGDR.", ["Cosine annealing", "Warm restarts / SGDR"])] },
        { id: "B", title: "Second", notebooks: [nb(1, "Adam: bias correction.", ["Adam", "Bias correction"])] },
      ],
    };
    expect(syllabusProblems(sound)).toEqual([]);
    expect(syllabusProblems(sound, ["/x/A01-cosine.ipynb", "/x/B01-adam.ipynb", "/x/syllabus.json"])).toEqual([]);

    expect(syllabusProblems({ title: "", lessons: [] })).toEqual(["no course title", "no lessons"]);
    const broken = {
      title: "Course",
      lessons: [
        { id: "A", title: "First", notebooks: [
          nb(1, "Cosine annealing.", ["Cosine annealing", "cosine  annealing", "Warmup", "Cosine anneal"]),
          nb(3, "Warmup.", []),
        ] },
        { id: "A", title: "", notebooks: [] },
      ],
    };
    expect(syllabusProblems(broken, ["/x/A01-a.ipynb", "/x/A01-b.ipynb", "/x/C07-stray.ipynb"])).toEqual([
      'lesson A, notebook 1: heading "cosine  annealing" listed twice',
      'lesson A, notebook 1: heading "Warmup" is not taken from its \'course\' line',
      'lesson A, notebook 1: heading "Cosine anneal" is not taken from its \'course\' line',
      "lesson A, notebook 2: numbered 3, expected 2",
      "lesson A, notebook 2: no headings",
      "lesson A: id used twice",
      "lesson A: no title",
      "lesson A: no notebooks",
      "A01-*.ipynb: 2 files (A01-a.ipynb, A01-b.ipynb)",
      "A03-*.ipynb: no such notebook",
      "C07-stray.ipynb: a lesson notebook the syllabus does not list",
    ]);
  });
});

describe("notebooks/syllabus.json", () => {
  it("is sound and lists exactly the lesson notebooks in notebooks/ (each once, none unlisted)", () => {
    const syllabus = readSyllabus();
    expect(syllabusProblems(syllabus, listNotebooks())).toEqual([]);
    expect(syllabus.lessons.map((l) => l.id)).toEqual(["A", "B"]);
  });
});

describe("the lesson notebooks", () => {
  it("cover every syllabus heading, each in the notebook the syllabus names", () => {
    const files = listNotebooks();
    const missing = readSyllabus().lessons.flatMap((lesson) =>
      lesson.notebooks.flatMap((nb) => {
        const prefix = notebookPrefix(lesson.id, nb.number);
        const file = files.find((f) => f.split("/").pop()!.startsWith(prefix));
        if (!file) return [`${prefix}*.ipynb does not exist`];
        const single = [{ ...lesson, notebooks: [nb] }];
        return missingHeadings(single, markdownHeadings(file)).map((m) => `${prefix}: ${m.heading}`);
      }),
    );
    expect(missing).toEqual([]);
  });
});
