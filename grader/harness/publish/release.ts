/**
 * The student bundle (`release --out <dir>`): notebooks with outputs cleared, `src/`, the
 * exercise starters with their public tests, the student scripts (course, check, submit), a
 * student README (with an assignment: its title, exercises and points), and
 * package.json/lockfile/tsconfig for students. Built from an allow-list:
 * nothing under `grader/`, `test/` or `bench/` is copied, and the result is checked for that.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../run/runner";
import type { Assignment } from "../score/assignment";

/** npm scripts a student uses; the others (tests, grading, benchmarks, site) stay out. */
const STUDENT_SCRIPTS = ["course", "check", "submit", "schedule", "typecheck"];
/** Top-level folders copied whole (notebooks get their outputs cleared). */
const FOLDERS = ["notebooks", "src", "exercises"];
const SKIP = new Set([".ipynb_checkpoints", "node_modules", ".cache", "__pycache__"]);

/** Clears outputs, execution counts and execution timestamps of every cell. */
export function clearNotebook(text: string): string {
  const nb = JSON.parse(text) as { cells: Array<Record<string, unknown>> };
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    const meta = cell.metadata as Record<string, unknown> | undefined;
    if (meta) {
      delete meta.execution;
      delete meta.ExecuteTime;
    }
  }
  return JSON.stringify(nb, null, 1) + "\n";
}

function copyTree(src: string, dst: string, root: string): void {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isSymbolicLink()) {
      const target = fs.readlinkSync(s);
      // Keep links that stay inside the bundle's folders (notebooks/src -> ../src); drop others.
      const resolved = path.resolve(path.dirname(s), target);
      const top = path.relative(root, resolved).split(path.sep)[0]!;
      if (!path.isAbsolute(target) && FOLDERS.includes(top)) fs.symlinkSync(target, d);
    } else if (e.isDirectory()) {
      copyTree(s, d, root);
    } else if (e.isFile()) {
      if (e.name.endsWith(".ipynb")) fs.writeFileSync(d, clearNotebook(fs.readFileSync(s, "utf8")));
      else fs.copyFileSync(s, d);
    }
  }
}

/** The script files the student npm scripts run, plus the local files those import. */
function scriptFiles(root: string, scripts: Record<string, string>): string[] {
  const todo = Object.values(scripts).flatMap((cmd) => [...cmd.matchAll(/scripts\/[\w.-]+/g)].map((m) => m[0]));
  const seen = new Set<string>();
  while (todo.length) {
    const rel = todo.pop()!;
    if (seen.has(rel) || !fs.existsSync(path.join(root, rel))) continue;
    seen.add(rel);
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    for (const m of text.matchAll(/scripts\/[\w.-]+\.(?:sh|ts|py)|from "\.\/([\w.-]+)"/g)) {
      if (m[1]) todo.push(`scripts/${m[1]}${m[1].includes(".") ? "" : ".ts"}`);
      else todo.push(m[0]);
    }
  }
  return [...seen].sort();
}

const STUDENT_README = `# Learning-rate schedules and adaptive optimizers — student bundle

## Set up
Node ≥ 20.19, then:

    npm ci

## Lessons
\`npm run course\` serves the notebooks (TypeScript, on the tslab kernel) in Jupyter. They import
the shared library in \`src/\` and your own answers in \`exercises/\`, so you can plot your work
next to the reference.

## Exercises
Read \`exercises/README.md\`. Each exercise folder has \`exercise.ts\` (your answer file) and
\`public.test.ts\` (public tests). Check your work with

    npm run check                      # every exercise
    npm run check -- a01-step-decay    # one exercise

The public tests are a sample: the grader runs more (hidden) tests on the same functions, so
make every part right, not just the tested cases.

## Submit
\`npm run submit\` packs your \`exercises/*/exercise.ts\` files (and files they import from their
own folders) into \`submission.zip\`. Upload that file.
`;

/** The student README's section on an assignment: its title, and each exercise with its points. */
export function assignmentSection(a: Assignment): string {
  const rows = Object.entries(a.points).map(([id, p]) => `| \`${id}\` | ${p} |`);
  const total = Math.round(Object.values(a.points).reduce((s, p) => s + p, 0) * 1e6) / 1e6;
  return `\n## This assignment: ${a.title}\n\nOnly these exercises are graded, for ${total} points in all (every exercise stays in the bundle, for the notebooks):\n\n| exercise | points |\n|---|---|\n${rows.join("\n")}\n`;
}

/**
 * Builds the student bundle in `outDir` (which must not exist or be empty); with an assignment,
 * its README names the assignment and lists its exercises and their points.
 */
export async function buildRelease(outDir: string, root: string = REPO_ROOT, assignment?: Assignment): Promise<string[]> {
  const out = path.resolve(outDir);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new Error(`${outDir} exists and is not empty`);
  fs.mkdirSync(out, { recursive: true });
  for (const folder of FOLDERS) if (fs.existsSync(path.join(root, folder))) copyTree(path.join(root, folder), path.join(out, folder), root);

  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown> & { scripts: Record<string, string> };
  const scripts: Record<string, string> = {};
  for (const name of STUDENT_SCRIPTS) if (pkg.scripts[name]) scripts[name] = pkg.scripts[name]!;
  // Dependencies stay exactly as in the course repo, so the copied lockfile matches.
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ ...pkg, scripts }, null, 2) + "\n");
  fs.copyFileSync(path.join(root, "package-lock.json"), path.join(out, "package-lock.json"));
  for (const rel of scriptFiles(root, scripts)) {
    fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    fs.copyFileSync(path.join(root, rel), path.join(out, rel));
  }
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { include?: string[] };
  tsconfig.include = (tsconfig.include ?? []).filter((p) => fs.existsSync(path.join(out, p.split("/")[0]!)));
  fs.writeFileSync(path.join(out, "tsconfig.json"), JSON.stringify(tsconfig, null, 2) + "\n");
  fs.writeFileSync(path.join(out, "README.md"), STUDENT_README + (assignment ? assignmentSection(assignment) : ""));
  fs.writeFileSync(path.join(out, ".gitignore"), "node_modules/\n.jupyter/\n.ipynb_checkpoints/\nsubmission.zip\n");

  const files = listFiles(out);
  const bad = files.filter((f) => /(^|\/)(grader|bench)\//.test(f) || /^test\//.test(f) || f.endsWith(".hidden.test.ts"));
  if (bad.length) throw new Error(`release would contain instructor files: ${bad.slice(0, 5).join(", ")}`);
  return files;
}

/** Every file in a folder, relative, sorted (symlinks listed, not followed). */
export function listFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out.sort();
}
