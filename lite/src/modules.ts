// The modules a lesson cell can import in the browser kernel: the same files the tslab edition
// loads (the course library, the lessons' helpers), bundled into the worker, under the specifiers
// the lessons use. A cell's `import … from "./src/index"` gets this table's entry.
import * as library from "../../src/index";
import * as check from "../../notebooks/lib/check";
import * as compare from "../../notebooks/lib/compare";
import * as liveModule from "../../notebooks/lib/live";
import * as plot from "../../notebooks/lib/plot";
import * as student from "../../notebooks/lib/student";
import * as traces from "../../notebooks/lib/traces";
import * as expression from "../../exercises/lib/expression";
import * as mathjs from "mathjs";
import * as fs from "./node/fs";
import * as zlib from "./node/zlib";
import * as path from "path";
import * as tslab from "./node/tslab";
import { hidingCellNames } from "./names";

// A live figure's compute function is checked in the kernel by re-making it from its source text:
// with the cells' names hidden, so that a name from the notebook fails there, as in tslab.
const live = { ...liveModule, live: hidingCellNames(liveModule.live), prepareLive: hidingCellNames(liveModule.prepareLive) };

const TABLE: Record<string, unknown> = {
  "./src/index": library,
  "./lib/check": check,
  "./lib/compare": compare,
  "./lib/live": live,
  "./lib/plot": plot,
  "./lib/student": student,
  "./lib/traces": traces,
  "./exercises/lib/expression": expression,
  mathjs,
  fs,
  zlib,
  path,
  tslab,
};

/** The module a cell or a student's file imports by `spec` ("./src/index.ts" is "./src/index"); throws like Node when there is none. */
export function requireModule(spec: string): unknown {
  const key = spec.replace(/^node:/, "").replace(/\.(ts|js)$/, "");
  // A student's file reaches the library by its path ("../../src/random"): every module of src/ is in its index.
  const found = TABLE[key] ?? TABLE[`${key}/index`] ?? (/(^|\/)src\/[\w/-]+$/.test(key) ? library : undefined);
  if (found === undefined) {
    const error = new Error(`Cannot find module '${spec}' in the browser edition (it has: ${Object.keys(TABLE).join(", ")})`) as Error & { code: string };
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return found;
}

/** `import x from "m"`: the module's default export, or the module itself when it has none (esModuleInterop). */
requireModule.default = (m: unknown): unknown =>
  m && typeof m === "object" && (m as { __esModule?: boolean }).__esModule ? (m as { default?: unknown }).default : m;
