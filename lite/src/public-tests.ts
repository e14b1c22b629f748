// An exercise's public tests, run in the browser for the Check command: exercises/<id>/public.test.ts
// (the site's copy) against the student's exercise.ts (from the browser's storage, sent by the page),
// with vitest's `expect` (lite/src/vitest.ts); each outcome is what `npm run check` reports.
import * as ts from "typescript";
import { publicResult, type PublicResult } from "../../scripts/public-results";
import { readBytes, sitePath } from "./files";
import { requireModule } from "./modules";
import * as publicHelpers from "../../exercises/lib/public";
import * as vitest from "./vitest";

export type { PublicResult };

/** Evaluates a .ts file of the site as a CommonJS module (relative .ts imports load the same way). */
function loadTs(path: string, seen: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const cached = seen.get(path);
  if (cached) return cached;
  const source = readBytes(path)?.toString("utf8");
  if (source === undefined) throw new Error(`Cannot find module '${path}'`);
  const out = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const syntax = (out.diagnostics ?? [])[0];
  if (syntax) {
    const line = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start).line + 1 : 0;
    throw new Error(`does not compile (line ${line}: ${ts.flattenDiagnosticMessageText(syntax.messageText, " ")})`);
  }
  const module = { exports: {} as Record<string, unknown> };
  seen.set(path, module.exports);
  const dir = path.split("/").slice(0, -1).join("/");
  const require = (spec: string): unknown => {
    if (spec === "vitest") return vitest;
    if (spec === "../lib/public") return publicHelpers;
    if (!spec.startsWith(".")) return requireModule(spec);
    const target = sitePath(`${dir}/${spec}`);
    return /(^|\/)src(\/|$)/.test(target) ? requireModule(spec) : loadTs(target.endsWith(".ts") ? target : `${target}.ts`, seen);
  };
  const run = (0, eval)(`(function (exports, require, module) { ${out.outputText}\n})\n//# sourceURL=${path}`) as (
    e: unknown, r: unknown, m: unknown) => void;
  run(module.exports, require, module);
  return module.exports;
}

/** The failure message of a thrown value, as vitest's JSON report starts it ("AssertionError: …", "Error: …"). */
function failure(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs exercises/<id>/public.test.ts; one result per test (or one for a test file that does not load, as `npm run check` reports it). */
export async function runPublicTests(id: string): Promise<PublicResult[]> {
  vitest.takeCollected();
  try {
    loadTs(`exercises/${id}/public.test.ts`, new Map());
  } catch (e) {
    vitest.takeCollected();
    return [{ exercise: id, part: "?", title: "the test file", passed: false, message: publicResult(id, "", false, failure(e)).message }];
  }
  const results: PublicResult[] = [];
  for (const test of vitest.takeCollected()) {
    try {
      await test.run();
      results.push(publicResult(id, test.title, true, ""));
    } catch (e) {
      results.push(publicResult(id, test.title, false, failure(e)));
    }
  }
  return results;
}
