// Calling a student's exercise code from a lesson notebook, without letting it break the notebook.
//
// The exercise file (exercises/<id>/exercise.ts, reached through the notebooks/exercises link) is
// not imported statically: tslab type-checks everything a cell imports, so a half-finished answer
// file would stop the lesson. Instead it is read, transpiled (types ignored) and evaluated afresh
// on every call — so an edit to the answer file shows up when the cell is re-run, with no kernel
// restart. Whatever goes wrong (missing file, syntax error, "not implemented", any other throw)
// prints exactly one line and gives `undefined`, and the notebook goes on with the reference.
import * as ts from "typescript";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import * as vm from "vm";
import { createRequire, wrap } from "module";

/** A student's exported function, called with whatever arguments the notebook passes. */
export type StudentFunction = (...args: any[]) => any;

/** Absolute path of exercises/<id>/exercise.ts: under the kernel's folder (notebooks/), else one up. */
function exerciseFile(id: string): string {
  const candidates = [
    path.join(process.cwd(), "exercises", id, "exercise.ts"),
    path.join(process.cwd(), "..", "exercises", id, "exercise.ts"),
  ];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

/**
 * Evaluates a .ts file as a CommonJS module and returns its exports. Relative imports of other
 * .ts files (an answer file may import files of its own folder) are loaded the same way; anything
 * else goes to Node's `require`. Throws on a syntax error, naming the file and line.
 */
function loadTs(file: string, seen: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const cached = seen.get(file);
  if (cached) return cached;
  const source = readFileSync(file, "utf8");
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const syntax = out.diagnostics ?? [];
  if (syntax.length > 0) {
    const d = syntax[0]!;
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    throw new Error(`does not compile (line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")})`);
  }
  const module = { exports: {} as Record<string, unknown> };
  seen.set(file, module.exports);
  const dir = path.dirname(file);
  const nodeRequire = createRequire(file);
  const localRequire = (spec: string): unknown => {
    if (!spec.startsWith(".")) return nodeRequire(spec);
    const base = path.resolve(dir, spec);
    const target = [base, `${base}.ts`, path.join(base, "index.ts")].find((f) => f.endsWith(".ts") && existsSync(f));
    return target ? loadTs(target, seen) : nodeRequire(spec);
  };
  const wrapped = vm.runInThisContext(wrap(out.outputText), { filename: file });
  wrapped.call(module.exports, module.exports, localRequire, module, file, dir);
  return module.exports;
}

/** The exercise's short label, "a01" for "a01-step-decay". */
function label(id: string): string {
  return id.split("-")[0]!;
}

/**
 * The student's export `name` of exercises/<id>/exercise.ts, as `{ value }`; or `undefined` after
 * printing exactly one line when the file is missing or does not compile.
 */
function load(id: string, name: string): { value: unknown } | undefined {
  const file = exerciseFile(id);
  if (!existsSync(file)) return skip(id, name, "is not in this checkout");
  try {
    return { value: loadTs(file, new Map())[name] };
  } catch (e) {
    return skip(id, name, oneLine(e));
  }
}

/** Prints the one line saying why the comparison is skipped, and gives `undefined`. */
function skip(id: string, name: string, why: string): undefined {
  console.log(`Exercise ${label(id)} (${name}) ${why} — see exercises/${id}/exercise.ts; skipping the comparison.`);
  return undefined;
}

/**
 * Runs `use` with the student's export `name` from exercises/<id>/exercise.ts and returns its
 * result, or `undefined` after printing exactly one line when the file is missing or does not
 * compile, the export is not a function, or anything `use` calls throws ("not implemented" in a
 * starter). Example:
 *
 *   const mine = student("a01-step-decay", "stepDecay", (f) => ks.map((k) => f(config, k)));
 *   if (mine) { ...plot mine beside the reference... }
 */
export function student<R>(id: string, name: string, use: (fn: StudentFunction) => R): R | undefined {
  const loaded = load(id, name);
  if (!loaded) return undefined;
  const fn = loaded.value;
  if (typeof fn !== "function") return skip(id, name, `has no exported function ${name}`);
  try {
    return use(fn as StudentFunction);
  } catch (e) {
    const message = oneLine(e);
    return skip(id, name, message === "not implemented" ? "not implemented yet" : `threw "${message}"`);
  }
}

/**
 * The student's exported constant `name` from exercises/<id>/exercise.ts (a practice or quiz
 * answer, `null` while unanswered), read afresh on every call; `undefined` after printing exactly
 * one line when the file is missing or does not compile, or has no such export.
 */
export function studentValue(id: string, name: string): unknown {
  const loaded = load(id, name);
  if (!loaded) return undefined;
  if (loaded.value === undefined) return skip(id, name, `has no export ${name}`);
  return loaded.value;
}

/** An error's message on one line, at most 160 characters. */
function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
