/**
 * The instructor's command line (see grader/README.md):
 *   grade <submission dir|.zip> --out <dir>
 *   grade-all <folder of submissions> --out <dir> [--jobs N] [--force] [--shard i/n]
 *   release --out <dir>
 *   export-gradescope --out <zip>
 *   manifest [--check]
 * Common options: --suites <dir> (default grader/suites), --manifest <file>, --only id,id,
 * --no-sandbox (force the unsandboxed fallback).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_MANIFEST, DEFAULT_SUITES, generateManifest, manifestText } from "./harness/score/manifest";
import { gradeOne, gradeAll, type BatchOptions } from "./harness/class/batch";
import { buildRelease } from "./harness/publish/release";
import { exportGradescope } from "./harness/publish/gradescope";

const USAGE = `usage:
  grade <submission dir|.zip> --out <dir>
  grade-all <folder of submissions> --out <dir> [--jobs N] [--force] [--shard i/n]
  release --out <dir>
  export-gradescope --out <zip>
  manifest [--check]
options: --suites <dir>  --manifest <file>  --only id,id  --no-sandbox`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      jobs: { type: "string" },
      force: { type: "boolean" },
      shard: { type: "string" },
      suites: { type: "string" },
      manifest: { type: "string" },
      only: { type: "string" },
      "no-sandbox": { type: "boolean" },
      check: { type: "boolean" },
      quiet: { type: "boolean" },
    },
  });
  const suitesDir = path.resolve(values.suites ?? DEFAULT_SUITES);
  const manifestFile = path.resolve(values.manifest ?? (values.suites ? path.join(suitesDir, "..", "manifest.json") : DEFAULT_MANIFEST));
  const options: BatchOptions = {
    suitesDir,
    manifest: manifestFile,
    ...(values.only ? { only: values.only.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
    isolation: values["no-sandbox"] ? "process" : "auto",
  };
  const need = (v: string | undefined, what: string): string => {
    if (!v) throw new UsageError(`missing ${what}`);
    return v;
  };
  switch (command) {
    case "grade": {
      const r = await gradeOne(need(positionals[0], "<submission>"), need(values.out, "--out <dir>"), options);
      return r.failedToRun ? 1 : 0;
    }
    case "grade-all": {
      const jobs = values.jobs ? Number(values.jobs) : undefined;
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, got ${values.jobs}`);
      let shard: [number, number] | undefined;
      if (values.shard) {
        const m = /^(\d+)\/(\d+)$/.exec(values.shard);
        if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, got ${values.shard}`);
        shard = [Number(m[1]), Number(m[2])];
      }
      await gradeAll(need(positionals[0], "<folder of submissions>"), need(values.out, "--out <dir>"), { ...options, jobs, force: !!values.force, shard, quiet: !!values.quiet });
      return 0;
    }
    case "release":
      await buildRelease(need(values.out, "--out <dir>"));
      return 0;
    case "export-gradescope":
      await exportGradescope(need(values.out, "--out <zip>"));
      return 0;
    case "manifest": {
      const text = manifestText(await generateManifest(suitesDir));
      if (values.check) {
        const current = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile, "utf8") : "";
        if (current !== text) {
          console.error(`${path.relative(process.cwd(), manifestFile)} is out of date: run npm run grade:manifest`);
          return 1;
        }
        console.log("manifest is up to date");
        return 0;
      }
      fs.writeFileSync(manifestFile + ".tmp", text);
      fs.renameSync(manifestFile + ".tmp", manifestFile);
      console.log(`wrote ${path.relative(process.cwd(), manifestFile)}`);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : "missing command");
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof UsageError ? `${e.message}\n${USAGE}` : e.stack ?? String(e));
    process.exit(2);
  },
);
