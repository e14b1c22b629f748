/**
 * The Gradescope autograder run as Gradescope runs it, on this machine. The zip from
 * `exportGradescope` is unpacked into a fresh root laid out like Gradescope's image
 * (/autograder/source, /autograder/submission, /autograder/results) inside bubblewrap: the host's
 * /usr and /etc read-only (its Node ≥ 20.19 and system libraries), no network, root with Docker's
 * default capabilities. setup.sh runs once, then /autograder/run_autograder for each upload.
 *
 * node_modules: setup.sh keeps `npm ci` from the zip's lockfile, but this test has no network, so
 * it binds the project's installed node_modules (read-only) into /autograder/source; setup.sh
 * checks it against the lockfile and skips `npm ci` then.
 *
 * Two kinds of container. Docker's (Gradescope's): a fresh /proc with parts masked, and Docker's
 * seccomp rule against namespaces (unshare/setns and clone with namespace flags refused, as its
 * default profile does for a container without CAP_SYS_ADMIN); bubblewrap cannot start there, so
 * the grader falls back and says so to instructors only. A permissive one (user namespaces
 * allowed, /proc unmasked, as Docker's `--security-opt seccomp=unconfined,systempaths=unconfined`
 * gives): bubblewrap works and the reference is graded inside it.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import yauzl from "yauzl";
import { beforeAll, describe, expect, it } from "vitest";
import { PROTECTIONS_TEST, exportGradescope } from "../../grader/harness/publish/gradescope";
import { listFiles } from "../../grader/harness/publish/release";
import { readManifest } from "../../grader/harness/score/manifest";
import { writeSubmission } from "../../scripts/submit";
import { inGroup, limitedGroup, type LimitedGroup } from "./cgroup";
import { REPO, tmpDir } from "./helpers";

/** Docker's default capability set (what root has in a Gradescope container). */
const DOCKER_CAPS = ["CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE"];

/**
 * A seccomp BPF program (x86-64) with the effect of Docker's default profile on namespaces:
 * unshare and setns fail with EPERM, clone with any CLONE_NEW* flag fails with EPERM, clone3
 * fails with ENOSYS (so that libc falls back to clone); everything else is allowed.
 */
function noNamespacesFilter(): Buffer {
  if (process.arch !== "x64") throw new Error("the no-namespaces seccomp filter is written for x86-64 syscall numbers");
  const LD_ABS = 0x20, JEQ = 0x15, JSET = 0x45, RET = 0x06;
  const ALLOW = 0x7fff0000, EPERM = 0x00050000 | 1, ENOSYS = 0x00050000 | 38;
  const insns: Array<[number, number, number, number]> = [
    [LD_ABS, 0, 0, 4], // arch
    [JEQ, 0, 7, 0xc000003e], // not x86-64: allow
    [LD_ABS, 0, 0, 0], // syscall number
    [JEQ, 6, 0, 272], // unshare → EPERM
    [JEQ, 5, 0, 308], // setns → EPERM
    [JEQ, 5, 0, 435], // clone3 → ENOSYS
    [JEQ, 0, 2, 56], // clone? else allow
    [LD_ABS, 0, 0, 16], // clone flags (low 32 bits of args[0])
    [JSET, 1, 0, 0x7e020000], // CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET → EPERM
    [RET, 0, 0, ALLOW],
    [RET, 0, 0, EPERM],
    [RET, 0, 0, ENOSYS],
  ];
  const b = Buffer.alloc(insns.length * 8);
  insns.forEach(([code, jt, jf, k], i) => {
    b.writeUInt16LE(code, i * 8);
    b.writeUInt8(jt, i * 8 + 2);
    b.writeUInt8(jf, i * 8 + 3);
    b.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return b;
}

/** Unpacks a zip as Gradescope does, keeping the executable bits. */
function unzip(zipFile: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      z.on("entry", (e: yauzl.Entry) => {
        const file = path.join(dest, e.fileName);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        z.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const out = fs.createWriteStream(file, { mode: (e.externalFileAttributes >>> 16) & 0o777 || 0o644 });
          out.on("close", () => z.readEntry());
          stream.pipe(out);
        });
      });
      z.on("end", () => resolve());
      z.readEntry();
    });
  });
}

/** What a run in the container printed and exited with. */
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `command` as root in a fresh container whose /autograder is `autograder`: the host's /usr
 * and /etc read-only, a private /tmp and /dev, no network, Docker's capabilities. By default
 * Docker's: a new /proc with parts masked and the seccomp rule against namespaces; `permissive`:
 * the host's whole /proc and no seccomp rule, so that bubblewrap can nest. With `group`, the
 * container runs inside that control group (its memory limit and CPU quota).
 */
function inContainer(autograder: string, command: string[], opts: { path?: string; permissive?: boolean; extraBinds?: string[]; group?: LimitedGroup } = {}): Promise<Run> {
  const args = [
    "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
    "--ro-bind", "/etc", "/etc",
    "--bind", autograder, "/autograder",
    ...(opts.extraBinds ?? []),
    "--ro-bind", path.join(REPO, "node_modules"), "/autograder/source/node_modules",
    ...(opts.permissive ? ["--bind", "/proc", "/proc"] : ["--proc", "/proc"]), "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/root",
    "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--unshare-cgroup-try", "--die-with-parent",
    "--cap-drop", "ALL", ...DOCKER_CAPS.flatMap((c) => ["--cap-add", `CAP_${c}`]),
    ...(opts.permissive ? [] : ["--seccomp", "3"]),
    "--clearenv", "--setenv", "PATH", opts.path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "--setenv", "HOME", "/root", "--setenv", "LANG", "C.UTF-8",
    "--chdir", "/autograder",
    ...command,
  ];
  const t0 = Date.now();
  return new Promise((resolve) => {
    let fd: number | undefined;
    if (!opts.permissive) {
      const file = path.join(tmpDir("lrgrader-seccomp-"), "filter.bpf");
      fs.writeFileSync(file, noNamespacesFilter());
      fd = fs.openSync(file, "r");
    }
    const [file, ...rest] = opts.group ? inGroup(opts.group, ["bwrap", ...args]) : ["bwrap", ...args];
    const child = spawn(file!, rest, { stdio: ["ignore", "pipe", "pipe", ...(fd === undefined ? [] : [fd])] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (b) => (stdout += b));
    child.stderr!.on("data", (b) => (stderr += b));
    child.on("close", (status) => {
      if (fd !== undefined) fs.closeSync(fd);
      resolve({ status, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** A Gradescope results.json, as its published specification defines it. */
type Results = {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  tests: Array<{ name: string; score: number; max_score: number; status: string; output: string; visibility: string }>;
  [key: string]: unknown;
};

const TOP_KEYS = ["score", "max_score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"];
const TEST_KEYS = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"];
const VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"];

/** Checks `r` against Gradescope's results.json specification; returns it typed. */
function checkSpec(r: Record<string, unknown>): Results {
  expect(Object.keys(r).filter((k) => !TOP_KEYS.includes(k))).toEqual([]);
  expect(typeof r.score === "number" && Number.isFinite(r.score)).toBe(true);
  expect(typeof r.max_score).toBe("number");
  expect(typeof r.execution_time).toBe("number");
  expect(typeof r.output).toBe("string");
  if ("visibility" in r) expect(VISIBILITY).toContain(r.visibility);
  if ("stdout_visibility" in r) expect(VISIBILITY).toContain(r.stdout_visibility);
  if ("extra_data" in r) expect(typeof r.extra_data).toBe("object");
  expect(Array.isArray(r.tests)).toBe(true);
  let sum = 0;
  for (const t of r.tests as Array<Record<string, unknown>>) {
    expect(Object.keys(t).filter((k) => !TEST_KEYS.includes(k))).toEqual([]);
    expect(typeof t.name === "string" && t.name.length > 0).toBe(true);
    expect(typeof t.score === "number" && typeof t.max_score === "number" && t.score >= 0 && t.score <= t.max_score).toBe(true);
    expect(["passed", "failed"]).toContain(t.status);
    expect(typeof t.output).toBe("string");
    expect(VISIBILITY).toContain(t.visibility);
    sum += t.score as number;
  }
  expect(Math.abs(sum - (r.score as number))).toBeLessThan(1e-6);
  return r as Results;
}

/** Everything a student can see in a results.json: the top-level output and non-hidden tests. */
function studentVisible(r: Results): string {
  return [r.output, ...r.tests.filter((t) => t.visibility !== "hidden").flatMap((t) => [t.name, t.output])].join("\n");
}

/**
 * Lines of the hidden suites (≥ 30 characters, trimmed) that no student-visible file has: the
 * starters, public tests and shared code under exercises/ and the course sources under src/.
 */
function hiddenLines(): string[] {
  const visible = ["exercises", "src"].flatMap((d) => listFiles(path.join(REPO, d)).map((f) => fs.readFileSync(path.join(REPO, d, f), "utf8"))).join("\n");
  const suites = path.join(REPO, "grader", "suites");
  const lines = fs.readdirSync(suites).flatMap((f) => fs.readFileSync(path.join(suites, f), "utf8").split("\n").map((l) => l.trim()));
  return [...new Set(lines.filter((l) => l.length >= 30 && !visible.includes(l)))];
}

describe("the Gradescope autograder in Gradescope's layout", () => {
  const root = tmpDir("lrgrader-gradescope-");
  const source = path.join(root, "image", "source");
  const manifest = readManifest(path.join(REPO, "grader", "manifest.json"));
  const taskCount = Object.values(manifest.exercises).reduce((a, e) => a + e.tasks.length, 0);
  const maxScore = Object.values(manifest.exercises).reduce((a, e) => a + e.max, 0);
  let setup: Run;

  /** A fresh /autograder for one upload: the image's source, an empty results folder, `upload` as the submission. */
  function container(name: string, upload: (dir: string) => Promise<void> | void): Promise<string> {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, "submission"), { recursive: true });
    fs.mkdirSync(path.join(dir, "results"));
    fs.mkdirSync(path.join(dir, "source"));
    fs.copyFileSync(path.join(source, "run_autograder"), path.join(dir, "run_autograder"));
    return Promise.resolve(upload(path.join(dir, "submission"))).then(() => dir);
  }
  /** Runs run_autograder for one upload and returns its results.json, checked against the spec. */
  async function grade(dir: string, opts: { permissive?: boolean; group?: LimitedGroup } = {}): Promise<{ run: Run; results: Results }> {
    const run = await inContainer(dir, ["/autograder/run_autograder"], { ...opts, extraBinds: ["--ro-bind", source, "/autograder/source"] });
    const results = checkSpec(JSON.parse(fs.readFileSync(path.join(dir, "results", "results.json"), "utf8")));
    return { run, results };
  }

  beforeAll(async () => {
    const zip = path.join(root, "autograder.zip");
    await exportGradescope(zip);
    await unzip(zip, source);
    // setup.sh runs once, when Gradescope builds the image: here with /autograder/source writable.
    const image = path.join(root, "image");
    setup = await inContainer(image, ["bash", "/autograder/source/setup.sh"]);
  }, 120_000);

  it("setup.sh uses the Node it finds (≥ 20.19) and downloads nothing: the container has no network", () => {
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(/setup: using Node v\d+\.\d+\.\d+ at \/usr\/bin\/node; no toolchain download/);
    expect(setup.stdout).toContain("node_modules already matches package-lock.json; npm ci skipped");
    expect(setup.stdout + setup.stderr).not.toMatch(/nodesource|apt-get|curl/i);
  });

  it("setup.sh without Node on PATH says what it needs, tries NodeSource, and fails with the fix", async () => {
    const bin = path.join(root, "no-node-bin");
    fs.mkdirSync(bin);
    for (const tool of ["bash", "env", "apt-get", "curl", "prlimit", "bwrap"]) fs.symlinkSync(`/usr/bin/${tool}`, path.join(bin, tool));
    const r = await inContainer(path.join(root, "image"), ["/usr/bin/bash", "/autograder/source/setup.sh"], { path: "/opt/bin", extraBinds: ["--ro-bind", bin, "/opt/bin"] });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("setup: this autograder needs Node.js >= 20.19 with npm on PATH; found: no node.");
    expect(r.stderr).toContain("setup: installing Node.js 22 from NodeSource (needs network access to deb.nodesource.com");
    expect(r.stderr).toContain("setup: FAILED: no Node.js >= 20.19. Install it in the image");
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it("grades the reference solutions: full marks, bubblewrap active, protections hidden from the student", async () => {
    const dir = await container("reference", (sub) => {
      fs.cpSync(path.join(REPO, "grader", "solutions"), sub, { recursive: true });
      // A helper file using APIs of the course's tsconfig (DOM library, Node's types): the type check there reads it too.
      fs.writeFileSync(path.join(sub, "a01-step-decay", "debug.ts"), "export const copy = structuredClone({ at: process.cwd() });\nconsole.log(copy);\n");
    });
    const { run, results } = await grade(dir, { permissive: true });
    expect(run.status, run.stderr).toBe(0);
    expect(results.output).not.toMatch(/type error/);
    expect(results.tests).toHaveLength(taskCount + 1);
    expect(results.max_score).toBe(maxScore);
    expect(results.score).toBe(maxScore);
    const protections = results.tests.find((t) => t.name === PROTECTIONS_TEST)!;
    expect(protections).toMatchObject({ visibility: "hidden", score: 0, max_score: 0 });
    expect(protections.output, run.stdout + run.stderr).toContain("bubblewrap sandbox");
    expect(run.stdout).toContain("protections (instructors only):");
    expect(studentVisible(results)).not.toMatch(/bubblewrap|sandbox|protections/i);
  }, 240_000);

  it("in Docker's container it falls back, tells instructors only, and grades a starter, broken uploads (empty; wrong layout) and a hostile one", async () => {
    // The starter as students upload it: the submission.zip `npm run submit` writes, unextracted.
    const starter = await container("starter", (sub) => writeSubmission(fs.readdirSync(path.join(REPO, "grader", "solutions")), path.join(sub, "submission.zip")));
    const empty = await container("empty", () => {});
    const layout = await container("layout", (sub) => {
      fs.copyFileSync(path.join(REPO, "grader", "solutions", "a01-step-decay", "exercise.ts"), path.join(sub, "exercise.ts"));
      fs.mkdirSync(path.join(sub, "a02-polynomial_decay"));
      fs.copyFileSync(path.join(REPO, "grader", "solutions", "a02-polynomial-decay", "exercise.ts"), path.join(sub, "a02-polynomial_decay", "exercise.ts"));
    });
    // fake-results writes /autograder/results/results.json and prints forged answers;
    // read-hidden-direct reads the hidden suite by its path in the image.
    const hostile = await container("hostile", (sub) => {
      const cases = path.join(REPO, "grader", "security", "cases");
      const adapt = (slug: string) => fs.readFileSync(path.join(cases, slug, "zz-demo", "exercise.ts.txt"), "utf8")
        .replaceAll("test/grader/fixtures/suites/zz-demo", "grader/suites/a02-polynomial-decay").replaceAll("test/grader/fixtures/solutions/zz-demo", "grader/solutions/a02-polynomial-decay")
        .replaceAll("__REPO__", "/autograder/source");
      for (const [id, slug] of [["a01-step-decay", "fake-results"], ["a02-polynomial-decay", "read-hidden-direct"]]) {
        fs.mkdirSync(path.join(sub, id!));
        fs.writeFileSync(path.join(sub, id!, "exercise.ts"), adapt(slug!));
      }
    });
    const [s, e, l, h] = await Promise.all([grade(starter), grade(empty), grade(layout), grade(hostile)]);

    // Every one graded with the fallback: the hidden entry and stdout say so; the student sees nothing of it.
    for (const r of [s, e, l, h]) {
      expect(r.run.status, r.run.stderr).toBe(0);
      expect(r.results.tests).toHaveLength(taskCount + 1);
      const fallback = r.results.tests.find((t) => t.name === PROTECTIONS_TEST)!;
      expect(fallback).toMatchObject({ visibility: "hidden", score: 0, max_score: 0 });
      expect(fallback.output).toContain("NOT sandboxed: bubblewrap unavailable");
      expect(r.run.stdout).toContain("NOT sandboxed: bubblewrap unavailable");
      expect(studentVisible(r.results)).not.toMatch(/bubblewrap|sandbox|protections/i);
    }
    expect(s.run.stdout).toContain("graded the uploaded submission.zip");
    expect(s.results.score).toBe(0);

    // Broken uploads: graded 0 with the packaging mistake named, not a crash.
    for (const b of [e, l]) expect(b.results.score).toBe(0);
    expect(e.results.output).toContain("a01-step-decay: missing: the submission has no a01-step-decay/exercise.ts");
    expect(l.results.output).toContain("found a folder a02-polynomial_decay/: did you mean a02-polynomial-decay?");

    // The hostile upload: the grader's own results (not the forged 1000 points), scored honestly.
    expect(h.results.score).toBeLessThanOrEqual(2);
    expect(fs.readdirSync(path.join(hostile, "results"))).toEqual(["results.json"]);

    // No student-visible text anywhere holds a line of the hidden suites.
    const lines = hiddenLines();
    expect(lines.length).toBeGreaterThan(500);
    for (const r of [s, e, l, h]) {
      const text = studentVisible(r.results);
      expect(lines.filter((line) => text.includes(line))).toEqual([]);
    }
  }, 300_000);

  // Gradescope's default container as the README's step 4 keeps it: 768 MB of memory (Docker's
  // 768m, MiB), no swap, half a CPU (a CFS quota of 50 ms per 100 ms), set with Linux cgroups.
  it("grades the full reference in Gradescope's default container (768 MB, half a CPU, by cgroups): full marks, peak memory under 600 MB", async (ctx) => {
    const group = limitedGroup({ memoryBytes: 768 * 2 ** 20, cpus: 0.5 });
    if (typeof group === "string") ctx.skip(`no cgroup with a memory limit and a CPU quota can be made on this machine: ${group}`);
    const g = group as LimitedGroup;
    try {
      const dir = await container("default-container", (sub) => fs.cpSync(path.join(REPO, "grader", "solutions"), sub, { recursive: true }));
      const { run, results } = await grade(dir, { group: g });
      const peak = g.peakBytes();
      const cpu = g.cpuPeriods();
      console.log(`run_autograder in Gradescope's default container (cgroup v${g.version}): ${(run.ms / 1000).toFixed(1)} s, ${results.score}/${results.max_score}, peak memory ${(peak / 1e6).toFixed(0)} MB, OOM kills ${g.oomKills()}, the CPU quota stopped it in ${cpu.throttled} of ${cpu.periods} periods of 100 ms`);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(g.oomKills()).toBe(0);
      expect(results.max_score).toBe(maxScore);
      expect(results.score).toBe(maxScore);
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThan(600e6);
      expect(cpu.throttled).toBeGreaterThan(0); // the quota was in force
    } finally {
      g.remove();
    }
  }, 600_000);
});
