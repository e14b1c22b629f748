// Messages between the page's kernel (lite/src/kernel.ts) and its worker (lite/src/worker.ts).

/** Page → worker. */
export type ToWorker =
  | { type: "init"; filesUrl: string }
  | { type: "execute"; id: number; code: string; files?: Record<string, string> }
  | { type: "check"; id: number; exercise: string; files: Record<string, string> };

/** A MIME bundle, as Jupyter's display_data carries it. */
export type MimeBundle = Record<string, string>;

/** Worker → page. */
export type FromWorker =
  | { type: "ready" }
  | { type: "stream"; id: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; id: number; data: MimeBundle }
  | { type: "result"; id: number; data: MimeBundle }
  | { type: "error"; id: number; ename: string; evalue: string; traceback: string[] }
  | { type: "done"; id: number; status: "ok" | "error" }
  | { type: "checked"; id: number; results: import("./public-tests").PublicResult[] };

/** The request the worker is running (output belongs to it). */
export let current = 0;

/** Sets the request the worker is running. */
export function setCurrent(id: number): void {
  current = id;
}

/** Sends a message to the page. */
export function post(message: FromWorker): void {
  (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(message);
}
