/**
 * The security suite: every hostile submission in grader/security is graded in one batch, with
 * the bubblewrap sandbox, next to an honest reference. Each must get exactly its honest score,
 * no hidden file content (canaries planted in the fixture suites, solutions and the grader's
 * environment) may reach any student process, and the batch must go on.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES } from "../../grader/security/cases";
import { gradeAll } from "../../grader/harness/class/batch";
import { studentFolder } from "../../grader/harness/intake/roster";
import { Grader } from "../../grader/harness/run/runner";
import { readManifest } from "../../grader/harness/score/manifest";
import { score, type GradeResult } from "../../grader/harness/score/score";
import { feedbackHtml } from "../../grader/harness/report/report";
import { stopTypeCheck } from "../../grader/harness/run/typecheck";
import { rng } from "../../src/random";
import { CANARIES, FIXTURES, FIXTURE_SUITES, referenceFiles, tmpDir } from "./helpers";

const REPO = path.resolve(__dirname, "..", "..");
const CASES_DIR = path.join(REPO, "grader", "security", "cases");
const ENV_CANARY = "CANARY-ENV-93ac1f";
const ALL_CANARIES = [...CANARIES, ENV_CANARY];

let classDir: string;
let server: http.Server;
let grader: Grader;
/** Per submission: bytes seen, the tail of the last chunk, and any canary found in its output. */
const transcripts = new Map<string, { bytes: number; tail: string; leaks: string[] }>();
const runs: Array<Map<string, GradeResult>> = [];

/**
 * Writes a zip. yazl refuses unsafe names, so an entry may give `rawName`: it is written under a
 * placeholder of the same length and patched into the archive bytes (names are not checksummed).
 */
async function writeZip(file: string, entries: Array<{ name: string; data: Buffer; mode?: number; rawName?: string }>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mode: e.mode ?? 0o100644, compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  await new Promise<void>((res, rej) => zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", res).on("error", rej));
  const bytes = Buffer.concat(chunks);
  for (const e of entries) {
    if (!e.rawName) continue;
    const from = Buffer.from(e.name);
    const to = Buffer.from(e.rawName);
    if (from.length !== to.length) throw new Error("rawName must have the placeholder's length");
    for (let i = bytes.indexOf(from); i >= 0; i = bytes.indexOf(from, i + 1)) to.copy(bytes, i);
  }
  fs.writeFileSync(file, bytes);
}

/** Materialises every case into the class folder (directories, or .zip files). */
async function buildClass(port: number): Promise<void> {
  const ref = referenceFiles();
  const second = { "zz-second/exercise.ts": ref["zz-second/exercise.ts"]! };
  const writeDir = (slug: string, files: Record<string, string | Buffer>) => {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(classDir, slug, rel)), { recursive: true });
      fs.writeFileSync(path.join(classDir, slug, rel), text);
    }
  };
  for (const c of CASES) {
    const src = path.join(CASES_DIR, c.slug);
    if (fs.existsSync(src)) {
      for (const id of fs.readdirSync(src)) {
        for (const name of fs.readdirSync(path.join(src, id))) {
          const text = fs.readFileSync(path.join(src, id, name), "utf8").replaceAll("__REPO__", REPO).replaceAll("__PORT__", String(port));
          writeDir(c.slug, { [`${id}/${name.replace(/\.txt$/, "")}`]: text });
        }
      }
    }
    const refDemo = ref["zz-demo/exercise.ts"]!;
    switch (c.build) {
      case "symlink":
        fs.symlinkSync(path.join(FIXTURES, "solutions", "zz-demo", "exercise.ts"), path.join(classDir, c.slug, "zz-demo", "sol.ts"));
        break;
      case "huge":
        writeDir(c.slug, { ...second, "zz-demo/exercise.ts": refDemo + "\n// " + "x".repeat(300 * 1024) + "\n", "zz-demo/helpers.ts": ref["zz-demo/helpers.ts"]! });
        break;
      case "non-utf8":
        writeDir(c.slug, { ...second, "zz-demo/exercise.ts": Buffer.concat([Buffer.from(refDemo + "\n// "), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("\n")]), "zz-demo/helpers.ts": ref["zz-demo/helpers.ts"]! });
        break;
      case "zip-bomb":
        await writeZip(path.join(classDir, `${c.slug}.zip`), [
          { name: "zz-second/exercise.ts", data: Buffer.from(second["zz-second/exercise.ts"]) },
          { name: "zz-demo/exercise.ts", data: Buffer.concat([Buffer.from(refDemo), Buffer.alloc(100 << 20, 0x20)]) },
          { name: "padding/zeros.bin", data: Buffer.alloc(200 << 20) },
        ]);
        break;
      case "zip-traversal":
        await writeZip(path.join(classDir, `${c.slug}.zip`), [
          { name: "zz-second/exercise.ts", data: Buffer.from(second["zz-second/exercise.ts"]) },
          { name: "up/up/zz-demo/exercise.ts", rawName: "../../zz-demo/exercise.ts", data: Buffer.from(refDemo) },
          { name: "xabs/zz-demo/exercise.ts", rawName: "/abs/zz-demo/exercise.ts", data: Buffer.from(refDemo) },
          { name: "zz-demo/exercise.ts", data: Buffer.from(path.join(FIXTURES, "solutions", "zz-demo", "exercise.ts")), mode: 0o120777 },
        ]);
        break;
      case "zip-entries":
        await writeZip(path.join(classDir, `${c.slug}.zip`), [
          ...Array.from({ length: 6000 }, (_, i) => ({ name: `filler/${i}.txt`, data: Buffer.from("x") })),
          { name: "zz-second/exercise.ts", data: Buffer.from(second["zz-second/exercise.ts"]) },
          { name: "zz-demo/exercise.ts", data: Buffer.from(refDemo) },
        ]);
        break;
    }
  }
  writeDir("zzz-honest-reference", ref);
}

const keyOf = (slug: string) => slug;
const pathOf = (slug: string) => {
  const zip = path.join(classDir, `${slug}.zip`);
  return fs.existsSync(zip) ? zip : path.join(classDir, slug);
};
const subs = () => [...CASES.map((c) => c.slug), "zzz-honest-reference"].map((slug) => ({ key: keyOf(slug), path: pathOf(slug) }));

async function gradeAllCases(): Promise<Map<string, GradeResult>> {
  const manifest = readManifest(path.join(FIXTURES, "manifest.json"));
  const raw = await grader.gradeBatch(subs());
  const out = new Map<string, GradeResult>();
  for (const [k, r] of raw) out.set(k, score(r, manifest, grader.isolation.protections));
  return out;
}

beforeAll(async () => {
  classDir = tmpDir("lrgrader-security-");
  server = http.createServer((_req, res) => res.end("answer"));
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  await buildClass((server.address() as { port: number }).port);
  process.env.LRGRADER_TEST_SECRET = ENV_CANARY;
  grader = await Grader.create({
    suitesDir: FIXTURE_SUITES,
    // Every byte a student process writes is scanned (with the previous chunk's tail, so a canary
    // split across chunks is still found).
    tap: (key, text) => {
      const t = transcripts.get(key) ?? { bytes: 0, tail: "", leaks: [] };
      const window = t.tail + text;
      for (const c of ALL_CANARIES) if (window.includes(c)) t.leaks.push(c);
      t.bytes += text.length;
      t.tail = window.slice(-64);
      transcripts.set(key, t);
    },
  });
  runs.push(await gradeAllCases());
  runs.push(await gradeAllCases());
}, 300_000);

afterAll(async () => {
  await grader?.close();
  await stopTypeCheck();
  server?.close();
  delete process.env.LRGRADER_TEST_SECRET;
});

/** FNV-1a, as the grader documents for the per-request seed of Math.random. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

describe("security suite", () => {
  it("has at least 20 hostile submissions covering every attack family of the threats note", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    const families = new Set(CASES.map((c) => c.family));
    for (const f of ["reading hidden files", "reading hidden files via the runner", "symlinks", "tampering with globals and prototypes", "forged equality", "early exit", "killing the parent", "infinite loops", "memory floods", "output floods and fake reporter lines", "fork/exec", "network", "writing result files and fake reporter lines", "huge files", "non-UTF-8 files", "zip bombs", "path traversal and symlinks in archives", "environment snooping", "non-determinism", "disk floods", "oversized values", "resource floods", "feedback as an output channel", "CPU floods"]) {
      expect(families.has(f), f).toBe(true);
    }
  });

  it("is the suite the grader's README describes: as many cases, every cap's case among them", () => {
    const readme = fs.readFileSync(path.join(REPO, "grader", "README.md"), "utf8");
    expect(readme).toContain(`lists ${CASES.length} hostile submissions`);
    const caps = readme.slice(readme.indexOf("## Caps and clocks"), readme.indexOf("## Security suite"));
    const named = [...caps.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!).filter((w) => /-/.test(w) || CASES.some((c) => c.slug === w));
    expect(named.length).toBeGreaterThan(10);
    for (const slug of named) expect(CASES.map((c) => c.slug), slug).toContain(slug);
  });

  it("runs the student processes in the bubblewrap sandbox", () => {
    expect(grader.isolation.kind).toBe("bwrap");
  });

  for (const c of CASES) {
    it(`${c.slug}: gets exactly its honest score (${c.family})`, () => {
      const r = runs[0]!.get(c.slug)!;
      let expected = c.expected;
      if (c.seeded) {
        // range() is right iff the first Math.random() of that request is < 0.5; the request's
        // seed is FNV-1a of file, export and JSON args, fed to a mulberry32 stream (src/random).
        const seed = fnv1a(`zz-demo/exercise.js\0range\0${JSON.stringify([4])}`) || 1;
        if (rng(0, seed).uniform() < 0.5) expected += 1;
      }
      expect(r.score, JSON.stringify(r.tests.map((t) => [t.name, t.status, t.output]), null, 1)).toBe(expected);
      expect(r.tests.length).toBe(6);
    });
  }

  it("grades the honest reference in the same batch with full marks (the batch went on)", () => {
    expect(runs[0]!.get("zzz-honest-reference")!.score).toBe(8);
    expect(runs[1]!.get("zzz-honest-reference")!.score).toBe(8);
  });

  it("lets no canary from hidden suites, solutions or the grader's environment reach a student process", () => {
    expect(transcripts.size).toBeGreaterThan(10);
    for (const [key, t] of transcripts) expect(t.leaks, key).toEqual([]);
    // the snooping submissions did run and print what they found
    expect(transcripts.get("env-snoop")!.bytes).toBeGreaterThan(0);
    expect(transcripts.get("read-hidden-direct")!.bytes).toBeGreaterThan(0);
    for (const run of runs) for (const [key, r] of run) for (const canary of ALL_CANARIES) expect(JSON.stringify(r).includes(canary), `${key} results contain ${canary}`).toBe(false);
  });

  it("gives byte-identical results when the batch is graded again (the timing field aside)", () => {
    const text = (m: Map<string, GradeResult>) => [...m].map(([k, r]) => `${k} ${JSON.stringify({ ...r, execution_time: 0 })}`);
    expect(text(runs[1]!)).toEqual(text(runs[0]!));
  });

  it("reports bad submissions with clear messages on the affected exercise", () => {
    const msgs = (slug: string) => runs[0]!.get(slug)!.exercises["zz-demo"]!.messages.join("\n");
    const out = (slug: string, part: string) => runs[0]!.get(slug)!.tests.find((t) => t.name.startsWith(`zz-demo ${part}:`))!.output;
    expect(msgs("syntax-error")).toBe("file did not compile: exercise.ts(6,14): Expression expected.");
    expect(msgs("bad-types-exports")).toMatch(/type error: exercise\.ts\(1,14\): Type 'string' is not assignable to type 'number'/);
    expect(out("bad-types-exports", "c")).toBe("no export named scale");
    expect(out("throw-at-import", "a")).toBe("threw while loading the file (what it threw is not shown here: run the public tests to see it)");
    expect(out("loop-sync", "c")).toBe("the student process timed out after 2000 ms of CPU time");
    expect(out("loop-at-import", "a")).toBe("the student process timed out after 2000 ms of CPU time while loading the file");
    expect(out("loop-async", "d")).toBe("the student process gave no answer within 10 s");
    expect(out("loop-at-import", "b")).toBe("skipped: the file timed out while loading");
    expect(out("output-flood", "e")).toBe("the student process printed more than 4194304 bytes");
    expect(out("forged-proxy", "a")).toMatch(/^returned a value that is not plain data \(a Proxy/);
    expect(msgs("huge-file")).toMatch(/larger than 256 KB/);
    expect(msgs("non-utf8")).toMatch(/not valid UTF-8/);
    expect(msgs("symlink-import")).toMatch(/sol\.ts: is a symbolic link: ignored/);
    const traversal = runs[0]!.get("zip-traversal")!.output;
    expect(traversal).toMatch(/unsafe path in the archive ignored: "\.\.\/\.\.\/zz-demo\/exercise\.ts"/);
    expect(traversal).toMatch(/unsafe path in the archive ignored: "\/abs\/zz-demo\/exercise\.ts"/);
    expect(msgs("zip-traversal")).toMatch(/is a symbolic link: ignored/);
    expect(runs[0]!.get("zip-entries")!.output).toMatch(/more than 5000 entries/);
    expect(out("disk-fill", "e")).toBe("threw (what it threw is not shown here: run the public tests to see it)");
  });

  it("never shows an input of a task in a student's own words: thrown messages, error names, returned keys", () => {
    const outputs = runs[0]!.get("harvest-inputs")!.tests.filter((t) => t.name.startsWith("zz-demo") && t.status === "failed").map((t) => t.output);
    expect(outputs).toHaveLength(3);
    // the fixture's inputs are 1, 2, 3, −1.5, 0.25, 8 (scale), 0.8, 4, 0…4 (warmup), 4 (range): no digit is left
    for (const o of outputs) expect(o, o).not.toMatch(/\d/);
    // what the code threw (message, name, in any alphabet) is not shown at all
    expect(outputs.slice(0, 2)).toEqual(["threw (what it threw is not shown here: run the public tests to see it)", "threw (what it threw is not shown here: run the public tests to see it)"]);
    expect(feedbackHtml(runs[0]!.get("harvest-inputs")!)).not.toMatch(/Input0|n=4|x 1 /);
  });

  it("grade-all over a class with the oversized-values submission grades everyone and writes the gradebook", async () => {
    const cls = tmpDir("lrgrader-deep-class-");
    fs.cpSync(path.join(classDir, "deep-answer"), path.join(cls, "deep-answer"), { recursive: true });
    fs.cpSync(path.join(classDir, "zzz-honest-reference"), path.join(cls, "honest"), { recursive: true });
    const out = tmpDir("lrgrader-deep-out-");
    const run = await gradeAll(cls, out, { suitesDir: FIXTURE_SUITES, manifest: path.join(FIXTURES, "manifest.json"), quiet: true });
    expect(run).toEqual({ graded: { new: 2 }, kept: 0, clashes: 0, failed: 0 });
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(csv.slice(1)).toEqual([`deep-answer,2,0,2,8,${studentFolder("deep-answer")},graded: new`, `honest,7,1,8,8,${studentFolder("honest")},graded: new`]);
    const deep = JSON.parse(fs.readFileSync(path.join(out, "students", studentFolder("deep-answer"), "results.json"), "utf8")) as GradeResult;
    expect(deep.tests.find((t) => t.name.startsWith("zz-demo c:"))!.output).toBe("returned a value beyond the grader's limits (it is nested more than 64 deep)");
    expect(deep.tests.find((t) => t.name.startsWith("zz-demo b:"))!.output).toBe("returned a value beyond the grader's limits (a string in it is longer than 100000 characters)");
  }, 120_000);

  it("grades two resource floods at once without the host's kernel memory growing: nothing in the sandbox is writable", async () => {
    const cls = tmpDir("lrgrader-flood-class-");
    for (const name of ["flood-1", "flood-2"]) fs.cpSync(path.join(classDir, "resource-flood"), path.join(cls, name), { recursive: true });
    // Slab (kernel objects: inodes, dentries, sockets) and MemAvailable, from the host's /proc/meminfo.
    const meminfo = () => Object.fromEntries([...fs.readFileSync("/proc/meminfo", "utf8").matchAll(/^(\w+):\s+(\d+) kB/gm)].map((m) => [m[1], Number(m[2]) / 1024]));
    const before = meminfo();
    let peakSlab = before.Slab!;
    let lowAvailable = before.MemAvailable!;
    const sampler = setInterval(() => {
      const m = meminfo();
      peakSlab = Math.max(peakSlab, m.Slab!);
      lowAvailable = Math.min(lowAvailable, m.MemAvailable!);
    }, 50);
    let raw;
    try {
      raw = await grader.gradeBatch(["flood-1", "flood-2"].map((k) => ({ key: k, path: path.join(cls, k) })));
    } finally {
      clearInterval(sampler);
    }
    const manifest = readManifest(path.join(FIXTURES, "manifest.json"));
    for (const k of ["flood-1", "flood-2"]) expect(score(raw.get(k)!, manifest, []).score, k).toBe(7);
    const after = meminfo();
    console.log(`resource floods ×2: Slab ${before.Slab!.toFixed(0)} MiB before, peak ${peakSlab.toFixed(0)}, after ${after.Slab!.toFixed(0)}; MemAvailable ${before.MemAvailable!.toFixed(0)} MiB before, low ${lowAvailable.toFixed(0)}, after ${after.MemAvailable!.toFixed(0)}`);
    // A million empty files would take about a GiB of slab; two sandboxes' own processes take far less.
    expect(peakSlab - before.Slab!).toBeLessThan(64);
  }, 120_000);

  it("left no file written by a submission and no student process running", () => {
    expect(fs.existsSync(path.join(REPO, "test", "grader", "PWNED"))).toBe(false);
    // Sandbox uids of this process are 200000 + 64·pid + (0…63) (see sandbox.ts).
    const lo = 200000 + (process.pid % 4000000) * 64;
    const ps = spawnSync("ps", ["-eo", "uid=,args="], { encoding: "utf8" }).stdout;
    const mine = ps.split("\n").filter((l) => {
      const uid = Number(l.trim().split(/\s+/)[0]);
      return uid >= lo && uid < lo + 64;
    });
    expect(mine).toEqual([]);
    const zombies = ps.split("\n").filter((l) => l.includes("<defunct>") && l.includes("bwrap"));
    expect(zombies).toEqual([]);
  });
});
