/**
 * `npm run bench:grader`: grades a generated class (references, starters and wrong solutions,
 * sandbox on) with the real hidden suites and prints submissions/s, per-submission latency
 * (p50/p95 of batch time per submission), CPU seconds per submission (grading process and student
 * processes: less sensitive than wall time to the load of a shared machine, which is printed too)
 * and single-submission latency on a warm grader.
 * Options: --n <count> (default 60), --batch <size> (default 16).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { Grader, REPO_ROOT, listExercises } from "../grader/harness/run/runner";
import { stopTypeCheck } from "../grader/harness/run/typecheck";
import { wrongSolutions, wrongSource } from "../grader/wrong/wrong";

const { values } = parseArgs({ options: { n: { type: "string" }, batch: { type: "string" } } });
const N = Number(values.n ?? 60);
const BATCH = Number(values.batch ?? 16);

/** Builds N submissions: one third references, one third starters, one third with a wrong solution per exercise. */
function makeClass(dir: string, ids: string[]): string[] {
  const wrongs = wrongSolutions().filter((w) => ids.includes(w.id));
  const subs: string[] = [];
  for (let i = 0; i < N; i++) {
    const sub = path.join(dir, `s${String(i).padStart(3, "0")}`);
    const kind = i % 3;
    const src = kind === 1 ? path.join(REPO_ROOT, "exercises") : path.join(REPO_ROOT, "grader", "solutions");
    for (const id of ids) {
      const from = path.join(src, id);
      if (!fs.existsSync(from)) continue;
      fs.cpSync(from, path.join(sub, id), { recursive: true, filter: (f) => !f.endsWith(".test.ts") });
    }
    if (kind === 2 && wrongs.length) {
      // several wrong exercises per submission, chosen deterministically
      for (let j = 0; j < 5; j++) {
        const w = wrongs[(i * 7 + j * 13) % wrongs.length]!;
        fs.writeFileSync(path.join(sub, w.id, "exercise.ts"), wrongSource(w));
      }
    }
    subs.push(sub);
  }
  return subs;
}

/** CPU seconds of the reaped child processes (cutime + cstime of /proc/self/stat, in clock ticks of 1/100 s). */
function childCpu(): number {
  const f = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(f[13]) + Number(f[14])) / 100;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const ids = listExercises(path.join(REPO_ROOT, "grader", "suites"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lrgrader-bench-"));
  const subs = makeClass(dir, ids);
  const t0 = performance.now();
  const grader = await Grader.create();
  const startup = performance.now() - t0;
  console.log(`isolation: ${grader.isolation.kind} (${grader.isolation.protections.length} protections)`);
  console.log(`grader start-up: ${(startup / 1000).toFixed(2)} s; ${subs.length} submissions, ${ids.length} exercises, batches of ${BATCH}`);
  try {
    // warm-up: first run loads and transforms the suites
    await grader.gradeBatch([{ key: "warm", path: subs[0]! }]);
    const perSub: number[] = [];
    let scoreSum = 0;
    const cpu0 = process.cpuUsage();
    const kids0 = childCpu();
    const tb = performance.now();
    for (let i = 0; i < subs.length; i += BATCH) {
      const batch = subs.slice(i, i + BATCH);
      const t = performance.now();
      const raw = await grader.gradeBatch(batch.map((p, j) => ({ key: `k${i + j}`, path: p })));
      const dt = performance.now() - t;
      for (const r of raw.values()) scoreSum += r.outcomes.filter((o) => o.state === "passed").length;
      for (let j = 0; j < batch.length; j++) perSub.push(dt / batch.length);
    }
    const total = (performance.now() - tb) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const own = (cpu.user + cpu.system) / 1e6;
    const kids = childCpu() - kids0;
    console.log(`batch: ${subs.length} submissions in ${total.toFixed(2)} s = ${(subs.length / total).toFixed(2)} submissions/s (passed tasks: ${scoreSum})`);
    console.log(`per-submission time in batch: p50 ${pct(perSub, 50).toFixed(0)} ms, p95 ${pct(perSub, 95).toFixed(0)} ms`);
    console.log(`CPU per submission: ${((own + kids) / subs.length * 1000).toFixed(0)} ms (grading process ${(own / subs.length * 1000).toFixed(0)} ms, student processes ${(kids / subs.length * 1000).toFixed(0)} ms)`);
    const singles: number[] = [];
    for (const k of [0, 1, 2, 3, 4, 5]) {
      const t = performance.now();
      await grader.gradeBatch([{ key: `one${k}`, path: subs[k % subs.length]! }]);
      singles.push(performance.now() - t);
    }
    console.log(`single submission on a warm grader: p50 ${pct(singles, 50).toFixed(0)} ms, max ${Math.max(...singles).toFixed(0)} ms`);
    console.log(`load average (1/5/15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} cores`);
  } finally {
    await grader.close();
    await stopTypeCheck();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
