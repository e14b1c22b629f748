#!/usr/bin/env node
// The course's tslab kernel: tslab's own `tslab kernel` (same converter, executor and ZeroMQ
// server, from node_modules/tslab), plus a warm-up before it reports ready, so that the first
// cell of a lesson does not pay for loading the compiler's view of the course:
// - the types of ./src/index (the compiled library's declarations, notebooks/lib/build/src) and
//   of the packages that ./lib/*.ts import (e.g. typescript for lib/student.ts), parsed once into
//   tslab's compiler; the warm-up cell's names are not kept, the reader's scope starts empty;
// - the same modules required once, so the first cell finds them in Node's module cache.
// Nothing else changes: any other command (`install`, …) goes to tslab itself. scripts/setup.sh
// registers this file as the kernel's binary. A warm-up failure is ignored (the cell then pays).
"use strict";
const path = require("path");
const fs = require("fs");
const { builtinModules, createRequire } = require("module");

const tslabDir = path.join(__dirname, "..", "node_modules", "tslab");
const args = process.argv.slice(2);
if (args[0] !== "kernel") {
  require(path.join(tslabDir, "dist", "main.js")).main();
} else {
  const at = args.indexOf("--config-path");
  startKernel(at >= 0 ? args[at + 1] : "");
}

/** tslab's startKernel (dist/main.js), with the warm-up between the converter and the server. */
function startKernel(configPath) {
  const { createConverter } = require(path.join(tslabDir, "dist", "converter.js"));
  const { createExecutor } = require(path.join(tslabDir, "dist", "executor.js"));
  const { ZmqServer, JupyterHandlerImpl } = require(path.join(tslabDir, "dist", "jupyter.js"));
  const convs = {
    get node() {
      return (this._node ??= createConverter({ isJS: false, isBrowser: false }));
    },
    get browser() {
      return (this._browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      this._node?.close();
      this._browser?.close();
    },
  };
  warmUp(convs.node, process.cwd());
  const executor = createExecutor(process.cwd(), convs, { log: console.log, error: console.error });
  const server = new ZmqServer(new JupyterHandlerImpl(executor, false), configPath);
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => console.error("UncaughtException:", err));
  process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  server.init();
}

/** Bare package names imported by the .ts files of `dir` (not relative, not Node built-ins, not tslab). */
function packagesImportedBy(dir) {
  const names = new Set();
  let files = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  } catch {
    return [];
  }
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of text.matchAll(/^\s*import\s[^;]*?from\s+["']([^"'./][^"']*)["']/gm)) {
      const name = m[1].startsWith("node:") ? m[1].slice(5) : m[1];
      if (name !== "tslab" && !builtinModules.includes(name)) names.add(m[1]);
    }
  }
  return [...names].sort();
}

function warmUp(converter, cwd) {
  if (!fs.existsSync(path.join(cwd, "src", "index.d.ts"))) return;
  const packages = packagesImportedBy(path.join(cwd, "lib"));
  const specifiers = ["./src/index", ...packages];
  try {
    converter.convert("", specifiers.map((s, i) => `import type * as __warm${i} from ${JSON.stringify(s)};`).join("\n"));
  } catch {
    // the first cell will load them
  }
  const req = createRequire(path.join(cwd, "lib", "_.js"));
  for (const s of ["../src/index", ...packages]) {
    try {
      req(s);
    } catch {
      // likewise
    }
  }
}
