/**
 * Submission intake, on the trusted side: read a submission directory or `.zip` defensively,
 * keep only `<id>/*.ts` answer files (regular files, UTF-8, size-capped), and transpile them to
 * CommonJS into a directory the student process may read. Every problem becomes a student-safe
 * message on the affected exercise; nothing here executes submitted code.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import yauzl from "yauzl";
import { closest } from "../../../src/validate";

/** Caps applied while reading a submission. */
export const INTAKE_LIMITS = {
  /** Bytes per answer file. */
  fileBytes: 256 * 1024,
  /** Answer files per exercise folder. */
  filesPerExercise: 20,
  /** Zip entries. */
  zipEntries: 5000,
  /** Total uncompressed bytes read from a zip. */
  zipBytes: 32 * 1024 * 1024,
  /** Directory entries visited when searching a submission directory. */
  dirEntries: 20000,
};

/** The answer files of one exercise, or why there are none. */
export type ExerciseSource =
  | { ok: true; files: Record<string, string>; notes: string[] }
  | { ok: false; message: string; notes: string[] };

/** A submission's answer files by exercise id, plus submission-level notes. */
export interface Intake {
  exercises: Record<string, ExerciseSource>;
  notes: string[];
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const ANSWER = /^[A-Za-z0-9_-]+\.ts$/;

/** Adds one candidate file `<id>/<name>` (already read) to the intake. */
function accept(intake: Intake, ids: Set<string>, id: string, name: string, bytes: Buffer | null, problem?: string): void {
  if (!ids.has(id) || !ANSWER.test(name) || name.endsWith(".test.ts") || name.endsWith(".d.ts")) return;
  const ex = (intake.exercises[id] ??= { ok: true, files: {}, notes: [] });
  const label = `${id}/${name}`;
  if (problem) {
    ex.notes.push(`${label}: ${problem}`);
    return;
  }
  if (!ex.ok) return;
  if (Object.keys(ex.files).length >= INTAKE_LIMITS.filesPerExercise) {
    ex.notes.push(`${label}: ignored (more than ${INTAKE_LIMITS.filesPerExercise} files in the folder)`);
    return;
  }
  if (bytes!.length > INTAKE_LIMITS.fileBytes) {
    ex.notes.push(`${label}: ignored (larger than ${INTAKE_LIMITS.fileBytes / 1024} KB)`);
    return;
  }
  try {
    ex.files[name] = decoder.decode(bytes!);
  } catch {
    ex.notes.push(`${label}: ignored (not valid UTF-8 text)`);
  }
}

/** Most folder levels above the exercise folders, in a directory and in a zip alike. */
export const MAX_DEPTH = 3;

/** What the intake saw besides answer files, to explain a packaging mistake. */
interface Seen {
  /** Folder names at the level of the exercise folders. */
  folders: Set<string>;
  /** Every file name in each exercise folder. */
  files: Map<string, string[]>;
  /** An exercise folder found deeper than MAX_DEPTH, as a path, if any. */
  tooDeep?: string;
}

/** Why an exercise has no exercise.ts, as precisely as what the intake saw allows. */
function missingMessage(id: string, seen: Seen): string {
  const files = seen.files.get(id);
  if (files) {
    const near = files.find((f) => f !== "exercise.ts" && /^exercise\.(ts|js|tsx|mts|cts|ts\.txt|txt)$/i.test(f));
    return `missing: ${id}/ has no exercise.ts${near ? ` (found ${near}: name it exercise.ts, in lower case)` : ""}`;
  }
  const near = [...seen.folders].find((f) => f !== id && closest(f, [id]) === id);
  if (near) return `missing: the submission has no ${id}/exercise.ts (found a folder ${near}/: did you mean ${id}?)`;
  if (seen.tooDeep) return `missing: the submission has no ${id}/exercise.ts (found ${seen.tooDeep}, nested more than ${MAX_DEPTH} folders deep: submit the exercises folder itself, as npm run submit does)`;
  return `missing: the submission has no ${id}/exercise.ts`;
}

/** Fills in exercises with no usable exercise.ts. */
function finish(intake: Intake, ids: string[], seen: Seen): Intake {
  for (const id of ids) {
    const ex = intake.exercises[id];
    if (!ex) intake.exercises[id] = { ok: false, message: missingMessage(id, seen), notes: [] };
    else if (ex.ok && !("exercise.ts" in ex.files)) {
      const message = ex.notes.length ? `missing: no usable ${id}/exercise.ts (${ex.notes.join("; ")})` : missingMessage(id, seen);
      intake.exercises[id] = { ok: false, message, notes: ex.notes };
    }
  }
  return intake;
}

/**
 * The folder inside `root` that holds the exercise folders: the shallowest directory at most
 * MAX_DEPTH levels down (never through symlinks) with an `<id>/` subfolder, or null. Searches a
 * few levels deeper only to report an exercise folder nested too deep.
 */
function findBase(root: string, ids: Set<string>, seen: Seen): string | null {
  let frontier = [root];
  let visited = 0;
  for (let depth = 0; depth <= MAX_DEPTH + 3 && frontier.length; depth++) {
    const next: string[] = [];
    for (const dir of frontier) {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      visited += entries.length;
      if (visited > INTAKE_LIMITS.dirEntries) return null;
      const hit = entries.find((e) => e.isDirectory() && ids.has(e.name));
      if (hit && depth > MAX_DEPTH) {
        seen.tooDeep ??= `${path.relative(root, path.join(dir, hit.name))}/`;
        continue;
      }
      if (hit) {
        for (const e of entries) if (e.isDirectory()) seen.folders.add(e.name);
        return dir;
      }
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") next.push(path.join(dir, e.name));
    }
    frontier = next;
  }
  // No exercise folder: the top-level folders may still hold a misspelt one.
  try {
    for (const e of fs.readdirSync(root, { withFileTypes: true })) if (e.isDirectory()) seen.folders.add(e.name);
  } catch {
    /* unreadable: reported as missing exercises */
  }
  return null;
}

/** Reads a submission directory (symlinks are never followed). */
export function intakeDirectory(dir: string, ids: string[]): Intake {
  const intake: Intake = { exercises: {}, notes: [] };
  const idSet = new Set(ids);
  const seen: Seen = { folders: new Set(), files: new Map() };
  const base = findBase(dir, idSet, seen);
  for (const id of base === null ? [] : ids) {
    const folder = path.join(base!, id);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(folder);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) {
      intake.exercises[id] = { ok: false, message: `${id}/ is a symbolic link: ignored`, notes: [] };
      continue;
    }
    if (!st.isDirectory()) continue;
    let names: string[];
    try {
      names = fs.readdirSync(folder).slice(0, 1000).sort();
    } catch {
      continue;
    }
    seen.files.set(id, names);
    for (const name of names) {
      if (!ANSWER.test(name)) continue;
      const file = path.join(folder, name);
      const fst = fs.lstatSync(file);
      if (fst.isSymbolicLink()) accept(intake, idSet, id, name, null, "is a symbolic link: ignored");
      else if (!fst.isFile()) continue;
      else if (fst.size > INTAKE_LIMITS.fileBytes) accept(intake, idSet, id, name, null, `ignored (larger than ${INTAKE_LIMITS.fileBytes / 1024} KB)`);
      else accept(intake, idSet, id, name, readRegular(file));
    }
  }
  return finish(intake, ids, seen);
}

/** Reads a regular file without following a symlink swapped in after the lstat. */
function readRegular(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const buf = Buffer.alloc(INTAKE_LIMITS.fileBytes + 1);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a `.zip` submission entry by entry without extracting it: rejects absolute and `..`
 * paths, skips symlinks, and caps the entry count and the total inflated bytes (counted as the
 * data streams, not taken from the headers). The exercise folders are found as in a directory:
 * the shallowest `<id>/` at most MAX_DEPTH folders down.
 */
export function intakeZip(zipPath: string, ids: string[]): Promise<Intake> {
  const intake: Intake = { exercises: {}, notes: [] };
  const idSet = new Set(ids);
  const seen: Seen = { folders: new Set(), files: new Map() };
  /** Answer-file candidates by the folder path above their exercise folder ("" at the top). */
  const found = new Map<string, Array<{ id: string; name: string; bytes: Buffer | null; problem?: string }>>();
  /** Every file name in each `<prefix>/<id>/`, and the sub-folder names of each folder. */
  const filesIn = new Map<string, string[]>();
  const foldersIn = new Map<string, Set<string>>();
  const add = (prefix: string, id: string, name: string, bytes: Buffer | null, problem?: string) => {
    const list = found.get(prefix) ?? [];
    list.push({ id, name, bytes, ...(problem ? { problem } : {}) });
    found.set(prefix, list);
  };
  /** Keeps the shallowest prefix within MAX_DEPTH, as `findBase` does for a directory. */
  const settle = (): Intake => {
    const depth = (p: string) => (p === "" ? 0 : p.split("/").length);
    const prefixes = [...found.keys(), ...[...filesIn.keys()].map((k) => k.slice(0, k.lastIndexOf("\0")))];
    const base = prefixes.filter((p) => depth(p) <= MAX_DEPTH).sort((a, b) => depth(a) - depth(b))[0];
    if (base === undefined) {
      const deep = [...filesIn.keys()][0];
      if (deep !== undefined) seen.tooDeep = `${deep.replace("\0", "/")}/`;
    } else {
      for (const c of found.get(base) ?? []) accept(intake, idSet, c.id, c.name, c.bytes, c.problem);
      for (const id of ids) if (filesIn.has(`${base}\0${id}`)) seen.files.set(id, filesIn.get(`${base}\0${id}`)!);
    }
    for (const f of foldersIn.get(base ?? "") ?? []) seen.folders.add(f);
    return finish(intake, ids, seen);
  };
  return new Promise((resolve) => {
    const fail = (msg: string) => {
      intake.notes.push(msg);
      resolve(settle());
    };
    // decodeStrings: false, so yauzl hands over raw names and this code (not yauzl's validation,
    // which aborts the whole archive) decides which entries are unsafe.
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return fail(`the archive could not be read: ${err?.message ?? "unknown error"}`);
      let entries = 0;
      let total = 0;
      let done = false;
      const end = (msg?: string) => {
        if (done) return;
        done = true;
        zip.close();
        if (msg) intake.notes.push(msg);
        else if (entries === 0) intake.notes.push("the archive is empty: zip the exercises folder (npm run submit does it) and submit again");
        resolve(settle());
      };
      zip.on("error", (e: Error) => end(`the archive is damaged: ${e.message}`));
      zip.on("end", () => end());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (done) return;
        if (++entries > INTAKE_LIMITS.zipEntries) return end(`the archive has more than ${INTAKE_LIMITS.zipEntries} entries: the rest was ignored`);
        const name = Buffer.from(entry.fileName as unknown as Buffer).toString("utf8").replace(/\\/g, "/");
        const parts = name.split("/").filter((p) => p !== "");
        if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || parts.includes("..")) {
          intake.notes.push(`unsafe path in the archive ignored: ${JSON.stringify(name.slice(0, 120))}`);
          return zip.readEntry();
        }
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        const dirs = name.endsWith("/") ? parts : parts.slice(0, -1);
        for (let k = 0; k < dirs.length && k <= MAX_DEPTH; k++) {
          const set = foldersIn.get(dirs.slice(0, k).join("/")) ?? new Set<string>();
          foldersIn.set(dirs.slice(0, k).join("/"), set.add(dirs[k]!));
        }
        const fileName = parts[parts.length - 1] ?? "";
        const id = parts[parts.length - 2] ?? "";
        const prefix = parts.slice(0, -2).join("/");
        if (name.endsWith("/") || !idSet.has(id)) return zip.readEntry();
        const names = filesIn.get(`${prefix}\0${id}`) ?? [];
        if (names.length < 1000) filesIn.set(`${prefix}\0${id}`, [...names, fileName]);
        if (!ANSWER.test(fileName)) return zip.readEntry();
        if (mode === 0o120000) {
          add(prefix, id, fileName, null, "is a symbolic link: ignored");
          return zip.readEntry();
        }
        if (entry.uncompressedSize > INTAKE_LIMITS.fileBytes) {
          add(prefix, id, fileName, null, `ignored (larger than ${INTAKE_LIMITS.fileBytes / 1024} KB)`);
          return zip.readEntry();
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) {
            add(prefix, id, fileName, null, `could not be read (${e2?.message ?? "?"})`);
            return zip.readEntry();
          }
          const chunks: Buffer[] = [];
          let size = 0;
          let aborted = false;
          stream.on("data", (c: Buffer) => {
            size += c.length;
            total += c.length;
            if (total > INTAKE_LIMITS.zipBytes) {
              aborted = true;
              stream.destroy();
              end(`the archive inflates to more than ${INTAKE_LIMITS.zipBytes >> 20} MB: the rest was ignored`);
              return;
            }
            if (size > INTAKE_LIMITS.fileBytes) {
              aborted = true;
              stream.destroy();
              add(prefix, id, fileName, null, `ignored (larger than ${INTAKE_LIMITS.fileBytes / 1024} KB)`);
              zip.readEntry();
              return;
            }
            chunks.push(c);
          });
          stream.on("error", (e3: Error) => {
            if (aborted) return;
            aborted = true;
            add(prefix, id, fileName, null, `could not be read (${e3.message})`);
            zip.readEntry();
          });
          stream.on("end", () => {
            if (aborted) return;
            add(prefix, id, fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Reads a submission given as a directory or a `.zip` file. */
export async function intake(submission: string, ids: string[]): Promise<Intake> {
  const st = fs.lstatSync(submission);
  if (st.isFile() && submission.toLowerCase().endsWith(".zip")) return intakeZip(submission, ids);
  if (st.isDirectory()) return intakeDirectory(submission, ids);
  throw new Error(`${submission} is neither a directory nor a .zip file`);
}

/** One exercise after compilation: runnable, or a student-safe reason it is not. */
export type Compiled = { ok: true; notes: string[] } | { ok: false; message: string; notes: string[] };

/**
 * Transpiles every accepted answer file to `<outDir>/<id>/<name>.js` (CommonJS). A syntax error
 * makes the exercise fail with "file did not compile: …"; type errors are reported separately
 * by `typeCheck`.
 */
export function compile(intakeResult: Intake, outDir: string): Record<string, Compiled> {
  const out: Record<string, Compiled> = {};
  fs.mkdirSync(outDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(outDir, 0o755);
  for (const [id, ex] of Object.entries(intakeResult.exercises)) {
    if (!ex.ok) {
      out[id] = { ok: false, message: ex.message, notes: ex.notes };
      continue;
    }
    const errors: string[] = [];
    const js: Record<string, string> = {};
    for (const [name, source] of Object.entries(ex.files)) {
      const r = transpile(name, source);
      errors.push(...r.errors);
      js[name.replace(/\.ts$/, ".js")] = r.js;
    }
    if (errors.length) {
      out[id] = { ok: false, message: `file did not compile: ${errors.slice(0, 3).join("; ")}`, notes: ex.notes };
      continue;
    }
    const dir = path.join(outDir, id);
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    for (const [name, text] of Object.entries(js)) fs.writeFileSync(path.join(dir, name), text, { mode: 0o644 });
    out[id] = { ok: true, notes: ex.notes };
  }
  return out;
}

const transpiled = new Map<string, { js: string; errors: string[] }>();

/** Transpiles one file to CommonJS, memoised by name and content (unchanged starters repeat a lot). */
function transpile(name: string, source: string): { js: string; errors: string[] } {
  const key = createHash("sha256").update(name).update("\0").update(source).digest("hex");
  let r = transpiled.get(key);
  if (!r) {
    const out = ts.transpileModule(source, {
      fileName: name,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: false, sourceMap: false, removeComments: true },
    });
    r = { js: out.outputText, errors: (out.diagnostics ?? []).map(formatDiagnostic) };
    if (transpiled.size > 5000) transpiled.clear();
    transpiled.set(key, r);
  }
  return r;
}

/** `file(line,col): message`, student-safe (it only quotes the student's own file). */
export function formatDiagnostic(d: ts.Diagnostic): string {
  const msg = ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300);
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}(${line + 1},${character + 1}): ${msg}`;
  }
  return msg;
}
