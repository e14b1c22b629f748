/**
 * Class analytics after `grade-all`, on a generated class whose answers are known by construction:
 * the reference solutions, the untouched starters, the reference with one exercise left as the
 * starter, and the reference with one exercise replaced by a known wrong solution (grader/wrong/),
 * some of them several times. Every figure of tasks.csv, mistakes.csv, points.csv and summary.html
 * is compared with one computed here from that composition and the manifest (which tasks each
 * wrong solution fails, and with which answers), not with the analytics module. Then summary.html
 * is opened offline in headless chromium and its plots must be drawn from the bundle beside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser } from "playwright-core";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeAll } from "../../grader/harness/class/batch";
import { discrimination, type ClassAnalytics } from "../../grader/harness/class/analytics";
import { summaryHtml, tasksCsv } from "../../grader/harness/report/report";
import type { GradeResult } from "../../grader/harness/score/score";
import { wrongSolutions, wrongSource, type WrongSolution } from "../../grader/wrong/wrong";
import { launchChromium } from "../site/browser";
import { REPO, singledOut, tmpDir } from "./helpers";

const IDS = ["a01-step-decay", "b01-adagrad", "quiz"];
/** Wrong solutions given to more than one student, so the mistakes have different counts. */
const EXTRA: Record<string, number> = { "b01-adagrad/no-sqrt": 3, "quiz/sqrt-rule": 1, "a01-step-decay/log10-mixed": 1 };

interface ManifestTask { part: string; title: string; points: number }
interface Manifest { exercises: Record<string, { max: number; tasks: ManifestTask[]; mistakes?: { slug: string; what: string; answers: Record<string, string> }[] }> }
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "grader", "manifest.json"), "utf8")) as Manifest;

/** What each exercise of a student is: the reference, the starter, or a wrong solution. */
type Piece = "reference" | "starter" | WrongSolution;
interface Student { name: string; pieces: Record<string, Piece> }

const wrong = wrongSolutions().filter((w) => IDS.includes(w.id));
const all = (p: Piece) => Object.fromEntries(IDS.map((id) => [id, p]));
const students: Student[] = [
  { name: "reference", pieces: all("reference") },
  { name: "starter", pieces: all("starter") },
  ...IDS.map((id) => ({ name: `starter-${id}`, pieces: { ...all("reference"), [id]: "starter" as Piece } })),
  ...wrong.flatMap((w) =>
    Array.from({ length: 1 + (EXTRA[`${w.id}/${w.slug}`] ?? 0) }, (_, k) => ({ name: `wrong-${w.id}-${w.slug}-${k + 1}`, pieces: { ...all("reference"), [w.id]: w as Piece } })),
  ),
];

const taskKey = (t: ManifestTask) => `${t.part}: ${t.title}`;
/** The mistake a wrong solution is recorded as in the manifest. */
const recorded = (w: WrongSolution) => manifest.exercises[w.id]!.mistakes!.find((m) => m.slug === w.slug)!;

/** Points of a task for a piece: all for the reference, none for the starter, none on the tasks a wrong solution fails. */
function taskPoints(piece: Piece, t: ManifestTask): number {
  if (piece === "reference") return t.points;
  if (piece === "starter") return 0;
  return taskKey(t) in recorded(piece).answers ? 0 : t.points;
}

/** The mistakes a wrong solution's feedback names: its own, when the catalogue singles it out (see helpers.ts). */
function named(w: WrongSolution): Set<string> {
  const mistakes = manifest.exercises[w.id]!.mistakes!;
  return new Set(singledOut(recorded(w), mistakes) ? [w.what] : []);
}

/** Pearson's r by the raw-sums formula, null when either variance is 0 (independent of the module's). */
function pearson(x: number[], y: number[]): number | null {
  const n = x.length;
  const sx = x.reduce((a, b) => a + b, 0), sy = y.reduce((a, b) => a + b, 0);
  const sxx = x.reduce((a, b) => a + b * b, 0), syy = y.reduce((a, b) => a + b * b, 0);
  const sxy = x.reduce((a, b, i) => a + b * y[i]!, 0);
  const vx = n * sxx - sx * sx, vy = n * syy - sy * sy;
  if (new Set(x).size < 2 || new Set(y).size < 2) return null;
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy);
}

interface ExpectedTask { exercise: string; part: string; title: string; points: number; passed: number; mean: number; discrimination: number | null }

/** The per-task figures the class must show, from its composition. */
function expectedTasks(): ExpectedTask[] {
  const tasks = IDS.flatMap((id) => manifest.exercises[id]!.tasks.map((t) => ({ id, t })));
  const score = students.map((s) => tasks.map(({ id, t }) => taskPoints(s.pieces[id]!, t)));
  const totals = score.map((row) => row.reduce((a, b) => a + b, 0));
  return tasks.map(({ id, t }, j) => {
    const x = score.map((row) => row[j]!);
    return {
      exercise: id, part: t.part, title: t.title, points: t.points,
      passed: x.filter((p) => p === t.points).length,
      mean: x.reduce((a, b) => a + b, 0) / x.length,
      discrimination: pearson(x, totals.map((total, i) => total - x[i]!)),
    };
  });
}

/** Students per (exercise, mistake) whose feedback must name it. */
function expectedMistakes(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of students) {
    for (const piece of Object.values(s.pieces)) {
      if (typeof piece === "string") continue;
      for (const what of named(piece)) counts.set(`${piece.id}\t${what}`, (counts.get(`${piece.id}\t${what}`) ?? 0) + 1);
    }
  }
  return counts;
}

/** Each exercise's score per student, from its composition. */
const exerciseScore = (s: Student, id: string) => manifest.exercises[id]!.tasks.reduce((a, t) => a + taskPoints(s.pieces[id]!, t), 0);

/** Parses a CSV (quoted cells with "" escapes) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split("\n")) {
    const cells: string[] = [];
    for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
    rows.push(cells);
  }
  return rows;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
/** The cells (tags stripped, unescaped) of each data row of the table with this id. */
function tableRows(html: string, id: string): string[][] {
  const table = html.match(new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`))![1]!;
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => unescape(c[1]!.replace(/<[^>]+>/g, ""))))
    .filter((cells) => cells.length > 0);
}

describe("class analytics after grade-all", () => {
  const cls = tmpDir("lrgrader-analytics-class-");
  const out = tmpDir("lrgrader-analytics-out-");
  let browser: Browser | undefined;

  beforeAll(async () => {
    for (const s of students) {
      for (const [id, piece] of Object.entries(s.pieces)) {
        const file = path.join(cls, s.name, id, "exercise.ts");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const text = piece === "reference" ? fs.readFileSync(path.join(REPO, "grader", "solutions", id, "exercise.ts"), "utf8")
          : piece === "starter" ? fs.readFileSync(path.join(REPO, "exercises", id, "exercise.ts"), "utf8")
          : wrongSource(piece);
        fs.writeFileSync(file, text);
      }
    }
    const run = await gradeAll(cls, out, { suitesDir: path.join(REPO, "grader", "suites"), manifest: path.join(REPO, "grader", "manifest.json"), only: IDS, quiet: true });
    expect(run.graded.new).toBe(students.length);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(cls, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("grades every student as composed (the premise of the figures below)", () => {
    for (const s of students) {
      const folder = fs.readdirSync(path.join(out, "students")).find((f) => {
        const r = JSON.parse(fs.readFileSync(path.join(out, "students", f, "results.json"), "utf8")) as GradeResult;
        return r.submission?.name === s.name;
      })!;
      const r = JSON.parse(fs.readFileSync(path.join(out, "students", folder, "results.json"), "utf8")) as GradeResult;
      for (const id of IDS) expect(r.exercises[id]!.score, `${s.name} ${id}`).toBe(exerciseScore(s, id));
    }
  });

  it("tasks.csv and summary.html give each task's passed count, mean and discrimination, hardest and least discriminating first", () => {
    const expected = expectedTasks();
    const csv = parseCsv(fs.readFileSync(path.join(out, "tasks.csv"), "utf8"));
    expect(csv[0]).toEqual(["exercise", "part", "title", "points", "students", "passed", "pass_rate", "mean_score", "discrimination"]);
    const rows = csv.slice(1);
    expect(rows.length).toBe(expected.length);
    const n = students.length;
    for (const e of expected) {
      const row = rows.find((r) => r[0] === e.exercise && r[1] === e.part && r[2] === e.title);
      expect(row, `${e.exercise} ${e.part}: ${e.title}`).toBeDefined();
      const [, , , points, count, passed, rate, mean, disc] = row!;
      expect(Number(points)).toBe(e.points);
      expect(Number(count)).toBe(n);
      expect(Number(passed)).toBe(e.passed);
      expect(Number(rate)).toBeCloseTo(e.passed / n, 4);
      expect(Number(mean)).toBeCloseTo(e.mean, 4);
      if (e.discrimination === null) expect(disc).toBe("");
      else expect(Number(disc)).toBeCloseTo(e.discrimination, 4);
    }
    // the class has tasks of many difficulties (undefined discrimination: see the last test)
    expect(new Set(expected.map((e) => e.passed)).size).toBeGreaterThan(2);
    // order: fewest passed first; among equals, lowest discrimination first, undefined last
    const key = (r: string[]) => ({ passed: Number(r[5]), disc: r[8] === "" ? Infinity : Number(r[8]) });
    for (let i = 1; i < rows.length; i++) {
      const a = key(rows[i - 1]!), b = key(rows[i]!);
      expect(a.passed < b.passed || (a.passed === b.passed && a.disc <= b.disc), `row ${i}`).toBe(true);
    }

    // the same figures, in the same order, on the page
    const html = fs.readFileSync(path.join(out, "summary.html"), "utf8");
    const page = tableRows(html, "tasks");
    expect(page.map((c) => `${c[0]} ${c[1]}`)).toEqual(rows.map((r) => `${r[0]} ${r[1]}: ${r[2]}`));
    for (const [ex, task, , passed, mean, disc] of page) {
      const e = expected.find((x) => `${x.exercise} ${x.part}: ${x.title}` === `${ex} ${task}`)!;
      expect(passed).toBe(`${e.passed} / ${n}`);
      expect(Number(mean)).toBeCloseTo(e.mean, 2);
      if (e.discrimination === null) expect(disc).toBe("—");
      else expect(disc).toBe(e.discrimination.toFixed(2));
    }
  });

  it("counts the students whose feedback names each known mistake, each wrong solution under its own", () => {
    const expected = expectedMistakes();
    const csv = parseCsv(fs.readFileSync(path.join(out, "mistakes.csv"), "utf8"));
    expect(csv[0]).toEqual(["exercise", "mistake", "students", "share"]);
    const got = new Map(csv.slice(1).map((r) => [`${r[0]}\t${r[1]}`, Number(r[2])]));
    expect(got).toEqual(expected);
    // every wrong-solution student is counted under its own mistake
    for (const w of wrong) {
      const given = students.filter((s) => s.pieces[w.id] === w).length;
      expect(given).toBe(1 + (EXTRA[`${w.id}/${w.slug}`] ?? 0));
      // a mistake the evidence never singles out (it answers as another on every task it fails) is counted nowhere
      if (named(w).has(w.what)) expect(got.get(`${w.id}\t${w.what}`), `${w.id}/${w.slug}`).toBeGreaterThanOrEqual(given);
      else expect(got.has(`${w.id}\t${w.what}`), `${w.id}/${w.slug}`).toBe(false);
    }
    expect(wrong.filter((w) => named(w).has(w.what)).length).toBeGreaterThan(wrong.length - 5);
    for (const r of csv.slice(1)) expect(Number(r[3])).toBeCloseTo(Number(r[2]) / students.length, 4);
    const counts = csv.slice(1).map((r) => Number(r[2]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // b01 no-sqrt, given to four students, is first, alone
    expect(counts[0]).toBe(4);
    expect(counts[1]).toBeLessThan(4);
    expect(csv[1]!.slice(0, 2)).toEqual(["b01-adagrad", wrong.find((w) => w.slug === "no-sqrt")!.what]);
    const page = tableRows(fs.readFileSync(path.join(out, "summary.html"), "utf8"), "mistakes");
    expect(page.map(([ex, what, n]) => [`${ex}\t${what}`, Number(n)])).toEqual(csv.slice(1).map((r) => [`${r[0]}\t${r[1]}`, Number(r[2])]));
  });

  it("gives each exercise's distribution of points in points.csv and under its plot", () => {
    const csv = parseCsv(fs.readFileSync(path.join(out, "points.csv"), "utf8"));
    expect(csv[0]).toEqual(["exercise", "points", "max", "students"]);
    const html = fs.readFileSync(path.join(out, "summary.html"), "utf8");
    for (const id of IDS) {
      const tally = new Map<number, number>();
      for (const s of students) tally.set(exerciseScore(s, id), (tally.get(exerciseScore(s, id)) ?? 0) + 1);
      const expected = [...tally].sort((a, b) => a[0] - b[0]);
      expect(csv.filter((r) => r[0] === id).map((r) => [Number(r[1]), Number(r[3])])).toEqual(expected);
      expect(csv.filter((r) => r[0] === id).every((r) => Number(r[2]) === manifest.exercises[id]!.max)).toBe(true);
      const text = html.match(new RegExp(`data-exercise="${id}"[\\s\\S]*?<span class="dist">([^<]*)</span>`))![1];
      expect(text).toBe(expected.map(([p, k]) => `${p} pts: ${k}`).join(" · "));
    }
  });

  it("draws one plotly plot per exercise from the bundle beside summary.html, offline, and says so when the bundle is missing", async () => {
    expect(fs.readFileSync(path.join(out, "plotly.min.js"), "utf8")).toBe(fs.readFileSync(path.join(REPO, "node_modules", "plotly.js-basic-dist-min", "plotly-basic.min.js"), "utf8"));
    browser = await launchChromium();
    const open = async (file: string) => {
      const context = await browser!.newContext({ offline: true });
      const blocked: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      return { context, page, blocked, errors };
    };

    const { context, page, blocked, errors } = await open(path.join(out, "summary.html"));
    try {
      await page.waitForFunction((n) => document.querySelectorAll(".ex-plot .main-svg").length >= n, IDS.length, { timeout: 20_000 });
      const plots = await page.$$eval(".ex-plot", (divs) => divs.map((d) => {
        const plot = d.querySelector(".plot") as HTMLElement & { data?: { x: number[]; y: number[] }[] };
        return {
          exercise: d.getAttribute("data-exercise"),
          plotly: plot.classList.contains("js-plotly-plot"),
          bars: plot.querySelectorAll(".barlayer .point path").length,
          x: plot.data?.[0]?.x, y: plot.data?.[0]?.y,
          width: plot.getBoundingClientRect().width,
        };
      }));
      expect(plots.map((p) => p.exercise)).toEqual(IDS);
      for (const p of plots) {
        const tally = new Map<number, number>();
        for (const s of students) tally.set(exerciseScore(s, p.exercise!), (tally.get(exerciseScore(s, p.exercise!)) ?? 0) + 1);
        const expected = [...tally].sort((a, b) => a[0] - b[0]);
        expect(p.plotly).toBe(true);
        expect(p.bars).toBe(expected.length);
        expect(p.x).toEqual(expected.map(([x]) => x));
        expect(p.y).toEqual(expected.map(([, y]) => y));
        expect(p.width).toBeGreaterThan(100);
      }
      expect(await page.isVisible("#plots-missing")).toBe(false);
      // the histogram is still there, beside the plots
      expect(await page.$$eval(".plots > svg > title", (t) => t.map((e) => e.textContent))).toEqual([`Score distribution (${students.length} submissions)`]);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // summary.html alone (say, mailed without the bundle): the plots are missing and the page says so
    const alone = tmpDir("lrgrader-analytics-alone-");
    fs.copyFileSync(path.join(out, "summary.html"), path.join(alone, "summary.html"));
    const second = await open(path.join(alone, "summary.html"));
    try {
      expect(await second.page.isVisible("#plots-missing")).toBe(true);
      expect(await second.page.$$(".js-plotly-plot")).toEqual([]);
      expect(second.errors).toEqual([]);
    } finally {
      await second.context.close();
      fs.rmSync(alone, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("discrimination", () => {
  it("is undefined for zero variance and ±1 for a task that follows or opposes the rest exactly", () => {
    expect(discrimination([1, 1, 1], [3, 5, 7])).toBeNull(); // everyone passed
    expect(discrimination([0, 1, 2], [0, 1, 2])).toBeNull(); // rest is 0 for everyone
    expect(discrimination([1], [4])).toBeNull();
    // rest = totals − task = [1, 3, 5]
    expect(discrimination([0, 1, 2], [1, 4, 7])).toBeCloseTo(1, 12);
    // rest = [4, 2, 0]
    expect(discrimination([0, 1, 2], [4, 3, 2])).toBeCloseTo(-1, 12);
    // hand-computed: x = [0, 1, 1, 0], rest = [1, 2, 0, 0]: Sxy = 0.5, Sxx = 1, Syy = 2.75 → 0.5/√2.75
    expect(discrimination([0, 1, 1, 0], [1, 3, 1, 0])).toBeCloseTo(0.5 / Math.sqrt(2.75), 12);
  });

  it("is shown as an empty CSV cell and a dash on the page when undefined", () => {
    const a: ClassAnalytics = {
      students: 2,
      tasks: [{ exercise: "x", part: "a", title: "all pass", points: 1, students: 2, passed: 2, mean: 1, discrimination: null }],
      mistakes: [],
      points: [{ exercise: "x", max: 1, counts: [{ points: 1, students: 2 }] }],
    };
    expect(tasksCsv(a)).toBe("exercise,part,title,points,students,passed,pass_rate,mean_score,discrimination\nx,a,all pass,1,2,2,1,1,\n");
    const html = summaryHtml(["x"], [], "<svg></svg>", [], a);
    expect(tableRows(html, "tasks")).toEqual([["x", "a: all pass", "1", "2 / 2", "1", "—"]]);
    // no mistakes: the place for them says where they come from
    expect(html).toMatch(/No failed task matched a known mistake/);
  });
});
