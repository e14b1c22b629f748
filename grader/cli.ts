/**
 * The instructor's command line (see grader/README.md): grade, grade-all, merge, similarity,
 * release, export-gradescope (and gradescope-run, which its run_autograder calls), manifest,
 * exercise-new and exercise-check (docs/authoring.md). Every command answers --help; an instructor's mistake (a bad
 * option, a missing folder, a stale manifest, a full disk) is one line and exit status 2.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { helpHint, parseCommand, UsageError, type CommandSpec, type OptionSpec } from "../scripts/args";
import { gradeAll, gradeOne, runSummary, type BatchOptions } from "./harness/class/batch";
import { mergeShards, parseShard, shardFromEnv, writeShardRecord } from "./harness/class/shard";
import { similarityReport } from "./harness/class/similarity";
import { InstructorError } from "./harness/errors";
import { buildRelease } from "./harness/publish/release";
import { exportGradescope, runGradescope } from "./harness/publish/gradescope";
import { writeAtomic } from "./harness/report/files";
import { generateManifest, type KnownMistake } from "./harness/score/generate";
import { readAssignment } from "./harness/score/assignment";
import { DEFAULT_MANIFEST, DEFAULT_SUITES, manifestText, readManifest } from "./harness/score/manifest";

const rel = (p: string) => path.relative(process.cwd(), p) || ".";

/** Options of every command that grades or reads the suites. */
const SUITE_OPTIONS: Record<string, OptionSpec> = {
  suites: { type: "string", value: "<dir>", help: "folder of the hidden suites", default: rel(DEFAULT_SUITES) },
  manifest: { type: "string", value: "<file>", help: "manifest of expected tasks", default: `${rel(DEFAULT_MANIFEST)}, or manifest.json beside --suites` },
};
/** `--assignment <file>`: the exercises and points of one assignment (score/assignment.ts). */
const ASSIGNMENT_OPTION: OptionSpec = {
  type: "string",
  value: "<file>",
  help: 'an assignment file (JSON: {"title": …, "exercises": [{"id": …, "points": …}]}): only its exercises, each worth its points (tasks scaled in their ratios); not with --only',
  default: "every exercise, at its own points",
};
const GRADE_OPTIONS: Record<string, OptionSpec> = {
  out: { type: "string", value: "<dir>", help: "output folder (required)" },
  ...SUITE_OPTIONS,
  only: { type: "string", value: "<id,id>", help: "grade only these exercises", default: "every exercise with a suite" },
  assignment: ASSIGNMENT_OPTION,
  "no-sandbox": { type: "boolean", help: "force the unsandboxed fallback (separate process, no bubblewrap)" },
};

const COMMANDS: Record<string, CommandSpec> = {
  grade: {
    usage: "npm run grade -- <submission dir|.zip> --out <dir> [options]",
    summary: "Grades one submission: results.json (Gradescope format), feedback.html, and a summary table with the active protections.",
    options: GRADE_OPTIONS,
    positionals: [1, 1],
  },
  "grade-all": {
    usage: "npm run grade-all -- <folder of submissions> --out <dir> [options]",
    summary:
      "Grades every sub-folder and .zip of a class folder into <dir>/students/<folder>/, then writes gradebook.csv, the gradebooks to import into Canvas, Moodle or elsewhere (canvas.csv, moodle.csv, totals.csv), summary.html and histogram.svg. " +
      "A rerun keeps a stored result only when it was made from the same submission files by the same grader.",
    options: {
      ...GRADE_OPTIONS,
      jobs: { type: "string", value: "<n>", help: "parallel vitest workers", default: "2" },
      force: { type: "boolean", help: "regrade every submission, even those with current results" },
      shard: {
        type: "string",
        value: "<i/n>",
        help: "grade only every n-th submission (sorted by name) starting at i; merge the shards' outputs with npm run grade:merge",
        default: "from the runner: JOB_COMPLETION_INDEX + SHARD_COUNT (Kubernetes), SLURM_ARRAY_TASK_ID/_MIN/_COUNT (Slurm), SHARD_INDEX + SHARD_COUNT (GitHub Actions, others); else the whole class",
      },
      quiet: { type: "boolean", help: "no progress bar" },
      similarity: { type: "boolean", help: "also write similarity.html and similarity.csv (as the similarity command)" },
    },
    positionals: [1, 1],
  },
  merge: {
    usage: "npm run grade:merge -- <shard output dirs…> --class <folder of submissions> --out <dir>",
    summary:
      "Combines the outputs of grade-all shard runs into one: students/ folders, gradebook.csv (the one a single run would have written), summary.html. " +
      "Every submission of the class folder must be in exactly one output and all must come from the same grader; a missing or duplicated shard is reported and nothing is written.",
    options: {
      class: { type: "string", value: "<folder>", help: "the class folder the shards graded (its submissions are the roster) (required)" },
      out: { type: "string", value: "<dir>", help: "output folder (required; may be one of the shard outputs)" },
    },
    positionals: [1, Infinity],
  },
  similarity: {
    usage: "npm run similarity -- <folder of submissions> --out <dir> [options]",
    summary:
      "Ranks every pair of submissions by the code they share, exercise by exercise, after normalising comments, whitespace, names and literals and discounting the starter, the reference and passages many students share (winnowing, as in MOSS). Writes similarity.html and similarity.csv. It ranks pairs; it never accuses.",
    options: {
      out: { type: "string", value: "<dir>", help: "output folder (required)" },
      only: { type: "string", value: "<id,id>", help: "compare only these exercises", default: "every exercise" },
    },
    positionals: [1, 1],
  },
  release: {
    usage: "npm run release -- --out <dir> [--assignment <file>]",
    summary: "Builds the student bundle: notebooks with outputs cleared, src/, exercise starters and public tests; nothing hidden. With an assignment, its README names the assignment, its exercises and their points.",
    options: { out: { type: "string", value: "<dir>", help: "output folder (required)" }, assignment: ASSIGNMENT_OPTION },
    positionals: [0, 0],
  },
  "export-gradescope": {
    usage: "npm run export-gradescope -- --out <zip> [--assignment <file>]",
    summary: "Writes a Gradescope autograder zip (setup.sh, run_autograder, the grader and the hidden suites). With an assignment, the zip holds it as assignment.json and run_autograder grades for it.",
    options: { out: { type: "string", value: "<zip>", help: "the zip to write (required)" }, assignment: ASSIGNMENT_OPTION },
    positionals: [0, 0],
  },
  "gradescope-run": {
    usage: "tsx grader/cli.ts gradescope-run <submission dir|.zip> --out <results dir> [options]",
    summary:
      "What the Gradescope autograder's run_autograder calls: grades an upload (a folder, or the one .zip it holds) into results.json in Gradescope's format; " +
      "the active protections go to stdout and a hidden test entry, which only instructors see.",
    options: GRADE_OPTIONS,
    positionals: [1, 1],
  },
  manifest: {
    usage: "npm run grade:manifest -- [options]",
    summary: "Regenerates the manifest of expected tasks from the hidden suites, with the answers of the known wrong solutions (grader/wrong/) that feedback matches; run it after editing a suite or a wrong solution.",
    options: { ...SUITE_OPTIONS, check: { type: "boolean", help: "only check that the manifest is current (exit 1 if not)" } },
    positionals: [0, 0],
  },
  "exercise-new": {
    usage: "npm run exercise:new -- <id> [--lesson A|B] [--title <text>]",
    summary:
      "Scaffolds every part of a new exercise, each with a short example to replace: the reference (grader/solutions/<id>/exercise.ts) with its doc comments, " +
      "the hidden suite (grader/suites/<id>.hidden.test.ts), a public test, an empty list of wrong solutions (grader/wrong/<id>.json) and the starter stripped from the reference. docs/authoring.md walks through them.",
    options: {
      lesson: { type: "string", value: "A|B", help: "A (schedules; the suite compares with a-shared.ts's near) or B (optimizers; b-shared.ts's nearAll)", default: "the id's prefix (a13-… is A, b12-… is B), else A" },
      title: { type: "string", value: "<text>", help: "the title in the reference's header", default: "from the id (a13-exponential-decay: Exponential decay)" },
    },
    positionals: [1, 1],
  },
  "exercise-check": {
    usage: "npm run exercise:check -- [<id>…]",
    summary:
      "Tells whether exercises are ready, in one report (exit 1 if one is not): the reference gets full marks and the starter 0; the public tests pass on the reference and fail on the starter; " +
      "every wrong solution loses points and the feedback names it; fairness probes: no function passes with a hard-coded answer, the reference in single precision and moved by the promised tolerance keeps full marks, " +
      "and mutants of the reference that keep full marks are listed as suggested tests; the starter, the manifest and the doc comments are current. Each problem names the exercise, the task and the fix.",
    options: {},
    positionals: [0, Infinity],
  },
};

/** Writes the similarity report of a class folder and says where. */
async function similarity(folder: string, outDir: string, only: string[] | undefined): Promise<void> {
  const r = await similarityReport(folder, outDir, only ? { only } : {});
  for (const n of r.notes) console.error(n);
  console.log(`similarity: ${r.pairs.length} pairs of ${r.students} submissions share code beyond the starter and the reference; wrote ${r.files.html} and ${r.files.csv}`);
}

/** The wrong solutions of grader/wrong/, as known mistakes for the manifest. */
async function knownMistakes(): Promise<KnownMistake[]> {
  const { wrongSolutions, wrongSource } = await import("./wrong/wrong");
  return wrongSolutions().map((w) => ({ id: w.id, slug: w.slug, what: w.what, source: wrongSource(w) }));
}

const OVERVIEW = `usage: npm run <command> -- [arguments] [options]   (each command has --help)\n\n${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join("\n")}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    console.log(OVERVIEW);
    return command ? 0 : 2;
  }
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${command}: the commands are ${Object.keys(COMMANDS).join(", ")}`);
  const parsed = parseCommand(spec, rest);
  if (!parsed) return 0;
  const { values: v, positionals } = parsed;
  const out = () => {
    if (typeof v.out !== "string") throw new UsageError(`missing --out: ${helpHint(spec)}`);
    return v.out;
  };
  const suitesDir = path.resolve((v.suites as string | undefined) ?? DEFAULT_SUITES);
  const manifestFile = path.resolve((v.manifest as string | undefined) ?? (v.suites ? path.join(suitesDir, "..", "manifest.json") : DEFAULT_MANIFEST));
  if (typeof v.assignment === "string" && typeof v.only === "string") throw new UsageError(`--assignment chooses the exercises: leave out --only (${helpHint(spec)})`);
  const assignment = typeof v.assignment === "string" ? readAssignment(v.assignment, readManifest(manifestFile)) : undefined;
  const options: BatchOptions = {
    suitesDir,
    manifest: manifestFile,
    ...(typeof v.only === "string" ? { only: v.only.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
    ...(assignment ? { assignment } : {}),
    isolation: v["no-sandbox"] ? "process" : "auto",
  };
  switch (command) {
    case "grade":
      await gradeOne(positionals[0]!, out(), options);
      return 0;
    case "grade-all": {
      const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, got ${v.jobs}`);
      const shard = typeof v.shard === "string" ? parseShard(v.shard) : shardFromEnv(process.env);
      if (shard && shard.source !== "--shard") console.error(`grading shard ${shard.index}/${shard.count} (${shard.source})`);
      const run = await gradeAll(positionals[0]!, out(), { ...options, jobs, force: !!v.force, shard: shard && [shard.index, shard.count], quiet: !!v.quiet });
      writeShardRecord(out(), shard ?? { index: 1, count: 1, source: "not sharded" });
      console.log(`${runSummary(run)}; wrote ${path.join(out(), "gradebook.csv")} and, to import into an LMS, canvas.csv, moodle.csv and totals.csv`);
      if (v.similarity) await similarity(positionals[0]!, out(), assignment ? Object.keys(assignment.points) : options.only);
      return run.clashes + run.failed > 0 ? 1 : 0;
    }
    case "merge": {
      if (typeof v.class !== "string") throw new UsageError(`missing --class <folder of submissions>: ${helpHint(spec)}`);
      const merged = mergeShards(v.class, positionals, out());
      console.log(`merged ${merged.students} students from ${positionals.length} outputs: ${merged.note}; wrote ${path.join(out(), "gradebook.csv")} and, to import into an LMS, canvas.csv, moodle.csv and totals.csv`);
      return 0;
    }
    case "similarity":
      await similarity(positionals[0]!, out(), options.only);
      return 0;
    case "release":
      await buildRelease(out(), undefined, assignment);
      return 0;
    case "export-gradescope":
      await exportGradescope(out(), undefined, assignment);
      return 0;
    case "gradescope-run":
      await runGradescope(positionals[0]!, out(), options);
      return 0;
    case "exercise-new": {
      // The authoring commands are not shipped in the Gradescope autograder, hence the lazy imports.
      const { exerciseNew } = await import("./author/commands");
      exerciseNew(positionals[0]!, v.lesson as string | undefined, v.title as string | undefined);
      return 0;
    }
    case "exercise-check": {
      const { exerciseCheck } = await import("./author/commands");
      return exerciseCheck(positionals);
    }
    case "manifest": {
      if (!fs.existsSync(suitesDir)) throw new InstructorError(`the suites folder ${suitesDir} does not exist: pass the folder of *.hidden.test.ts files with --suites`);
      // The known mistakes come from grader/wrong/ (not shipped in the Gradescope autograder, hence the lazy import).
      const mistakes = suitesDir === DEFAULT_SUITES ? await knownMistakes() : [];
      const text = manifestText(await generateManifest(suitesDir, { mistakes }));
      if (v.check) {
        const current = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile, "utf8") : "";
        if (current !== text) {
          console.error(`${rel(manifestFile)} is out of date: run npm run grade:manifest`);
          return 1;
        }
        console.log("manifest is up to date");
        return 0;
      }
      writeAtomic(manifestFile, text);
      console.log(`wrote ${rel(manifestFile)}`);
      return 0;
    }
  }
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof UsageError || e instanceof InstructorError ? e.message : e.stack ?? String(e));
    process.exit(2);
  },
);
