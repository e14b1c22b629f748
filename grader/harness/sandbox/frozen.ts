/**
 * Makes the student process deterministic, before any student code runs (imported first by
 * `student-runtime.ts`, compiled beside it). Randomness comes from one generator that the runtime
 * reseeds before every call (`reseed`): `Math.random` and the `crypto` random functions. Every
 * clock reads a fixed instant, FROZEN (2025-01-01T00:00:00Z), or 0: `Date` (with no route back to
 * the real one), `Intl` formatting of "now", `performance` (now, timeOrigin, marks, measures,
 * event-loop utilisation, node timing), `process.hrtime`, `uptime`, `cpuUsage`, `resourceUsage`,
 * `memoryUsage`, `report`, `os.uptime`, `cpus`, `loadavg`, `freemem`, file times (and inode and
 * device numbers) from `fs` stat calls, and the start time a timer object carries. Whatever would
 * start with clocks or entropy of its own is refused: fresh `vm` contexts, workers, child
 * processes, `process.binding`, WASI, HTTP, the inspector, `v8`, async hooks (which hand out timer
 * objects), file-system statistics, and crypto keys, signatures and key exchanges. In the sandbox
 * `/proc` is not mounted and `/dev` holds only null and zero.
 *
 * What remains: a race inside the process (counting work done until a timer fires or a file
 * read completes) measures real time; it is listed in the grader's README.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as vm from "node:vm";

// The standard streams are made now, before the modules they are made from are patched below.
void [process.stdin, process.stdout, process.stderr];

/** The instant every clock reads (ms since the epoch). */
export const FROZEN = Date.UTC(2025, 0, 1);

let state = 1;
/** The next 32 bits of the generator (mulberry32). */
function next32(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (t ^ (t >>> 14)) >>> 0;
}

/** Reseeds the generator from a text (FNV-1a of it): the runtime passes the call itself. */
export function reseed(text: string): void {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  state = h >>> 0 || 1;
}

Math.random = () => next32() / 4294967296;
/** Fills a byte view from the generator. */
function fill<T extends ArrayBufferView>(view: T): T {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = next32() & 0xff;
  return view;
}
const randomBytes = (n: number, cb?: (e: Error | null, b: Buffer) => void) => {
  const b = fill(Buffer.alloc(n));
  if (cb) queueMicrotask(() => cb(null, b));
  return b;
};
const randomUUID = () => {
  const b = fill(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
Object.assign(crypto, {
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync: fill,
  randomFill: (view: ArrayBufferView, cb: (e: Error | null, v: ArrayBufferView) => void) => queueMicrotask(() => cb(null, fill(view))),
  randomInt: (a: number, b?: number) => (b === undefined ? Math.floor(Math.random() * a) : a + Math.floor(Math.random() * (b - a))),
  randomUUID,
});
// `crypto.getRandomValues` and `crypto.subtle` (getters of the module) read Web Crypto's, patched
// here; of SubtleCrypto only `digest` is left (keys, signatures and padding draw fresh entropy).
const realSubtle = globalThis.crypto.subtle;
const subtle = Object.freeze({ digest: realSubtle.digest.bind(realSubtle) });
Object.defineProperties(Object.getPrototypeOf(globalThis.crypto), { getRandomValues: { value: fill }, randomUUID: { value: randomUUID }, subtle: { get: () => subtle } });

const RealDate = Date;
/**
 * `Date` with the clock stopped: a function of its own (not a subclass, whose prototype would be
 * the real `Date`), building real `Date` instances, and the only constructor they can reach.
 */
const FrozenDate = function Date(...args: unknown[]) {
  if (new.target === undefined) return new RealDate(FROZEN).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [FROZEN] : args, new.target);
} as unknown as DateConstructor;
Object.defineProperties(FrozenDate, {
  prototype: { value: RealDate.prototype },
  now: { value: () => FROZEN, writable: true, configurable: true },
  parse: { value: RealDate.parse, writable: true, configurable: true },
  UTC: { value: RealDate.UTC, writable: true, configurable: true },
});
Object.defineProperty(RealDate.prototype, "constructor", { value: FrozenDate, writable: true, configurable: true });
globalThis.Date = FrozenDate;

// Intl formats "now" when given no date: the frozen instant instead.
const DTF = Intl.DateTimeFormat.prototype;
const format = Object.getOwnPropertyDescriptor(DTF, "format")!.get!;
const formatToParts = DTF.formatToParts;
Object.defineProperty(DTF, "format", {
  get(this: Intl.DateTimeFormat) {
    const f = format.call(this) as (d?: Date | number) => string;
    return (d?: Date | number) => f(d === undefined ? FROZEN : d);
  },
  configurable: true,
});
DTF.formatToParts = function (this: Intl.DateTimeFormat, d?: Date | number) {
  return formatToParts.call(this, d === undefined ? FROZEN : d);
};

// Event times and file times of the web APIs read the clocks too.
Object.defineProperty(Event.prototype, "timeStamp", { get: () => 0 });
Object.defineProperty(File.prototype, "lastModified", { get: () => FROZEN });
// performance: the monotonic clock reads 0 and its origin is the frozen instant (on its prototype,
// where the real ones live, so no route to them is left).
Object.defineProperties(Object.getPrototypeOf(performance), { now: { value: () => 0 }, timeOrigin: { get: () => FROZEN } });
const entry = (name: string, entryType: string) => ({ name: String(name), entryType, startTime: 0, duration: 0, detail: null });
Object.defineProperties(performance, {
  mark: { value: (name: string) => entry(name, "mark") },
  measure: { value: (name: string) => entry(name, "measure") },
  eventLoopUtilization: { value: () => ({ idle: 0, active: 0, utilization: 0 }) },
  nodeTiming: { value: Object.freeze(entry("node", "node")) },
  timerify: { value: <F>(f: F) => f },
  getEntries: { value: () => [] },
  getEntriesByName: { value: () => [] },
  getEntriesByType: { value: () => [] },
});

const hrtime = (() => [0, 0]) as unknown as NodeJS.HRTime;
hrtime.bigint = () => 0n;
process.hrtime = hrtime;
process.uptime = () => 0;
process.cpuUsage = () => ({ user: 0, system: 0 });
const usage = Object.fromEntries(Object.keys(process.resourceUsage()).map((k) => [k, 0])) as unknown as NodeJS.ResourceUsage;
process.resourceUsage = () => ({ ...usage });
process.memoryUsage = Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 });
Object.assign(os, { uptime: () => 0, cpus: () => [], loadavg: () => [0, 0, 0], freemem: () => 0 });

// File times are the kernel's clock, and inode and device numbers change from one grading to the
// next: every stat reads the frozen instant and 0 for those.
const TIMES = ["atime", "mtime", "ctime", "birthtime"] as const;
function frozenStats<S>(st: S): S {
  if (st && typeof st === "object") {
    const big = typeof (st as { size?: unknown }).size === "bigint";
    for (const k of ["ino", "dev", "rdev"]) Object.defineProperty(st, k, { value: big ? 0n : 0, writable: true, configurable: true, enumerable: true });
    for (const t of TIMES) {
      Object.defineProperty(st, t, { value: new RealDate(FROZEN), writable: true, configurable: true, enumerable: true });
      Object.defineProperty(st, `${t}Ms`, { value: big ? BigInt(FROZEN) : FROZEN, writable: true, configurable: true, enumerable: true });
      if (big) Object.defineProperty(st, `${t}Ns`, { value: BigInt(FROZEN) * 1_000_000n, writable: true, configurable: true, enumerable: true });
    }
  }
  return st;
}
type AnyFn = (...a: unknown[]) => unknown;
const files = fs as unknown as Record<string, AnyFn>;
for (const name of ["statSync", "lstatSync", "fstatSync"]) {
  const real = files[name]!;
  files[name] = (...a) => frozenStats(real(...a));
}
for (const name of ["stat", "lstat", "fstat"]) {
  const real = files[name]!;
  files[name] = (...a) => {
    const cb = a[a.length - 1] as AnyFn;
    return real(...a.slice(0, -1), (e: unknown, st: unknown) => cb(e, frozenStats(st)));
  };
}
const promises = fs.promises as unknown as Record<string, AnyFn>;
for (const name of ["stat", "lstat"]) {
  const real = promises[name]!;
  promises[name] = async (...a) => frozenStats(await real(...a));
}
promises.open = ((open: AnyFn) => async (...a: unknown[]) => {
  const handle = (await open(...a)) as { stat: AnyFn };
  const stat = handle.stat.bind(handle);
  handle.stat = async (...b) => frozenStats(await stat(...b));
  return handle;
})(promises.open!);

const refuse = (what: string) => () => {
  throw new Error(`${what} is not available while grading`);
};
for (const name of ["statfsSync", "statfs"]) files[name] = refuse(`fs.${name}`);
promises.statfs = refuse("fs.promises.statfs");

// A timer object carries the event loop's clock (`_idleStart`): students get a handle instead.
const handles = new WeakMap<object, unknown>();
const real = (t: unknown) => (t !== null && typeof t === "object" && handles.get(t)) || t;
/** A handle for a timer: the methods of the real one, none of its fields. */
function handle(timer: NodeJS.Timeout): object {
  const h = {
    ref: () => (timer.ref(), h),
    unref: () => (timer.unref(), h),
    hasRef: () => timer.hasRef(),
    refresh: () => (timer.refresh(), h),
    close: () => (timer.close(), h),
    [Symbol.toPrimitive]: () => timer[Symbol.toPrimitive](),
    [Symbol.dispose]: () => clearTimeout(timer),
  };
  handles.set(h, timer);
  return h;
}
const timers = require("node:timers") as Record<string, AnyFn>;
const wrapped: Record<string, AnyFn> = {};
for (const name of ["setTimeout", "setInterval"]) {
  const set = timers[name]!;
  wrapped[name] = (...a) => handle(set(...a) as NodeJS.Timeout);
}
for (const name of ["clearTimeout", "clearInterval"]) {
  const clear = timers[name]!;
  wrapped[name] = (t) => clear(real(t));
}
for (const name of ["enroll", "unenroll", "active", "_unrefActive"]) wrapped[name] = refuse(`timers.${name}`);
Object.assign(timers, wrapped);
Object.assign(globalThis, { setTimeout: wrapped.setTimeout, setInterval: wrapped.setInterval, clearTimeout: wrapped.clearTimeout, clearInterval: wrapped.clearInterval });
// A socket's idle timeout is a timer object of its own (process.stdin is one).
(require("node:net") as { Socket: { prototype: Record<string, unknown> } }).Socket.prototype.setTimeout = refuse("socket.setTimeout");

// Whatever would start with clocks or entropy of its own, or reach the real ones, is refused:
// fresh contexts, processes and workers; WASI (its clock and random imports); HTTP (its Date
// header); the inspector and v8; keys, signatures and key exchanges (fresh entropy).
const vmExports = vm as unknown as Record<string, unknown>;
for (const name of ["runInNewContext", "createContext", "runInContext", "measureMemory"]) vmExports[name] = refuse(`vm.${name}`);
vm.Script.prototype.runInNewContext = refuse("vm.Script.runInNewContext");
vm.Script.prototype.runInContext = refuse("vm.Script.runInContext");
const REFUSED_MODULES = new Set(["child_process", "worker_threads", "cluster", "inspector", "v8", "perf_hooks", "wasi", "trace_events", "http", "https", "http2", "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server", "tls", "_tls_common", "_tls_wrap", "dgram", "dns"]);
/** Throws when `id` names a refused module; loading one is refused, so none is ever loaded. */
const checkModule = (id: string) => {
  const name = id.startsWith("node:") ? id.slice(5) : id;
  if (REFUSED_MODULES.has(name)) throw new Error(`the module ${name} is not available while grading`);
};
// Every require of a module goes through Module._load (process.mainModule.require, createRequire…).
// A dynamic import() would not: compiling a CommonJS module (whose code may import()) is refused,
// and the constant that gives vm-compiled code the main loader is hidden, so no code compiled
// after this point can import() at all.
const Module = require("node:module") as { _load: (id: string, ...rest: unknown[]) => unknown; prototype: Record<string, unknown> };
Module.prototype._compile = refuse("compiling a module");
Object.defineProperty(vm, "constants", { value: Object.freeze({}) });
const load = Module._load;
Module._load = function (this: unknown, id: string, ...rest: unknown[]) {
  checkModule(id);
  return load.call(this, id, ...rest);
};
const getBuiltinModule = process.getBuiltinModule;
if (getBuiltinModule) {
  process.getBuiltinModule = ((id: string) => (checkModule(id), getBuiltinModule.call(process, id))) as typeof process.getBuiltinModule;
}
for (const name of ["generateKey", "generateKeySync", "generateKeyPair", "generateKeyPairSync", "generatePrime", "generatePrimeSync", "createECDH", "createDiffieHellman", "createDiffieHellmanGroup", "getDiffieHellman", "createSign", "sign", "publicEncrypt", "privateEncrypt", "ECDH", "DiffieHellman", "DiffieHellmanGroup", "Sign"]) {
  (crypto as unknown as Record<string, unknown>)[name] = refuse(`crypto.${name}`);
}
const hooks = require("node:async_hooks") as Record<string, unknown>;
hooks.createHook = refuse("async_hooks.createHook");
hooks.executionAsyncResource = refuse("async_hooks.executionAsyncResource");
for (const name of ["PerformanceMark", "PerformanceMeasure", "PerformanceObserver"]) (globalThis as Record<string, unknown>)[name] = refuse(name);
const proc = process as unknown as Record<string, unknown>;
for (const name of ["binding", "_linkedBinding", "dlopen"]) proc[name] = refuse(`process.${name}`);
Object.defineProperty(process, "report", { value: Object.freeze({ getReport: refuse("process.report"), writeReport: refuse("process.report") }) });
