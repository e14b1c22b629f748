/**
 * Gradescope: the autograder zip (`export-gradescope --out <zip>`) and what it runs there.
 *
 * The zip holds `setup.sh` (run once, as root, when Gradescope builds the image: it uses the
 * Node already on PATH when it is ≥ 20.19 and downloads nothing then; otherwise it says what it
 * needs and installs Node 22 from NodeSource; bubblewrap from apt when missing; `npm ci` from the
 * zip's lockfile) and `run_autograder` (run for every upload: grades /autograder/submission into
 * /autograder/results/results.json with `gradescope-run`), with the grader sources beside them
 * (Gradescope unpacks the zip into /autograder/source); with an assignment, its assignment.json,
 * which run_autograder passes to gradescope-run. Reference and wrong solutions are not included. Specification: https://gradescope-autograders.readthedocs.io/en/latest/specs/
 */
import * as fs from "node:fs";
import * as path from "node:path";
import yazl from "yazl";
import { InstructorError } from "../errors";
import { listFiles } from "./release";
import { checkOutput, removeStaleTemps, writeAtomic } from "../report/files";
import { summaryTable } from "../report/report";
import { closeGraders, gradeSubmission, type GradeOptions, type GradeResult, type GradeTest } from "../run/grade";
import { REPO_ROOT } from "../run/runner";
import { readTypeCheckConfig } from "../run/typecheck";
import { assignmentText, type Assignment } from "../score/assignment";

/**
 * Paths (relative to the repo) the autograder needs; folders are copied whole. The type check
 * reads the course's compiler options from tsconfig.json (and any file it extends, added by
 * `exportGradescope`), and its `types` from the node_modules that setup.sh installs.
 */
const SOURCES = ["package.json", "package-lock.json", "tsconfig.json", "grader/cli.ts", "grader/harness", "grader/suites", "grader/manifest.json", "exercises/lib", "src", "scripts/args.ts"];

const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
# Needs: Node.js >= 20.19 with npm (downloaded from NodeSource only when missing), bubblewrap
# (optional: without it submissions are graded unsandboxed, and results say so to instructors).
set -euo pipefail
cd /autograder/source
node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update && apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}
if node_ok; then
  echo "setup: using Node $(node -v) at $(command -v node); no toolchain download"
else
  echo "setup: this autograder needs Node.js >= 20.19 with npm on PATH; found: $(node -v 2>/dev/null || echo 'no node')." >&2
  echo "setup: installing Node.js 22 from NodeSource (needs network access to deb.nodesource.com and the Ubuntu mirrors)." >&2
  if ! { apt_install ca-certificates curl gnupg && curl -fsSL https://deb.nodesource.com/setup_22.x | bash - && apt_install nodejs && node_ok; }; then
    echo "setup: FAILED: no Node.js >= 20.19. Install it in the image (the nodejs package from deb.nodesource.com, or an official Node tarball on PATH) and rebuild the autograder." >&2
    exit 1
  fi
fi
if ! command -v prlimit >/dev/null 2>&1; then apt_install util-linux || { echo "setup: FAILED: prlimit (package util-linux) is required" >&2; exit 1; }; fi
if ! command -v bwrap >/dev/null 2>&1; then
  apt_install bubblewrap || echo "setup: bubblewrap could not be installed: submissions will be graded without the sandbox (each result records it for instructors)" >&2
fi
if [ -f node_modules/.package-lock.json ] && node -e '
  const lock = require("./package-lock.json").packages, got = require("./node_modules/.package-lock.json").packages;
  const same = (k) => lock[k] && lock[k].version === got[k].version && lock[k].integrity === got[k].integrity;
  const ok = Object.keys(got).every((k) => k === "" || same(k)) && Object.keys(lock).every((k) => k === "" || lock[k].optional || got[k]);
  process.exit(ok ? 0 : 1)'; then
  echo "setup: node_modules already matches package-lock.json; npm ci skipped"
else
  # --ignore-scripts: the grader needs no native build (the course's notebook kernel does).
  npm ci --no-audit --no-fund --ignore-scripts
fi
echo "setup: done"
`;

/** The run_autograder script; with an assignment, it grades for the zip's assignment.json. */
const runAutograder = (assignment: boolean) => `#!/usr/bin/env bash
# Gradescope runs this for every submission. The grader writes results.json itself; it uses
# bubblewrap when the container allows it and otherwise grades with the unsandboxed fallback.
# Which protections were active goes to stdout and a hidden test entry (instructors only).
set -uo pipefail
cd /autograder/source
mkdir -p /autograder/results
# Gradescope's default container has 768 MB: V8 young generations of 1 MB in the grader's threads
# (student processes get no NODE_OPTIONS) keep its peak under 600 MB (test/grader/gradescope.test.ts).
NODE_OPTIONS="--max-semi-space-size=1" node_modules/.bin/tsx grader/cli.ts gradescope-run /autograder/submission --out /autograder/results${assignment ? " --assignment assignment.json" : ""}
status=$?
if [ ! -s /autograder/results/results.json ]; then
  echo '{"score":0,"output":"The autograder failed before producing results; please tell your instructor.","tests":[]}' > /autograder/results/results.json
fi
exit $status
`;

/** Writes the autograder zip (for an assignment: with its assignment.json); returns the list of entries. */
export async function exportGradescope(zipPath: string, root: string = REPO_ROOT, assignment?: Assignment): Promise<string[]> {
  const zip = new yazl.ZipFile();
  const entries: string[] = [];
  const add = (name: string, data: Buffer, mode = 0o644) => {
    zip.addBuffer(data, name, { mode, mtime: new Date(0) });
    entries.push(name);
  };
  add("setup.sh", Buffer.from(SETUP_SH), 0o755);
  add("run_autograder", Buffer.from(runAutograder(!!assignment)), 0o755);
  if (assignment) add("assignment.json", Buffer.from(assignmentText(assignment)));
  // Every configuration file the type check reads (tsconfig.json and what it extends, unless
  // that is an installed package), so it checks answers there with the course's options too.
  const configs = readTypeCheckConfig(path.join(root, "tsconfig.json")).files.filter((f) => !f.split("/").includes("node_modules"));
  const outside = configs.find((f) => f.startsWith("../"));
  if (outside) throw new InstructorError(`tsconfig.json extends ${path.resolve(root, outside)}, outside the project: the autograder cannot ship it; make the configuration self-contained`);
  for (const src of [...new Set([...SOURCES, ...configs])]) {
    const abs = path.join(root, src);
    if (!fs.existsSync(abs)) throw new Error(`missing ${src}: run npm run grade:manifest first if it is the manifest`);
    const files = fs.statSync(abs).isDirectory() ? listFiles(abs).map((f) => `${src}/${f}`) : [src];
    for (const f of files) if (fs.lstatSync(path.join(root, f)).isFile()) add(f, fs.readFileSync(path.join(root, f)));
  }
  fs.mkdirSync(path.dirname(path.resolve(zipPath)), { recursive: true });
  const tmp = `${zipPath}.tmp-${process.pid}`;
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(tmp);
    out.on("close", () => resolve());
    out.on("error", reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
  fs.renameSync(tmp, zipPath);
  return entries;
}

/**
 * Gradescope's results.json, with only the fields of its published specification: those of
 * `GradeResult` that Gradescope defines (its `output` is shown to the student, its stdout is for
 * instructors only), and in `extra_data` (stored, not shown) per-exercise totals and provenance.
 */
export type GradescopeResults = Pick<GradeResult, "score" | "max_score" | "execution_time" | "output" | "visibility" | "stdout_visibility" | "tests"> & {
  extra_data: { exercises: Record<string, { score: number; max: number }>; submission_sha256?: string; grader_sha256?: string };
};

/** Name of the hidden test entry that records the active protections. */
export const PROTECTIONS_TEST = "Grader: protections active for this submission (instructors only)";

/**
 * The grader's result in Gradescope's format: its tests as they are, plus a hidden test entry
 * (0 points) listing the active protections, which instructors see and students never do; the
 * fields Gradescope does not define are dropped or moved into `extra_data`.
 */
export function gradescopeResults(r: GradeResult): GradescopeResults {
  const tests: GradeTest[] = r.tests.map((t) => ({ name: t.name, score: t.score, max_score: t.max_score, status: t.status, output: t.output, visibility: t.visibility }));
  tests.push({ name: PROTECTIONS_TEST, score: 0, max_score: 0, status: "passed", output: r.protections.join("\n"), visibility: "hidden" });
  const exercises = Object.fromEntries(Object.entries(r.exercises).map(([id, e]) => [id, { score: e.score, max: e.max }]));
  return {
    score: r.score,
    max_score: r.max_score,
    execution_time: r.execution_time,
    output: r.output,
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
    extra_data: { exercises, ...(r.submission ? { submission_sha256: r.submission.sha256 } : {}), ...(r.grader ? { grader_sha256: r.grader } : {}) },
  };
}

/**
 * What to grade in Gradescope's submission folder: the folder itself, or the one `.zip` it holds
 * when the upload arrived unextracted (a `submission.zip` from `npm run submit`).
 */
export function uploadToGrade(dir: string): string {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => !n.startsWith("."));
  } catch {
    throw new InstructorError(`the submission folder ${dir} cannot be read: run_autograder expects Gradescope's /autograder/submission`);
  }
  const only = names.length === 1 ? path.join(dir, names[0]!) : null;
  return only && only.toLowerCase().endsWith(".zip") && fs.lstatSync(only).isFile() ? only : dir;
}

/**
 * `gradescope-run` (called by run_autograder): grades the upload in `submissionDir` and writes
 * `results.json` in Gradescope's format to `resultsDir`; prints the summary table and the
 * active protections on stdout, which Gradescope shows to instructors only.
 */
export async function runGradescope(submissionDir: string, resultsDir: string, options: GradeOptions): Promise<GradescopeResults> {
  const upload = uploadToGrade(submissionDir);
  checkOutput(resultsDir, 1 << 20);
  removeStaleTemps(resultsDir);
  try {
    // One vitest worker: a container grades one submission, on half a CPU by default.
    const result = await gradeSubmission(upload, { ...options, workers: 1 });
    const out = gradescopeResults(result);
    writeAtomic(path.join(resultsDir, "results.json"), JSON.stringify(out, null, 2) + "\n");
    console.log(summaryTable(result));
    console.log(`\nprotections (instructors only): ${result.protections.join("; ")}`);
    console.log(`graded ${upload === submissionDir ? "the uploaded files" : `the uploaded ${path.basename(upload)}`}; wrote ${path.join(resultsDir, "results.json")}`);
    return out;
  } finally {
    await closeGraders();
  }
}
