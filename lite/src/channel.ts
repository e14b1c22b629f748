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

/** Sends a message to the page now. */
function send(message: FromWorker): void {
  (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(message);
}

/**
 * Most stream text one request may send: past it, the rest is dropped with one line saying so. A
 * cell printing in an endless loop would otherwise flood the page until the tab crashes (Jupyter's
 * server protects the tslab edition the same way, with its IOPub data rate limit).
 */
export const STREAM_LIMIT = 1_000_000;
/**
 * Stream text is sent in pieces, not a message per line (the page re-renders a cell's whole text
 * for each): when it reaches this many characters, 30 ms after it was written, or, while a cell
 * computes without pause, half a second after the last piece (so progress lines still show).
 */
const PIECE = 262_144;
let lastFlush = 0;

type Stream = Extract<FromWorker, { type: "stream" }>;
let pending: Stream | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
const streamed = { id: -1, chars: 0, stopped: false };

/** Sends the stream text waiting to be sent. */
function flush(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (pending) send(pending);
  pending = undefined;
  lastFlush = performance.now();
}

/** Adds stream text to what waits to be sent (consecutive text of one stream goes as one message). */
function stream(message: Stream): void {
  if (streamed.id !== message.id) Object.assign(streamed, { id: message.id, chars: 0, stopped: false });
  if (streamed.stopped) return;
  let text = message.text;
  if (streamed.chars + text.length > STREAM_LIMIT) {
    text = text.slice(0, STREAM_LIMIT - streamed.chars);
    streamed.stopped = true;
  }
  streamed.chars += text.length;
  if (pending && (pending.id !== message.id || pending.name !== message.name)) flush();
  pending = pending ? { ...pending, text: pending.text + text } : { ...message, text };
  if (streamed.stopped) {
    flush();
    const note = `\n[output stopped: this cell printed more than ${STREAM_LIMIT / 1e6} MB of text, more than the page can show; it runs on until it ends or Kernel > Interrupt stops it]\n`;
    send({ type: "stream", id: message.id, name: "stderr", text: note });
  } else if (pending.text.length >= PIECE || performance.now() - lastFlush > 500) flush();
  else timer ??= setTimeout(flush, 30);
}

/** Sends a message to the page: stream text in pieces (see STREAM_LIMIT), anything else at once, after the text before it. */
export function post(message: FromWorker): void {
  if (message.type === "stream") return stream(message);
  flush();
  send(message);
}
