/**
 * Type-checks each exercise's answer files on their own, with the compiler options of the course's
 * `tsconfig.json` (the ones students' `npm run typecheck` and editors use: its `lib`, `types`,
 * `strict` and other checks), read once at grader start, so a file that passes the students' own
 * check never gets a type error here. Runs in a worker thread with a time limit so a pathological
 * type cannot stall grading. Type errors are reported to the student; the exercise is graded
 * anyway when the code runs.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import ts from "typescript";
import { InstructorError } from "../errors";
import type { Intake } from "../intake/prepare";

/** The repository (or the Gradescope autograder's source folder): this file is grader/harness/run/typecheck.ts. */
const ROOT = path.resolve(__dirname, "..", "..", "..");
/** The course's compiler configuration, the one students' `npm run typecheck` reads. */
export const TSCONFIG = path.join(ROOT, "tsconfig.json");

/**
 * Options that only matter to emitting or to building a project (none of them changes what is an
 * error in a file): dropped, since the check emits nothing and checks answer files only.
 */
const PROJECT_ONLY = ["composite", "incremental", "tsBuildInfoFile", "outDir", "outFile", "rootDir", "declaration", "declarationDir", "declarationMap", "emitDeclarationOnly", "sourceMap", "inlineSourceMap", "inlineSources", "mapRoot", "sourceRoot", "build", "watch", "listFiles", "listEmittedFiles", "traceResolution", "diagnostics", "extendedDiagnostics", "generateTrace", "generateCpuProfile"];

/** The compiler options of the type check, and the configuration files they were read from. */
export interface TypeCheckConfig {
  /** The options handed to the worker (plain data). */
  options: ts.CompilerOptions;
  /** The configuration files read: `tsconfig.json` and any file it extends, relative to the root. */
  files: string[];
  /** A SHA-256 of those files' names and contents (part of the grader's identity, see provenance.ts). */
  sha256: string;
}

/**
 * Reads the compiler options of `file` (default: the course's tsconfig.json) with the TypeScript
 * API, as `tsc -p` does (`extends` included), and adapts them to checking answer files alone:
 * `noEmit`; `skipLibCheck` (errors are reported for answer files only, so checking the libraries
 * would only cost time); the options of emitting and of building a project dropped. Everything
 * that decides what is an error in an answer file (`lib`, `types`, `target`, `strict`,
 * `noUnused…`, `moduleResolution`, `moduleDetection`, …) is the course's. (Each exercise folder is
 * still checked on its own: see the worker.) A missing or invalid file is an `InstructorError`
 * naming it.
 */
export function readTypeCheckConfig(file: string = TSCONFIG): TypeCheckConfig {
  const root = path.dirname(file);
  const read: string[] = [];
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    // The project's own files do not matter here: only its compiler options do.
    readDirectory: () => [],
    fileExists: (f) => ts.sys.fileExists(f),
    readFile: (f) => {
      const text = ts.sys.readFile(f);
      if (text !== undefined) read.push(f);
      return text;
    },
  };
  const fail = (why: string): never => {
    throw new InstructorError(`the type check of answers reads the compiler options of ${file}, and ${why}: restore the course's tsconfig.json (npx tsc --noEmit -p . checks it)`);
  };
  if (!fs.existsSync(file)) fail("it does not exist");
  const json = ts.readConfigFile(file, (f) => host.readFile(f));
  if (json.error) fail(`it could not be read (${ts.flattenDiagnosticMessageText(json.error.messageText, " ")})`);
  const parsed = ts.parseJsonConfigFileContent(json.config, host, root, undefined, file);
  // 18003: "No inputs were found": the project's files are not listed, on purpose (see readDirectory).
  const errors = parsed.errors.filter((d) => d.code !== 18003);
  if (errors.length) fail(`it has an error (${ts.flattenDiagnosticMessageText(errors[0]!.messageText, " ")})`);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, skipLibCheck: true };
  for (const k of PROJECT_ONLY) delete options[k];
  const files = [...new Set(read.map((f) => path.relative(root, f).split(path.sep).join("/")))];
  const h = createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(fs.readFileSync(path.resolve(root, f))).update("\0");
  return { options, files, sha256: h.digest("hex") };
}

let config: TypeCheckConfig | null = null;
/** The type check's configuration, read from the course's tsconfig.json on first use (grader start: see provenance.ts). */
export function typeCheckConfig(): TypeCheckConfig {
  config ??= readTypeCheckConfig();
  return config;
}

/**
 * Milliseconds one submission's type check may run, counted from when the worker starts it (not
 * while it waits behind others), so a loaded machine does not stop checks that are merely queued.
 */
const CHECK_MS = 20_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ts = require(workerData.typescript);
// The course's compiler options (see typeCheckConfig).
const options = workerData.options;
const libCache = new Map();
let oldProgram;
const root = "/submission/";
const folderOf = (name) => name.slice(0, name.indexOf("/"));
// A module under the course's module detection: a file with an import or an export (every file when it is "force").
const isModule = (name, text) => options.moduleDetection === ts.ModuleDetectionKind.Force || ts.isExternalModule(ts.createSourceFile(root + name, text, ts.ScriptTarget.Latest, false));
parentPort.on("message", ({ id, files }) => {
  parentPort.postMessage({ id, started: true });
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
  // Each exercise folder is checked on its own: the folders whose files are all modules together
  // in one program (a module's names are its own), and a folder with a script file (no import or
  // export: its top-level names are global, as in the students' check) in a program of its own,
  // so no folder sees another's globals.
  const folders = new Map();
  for (const name of Object.keys(files)) {
    const f = folderOf(name);
    if (!folders.has(f)) folders.set(f, { names: [], modules: true });
    const entry = folders.get(f);
    entry.names.push(name);
    if (!isModule(name, files[name])) entry.modules = false;
  }
  const groups = [[]];
  for (const [f, entry] of folders) {
    if (entry.modules) groups[0].push(f);
    else groups.push([f]);
  }
  const out = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    const names = group.flatMap((f) => folders.get(f).names);
    const program = ts.createProgram(names.map((n) => root + n), options, host, oldProgram);
    oldProgram = program;
    for (const d of ts.getPreEmitDiagnostics(program)) {
      if (!d.file || !d.file.fileName.startsWith(root)) continue;
      const name = d.file.fileName.slice(root.length);
      // A file another folder imports is reported with its own folder's program only.
      if (!group.includes(folderOf(name))) continue;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      out.push(name + "(" + (line + 1) + "," + (character + 1) + "): " + ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300));
    }
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
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { typescript: createRequire(__filename).resolve("typescript"), options: typeCheckConfig().options } });
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
 * contents: a folder is checked on its own paths and never sees another folder's names (see the
 * worker), so its messages depend on nothing else (unchanged starters and shared files repeat a
 * lot across a class).
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
