// Running the lesson notebooks headless: list them, execute one through scripts/run_notebook.py on
// the tslab kernel, and turn the runner's JSON report into readable failures.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureNotebookLib } from "./notebook-lib";

/** The repository root (this file lives in scripts/). */
export const ROOT = resolve(__dirname, "..");
/** The lessons folder; notebooks run with this as the kernel's working directory. */
export const NOTEBOOKS = join(ROOT, "notebooks");
/** Where scripts/setup.sh registers the tslab kernel (gitignored). */
export const JUPYTER_PATH = join(ROOT, ".jupyter", "share", "jupyter");
/** The Python with Jupyter that scripts/setup.sh chose (kept in .jupyter/python); else Debian's. */
export const PYTHON = pythonChosen();

function pythonChosen(): string {
  try {
    return readFileSync(join(ROOT, ".jupyter", "python"), "utf8").trim() || "/usr/bin/python3";
  } catch {
    return "/usr/bin/python3";
  }
}

/** One code cell in a runner report. */
export interface CellReport {
  /** Index among all cells of the notebook (markdown included). */
  index: number;
  /** First non-blank line of the cell's source. */
  first_line: string;
  /** The kernel's execute_reply status, or what the runner saw instead. */
  status: "ok" | "error" | "abort" | "no-reply" | "timeout" | "not-sent" | "empty";
  /** The kernel ran it (reply ok/error and the execution counter advanced by one). */
  ran: boolean;
  /** Ran, replied ok, wrote nothing to stderr, produced no error output. */
  ok: boolean;
  execution_count: number | null;
  stdout: string;
  stderr: string;
  errors: string[];
  elapsed_s: number;
}

/** The JSON report scripts/run_notebook.py prints. */
export interface NotebookReport {
  notebook: string;
  ok: boolean;
  kernel_start_s: number;
  total_s: number;
  /** Inconsistencies in the kernel's execution counter. */
  problems: string[];
  cells: CellReport[];
}

/** Sorted paths of the `*.ipynb` files directly in `dir`. */
export function listNotebooks(dir: string = NOTEBOOKS): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join(dir, name));
}

/** The environment Jupyter needs to find the project's tslab kernel. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH };
}

/**
 * Executes `notebook` on the tslab kernel with `cwd` (default: notebooks/) as the kernel's working
 * directory, after rebuilding the notebooks' compiled library if src/ changed; writes the
 * executed notebook to `output` when given. Resolves to the runner's report whether the notebook
 * passed or not; rejects only when the runner itself broke. At most
 * KERNEL_SLOTS kernels run at once across all processes of this checkout (vitest runs test files
 * in parallel), so a notebook's measured time is not inflated by a crowd of kernels.
 */
export async function runNotebook(
  notebook: string,
  options: { cwd?: string; output?: string; cellTimeoutS?: number } = {},
): Promise<NotebookReport> {
  const args = [join(ROOT, "scripts", "run_notebook.py"), notebook, "--cwd", options.cwd ?? NOTEBOOKS];
  if (options.output) args.push("--output", options.output);
  if (options.cellTimeoutS) args.push("--cell-timeout", String(options.cellTimeoutS));
  await ensureNotebookLib(); // notebooks/src links to the compiled library: rebuild it if src/ changed
  const release = await acquireKernelSlot();
  try {
    return await new Promise((resolvePromise, reject) => {
      execFile(PYTHON, args, { env: jupyterEnv(), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
        const exit = error ? (error as { code?: unknown }).code : 0;
        if (exit !== 0 && exit !== 1) {
          reject(new Error(`run_notebook.py failed on ${notebook} (exit ${String(exit)}):\n${stderr}`));
          return;
        }
        try {
          resolvePromise(JSON.parse(stdout) as NotebookReport);
        } catch {
          reject(new Error(`run_notebook.py printed no report for ${notebook}:\n${stderr}\n${stdout}`));
        }
      });
    });
  } finally {
    release();
  }
}

/** Kernels allowed to run at once in this checkout (the machines have two cores). */
export const KERNEL_SLOTS = 2;
const SLOTS_DIR = join(ROOT, "out", "kernel-slots");

/** Waits for a free kernel slot (a directory created atomically; freed if its owner process died). */
async function acquireKernelSlot(): Promise<() => void> {
  mkdirSync(SLOTS_DIR, { recursive: true });
  for (;;) {
    for (let i = 0; i < KERNEL_SLOTS; i++) {
      const slot = join(SLOTS_DIR, String(i));
      try {
        mkdirSync(slot);
      } catch {
        if (!ownerAlive(slot)) rmSync(slot, { recursive: true, force: true });
        continue;
      }
      writeFileSync(join(slot, "pid"), String(process.pid));
      return () => rmSync(slot, { recursive: true, force: true });
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

function ownerAlive(slot: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(slot, "pid"), "utf8"));
  } catch {
    // Just created, its owner writing the pid; or already freed (then try again next round).
    return Date.now() - (statSync(slot, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `task` over `items` with at most `limit` running at once; results keep the input order. */
export function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = () =>
    running < limit ? (running++, Promise.resolve()) : new Promise<void>((go) => waiting.push(go));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return items.map(async (item) => {
    await acquire();
    try {
      return await task(item);
    } finally {
      release();
    }
  });
}

/**
 * One line per failed cell: cell index, the first line of its source, and the kernel's error
 * text (or that the cell did not run); plus the runner's counter problems. Empty when the report is ok.
 */
export function describeFailures(report: NotebookReport): string[] {
  const lines = report.cells
    .filter((cell) => !cell.ok)
    .map((cell) => {
      const head = `cell ${cell.index} \`${cell.first_line}\``;
      if (cell.status === "not-sent") return `${head}: did not run (the run stopped at the failed cell before it)`;
      if (!cell.ran) return `${head}: did not run (kernel reply: ${cell.status})`;
      const text = [tidyStack(cell.stderr).trim(), ...cell.errors].filter(Boolean).join("\n");
      return `${head}: ${text || `status ${cell.status}`}`;
    });
  return [...lines, ...report.problems];
}

/** Drops the stack frames of the kernel's own machinery (vm, tslab), keeping those in project files. */
function tidyStack(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/^\s+at .*(node:|node_modules\/tslab|evalmachine\.<anonymous>)/.test(line))
    .join("\n");
}

/** The lines of a notebook's markdown cells, in order. */
export function markdownLines(notebook: string): string[] {
  const nb = JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells
    .filter((cell) => cell.cell_type === "markdown")
    .flatMap((cell) => [cell.source].flat().join("").split("\n"));
}

/** Cells of a committed notebook that still carry outputs or an execution count (should be none). */
export function uncleanCells(notebook: string): number[] {
  const nb = JSON.parse(readFileSync(notebook, "utf8")) as {
    cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[];
  };
  return nb.cells.flatMap((cell, index) =>
    cell.cell_type === "code" && ((cell.outputs?.length ?? 0) > 0 || cell.execution_count != null) ? [index] : [],
  );
}
