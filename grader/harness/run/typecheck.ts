/**
 * Type-checks each exercise's answer files on their own (strict, ES2022 library, no DOM or Node
 * types), in a worker thread with a time limit so a pathological type cannot stall grading.
 * Type errors are reported to the student; the exercise is graded anyway when the code runs.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Intake } from "../intake/prepare";

/**
 * Milliseconds one submission's type check may run, counted from when the worker starts it (not
 * while it waits behind others), so a loaded machine does not stop checks that are merely queued.
 */
const CHECK_MS = 20_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ts = require(workerData.typescript);
const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"], types: [], noEmit: true, skipLibCheck: true, isolatedModules: true,
  moduleDetection: ts.ModuleDetectionKind.Force };
const libCache = new Map();
let oldProgram;
parentPort.on("message", ({ id, files }) => {
  parentPort.postMessage({ id, started: true });
  const root = "/submission/";
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => {
    if (name.startsWith(root)) {
      const text = files[name.slice(root.length)];
      return text === undefined ? undefined : ts.createSourceFile(name, text, lang, true);
    }
    if (!libCache.has(name)) libCache.set(name, getSourceFile(name, lang));
    return libCache.get(name);
  };
  host.fileExists = (name) => name.startsWith(root) ? files[name.slice(root.length)] !== undefined : ts.sys.fileExists(name);
  host.readFile = (name) => name.startsWith(root) ? files[name.slice(root.length)] : ts.sys.readFile(name);
  host.directoryExists = (d) => {
    const dir = d.endsWith("/") ? d : d + "/";
    if (root.startsWith(dir)) return true;
    if (dir.startsWith(root)) return Object.keys(files).some((f) => (root + f).startsWith(dir));
    return ts.sys.directoryExists(d);
  };
  host.realpath = (p) => p;
  host.getCurrentDirectory = () => root;
  host.writeFile = () => {};
  const program = ts.createProgram(Object.keys(files).map((f) => root + f), options, host, oldProgram);
  oldProgram = program;
  const out = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!d.file || !d.file.fileName.startsWith(root)) continue;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    out.push(d.file.fileName.slice(root.length) + "(" + (line + 1) + "," + (character + 1) + "): " + ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300));
  }
  parentPort.postMessage({ id, errors: out });
});
`;

/** A check sent to the worker: its files, where its result goes, and its time limit once started. */
interface Pending {
  files: Record<string, string>;
  done: (errors: string[], complete: boolean) => void;
  timer?: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, Pending>();

/** The messages of a check that ran out of time. */
function stopped(files: Record<string, string>): string[] {
  return Object.keys(files).filter((f) => f.endsWith("/exercise.ts")).map((f) => `${f}: the type check took longer than ${CHECK_MS / 1000} s and was stopped`);
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { typescript: createRequire(__filename).resolve("typescript") } });
  w.unref();
  w.on("message", ({ id, started, errors }: { id: number; started?: boolean; errors?: string[] }) => {
    const p = waiting.get(id);
    if (!p) return;
    if (started) {
      p.timer = setTimeout(() => {
        waiting.delete(id);
        p.done(stopped(p.files), false);
        if (worker === w) worker = null;
        void w.terminate();
      }, CHECK_MS);
      return;
    }
    clearTimeout(p.timer);
    waiting.delete(id);
    p.done(errors!, true);
  });
  w.on("error", () => undefined);
  w.on("exit", () => {
    if (worker === w) worker = null;
    // The check that was running when the worker died failed; the ones queued behind it start again.
    for (const [id, p] of [...waiting]) {
      if (p.timer) {
        clearTimeout(p.timer);
        waiting.delete(id);
        p.done(["the type check failed"], false);
      } else {
        getWorker().postMessage({ id, files: p.files });
      }
    }
  });
  worker = w;
  return w;
}

/** The messages of one check; `complete` is false when it was stopped. */
function checkAll(files: Record<string, string>): Promise<{ errors: string[]; complete: boolean }> {
  const w = getWorker();
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, { files, done: (errors, complete) => resolve({ errors, complete }) });
    w.postMessage({ id, files });
  });
}

/**
 * Messages of exercise folders already checked, by a hash of the folder's id, file names and
 * contents: a folder is checked on its own paths and every file is a module, so its messages
 * depend on nothing else (unchanged starters and shared files repeat a lot across a class).
 */
const checked = new Map<string, string[]>();

function folderKey(id: string, files: Record<string, string>): string {
  const h = createHash("sha256").update(id);
  for (const name of Object.keys(files).sort()) h.update("\0").update(name).update("\0").update(files[name]!);
  return h.digest("hex");
}

/**
 * Checks under way, by folder key: a folder that several submissions of a batch share (an
 * untouched starter) is checked once, the others wait for that check. Resolves to the folder's
 * messages, or null when the check was stopped.
 */
const checking = new Map<string, Promise<string[] | null>>();

/**
 * Type errors per exercise (exercises with none are omitted). The answer files of the folders not
 * checked before (nor being checked) are checked in one program, each exercise folder on its own
 * paths.
 */
export async function typeCheck(intakeResult: Intake): Promise<Record<string, string[]>> {
  const files: Record<string, string> = {};
  const keys = new Map<string, string>();
  const waits: Array<Promise<void>> = [];
  const got = new Map<string, string[]>();
  for (const [id, ex] of Object.entries(intakeResult.exercises)) {
    if (!ex.ok) continue;
    const key = folderKey(id, ex.files);
    const known = checked.get(key);
    if (known) {
      got.set(id, [...known]);
      continue;
    }
    const other = checking.get(key);
    if (other) {
      waits.push(
        other.then((list) => {
          // A stopped check says nothing about the folder: check it again, alone.
          if (list === null) return typeCheck({ exercises: { [id]: ex }, notes: [] }).then((r) => void got.set(id, r[id] ?? []));
          got.set(id, [...list]);
        }),
      );
      continue;
    }
    keys.set(id, key);
    for (const [name, text] of Object.entries(ex.files)) files[`${id}/${name}`] = text;
  }
  if (keys.size > 0) {
    const run = checkAll(files).then(({ errors, complete }) => {
      const fresh = new Map<string, string[]>([...keys.keys()].map((id) => [id, []]));
      for (const e of errors) {
        const slash = e.indexOf("/");
        const list = fresh.get(slash > 0 ? e.slice(0, slash) : "");
        if (list && list.length < 10) list.push(e.slice(slash + 1));
      }
      for (const [id, list] of fresh) {
        const key = keys.get(id)!;
        checking.delete(key);
        // A check that was stopped says nothing about the folder: it is not remembered.
        if (complete) {
          if (checked.size > 5000) checked.clear();
          checked.set(key, list);
        }
      }
      return { fresh, complete };
    });
    for (const [id, key] of keys) checking.set(key, run.then(({ fresh, complete }) => (complete ? fresh.get(id)! : null)));
    for (const [id, list] of (await run).fresh) got.set(id, list);
  }
  await Promise.all(waits);
  const out: Record<string, string[]> = {};
  for (const id of Object.keys(intakeResult.exercises)) {
    const list = got.get(id);
    if (list?.length) out[id] = list;
  }
  return out;
}
/** Stops the type-check worker (lets a CLI exit promptly). */
export async function stopTypeCheck(): Promise<void> {
  const w = worker;
  worker = null;
  for (const p of waiting.values()) {
    clearTimeout(p.timer);
    p.done(["the type check was stopped"], false);
  }
  waiting.clear();
  if (w) await w.terminate();
}
