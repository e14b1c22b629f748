// The browser edition (scripts/lite.ts) in Debian's chromium, served from 127.0.0.1 under a subpath
// (/course/, as a university web space would) with every other request blocked: every lesson runs
// all its cells with no error output, every figure drawn, every live figure recomputing when its
// slider moves, and its outputs passing axe-core's WCAG 2.1 A and AA rules; a student edits an
// exercise, checks it (the same lines as `npm run check` on the same file), downloads
// submission.zip (graded by `npm run grade` as it is), finds the edit after a reload, and resets
// the file to its starter.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPublicTests } from "../../scripts/check";
import { ROOT } from "../../scripts/notebooks";
import { resultLines } from "../../scripts/public-results";
import { describeViolations, runAxe } from "./axe";
import { LiteApp, openEdition, type Edition } from "./lite-app";
import { runId } from "./course-build";

const OUT = join(ROOT, "out", "lite-test", runId().replace(/\W/g, "-"));
const LESSONS = readdirSync(join(ROOT, "notebooks")).filter((n) => n.endsWith(".ipynb")).sort();
const BASE = "/course/";

let edition: Edition;
let app: LiteApp;
let page: Page;

beforeAll(async () => {
  edition = await openEdition(OUT, BASE);
  app = edition.app;
  page = edition.page;
}, 240_000);

afterAll(() => edition?.close());

describe("the browser edition", () => {
  it("opens under a subpath with the course's kernel and says it does not type-check", async () => {
    const t0 = Date.now();
    await app.open(LESSONS[0]!);
    await app.showing(LESSONS[0]!);
    expect(await page.textContent(".jp-StatusBar-Widget")).toContain("TypeScript (course, in the browser) | Idle");
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(await page.textContent(".course-typecheck-notice")).toMatch(/not type-checked/);
  }, 60_000);

  it.each(LESSONS)("%s runs every cell with no error, every figure drawn, live figures recomputing, outputs passing axe", async (lesson) => {
    await app.command("docmanager:open", { path: lesson });
    await app.showing(lesson);
    await app.runAll();
    const result = await app.outcome();
    expect(result.errors).toEqual([]);
    expect(result.ran).toBe(result.cells);
    expect(result.figures).toBeGreaterThan(0);
    expect(result.drawn).toBe(result.figures);
    for (const m of result.moved) {
      expect(m.errors).toEqual([]);
      expect(m.after).toBeGreaterThan(m.before);
    }
    // WCAG 2.1 A and AA on the course's markup in JupyterLab's page: its outputs (figures, live controls, text).
    expect(describeViolations(await runAxe(page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"))).toEqual([]);
    await app.close();
  }, 240_000);
});

describe("exercises in the browser", () => {
  const id = "a01-step-decay";
  const path = `exercises/${id}/exercise.ts`;
  const starter = readFileSync(join(ROOT, path), "utf8");
  // The student's edit: the reference answer, with stepDecay decaying smoothly instead of in steps (the public tests see it at step 45).
  const reference = readFileSync(join(ROOT, "grader", "solutions", id, "exercise.ts"), "utf8");
  const edited = reference.replace("Math.floor(step / config.stepSize)", "(step / config.stepSize)");

  /** The lines `npm run check` prints for this exercise answered with `text` (the Node runner, vitest itself). */
  function nodeCheckLines(text: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), "lite-check-"));
    try {
      mkdirSync(join(dir, id));
      writeFileSync(join(dir, id, "exercise.ts"), text);
      return resultLines(runPublicTests([id], dir)).lines;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Runs a Course command that ends with a report dialog; the dialog's text, once closed. */
  async function reported(id: string): Promise<string> {
    const done = app.command(id);
    const text = await dialogText();
    await done;
    return text;
  }

  /** The text of the report dialog on the page, then closes it. */
  async function dialogText(): Promise<string> {
    const pre = await page.waitForSelector(".jp-Dialog pre.course-report", { timeout: 60_000 });
    const text = (await pre.textContent()) ?? "";
    await page.click(".jp-Dialog .jp-mod-accept");
    return text;
  }

  it("the edit is made, checked with npm run check's words, kept across a reload, submitted and graded", async () => {
    expect(edited).not.toBe(reference);
    await app.open(path);
    await app.showing(path);
    await app.edit(edited);
    const checked = (await reported("course:check")).split("\n");
    const expected = nodeCheckLines(edited);
    expect(expected.some((l) => l.startsWith("✗"))).toBe(true);
    // The same words; a number may differ in its last digits (the browser's V8 rounds `**` differently from Node 20's).
    const digits = (line: string) => line.replace(/\d+\.\d+(e-?\d+)?/g, (n) => Number(n).toPrecision(12));
    expect(checked.slice(0, expected.length).map(digits)).toEqual(expected.map(digits));
    expect(checked).toContain("Public tests only; the graded tests are more thorough.");

    // The saved edit survives a reload (the browser's storage).
    await app.open(path);
    await app.showing(path);
    expect(await app.source()).toBe(edited);

    // submission.zip: every exercise's answer file, the edited one as edited; the grader takes it as it is.
    const [download] = await Promise.all([page.waitForEvent("download"), reported("course:submission")]);
    expect(download.suggestedFilename()).toBe("submission.zip");
    const work = mkdtempSync(join(tmpdir(), "lite-submission-"));
    try {
      const zip = join(work, "submission.zip");
      await download.saveAs(zip);
      const listing = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
      const ids = readdirSync(join(ROOT, "exercises"), { withFileTypes: true })
        .filter((d) => d.isDirectory() && readdirSync(join(ROOT, "exercises", d.name)).includes("exercise.ts")).map((d) => d.name).sort();
      expect(listing).toEqual(ids.map((x) => `${x}/exercise.ts`));
      expect(execFileSync("unzip", ["-p", zip, `${id}/exercise.ts`], { encoding: "utf8" })).toBe(edited);
      execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "grader/cli.ts", "grade", zip, "--out", join(work, "graded")], { cwd: ROOT, stdio: "pipe" });
      const results = JSON.parse(readFileSync(join(work, "graded", "results.json"), "utf8")) as { tests: { name: string; score: number; max_score: number }[] };
      const mine = results.tests.filter((t) => t.name.includes(id));
      expect(mine.length).toBeGreaterThan(0);
      // The smooth stepDecay loses marks; the starters of the other exercises score 0.
      expect(mine.reduce((s, t) => s + t.score, 0)).toBeLessThan(mine.reduce((s, t) => s + t.max_score, 0));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    // Reset to the starter.
    const reset = app.command("course:reset");
    await page.click(".jp-Dialog .jp-mod-warn");
    await reset;
    await expect.poll(() => app.source(), { timeout: 30_000 }).toBe(starter);
  }, 240_000);

  it("asked nothing of any other host, and raised no uncaught error", () => {
    expect(edition.blocked).toEqual([]);
    expect(edition.pageErrors).toEqual([]);
  });
});
