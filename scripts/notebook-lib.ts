// The compiled library the notebooks load, built from src/ into notebooks/lib/build/ (gitignored):
//   src/   one CommonJS .js and one .d.ts per module of src/ (notebooks/src links here), so tslab
//          type-checks a cell against declarations instead of compiling the library's TypeScript
//          at every kernel start (about 3 s of the first cell);
//   web/   what the pages load once, from the notebook server (/files/…) or beside a site page:
//          plotly.js (plotly's basic bundle, made to set window.Plotly even where require.js is
//          on the page) and course-lib.js (the whole library for the browser, as window.CourseLib,
//          for live figures).
// `ensureNotebookLib()` rebuilds only when an input changed (a hash of src/, plotly's bundle and
// this file, kept in build/stamp); scripts/setup.sh and `runNotebook` call it. Run it by hand with
// `npx tsx scripts/notebook-lib.ts` (`--force` rebuilds).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "..");
const SRC = join(ROOT, "src");
/** Where the build lives; notebooks/src is a link to `${BUILD}/src`. */
export const BUILD = join(ROOT, "notebooks", "lib", "build");
/** The folder of files the pages load: plotly.js and course-lib.js. */
export const WEB = join(BUILD, "web");
const PLOTLY = require.resolve("plotly.js-basic-dist-min");
/** Folders of src/ that are not part of the notebooks' library (Node-only command line). */
const EXCLUDED = ["cli"];

/** The library's module files: src/**.ts without tests and without the excluded folders. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return dir === SRC && EXCLUDED.includes(e.name) ? [] : sourceFiles(path);
      return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [path] : [];
    });
}

/** A hash of everything the build depends on. */
function inputsHash(): string {
  const hash = createHash("sha256");
  for (const file of [...sourceFiles(), PLOTLY, __filename]) {
    hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  hash.update(require("esbuild/package.json").version as string);
  return hash.digest("hex");
}

/** The build is present and made from the current inputs. */
export function notebookLibFresh(): boolean {
  try {
    return readFileSync(join(BUILD, "stamp"), "utf8").trim() === inputsHash();
  } catch {
    return false;
  }
}

/** Builds into `out` (a fresh folder). */
async function buildInto(out: string): Promise<void> {
  const esbuild = await import("esbuild");
  const ts = await import("typescript");
  const files = sourceFiles();
  // JavaScript for Node (the kernel): one CommonJS file per module, same layout as src/.
  await esbuild.build({
    entryPoints: files, outdir: join(out, "src"), outbase: SRC, bundle: false, format: "cjs",
    platform: "node", target: "node20", sourcemap: "inline", sourcesContent: false, logLevel: "error",
  });
  // Declarations, without type-checking (tsc checks src/ elsewhere).
  const program = ts.createProgram(files, {
    declaration: true, emitDeclarationOnly: true, noCheck: true, skipLibCheck: true,
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ["node"], outDir: join(out, "src"), rootDir: SRC, esModuleInterop: true,
  });
  const emitted = program.emit();
  const errors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" }));
  // The browser's copy of the library, one file, as window.CourseLib.
  await esbuild.build({
    entryPoints: [join(SRC, "index.ts")], outfile: join(out, "web", "course-lib.js"), bundle: true, format: "iife",
    globalName: "CourseLib", platform: "browser", target: "es2020", minify: true, legalComments: "none", logLevel: "error",
  });
  // plotly's UMD wrapper registers with require.js when `define` exists (Jupyter's and nbconvert's
  // pages have it) and then sets no window.Plotly: hide define/module/exports from it.
  writeFileSync(
    join(out, "web", "plotly.js"),
    `(function (define, module, exports) {\n${readFileSync(PLOTLY, "utf8")}\n}).call(window);\n`,
  );
}

/**
 * Rebuilds notebooks/lib/build/ when src/, plotly or this builder changed (about 3–5 s), under a
 * lock so concurrent callers build once. Returns whether it built.
 */
export async function ensureNotebookLib(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && notebookLibFresh()) return false;
  const lock = `${BUILD}.lock`;
  mkdirSync(dirname(BUILD), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is building; a lock older than 2 minutes belongs to a dead one.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }
  try {
    if (!options.force && notebookLibFresh()) return false;
    const hash = inputsHash();
    const tmp = `${BUILD}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await buildInto(tmp);
    writeFileSync(join(tmp, "stamp"), hash + "\n");
    const old = `${BUILD}.old-${process.pid}`;
    if (existsSync(BUILD)) renameSync(BUILD, old);
    renameSync(tmp, BUILD);
    rmSync(old, { recursive: true, force: true });
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const started = performance.now();
  ensureNotebookLib({ force: process.argv.includes("--force") }).then(
    (built) => {
      if (built) console.log(`notebook-lib: built notebooks/lib/build/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    (error: unknown) => {
      console.error(`notebook-lib: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
