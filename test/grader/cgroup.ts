/**
 * A Linux control group with a memory limit and a CPU quota, for running a command as if in a
 * container limited like Gradescope's default one. Made as a child of this process's own group,
 * so every limit above it still holds. Linux cgroups v2 where the unified hierarchy offers the
 * memory and cpu controllers (memory.max, cpu.max, memory.peak); otherwise the v1 memory and cpu
 * hierarchies (memory.limit_in_bytes, cpu.cfs_quota_us, memory.max_usage_in_bytes, the same
 * high-water mark). `limitedGroup` says why not when the machine allows neither.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The limits: bytes of memory (no swap), and CPU time per period of wall-clock time. */
export interface Limits {
  memoryBytes: number;
  /** e.g. 0.5 for half a CPU. */
  cpus: number;
}

/** A control group made for one command. */
export interface LimitedGroup {
  version: 1 | 2;
  /** The cgroup.procs files a process writes its pid into to join the group (one per hierarchy). */
  procs: string[];
  /** The most memory the group has used since it was made, in bytes (page cache included). */
  peakBytes(): number;
  /** Times the kernel's OOM killer ran in the group. */
  oomKills(): number;
  /** CFS periods the group ran in, and those in which the quota stopped it. */
  cpuPeriods(): { periods: number; throttled: number };
  /** Removes the group (its processes must have ended). */
  remove(): void;
}

const PERIOD_US = 100_000;

/** Mount points of the cgroup hierarchies: "2" for the unified one, else each v1 controller. */
function mounts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const [left, right] = line.split(" - ");
    if (!left || !right) continue;
    const mountPoint = left.split(" ")[4]!;
    const [fstype, , options] = right.split(" ");
    if (fstype === "cgroup2") out.set("2", mountPoint);
    if (fstype === "cgroup") for (const o of options!.split(",")) if (o === "memory" || o === "cpu") out.set(o, mountPoint);
  }
  return out;
}

/** This process's group in each hierarchy: "2" for the unified one, else by v1 controller. */
function ownGroups(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync("/proc/self/cgroup", "utf8").trim().split("\n")) {
    const [id, controllers, p] = line.split(":");
    if (id === "0" && controllers === "") out.set("2", p!);
    else for (const c of controllers!.split(",")) out.set(c, p!);
  }
  return out;
}

const read = (file: string) => fs.readFileSync(file, "utf8").trim();
const write = (file: string, text: string) => fs.writeFileSync(file, text);
/** The numbers of a flat-keyed cgroup file (cpu.stat, memory.events, memory.oom_control). */
function keyed(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (!fs.existsSync(file)) return out;
  for (const line of read(file).split("\n")) {
    const [k, v] = line.split(" ");
    if (k && v !== undefined) out[k] = Number(v);
  }
  return out;
}

/** A v2 group under this process's own, or why not. */
function v2(limits: Limits, name: string): LimitedGroup | string {
  const mount = mounts().get("2");
  if (!mount) return "no cgroup2 hierarchy is mounted";
  const parent = path.join(mount, ownGroups().get("2") ?? "/");
  const offered = read(path.join(parent, "cgroup.controllers")).split(/\s+/);
  if (!offered.includes("memory") || !offered.includes("cpu")) return `the cgroup2 hierarchy at ${mount} offers no memory and cpu controllers here (it offers: ${offered.join(" ") || "none"}); they are bound to the v1 hierarchies`;
  try {
    write(path.join(parent, "cgroup.subtree_control"), "+memory +cpu");
  } catch (e) {
    return `cannot delegate the memory and cpu controllers below ${parent} (${(e as NodeJS.ErrnoException).code}): a group with processes of its own cannot have child groups with controllers`;
  }
  const dir = path.join(parent, name);
  try {
    fs.mkdirSync(dir);
    write(path.join(dir, "memory.max"), String(limits.memoryBytes));
    if (fs.existsSync(path.join(dir, "memory.swap.max"))) write(path.join(dir, "memory.swap.max"), "0");
    write(path.join(dir, "cpu.max"), `${Math.round(limits.cpus * PERIOD_US)} ${PERIOD_US}`);
  } catch (e) {
    fs.rmSync(dir, { force: true, recursive: false });
    return `cannot make a limited group in ${parent} (${(e as NodeJS.ErrnoException).code})`;
  }
  return {
    version: 2,
    procs: [path.join(dir, "cgroup.procs")],
    peakBytes: () => Number(read(path.join(dir, "memory.peak"))),
    oomKills: () => keyed(path.join(dir, "memory.events")).oom_kill ?? 0,
    cpuPeriods: () => {
      const stat = keyed(path.join(dir, "cpu.stat"));
      return { periods: stat.nr_periods ?? 0, throttled: stat.nr_throttled ?? 0 };
    },
    remove: () => fs.rmdirSync(dir),
  };
}

/** A v1 group (memory and cpu hierarchies) under this process's own, or why not. */
function v1(limits: Limits, name: string): LimitedGroup | string {
  const m = mounts();
  const own = ownGroups();
  const memoryMount = m.get("memory");
  const cpuMount = m.get("cpu");
  if (!memoryMount || !cpuMount) return "no cgroup v1 memory and cpu hierarchies are mounted";
  const memory = path.join(memoryMount, own.get("memory") ?? "/", name);
  const cpu = path.join(cpuMount, own.get("cpu") ?? "/", name);
  const made: string[] = [];
  try {
    for (const dir of [memory, cpu]) {
      fs.mkdirSync(dir);
      made.push(dir);
    }
    write(path.join(memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
    // No swap: memory plus swap capped at the same number, where the kernel accounts swap.
    if (fs.existsSync(path.join(memory, "memory.memsw.limit_in_bytes"))) write(path.join(memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
    write(path.join(cpu, "cpu.cfs_period_us"), String(PERIOD_US));
    write(path.join(cpu, "cpu.cfs_quota_us"), String(Math.round(limits.cpus * PERIOD_US)));
  } catch (e) {
    for (const dir of made.reverse()) fs.rmdirSync(dir);
    return `cannot make limited v1 groups (${(e as NodeJS.ErrnoException).code}: ${(e as Error).message.split("\n")[0]})`;
  }
  return {
    version: 1,
    procs: [path.join(memory, "cgroup.procs"), path.join(cpu, "cgroup.procs")],
    peakBytes: () => Number(read(path.join(memory, "memory.max_usage_in_bytes"))),
    oomKills: () => keyed(path.join(memory, "memory.oom_control")).oom_kill ?? 0,
    cpuPeriods: () => {
      const stat = keyed(path.join(cpu, "cpu.stat"));
      return { periods: stat.nr_periods ?? 0, throttled: stat.nr_throttled ?? 0 };
    },
    remove: () => {
      for (const dir of [memory, cpu]) fs.rmdirSync(dir);
    },
  };
}

/**
 * A fresh group with `limits` (v2 if the machine allows it, else v1), or the reason none can be
 * made here (not root, no writable cgroup file system, no memory or cpu controller).
 */
export function limitedGroup(limits: Limits): LimitedGroup | string {
  if (process.platform !== "linux") return "cgroups are a Linux feature";
  if (process.getuid?.() !== 0) return "making cgroups needs root";
  const name = `lrgrader-${process.pid}-${randomBytes(4).toString("hex")}`;
  let why2: string;
  try {
    const g = v2(limits, name);
    if (typeof g !== "string") return g;
    why2 = g;
  } catch (e) {
    why2 = `cgroup v2: ${(e as Error).message.split("\n")[0]}`;
  }
  try {
    const g = v1(limits, name);
    return typeof g === "string" ? `${why2}; and ${g}` : g;
  } catch (e) {
    return `${why2}; and cgroup v1: ${(e as Error).message.split("\n")[0]}`;
  }
}

/**
 * The command line that runs `command` inside `group`: a shell writes its pid into the group's
 * cgroup.procs files, then execs the command, so the command and all it starts stay in the group.
 */
export function inGroup(group: LimitedGroup, command: string[]): string[] {
  const joins = group.procs.map((f) => `echo $$ > '${f}'`).join(" && ");
  return ["sh", "-c", `${joins} && exec "$@"`, "sh", ...command];
}
