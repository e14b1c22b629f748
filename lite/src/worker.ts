// The browser kernel's worker: runs lesson cells (lite/src/cell.ts) with the course library and the
// lessons' helpers bundled in (lite/src/modules.ts), and runs an exercise's public tests for the
// page's "Check" command (lite/src/public-tests.ts). One worker is one kernel: restarting or
// interrupting the kernel ends the worker and starts a new one.
import * as ts from "typescript";
import { CellSyntaxError, compileCell, grammarError, REQUIRE, SCOPE } from "./cell";
import { post, setCurrent, type ToWorker } from "./channel";
import { sentFiles, setFilesUrl } from "./files";
import { requireModule } from "./modules";
import { cellGlobals } from "./names";
import { runPublicTests } from "./public-tests";
import { format, inspect } from "./inspect";

const global = globalThis as unknown as Record<string, unknown>;
global[SCOPE] = {};
global[REQUIRE] = requireModule;

/** console.log and friends as stdout/stderr of the running request, formatted like Node's. */
function streamConsole(): void {
  const write = (name: "stdout" | "stderr") => (...args: unknown[]): void => {
    const text = format(args) + "\n";
    post({ type: "stream", id: currentId, name, text });
  };
  console.log = console.info = console.debug = write("stdout");
  console.error = console.warn = write("stderr");
}
let currentId = 0;
let cellCount = 0;

/** Top-level names of cells on the global object (names.ts), and those on the scope object (the global had them already): lite/src/cell.ts's CellOptions. */
const scoped = new Set<string>();
const home = (name: string): "global" | "scope" => {
  if (scoped.has(name)) return "scope";
  if (cellGlobals.has(name)) return "global";
  (name in globalThis ? scoped : cellGlobals).add(name);
  return scoped.has(name) ? "scope" : "global";
};

/** Runs one cell and reports its output, result or error. */
async function execute(id: number, code: string): Promise<void> {
  currentId = id;
  setCurrent(id);
  cellCount += 1;
  const file = `cell-${cellCount}.ts`;
  let cellLine: (line: number) => number | undefined = () => undefined;
  try {
    const compiled = compileCell(ts, code, file, { home, scoped });
    cellLine = compiled.cellLine;
    const scope = global[SCOPE] as Record<string, unknown>;
    for (const name of compiled.names) {
      const where = compiled.globalNames.includes(name) ? global : scope;
      if (!(name in where)) where[name] = undefined;
    }
    const value = await (0, eval)(compiled.code);
    // tslab shows a last expression's value unless it is undefined or null.
    if (value != null) post({ type: "result", id, data: { "text/plain": inspect(value) } });
    post({ type: "done", id, status: "ok" });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    // A syntax error JavaScript finds but TypeScript's transpile does not has no line: the checker's grammar checks give it.
    const where = error instanceof CellSyntaxError ? error.line
      : cellLineOf(error, file, cellLine) ?? (error.name === "SyntaxError" ? grammarError(ts, code)?.line : undefined);
    const evalue = error.message;
    const traceback = [`${error.name}: ${evalue}${where ? ` (line ${where} of this cell)` : ""}`];
    post({ type: "error", id, ename: error.name, evalue, traceback });
    post({ type: "done", id, status: "error" });
  }
}

/** The cell's line where `error` was raised (its first stack frame in the cell), if any. */
function cellLineOf(error: Error, file: string, cellLine: (line: number) => number | undefined): number | undefined {
  const frame = new RegExp(`${file.replace(/[.]/g, "[.]")}:(\\d+):\\d+`).exec(error.stack ?? "");
  return frame ? cellLine(Number(frame[1])) : undefined;
}

streamConsole();
// An error thrown in a timer, or a promise rejected with nobody awaiting it: on stderr, as tslab prints them.
self.addEventListener("error", (event: ErrorEvent) => {
  event.preventDefault();
  console.error("UncaughtException:", event.error ?? event.message);
});
self.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) => {
  event.preventDefault();
  console.error("UnhandledPromiseRejection:", event.reason);
});
// TypeScript's first transpile is its slowest (it builds its tables): pay it before the first cell.
compileCell(ts, "const warm: number = 1;");
self.onmessage = (event: MessageEvent<ToWorker>): void => {
  const message = event.data;
  if (message.type === "init") {
    setFilesUrl(message.filesUrl);
    post({ type: "ready" });
  } else if (message.type === "execute") {
    for (const [path, text] of Object.entries(message.files ?? {})) sentFiles.set(path, text);
    queue = queue.then(() => execute(message.id, message.code));
  } else if (message.type === "check") {
    for (const [path, text] of Object.entries(message.files)) sentFiles.set(path, text);
    queue = queue.then(async () => post({ type: "checked", id: message.id, results: await runPublicTests(message.exercise) }));
  }
};
let queue: Promise<void> = Promise.resolve();
