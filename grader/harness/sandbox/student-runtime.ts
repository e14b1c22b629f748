/**
 * The student-side runtime: the only grader code that runs inside the student's process (the
 * sandbox). The grader compiles it to CommonJS next to `codec.js` and `frozen.js` and starts it as
 * `node student-runtime.js <submission root>`. It reads JSON-lines requests on stdin,
 * `{id, kind: "call"|"value", file, export, items}` (one argument list per call), and answers
 * each item with one line on stdout, `{id, i, ok: true, value}` or `{id, i, ok: false, error}`. It holds nothing secret: everything here
 * is visible to the student's code, and the trusted side believes none of it beyond the parsed
 * JSON data.
 *
 * Before any student code runs, `frozen.ts` makes the process deterministic (seeded randomness,
 * frozen clocks, no fresh contexts or processes), and every call reseeds the randomness from the
 * call itself, so retries cannot be gamed.
 *
 * Student code runs in this same process, so it can print a line shaped like an answer (it can
 * read the request from stdin). What holds: such a line can only answer the
 * pending request of this submission with plain data, which the grader decodes and checks like
 * any answer; the export itself could have returned that value, so nothing is gained. A printed
 * line cannot touch another submission, the tests, or the score, which the trusted side computes
 * from vitest's records alone.
 */
// The grader's own modules first: once frozen.ts has run, no module can be compiled.
import { encode, decode, NotPlainData, refusedValue } from "./codec";
import { reseed } from "./frozen";
import * as fs from "node:fs";
import * as path from "node:path";
import * as util from "node:util";
import * as vm from "node:vm";

const root = path.resolve(process.argv[2] ?? ".");
const writeOut = process.stdout.write.bind(process.stdout);
const writeErr = process.stderr.write.bind(process.stderr);
const stringify = JSON.stringify;
const parse = JSON.parse;
const isProxy = util.types.isProxy;
const isPromise = util.types.isPromise;

// Blocking pipes: a flood of output waits for the grader to read it (and meet the output cap)
// instead of failing with EAGAIN at a moment that depends on the machine's load.
for (const stream of [process.stdout, process.stderr]) (stream as unknown as { _handle?: { setBlocking?: (b: boolean) => void } })._handle?.setBlocking?.(true);
// Student console output goes to stderr, which the grader counts against the output cap and discards.
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (writeErr as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
for (const m of ["log", "info", "debug", "table", "dir"] as const) console[m] = console.error;

// Writing to a file (RLIMIT_FSIZE is 0) then fails with EFBIG instead of killing the process.
process.on("SIGXFSZ", () => undefined);

type Loaded = { exports: Record<string, unknown> } | { error: string };
const modules = new Map<string, Loaded>();

/** Loads a compiled answer file; it may require only files in its own folder. */
function load(file: string): Loaded {
  const cached = modules.get(file);
  if (cached) return cached;
  const module = { exports: {} as Record<string, unknown> };
  modules.set(file, module);
  const dir = path.dirname(file);
  const localRequire = (spec: string): unknown => {
    const rel = path.join(dir, spec.replace(/\.(ts|js)$/, "") + ".js");
    if (!spec.startsWith("./") || path.dirname(rel) !== dir) {
      throw new Error(`cannot import ${stringify(spec)}: an answer file may import only files in its own folder`);
    }
    const dep = load(rel);
    if ("error" in dep) throw new Error(`importing ${spec} failed: ${dep.error}`);
    return dep.exports;
  };
  try {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const fn = vm.compileFunction(source, ["exports", "require", "module"], { filename: "/submission/" + file });
    fn.call(module.exports, module.exports, localRequire, module);
    return module;
  } catch (e) {
    const failed = { error: describe(e) };
    modules.set(file, failed);
    return failed;
  }
}

/**
 * A short description of a thrown value that never throws itself. Only its class reaches the
 * student's feedback (and the fingerprint a known mistake is matched on); the starter's "not
 * implemented" is read whole.
 */
function describe(e: unknown): string {
  try {
    return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 300);
  } catch {
    return "a value that cannot be displayed";
  }
}

interface Request {
  id: number;
  kind: "call" | "value";
  file: string;
  export: string;
  /** One argument list (wire values) per call; a "value" request has one empty list. */
  items: unknown[][];
}

/** An answer; `mutated` lists the (0-based) arguments the call changed in place. */
type Answer = { ok: true; value: unknown; mutated?: number[] } | { ok: false; error: string };

/** Reseeds Math.random from the call itself (file, export, JSON args). */
function seed(req: Request, args: unknown[]): void {
  reseed(`${req.file}\0${req.export}\0${stringify(args)}`);
}

/** One call (or the value) of a loaded module. */
async function invoke(mod: Loaded, req: Request, args: unknown[]): Promise<Answer> {
  if ("error" in mod) return { ok: false, error: `threw while loading: ${mod.error}` };
  if (!Object.prototype.hasOwnProperty.call(mod.exports, req.export)) return { ok: false, error: `no export named ${req.export}` };
  let result: unknown;
  let decoded: unknown[] = [];
  try {
    const exported = mod.exports[req.export];
    if (req.kind === "value") {
      result = exported;
    } else {
      if (typeof exported !== "function") return { ok: false, error: `export ${req.export} is not a function` };
      decoded = args.map((a) => decode(a));
      result = (exported as (...a: unknown[]) => unknown)(...decoded);
      if (isPromise(result)) result = await result;
    }
  } catch (e) {
    return { ok: false, error: `threw: ${describe(e)}` };
  }
  try {
    const mutated = decoded.flatMap((a, i) => (typeof a === "object" && a !== null && changed(a, args[i]) ? [i] : []));
    return { ok: true, value: encode(result, isProxy), ...(mutated.length ? { mutated } : {}) };
  } catch (e) {
    return { ok: false, error: e instanceof NotPlainData ? refusedValue(e) : `returned a value that could not be read: ${describe(e)}` };
  }
}

/** Whether an argument no longer encodes to the wire value it was decoded from (the call changed it). */
function changed(arg: object, wire: unknown): boolean {
  try {
    return !sameWire(encode(arg, isProxy), wire);
  } catch {
    return true;
  }
}

/**
 * Whether two wire values have the same JSON text (`stringify(a) === stringify(b)`), compared in
 * place without building the text: wire numbers are finite and never −0, so equal numbers print
 * alike; object keys must also come in the same order.
 */
function sameWire(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameWire(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameWire((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Answers a request: one line per item, `{id, i, ok, value | error}`, in order. Each item is
 * reseeded on its own, so a call gives the same answer alone or in a batch; a throwing item
 * does not stop the others. The grader's per-call time limit restarts at each answer line.
 */
async function answer(req: Request): Promise<void> {
  const items = req.items;
  for (let i = 0; i < items.length; i++) {
    const args = items[i]!;
    seed(req, args);
    let mod = modules.get(req.file);
    if (!mod) {
      // Tell the grader when a first import starts and ends, so a file that hangs while loading
      // is recognised as such (its remaining calls then fail fast).
      writeOut(stringify({ id: req.id, phase: "load" }) + "\n");
      mod = load(req.file);
      writeOut(stringify({ id: req.id, phase: "run" }) + "\n");
    }
    const res = await invoke(mod, req, args);
    let text: string;
    try {
      text = stringify({ id: req.id, i, ...res });
    } catch (e) {
      text = stringify({ id: req.id, i, ok: false, error: `returned a value that could not be serialised: ${describe(e)}` });
    }
    writeOut(text + "\n");
  }
}

let buffered = "";
let queue = Promise.resolve();
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  buffered += chunk;
  let nl: number;
  while ((nl = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const req = parse(line) as Request;
    queue = queue.then(() => answer(req)).catch(() => undefined);
  }
});
writeOut(stringify({ ready: true }) + "\n");
