/**
 * The student process: one Node process per submission, running `student-runtime.js` over the
 * submission's compiled files, inside bubblewrap when it is available. Every call has a limit of
 * CPU time and one of waiting, enforced by SIGKILL; between its calls the process is stopped
 * (SIGSTOP), so it never competes with another submission's calls. A killed or crashed process is
 * started again for the remaining calls. Output beyond a byte cap kills the process. Only parsed
 * JSON comes back.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { NotPlainData, parseBounded, refusedValue } from "./codec";

/** Limits applied to every student process. */
export interface Limits {
  /**
   * Per-call limit of CPU time (ms, all threads of the student process), enforced by killing it.
   * CPU time, not wall-clock time: a loaded machine, or another submission's work, never makes
   * a call time out.
   */
  callMs: number;
  /** Per-call limit of wall-clock time (ms): a call that waits (a promise that never settles) ends here. */
  waitMs: number;
  /** CPU time (ms) a submission's calls may use in all before the rest fail fast. */
  submissionCpuMs: number;
  /**
   * Wall-clock time (ms) from a submission's first call after which its calls stop, running or
   * not: the bound on calls that wait without computing, and so on how long one submission can
   * hold up its batch. Generous: an honest submission's code computes well under a second in all.
   */
  submissionWallMs: number;
  /**
   * Time allowed for the process to start (ms): node and the runtime only, before any student code
   * (a file that hangs while loading is caught by `callMs`), so it is generous: a loaded grading
   * machine must never cost a student points.
   */
  startMs: number;
  /** V8 old-space cap (MiB). */
  heapMb: number;
  /** RLIMIT_DATA cap (MiB): bounds array buffers and all other private memory. */
  dataMb: number;
  /** Process/thread cap (RLIMIT_NPROC under a per-sandbox uid). */
  nproc: number;
  /** Total stdout+stderr bytes before the process is killed. */
  outputBytes: number;
  /** RLIMIT_NOFILE: open files, pipes and sockets per process. */
  nofile: number;
}

export const DEFAULT_LIMITS: Limits = { callMs: 2000, waitMs: 10000, submissionCpuMs: 60_000, submissionWallMs: 120_000, startMs: 20000, heapMb: 256, dataMb: 1024, nproc: 32, outputBytes: 4 << 20, nofile: 64 };

/** How student processes are isolated on this machine, decided once per grader. */
export interface Isolation {
  kind: "bwrap" | "process";
  /** Human-readable list of the protections that are active. */
  protections: string[];
}

let nodeLibs: string[] | null = null;

/** Shared libraries the node binary needs (from ldd), so the sandbox can bind exactly those. */
function libsOf(bin: string): string[] {
  if (nodeLibs) return nodeLibs;
  const out = spawnSync("ldd", [bin], { encoding: "utf8" }).stdout ?? "";
  nodeLibs = [...out.matchAll(/(\/[^\s)]+)/g)].map((m) => m[1]!).filter((p) => fs.existsSync(p));
  return nodeLibs;
}

const canSwitchUid = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Detects what isolation works here by starting a trivial sandbox. `prefer: "process"` forces
 * the plain out-of-process mode (used to test the fallback).
 */
export function detectIsolation(prefer: "auto" | "process" = "auto", limits: Limits = DEFAULT_LIMITS): Isolation {
  const common = [
    "separate student process (only JSON data crosses)",
    `per-call limits of ${limits.callMs} ms of CPU time and ${limits.waitMs / 1000} s of waiting, enforced by SIGKILL; stopped between calls`,
    "output cap",
    "V8 heap cap",
    `at most ${limits.nofile} open files, pipes and sockets per process; no file can be written (RLIMIT_FSIZE 0)`,
    "seeded Math.random and crypto randomness; frozen clocks (Date, Intl, performance, process.hrtime/uptime/cpuUsage/resourceUsage/memoryUsage, os.uptime/cpus/loadavg/freemem, file times, timer objects); no fresh vm contexts, workers, child processes, WASI, HTTP or crypto key generation",
  ];
  if (prefer === "auto" && process.platform === "linux") {
    // A generous limit: on a loaded machine a slow probe must not silently switch the sandbox off.
    const probe = spawnSync("bwrap", [...bwrapArgs(process.execPath, []), process.execPath, "-e", "process.exit(7)"], {
      timeout: 60_000,
      ...(canSwitchUid ? { uid: 65534, gid: 65534 } : {}),
    });
    if (probe.status === 7) {
      return {
        kind: "bwrap",
        protections: [
          ...common,
          "bubblewrap sandbox: no network, new pid/ipc/uts/user namespaces",
          "read-only view of the node runtime and the compiled submission only: nothing writable, so no file or inode can be made; no /proc; empty environment",
          ...(canSwitchUid ? ["separate unprivileged uid per sandbox", "RLIMIT_NPROC process cap", "RLIMIT_DATA memory cap"] : ["RLIMIT_DATA memory cap (no per-sandbox uid: not running as root)"]),
        ],
      };
    }
  }
  return {
    kind: "process",
    protections: [...common, "RLIMIT_DATA memory cap", "Node permission model (file reads limited to the submission, no file writes, no child processes or workers)", "NOT sandboxed: bubblewrap unavailable, so the network and the environment of the grader's user are reachable"],
  };
}

/**
 * The bubblewrap command line: read-only binds of node, its libraries and `binds`, /dev/null and
 * /dev/zero; the root remounted read-only, so nothing is writable: no file, and no inode, can be made (a tmpfs
 * caps bytes, not the kernel memory of millions of empty files). No /proc: its CPU times, load
 * and memory figures are clocks.
 */
function bwrapArgs(nodeBin: string, binds: Array<[string, string]>): string[] {
  const args = ["--unshare-all", "--as-pid-1", "--die-with-parent", "--new-session", "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "TZ", "UTC", "--setenv", "LANG", "C", "--setenv", "UV_THREADPOOL_SIZE", "1"];
  args.push("--ro-bind", nodeBin, nodeBin);
  for (const lib of libsOf(nodeBin)) args.push("--ro-bind", fs.realpathSync(lib), lib);
  for (const [src, dst] of binds) args.push("--ro-bind", src, dst);
  // An empty /tmp, read-only like the rest: a write there fails as read-only, not as missing.
  // Of /dev only null and zero: random devices are entropy, and ptmx makes terminals.
  args.push("--dir", "/tmp", "--dev-bind", "/dev/null", "/dev/null", "--dev-bind", "/dev/zero", "/dev/zero", "--remount-ro", "/", "--chdir", "/tmp");
  if (canSwitchUid) args.push("--uid", "65534", "--gid", "65534");
  return args;
}

let uidCounter = 0;

/**
 * Milliseconds of CPU time (user and system, every thread) that process `pid` has used, from the
 * host's /proc (USER_HZ is 100 on Linux: 10 ms ticks), or null where /proc cannot tell.
 */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * A uid of its own for each live sandbox, so RLIMIT_NPROC (counted per uid) caps one sandbox
 * without starving another: unique across concurrent grader processes (derived from the pid).
 */
function nextUid(): number {
  return 200000 + (process.pid % 4000000) * 64 + (uidCounter++ % 64);
}

type Pending = {
  id: number;
  /** How the runtime's lines for this request begin: `{"id":<id>,`. */
  prefix: string;
  /** Answers so far, one per item, in order. */
  results: CallResult[];
  count: number;
  resolve: (r: CallResult[]) => void;
  /** Restarts the per-call limits (at each answer). */
  mark: () => void;
  loading: boolean;
};

/** The runtime's first line. */
const READY = '{"ready":true}';

/**
 * Reads one answer line of the student process into a result. Everything in it is the student's:
 * the text is parsed within the wire's bounds (see `parseBounded`), and only the fields of an
 * answer are kept, checked.
 */
function answerOf(line: string): CallResult {
  let m: Record<string, unknown>;
  try {
    m = parseBounded(line) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: e instanceof NotPlainData ? refusedValue(e) : "returned a line that is not JSON" };
  }
  if (m.ok === true && "value" in m) {
    const mutated = Array.isArray(m.mutated) ? m.mutated.filter((i): i is number => Number.isInteger(i)).slice(0, 64) : [];
    return { ok: true, value: m.value, ...(mutated.length ? { mutated } : {}) };
  }
  return { ok: false, error: typeof m.error === "string" ? m.error.slice(0, 400) : "failed" };
}

/** The outcome of one call: parsed JSON `value` (and the arguments it changed in place), or a student-safe `error`. */
export type CallResult = { ok: true; value: unknown; mutated?: number[] } | { ok: false; error: string; killed?: boolean; timedOut?: "load" | "run" };

/** One submission's student process, restarted on demand after a kill or crash. */
export class StudentProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private outBytes = 0;
  private lineBuf = "";
  private queue: Promise<unknown> = Promise.resolve();
  private deathReason: string | null = null;
  private timedOut = false;
  /** Host pid of the sandbox's pid-namespace init (from bwrap --info-fd). */
  private innerPid: number | null = null;
  /** Number of times the process was started. */
  starts = 0;
  /** CPU time (ms) the student process has used, over every start (as of its last reading). */
  cpuUsedMs = 0;
  /** CPU time (ms) of the processes that have ended. */
  private cpuOfEndedMs = 0;

  constructor(
    private readonly subRoot: string,
    private readonly runtimeDir: string,
    private readonly isolation: Isolation,
    private readonly limits: Limits = DEFAULT_LIMITS,
    /** Receives every byte the student process writes (tests use it to look for leaks). */
    private readonly tap?: (text: string) => void,
  ) {}

  /**
   * Runs one request of `items.length` calls (argument lists) of one export, or one read of a
   * value (`[[]]`); requests are serialised (the runtime answers one at a time). Every call has
   * the full per-call time limit, restarted at each answer. Resolves to one result per item, or
   * to fewer when the process died: the last result is then the failure, and the items after it
   * did not run. `budgetMs` bounds the CPU time of the whole request (the submission's remaining
   * CPU time), and `deadline` (ms since the epoch) its end, however long it waited in the queue.
   */
  request(kind: "call" | "value", file: string, exportName: string, items: unknown[][], budgetMs = Infinity, deadline = Infinity): Promise<CallResult[]> {
    const run = () => this.send(kind, file, exportName, items, budgetMs, deadline);
    const p = this.queue.then(run, run);
    this.queue = p;
    return p;
  }

  /** Kills the process and waits (at most 2 s) until it has exited and been reaped. */
  async close(): Promise<void> {
    const c = this.child;
    this.kill();
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 2000);
      c.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /**
   * Kills the process and everything it started. Under bubblewrap the sandbox's pid-namespace
   * init is killed (taking every process in the namespace with it), so the outer bwrap exits and
   * is reaped normally; otherwise, or before bwrap has reported that pid, the process group.
   */
  kill(): void {
    const c = this.child;
    const inner = this.innerPid;
    this.child = null;
    this.ready = null;
    this.innerPid = null;
    if (c && c.pid && c.exitCode === null && c.signalCode === null) {
      try {
        if (inner) process.kill(inner, "SIGKILL");
        else process.kill(-c.pid, "SIGKILL");
      } catch {
        try {
          process.kill(-c.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
  }

  private start(): Promise<void> {
    this.starts++;
    this.cpuOfEndedMs = this.cpuUsedMs;
    this.outBytes = 0;
    this.lineBuf = "";
    this.deathReason = null;
    this.timedOut = false;
    const nodeBin = process.execPath;
    const nodeArgs = [`--max-old-space-size=${this.limits.heapMb}`, "--stack-size=2000", "--v8-pool-size=1", "--no-warnings"];
    const rlimits = [`--data=${this.limits.dataMb * 1024 * 1024}`, "--core=0", `--nofile=${this.limits.nofile}`, "--fsize=0"];
    let cmd: string;
    let args: string[];
    let opts: Parameters<typeof spawn>[2];
    if (this.isolation.kind === "bwrap") {
      const uid = nextUid();
      cmd = "prlimit";
      args = [...rlimits, ...(canSwitchUid ? [`--nproc=${this.limits.nproc}`] : []), "--", "bwrap",
        "--info-fd", "3", ...bwrapArgs(nodeBin, [[this.runtimeDir, "/runtime"], [this.subRoot, "/submission"]]),
        nodeBin, ...nodeArgs, "--experimental-permission", "--allow-fs-read=/runtime/*", "--allow-fs-read=/submission/*", "/runtime/student-runtime.js", "/submission"];
      opts = { detached: true, stdio: ["pipe", "pipe", "pipe", "pipe"], env: {}, ...(canSwitchUid ? { uid, gid: uid } : {}) };
    } else {
      cmd = "prlimit";
      args = [...rlimits, "--", nodeBin, ...nodeArgs, "--experimental-permission", `--allow-fs-read=${this.runtimeDir}/*`, `--allow-fs-read=${this.subRoot}/*`,
        path.join(this.runtimeDir, "student-runtime.js"), this.subRoot];
      opts = { detached: true, stdio: ["pipe", "pipe", "pipe"], env: { TZ: "UTC", LANG: "C", UV_THREADPOOL_SIZE: "1" }, cwd: this.subRoot, ...(canSwitchUid ? { uid: 65534, gid: 65534 } : {}) };
    }
    const child = spawn(cmd, args, opts);
    this.child = child;
    this.innerPid = null;
    const info = child.stdio[3] as import("node:stream").Readable | undefined;
    if (info) {
      let text = "";
      info.setEncoding("utf8");
      info.on("data", (s: string) => {
        text += s;
        const m = /"child-pid"\s*:\s*(\d+)/.exec(text);
        if (m && this.child === child && this.innerPid === null) {
          this.innerPid = Number(m[1]);
          if (started) readyResolve();
        }
      });
      info.on("error", () => undefined);
    }
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      this.deathReason = `did not start within ${this.limits.startMs} ms`;
      this.kill();
    }, this.limits.startMs);
    let started = false;
    const onBytes = (n: number) => {
      this.outBytes += n;
      if (this.outBytes > this.limits.outputBytes && this.child === child) {
        this.deathReason = `printed more than ${this.limits.outputBytes} bytes`;
        this.kill();
      }
    };
    child.stderr!.on("data", (b: Buffer) => {
      onBytes(b.length);
      this.tap?.(b.toString("latin1"));
    });
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (s: string) => {
      onBytes(Buffer.byteLength(s));
      this.tap?.(s);
      if (this.child !== child) return;
      this.lineBuf += s;
      let nl: number;
      while ((nl = this.lineBuf.indexOf("\n")) >= 0) {
        const line = this.lineBuf.slice(0, nl);
        this.lineBuf = this.lineBuf.slice(nl + 1);
        if (!started) {
          if (line === READY) {
            started = true;
            clearTimeout(startTimer);
            // Under bubblewrap, ready once the node process's pid is known too.
            if (!info || this.innerPid !== null) readyResolve();
          }
          continue;
        }
        const p = this.pending;
        // Only a line addressed to the pending request's next answer is read (the runtime writes
        // `{"id":…,` first); any other line is ignored unparsed, however it is shaped.
        if (!p || !line.startsWith(p.prefix)) continue;
        if (line === `${p.prefix}"phase":"load"}` || line === `${p.prefix}"phase":"run"}`) {
          p.loading = line.endsWith('"load"}');
          continue;
        }
        if (!line.startsWith(`${p.prefix}"i":${p.results.length},`)) continue;
        p.results.push(answerOf(line));
        if (p.results.length === p.count) {
          this.pending = null;
          p.resolve(p.results);
        } else {
          p.mark();
        }
      }
    });
    child.stdin!.on("error", () => undefined);
    child.on("error", (e) => {
      this.deathReason ??= `could not start: ${e.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(startTimer);
      if (this.child === child) {
        this.child = null;
        this.ready = null;
      }
      const reason = this.deathReason ?? (signal ? `crashed (${signal}; out of memory?)` : `exited with code ${code}`);
      readyReject(new Error(reason));
      const p = this.pending;
      if (p) {
        this.pending = null;
        const timedOut = this.timedOut ? (p.loading ? "load" : "run") : undefined;
        p.results.push({ ok: false, error: `the student process ${reason}${timedOut === "load" ? " while loading the file" : ""}`, killed: true, ...(timedOut ? { timedOut } : {}) });
        p.resolve(p.results);
      }
    });
    return ready;
  }

  private async send(kind: "call" | "value", file: string, exportName: string, items: unknown[][], budgetMs: number, deadline: number): Promise<CallResult[]> {
    if (items.length === 0) return [];
    if (!this.child || !this.ready) this.ready = this.start();
    try {
      await this.ready;
    } catch (e) {
      this.kill();
      return [{ ok: false, error: `the student process ${(e as Error).message}`, killed: true }];
    }
    const child = this.child!;
    // The node process: bwrap's child (reported on its info fd before the runtime is ready), or
    // the spawned process itself (prlimit execs node).
    const pid = this.isolation.kind === "bwrap" ? this.innerPid : child.pid ?? null;
    if (pid === null) {
      this.kill();
      return [{ ok: false, error: "the student process could not be found", killed: true }];
    }
    const id = this.nextId++;
    signal(pid, "SIGCONT");
    // The process's CPU time so far: every earlier call's (it is stopped between calls) and its start-up.
    const cpuAtStart = cpuMs(pid);
    if (cpuAtStart !== null) this.cpuUsedMs = this.cpuOfEndedMs + cpuAtStart;
    let cpuMark = cpuAtStart;
    let wallMark = Date.now();
    let answered = false;
    return new Promise<CallResult[]>((resolve) => {
      const stop = (reason: string, timedOut = false) => {
        this.deathReason = reason;
        this.timedOut = timedOut;
        this.kill();
      };
      // Every 50 ms: CPU time since the last answer (where /proc tells it, else wall-clock time)
      // against the per-call limit, wall-clock time against the wait limit, and the request's CPU
      // time against the submission's budget. An answer restarts the limits at the next tick, so
      // /proc is read once a tick, not once an answer.
      const watch = setInterval(() => {
        const cpu = cpuMs(pid);
        if (cpu !== null) this.cpuUsedMs = this.cpuOfEndedMs + cpu;
        if (answered) {
          answered = false;
          if (cpu !== null) cpuMark = cpu;
          wallMark = Date.now();
          return;
        }
        const over = overLimit({ cpu, cpuMark, cpuAtStart, wallMark, now: Date.now(), deadline, budgetMs, limits: this.limits });
        if (over) stop(over.reason, over.timedOut);
      }, 50);
      const finish = (r: CallResult[]) => {
        clearInterval(watch);
        // Between its calls the process is stopped: it cannot compete with another submission's.
        if (this.child === child) signal(pid, "SIGSTOP");
        resolve(r);
      };
      const mark = () => {
        answered = true;
      };
      this.pending = { id, prefix: `{"id":${id},`, results: [], count: items.length, resolve: finish, mark, loading: false };
      child.stdin!.write(JSON.stringify({ id, kind, file, export: exportName, items }) + "\n");
    });
  }
}

/**
 * The limit a running call has crossed at one tick of its watch, or null. `cpu` is the process's
 * CPU time now (null when /proc cannot tell), `cpuMark` at the call's start or last answer,
 * `cpuAtStart` at the call's start. The per-call limit is CPU time since the mark; only where /proc
 * never told (`cpuMark` null) is it wall-clock time. A process that /proc told about and that has
 * vanished has just ended: its exit says why, so its wall-clock time is not mistaken for CPU time
 * (under load, a process dying of memory exhaustion could otherwise read "timed out").
 */
export function overLimit(t: {
  cpu: number | null;
  cpuMark: number | null;
  cpuAtStart: number | null;
  wallMark: number;
  now: number;
  deadline: number;
  budgetMs: number;
  limits: Pick<Limits, "callMs" | "waitMs">;
}): { reason: string; timedOut: boolean } | null {
  const vanished = t.cpu === null && t.cpuMark !== null;
  const used = t.cpuMark === null ? t.now - t.wallMark : vanished ? 0 : t.cpu! - t.cpuMark;
  if (used > t.limits.callMs) return { reason: `timed out after ${t.limits.callMs} ms of CPU time`, timedOut: true };
  if (t.now - t.wallMark > t.limits.waitMs) return { reason: `gave no answer within ${t.limits.waitMs / 1000} s`, timedOut: true };
  if (t.cpu !== null && t.cpuAtStart !== null && t.cpu - t.cpuAtStart > t.budgetMs) return { reason: "was stopped: the submission used up its CPU time", timedOut: false };
  if (t.now > t.deadline) return { reason: "was stopped: the submission's calls took too long in all", timedOut: false };
  return null;
}

/** Sends a stop or continue signal; a process that is gone is left alone. */
function signal(pid: number, sig: "SIGSTOP" | "SIGCONT"): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}
