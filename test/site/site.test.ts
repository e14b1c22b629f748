// The site index: what it reads from each notebook and how it groups them by lesson.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/notebooks";
import { exerciseFolders, exercisesNotebook, indexHtml, navHtml, notebookInfo, withNav } from "../../scripts/site";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");

describe("notebookInfo", () => {
  it("takes the first # heading as title and the list under an Objectives line", () => {
    expect(notebookInfo(join(FIXTURES, "b02-objectives-list.ipynb"))).toEqual({
      name: "b02-objectives-list",
      title: "Adam: first and second moments",
      objectives: "derive the bias correction; compare eps placements",
      lesson: "B",
    });
  });

  it("takes the text after an inline Objectives: label; no letter-digit prefix means no lesson", () => {
    expect(notebookInfo(join(FIXTURES, "objectives-inline.ipynb"))).toEqual({
      name: "objectives-inline",
      title: "Cosine <annealing> & restarts",
      objectives: "see why $\\eta_t$ decays; measure the restart rate.",
      lesson: null,
    });
  });
});

describe("indexHtml", () => {
  const lessons = [{ id: "A", title: "Learning Rate Schedules" }, { id: "B", title: "Adaptive Learning Rate" }];
  const infos = [
    { name: "a01-why", title: "Why <schedules>", objectives: "see η < 2/λ", lesson: "A" },
    { name: "x-extra", title: "Extra", objectives: "", lesson: null },
  ];
  const html = indexHtml("Course & more", lessons, infos);

  it("links each notebook under its lesson, escaping text", () => {
    expect(html).toContain("<title>Course &amp; more</title>");
    expect(html).toContain(
      '<h2>Lesson A — Learning Rate Schedules</h2>\n<ol>\n<li><a href="a01-why.html">Why &lt;schedules&gt;</a>' +
        '<br><span class="objectives">see η &lt; 2/λ</span></li>\n</ol>',
    );
    expect(html).toContain('<h2>More notebooks</h2>\n<ol>\n<li><a href="x-extra.html">Extra</a></li>\n</ol>');
  });

  it("links the browser edition only when the site has it", () => {
    expect(html).not.toContain("lite/");
    expect(indexHtml("Course", lessons, infos, true)).toContain('<p><a href="lite/lab/index.html">Run the course in your browser</a>');
  });

  it("shows a lesson without notebooks as not written yet", () => {
    expect(html).toContain("<h2>Lesson B — Adaptive Learning Rate</h2>\n<ol>\n<li><em>not written yet</em></li>\n</ol>");
  });
});

describe("navigation and the exercises page", () => {
  const a = { name: "A01-why", title: "Why <schedules>", objectives: "", lesson: "A" };
  const b = { name: "A02-decays", title: "Decays", objectives: "", lesson: "A" };

  it("links the index, the previous and next pages (titles escaped) and the exercises", () => {
    expect(navHtml(a, b)).toMatch(
      /^<nav class="course-nav"[^>]*><a href="index.html">Course index<\/a><a href="A01-why.html">← Why &lt;schedules&gt;<\/a><a href="A02-decays.html">Decays →<\/a><a href="exercises.html">Exercises<\/a><\/nav>$/,
    );
    expect(navHtml(null, null)).not.toContain("←");
  });

  it("links a lesson to itself in the browser edition when asked, its name as a query parameter", () => {
    expect(navHtml(a, b)).not.toContain("lite/");
    expect(navHtml(a, b, b)).toContain('<a href="lite/lab/index.html?path=A02-decays.ipynb">Run this lesson in the browser</a></nav>');
    expect(navHtml(null, null, { ...a, name: "A 1&2" })).toContain('href="lite/lab/index.html?path=A%201%262.ipynb"');
  });

  it("puts the bar after <body …> and before the last </body>", () => {
    const html = withNav('<html><body class="x">\n<p>text</body> in text</p>\n</body></html>', "<nav/>");
    expect(html).toBe('<html><body class="x">\n<nav/>\n<p>text</body> in text</p>\n<nav/>\n</body></html>');
  });

  it("has exercises/README.md and every exercise's statement", () => {
    const nb = JSON.parse(exercisesNotebook()) as { cells: { source: string[] }[] };
    const text = nb.cells.map((c) => c.source.join("")).join("\n");
    expect(text).toContain("# Exercises: your guide");
    expect(exerciseFolders()).toEqual(expect.arrayContaining(["a01-step-decay", "b10-muon", "practice", "quiz"]));
    for (const name of exerciseFolders()) expect(text).toContain(`## ${name}\n\n\`exercises/${name}/exercise.ts\`\n\n\`\`\`ts\n`);
  });
});
