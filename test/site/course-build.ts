// The course site built ONCE per vitest run, for every test file that needs it (course-site.test.ts,
// a11y.test.ts): executing every lesson takes minutes, so the first file to ask builds it into
// out/course-site (executed notebooks in executed/, pages in site/) and the others, in this or
// another worker of the same run, wait for it and reuse it. A run is identified by the vitest
// process (the workers' parent with the forks pool, the process itself with threads) and its start
// time, so a build left by an earlier run is never taken for this run's.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { listNotebooks, ROOT, type NotebookReport } from "../../scripts/notebooks";
import { buildSite, executeNotebooks } from "../../scripts/site";
import { alive } from "../../grader/harness/report/files";

export const OUT = join(ROOT, "out", "course-site");
export const SITE = join(OUT, "site");
export const EXECUTED = join(OUT, "executed");
const STAMP = join(OUT, "built.json");
const LOCK = `${OUT}.lock`;

/** The built course: its pages' folder, each lesson's name and its run on the kernel. */
export interface CourseSite {
  site: string;
  lessons: string[];
  reports: Map<string, NotebookReport>;
}

/** This vitest run: the pid of the vitest process and its start time (field 22 of /proc/<pid>/stat). */
export function runId(): string {
  const pid = typeof process.send === "function" ? process.ppid : process.pid;
  let started = "";
  try {
    started = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[19] ?? "";
  } catch {
    // no /proc: the pid alone
  }
  return `${pid}@${started}`;
}

function stamped(run: string): CourseSite | null {
  if (!existsSync(STAMP)) return null;
  const s = JSON.parse(readFileSync(STAMP, "utf8")) as { run: string; lessons: string[]; reports: NotebookReport[]; error?: string };
  if (s.run !== run) return null;
  if (s.error !== undefined) throw new Error(`the course site of this run failed to build: ${s.error}`);
  return { site: SITE, lessons: s.lessons, reports: new Map(s.lessons.map((name, i) => [name, s.reports[i]!])) };
}

/**
 * Every notebook of notebooks/ executed once on the kernel, and the site built from those runs with
 * `buildSite` (a failed notebook is reported, not thrown: its page is built from what it ran).
 * Builds at most once per vitest run; the callers share the result.
 */
export async function courseSite(): Promise<CourseSite> {
  const run = runId();
  mkdirSync(join(ROOT, "out"), { recursive: true });
  for (;;) {
    const done = stamped(run);
    if (done) return done;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another file of this run is building: wait for it (or take over if its process is gone).
      const owner = Number(existsSync(join(LOCK, "pid")) ? readFileSync(join(LOCK, "pid"), "utf8") : NaN);
      if (Number.isFinite(owner) && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 2_000));
      continue;
    }
    try {
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      const again = stamped(run);
      if (again) return again;
      rmSync(OUT, { recursive: true, force: true });
      const notebooks = listNotebooks();
      const lessons = notebooks.map((nb) => basename(nb, ".ipynb"));
      let reports: NotebookReport[];
      try {
        reports = await executeNotebooks(notebooks, EXECUTED);
        await buildSite({ notebooks: lessons.map((name) => join(EXECUTED, `${name}.ipynb`)), outDir: SITE, workDir: EXECUTED, execute: false });
      } catch (e) {
        writeFileSync(STAMP, JSON.stringify({ run, error: String((e as Error)?.message ?? e) }));
        throw e;
      }
      writeFileSync(STAMP, JSON.stringify({ run, lessons, reports }));
      return { site: SITE, lessons, reports: new Map(lessons.map((name, i) => [name, reports[i]!])) };
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
