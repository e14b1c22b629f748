// The browser edition (JupyterLite): `buildLite(out)` writes a static site to `out` that runs every
// lesson in the browser with the course's TypeScript kernel. `npm run site` builds it into site/lite/
// beside the static pages; `npx tsx scripts/lite.ts <out> [--production]` builds it alone.
//
//   out/lab/index.html        JupyterLab (lite/app/), its page config set from its own address, so
//                             the site works under any path
//   out/build/                the app bundle (rspack), settings schemas (schemas/all.json), theme
//   out/course/               the kernel's worker (kernel.worker.js: the course library, the
//                             lessons' helpers, vitest's expect) and typescript.js; web/ holds
//                             plotly.js and course-lib.js for figures
//   out/files/, out/api/contents/   the course as JupyterLite serves files: the lessons at the
//                             top, exercises/ (starters and public tests), data/; an all.json
//                             listing per folder
// The lite/ folder has its own package.json (JupyterLab's packages are needed only here), installed
// by scripts/setup.sh --for site (npm run site) or --for test.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { ACCESSIBLE_CSS } from "./colours";
import { ensureNotebookLib, WEB } from "./notebook-lib";

const ROOT = join(__dirname, "..");
const LITE = join(ROOT, "lite");

/** Fails with the fix when lite/'s packages are not installed (scripts/setup.sh installs them for site and test). */
function requireLiteDependencies(): void {
  if (!existsSync(join(LITE, "node_modules", ".package-lock.json"))) {
    throw new Error("lite/node_modules is missing: run bash scripts/setup.sh --for site (npm run site does)");
  }
}

/** The .ts file of a module path without extension (`src/index` → src/index.ts; a folder → its index.ts). */
function tsModule(path: string): string {
  return existsSync(`${path}.ts`) ? `${path}.ts` : join(path, "index.ts");
}

/** The kernel's worker and the compiler it loads, into `dir`. */
async function buildWorker(dir: string, production: boolean): Promise<void> {
  const esbuild = await import("esbuild");
  const shim = (name: string): string => join(LITE, "src", "node", name);
  await esbuild.build({
    entryPoints: [join(LITE, "src", "worker.ts")],
    outfile: join(dir, "kernel.worker.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: production,
    legalComments: "none",
    logLevel: "error",
    nodePaths: [join(LITE, "node_modules")],
    alias: {
      tslab: shim("tslab.ts"), fs: shim("fs.ts"), zlib: shim("zlib.ts"), vm: shim("vm.ts"), module: shim("module.ts"),
      crypto: shim("crypto.ts"), typescript: shim("typescript.cjs"), vitest: join(LITE, "src", "vitest.ts"), path: "path-browserify",
    },
    inject: [shim("globals.ts")],
    define: { __dirname: '"/lib"', "process.env.NODE_ENV": '"production"' },
    // The lessons' helpers import the library as ../src/… (notebooks/src links to its compiled copy): use src/ itself, one copy.
    plugins: [{
      name: "one-library",
      setup(build) {
        build.onResolve({ filter: /^\.\.\/src\// }, (args) =>
          args.importer.startsWith(join(ROOT, "notebooks", "lib")) ? { path: tsModule(join(ROOT, args.path.slice(3))) } : undefined);
      },
    }],
    banner: { js: 'importScripts("typescript.js");' },
  });
  // TypeScript's compiler, minified once (about 9 MB → 3.4 MB); it defines the global `ts` the worker uses.
  const tsFile = require.resolve("typescript/lib/typescript.js");
  await esbuild.build({ entryPoints: [tsFile], outfile: join(dir, "typescript.js"), minify: true, legalComments: "none", logLevel: "error", format: "iife", globalName: "ts" });
}

/** The page that starts JupyterLab, its configuration computed from its own address (any subpath works). */
function labPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Learning-rate schedules and adaptive optimizers · in the browser</title>
<script id="jupyter-config-data" type="application/json">{}</script>
<script>
(function () {
  // themesUrl and licensesUrl are relative: JupyterLab prefixes them with baseUrl itself.
  var base = location.pathname.replace(/lab\\/(index\\.html)?$/, "");
  document.getElementById("jupyter-config-data").textContent = JSON.stringify({
    appName: "JupyterLite", appVersion: "0.8.3", baseUrl: base, appUrl: base + "lab",
    settingsUrl: base + "build/schemas", themesUrl: "build/themes", fullStaticUrl: base + "build",
    fullLabextensionsUrl: base + "extensions", licensesUrl: "lab/api/licenses",
    contentsAllJsonFile: "all.json", defaultKernelName: "tslab", federated_extensions: [],
    litePluginSettings: {}, settingsOverrides: {}, exposeAppInBrowser: "true", treePath: "tree"
  });
})();
</script>
<script defer src="../build/bundle.js"></script>
${ACCESSIBLE_CSS}
</head>
<body></body>
</html>
`;
}

/** A contents model of a file or folder, without its content, as api/contents/…/all.json lists it. */
function model(path: string, full: string): Record<string, unknown> {
  const stat = statSync(full);
  const name = path.split("/").pop()!;
  const type = stat.isDirectory() ? "directory" : name.endsWith(".ipynb") ? "notebook" : "file";
  const mimetype = type === "directory" ? null : type === "notebook" ? "application/x-ipynb+json"
    : name.endsWith(".gz") ? "application/gzip" : name.endsWith(".json") ? "application/json" : "text/plain";
  return { name, path, type, mimetype, format: null, content: null, size: type === "directory" ? null : stat.size,
    writable: true, created: stat.mtime.toISOString(), last_modified: stat.mtime.toISOString() };
}

/** Copies the course's files to out/files/ and writes out/api/contents/<folder>/all.json for each folder. */
function writeContents(out: string): void {
  const files = join(out, "files");
  const copy = (from: string, to: string, filter: (src: string) => boolean = () => true): void =>
    cpSync(from, join(files, to), { recursive: true, dereference: true, filter });
  for (const name of readdirSync(join(ROOT, "notebooks")).filter((n) => n.endsWith(".ipynb"))) copy(join(ROOT, "notebooks", name), name);
  copy(join(ROOT, "exercises"), "exercises", (src) => !/vitest\.config|node_modules/.test(src));
  copy(join(ROOT, "data", "digits"), "data/digits");
  const index = (dir: string): void => {
    const path = relative(files, dir).split("\\").join("/");
    const entries = readdirSync(dir).sort().map((name) => model(path ? `${path}/${name}` : name, join(dir, name)));
    const listing = { ...model(path, dir), name: path.split("/").pop() ?? "", path, content: entries };
    const target = join(out, "api", "contents", path, "all.json");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(listing));
    for (const e of entries) if (e.type === "directory") index(join(dir, String(e.name)));
  };
  index(files);
}

/** Builds the browser edition into `out` (replacing it). Development mode unless `production`. */
export async function buildLite(out: string, options: { production?: boolean } = {}): Promise<void> {
  requireLiteDependencies();
  await ensureNotebookLib();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "lab"), { recursive: true });
  await buildWorker(join(out, "course"), options.production ?? false);
  cpSync(WEB, join(out, "course", "web"), { recursive: true });
  writeContents(out);
  writeFileSync(join(out, "lab", "index.html"), labPage());
  // English only: the translation service's list of languages, and its (empty) English bundle.
  mkdirSync(join(out, "api", "translations"), { recursive: true });
  writeFileSync(join(out, "api", "translations", "all.json"), JSON.stringify({ data: { en: { displayName: "English", nativeName: "English" } }, message: "" }));
  writeFileSync(join(out, "api", "translations", "en.json"), JSON.stringify({ data: {}, message: "" }));
  writeFileSync(join(out, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course in the browser</title><meta http-equiv="refresh" content="0; url=lab/index.html"></head><body><a href="lab/index.html">Open the course in the browser</a></body></html>\n`);
  // rspack is lite/'s dependency, not the repository's: typed here by the little this file uses.
  type Stats = { hasErrors(): boolean; toString(options: object): string };
  type Rspack = (configs: unknown[], done: (error: Error | null, stats?: Stats) => void) => void;
  const liteRequire = createRequire(join(LITE, "package.json"));
  const { rspack } = liteRequire("@rspack/core") as { rspack: Rspack };
  const { configs } = liteRequire("./rspack.config.js") as { configs(out: string, mode: string): unknown[] };
  const stats = await new Promise<Stats | undefined>((resolve, reject) =>
    rspack(configs(out, options.production ? "production" : "development"), (error, result) => (error ? reject(error) : resolve(result))));
  if (!stats || stats.hasErrors()) {
    throw new Error(`the JupyterLab bundle did not build:\n${stats?.toString({ all: false, errors: true }) ?? "no stats"}`);
  }
}

if (require.main === module) {
  const [out, ...flags] = process.argv.slice(2);
  if (!out) {
    console.error("usage: npx tsx scripts/lite.ts <out dir> [--production]");
    process.exit(2);
  }
  buildLite(join(process.cwd(), out), { production: flags.includes("--production") }).catch((e) => {
    console.error(`lite: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
