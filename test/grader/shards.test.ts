/**
 * A class graded in shards as the runners of grader/jobs/ start them: n grade-all processes that
 * learn their shard from environment variables only (a Kubernetes Indexed Job, a Slurm job array,
 * a GitHub Actions matrix), then `merge`. The merged gradebook is byte-identical to a single
 * run's; a missing or a duplicated shard is reported and nothing is written. The job files name
 * the variables the grader reads.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { shardFromEnv } from "../../grader/harness/class/shard";
import { cli, FIXTURES, FIXTURE_SUITES, makeClass, referenceFiles, REPO, tmpDir } from "./helpers";

const SUITE_ARGS = ["--suites", FIXTURE_SUITES, "--manifest", path.join(FIXTURES, "manifest.json"), "--quiet"];

/** Starts `grade-all` as a runner would: same command line for every shard, the shard in `env` only. */
function gradeAllWithEnv(cls: string, out: string, env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(JOB_COMPLETION_INDEX|SLURM_|SHARD_)/.test(k)));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "grader", "cli.ts"), "grade-all", cls, "--out", out, "--jobs", "1", ...SUITE_ARGS], { cwd: REPO, env: { ...base, ...env } });
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += b));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** A class of 7 with different scores: full, starter, partial answers, a zip, a name needing quotes. */
async function sevenStudents(): Promise<string> {
  const ref = referenceFiles();
  const starter = (id: string) => fs.readFileSync(path.join(FIXTURES, "starter", id, "exercise.ts"), "utf8");
  return makeClass({
    alice: ref,
    bob: { "zz-demo/exercise.ts": starter("zz-demo"), "zz-second/exercise.ts": starter("zz-second") },
    carol: { "zz-second/exercise.ts": ref["zz-second/exercise.ts"]! },
    "dave, jr": { "zz-demo/exercise.ts": ref["zz-demo/exercise.ts"]! },
    "erin.zip": { zip: ref },
    "=frank": { "zz-demo/exercise.ts": starter("zz-demo") },
    grace: { "zz-demo/exercise.ts": ref["zz-demo/exercise.ts"]!, "zz-second/exercise.ts": starter("zz-second") },
  });
}

describe("shards started by runners, then merge", () => {
  it("k8s, Slurm and GitHub Actions shards merge into the single run's gradebook; a missing or duplicated shard is reported", async () => {
    const cls = await sevenStudents();
    const root = tmpDir("lrgrader-shards-");
    const single = path.join(root, "single");
    // Kubernetes Indexed Job, completions 3: JOB_COMPLETION_INDEX 0..2, SHARD_COUNT set in the job;
    // Slurm job array --array=1-2; GitHub Actions matrix of 2 (strategy.job-index/job-total).
    // All at once, beside the single run, as the runners would start them.
    const k8s = [0, 1, 2].map((i) => ({ out: path.join(root, `k8s-${i}`), env: { JOB_COMPLETION_INDEX: String(i), SHARD_COUNT: "3" }, says: `grading shard ${i + 1}/3 (Kubernetes Indexed Job` }));
    const slurm = [1, 2].map((id) => ({ out: path.join(root, `slurm-${id}`), env: { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "2", SLURM_ARRAY_TASK_COUNT: "2", SLURM_ARRAY_TASK_STEP: "1" }, says: `grading shard ${id}/2 (Slurm job array` }));
    const gh = [0, 1].map((i) => ({ out: path.join(root, `gh-${i}`), env: { SHARD_INDEX: String(i), SHARD_COUNT: "2" }, says: `grading shard ${i + 1}/2 (SHARD_INDEX=${i}, SHARD_COUNT=2)` }));
    const [one, ...runs] = await Promise.all([cli(["grade-all", cls, "--out", single, "--jobs", "1", ...SUITE_ARGS]), ...[...k8s, ...slurm, ...gh].map((s) => gradeAllWithEnv(cls, s.out, s.env))]);
    expect(one!.status, one!.stderr).toBe(0);
    [...k8s, ...slurm, ...gh].forEach((s, i) => {
      expect(runs[i]!.status, runs[i]!.stderr).toBe(0);
      expect(runs[i]!.stderr).toContain(s.says);
    });
    const gradebook = fs.readFileSync(path.join(single, "gradebook.csv"), "utf8");
    expect(gradebook.split("\n").filter(Boolean)).toHaveLength(8);
    // each shard graded only its own students
    const rows = (d: string) => fs.readFileSync(path.join(d, "gradebook.csv"), "utf8").split("\n").filter(Boolean).length - 1;
    expect(k8s.map((s) => rows(s.out))).toEqual([3, 2, 2]);

    const merged = path.join(root, "merged");
    const m = await cli(["merge", ...k8s.map((s) => s.out), "--class", cls, "--out", merged]);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toContain("merged 7 students from 3 outputs: graded 7 (7 new); kept 0");
    expect(fs.readFileSync(path.join(merged, "gradebook.csv"), "utf8")).toBe(gradebook);
    for (const f of ["histogram.svg", "tasks.csv", "points.csv"]) expect(fs.readFileSync(path.join(merged, f), "utf8"), f).toBe(fs.readFileSync(path.join(single, f), "utf8"));
    expect(fs.readdirSync(path.join(merged, "students")).sort()).toEqual(fs.readdirSync(path.join(single, "students")).sort());
    // Slurm's shards merged into one of their own outputs; GitHub's into a new folder.
    const ms = await cli(["merge", ...slurm.map((s) => s.out), "--class", cls, "--out", slurm[0]!.out]);
    expect(ms.status, ms.stderr).toBe(0);
    expect(fs.readFileSync(path.join(slurm[0]!.out, "gradebook.csv"), "utf8")).toBe(gradebook);
    const mg = await cli(["merge", ...gh.map((s) => s.out), "--class", cls, "--out", path.join(root, "gh-merged")]);
    expect(mg.status, mg.stderr).toBe(0);
    expect(fs.readFileSync(path.join(root, "gh-merged", "gradebook.csv"), "utf8")).toBe(gradebook);

    // A missing shard: reported as the shard and its students; nothing written.
    const lost = path.join(root, "lost");
    const missing = await cli(["merge", k8s[0]!.out, k8s[2]!.out, "--class", cls, "--out", lost]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("not merged: shard 2/3 is missing; 2 students are in no output:");
    expect(fs.existsSync(lost)).toBe(false);

    // A duplicated shard (shard 2's output twice, as a retried pod leaves it): reported, not absorbed.
    const again = path.join(root, "k8s-1-again");
    fs.cpSync(k8s[1]!.out, again, { recursive: true });
    const twice = await cli(["merge", ...k8s.map((s) => s.out), again, "--class", cls, "--out", lost]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain(`not merged: shard 2/3 appears 2 times (${k8s[1]!.out}, ${again}); 2 students are in more than one output:`);
    expect(fs.existsSync(lost)).toBe(false);

    // A shard from another split (2/2 beside 1/3, 3/3): both shard counts named.
    const mixed = await cli(["merge", k8s[0]!.out, gh[1]!.out, k8s[2]!.out, "--class", cls, "--out", lost]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain("the outputs split the class differently");
  }, 300_000);

  it("reads the shard from each runner's variables, and names a bad or incomplete setting", () => {
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "0", SHARD_COUNT: "4" })).toMatchObject({ index: 1, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "9", SLURM_ARRAY_TASK_COUNT: "5", SLURM_ARRAY_TASK_STEP: "2" })).toMatchObject({ index: 4, count: 5 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "3" })).toMatchObject({ index: 1, count: 3 });
    expect(shardFromEnv({ SHARD_INDEX: "2", SHARD_COUNT: "3" })).toMatchObject({ index: 3, count: 3 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "2" })).toThrow("JOB_COMPLETION_INDEX is set (Kubernetes Indexed Job), but SHARD_COUNT is not set");
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "4", SHARD_COUNT: "4" })).toThrow("shard index 4 is not below the shard count 4");
    expect(() => shardFromEnv({ SHARD_COUNT: "x", SHARD_INDEX: "1" })).toThrow('SHARD_COUNT must be a whole number, got "x"');
    // --array=1,3,8: three tasks that are not an evenly spaced range
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "8", SLURM_ARRAY_TASK_COUNT: "3" })).toThrow("the Slurm array is not an evenly spaced range");
  });

  it("the job definitions set the variables the grader reads and end with the merge", () => {
    const jobs = path.join(REPO, "grader", "jobs");
    const k8s = fs.readFileSync(path.join(jobs, "kubernetes", "grade-class.yaml"), "utf8");
    expect(k8s).toContain("completionMode: Indexed");
    const completions = /completions: (\d+)/.exec(k8s)?.[1];
    expect(k8s).toMatch(new RegExp(`name: SHARD_COUNT\\s+value: "${completions}"`));
    expect(k8s).toContain("npm run grade:merge");
    const slurm = fs.readFileSync(path.join(jobs, "slurm", "grade-class.sbatch"), "utf8");
    expect(slurm).toMatch(/^#SBATCH --array=0-\d+/m);
    expect(slurm).toMatch(/^npm run grade-all -- "\$CLASS" --out "\$OUT\/shard-\$SLURM_ARRAY_TASK_ID"/m);
    expect(fs.readFileSync(path.join(jobs, "slurm", "merge.sbatch"), "utf8")).toContain("npm run grade:merge");
    const gh = fs.readFileSync(path.join(jobs, "github", "grade-class.yml"), "utf8");
    expect(gh).toContain("SHARD_INDEX: ${{ strategy.job-index }}");
    expect(gh).toContain("SHARD_COUNT: ${{ strategy.job-total }}");
    expect(gh).toContain("npm run grade:merge");
  });
});
