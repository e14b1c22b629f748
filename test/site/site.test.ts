// The site index: what it reads from each notebook and how it groups them by lesson.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/notebooks";
import { indexHtml, notebookInfo } from "../../scripts/site";

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

  it("shows a lesson without notebooks as not written yet", () => {
    expect(html).toContain("<h2>Lesson B — Adaptive Learning Rate</h2>\n<ol>\n<li><em>not written yet</em></li>\n</ol>");
  });
});
