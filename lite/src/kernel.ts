// The browser edition's TypeScript kernel, on the page's side: it speaks Jupyter's protocol to the
// notebook (through JupyterLite's BaseKernel) and runs each cell in its worker (lite/src/worker.ts).
// Before a cell that reads exercises (a lesson comparing the student's code), it sends the
// student's exercise files from the browser's storage, so the cell sees the latest saved edits.
import type { Contents, KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { FromWorker, ToWorker } from "./channel";

/** What the kernel needs besides JupyterLite's options. */
export interface CourseKernelOptions extends IKernel.IOptions {
  /** A new worker (kernel.worker.js), started ahead of time when possible. */
  newWorker: () => Worker;
  /** URL of the site's files folder (".../files/"). */
  filesUrl: string;
  /** The contents manager, for the student's exercise files. */
  contents: Contents.IManager;
}

/** A cell that reads the student's files: it calls the lessons' `student` helpers or names exercises/. */
export function readsExercises(code: string): boolean {
  return /\bstudent(Value)?\s*\(|exercises\//.test(code);
}

/** Text of every .ts file under exercises/ in the browser's storage (the site's copy where the student has none), by path. */
export async function exerciseFiles(contents: Contents.IManager): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (path: string): Promise<void> => {
    const dir = await contents.get(path, { content: true });
    for (const item of (dir.content ?? []) as Contents.IModel[]) {
      if (item.type === "directory") await walk(item.path);
      else if (item.name.endsWith(".ts")) {
        const file = await contents.get(item.path, { content: true, format: "text", type: "file" });
        out[item.path] = String(file.content);
      }
    }
  };
  await walk("exercises");
  return out;
}

export class CourseKernel extends BaseKernel {
  constructor(options: CourseKernelOptions) {
    super(options);
    this.options = options;
    this.start();
  }

  /** Starts a fresh worker (a fresh kernel state). */
  private start(): void {
    this.worker?.terminate();
    this.worker = this.options.newWorker();
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.send({ type: "init", filesUrl: this.options.filesUrl });
  }

  private send(message: ToWorker): void {
    this.worker!.postMessage(message);
  }

  private receive(m: FromWorker): void {
    if (m.type === "ready" || m.type === "checked") return;
    if (m.id !== this.running?.id) return;
    if (m.type === "stream") this.stream({ name: m.name, text: m.text });
    else if (m.type === "display") this.displayData({ data: m.data, metadata: {}, transient: {} });
    else if (m.type === "result") this.publishExecuteResult({ execution_count: this.executionCount, data: m.data, metadata: {} });
    else if (m.type === "error") {
      this.running.error = { ename: m.ename, evalue: m.evalue, traceback: m.traceback };
      this.publishExecuteError(this.running.error);
    } else if (m.type === "done") this.running.finish(m.status);
  }

  /**
   * Stops the running cell. A worker cannot be stopped in the middle of a computation, so the
   * kernel ends it and starts a new one: the cell fails with a message saying that the variables
   * of earlier cells are gone.
   */
  interrupt(): void {
    const running = this.running;
    if (!running) return;
    this.start();
    const evalue = "the cell was stopped by restarting the browser kernel: the variables of earlier cells are gone, so run those cells again";
    const error = { ename: "Interrupted", evalue, traceback: [`Interrupted: ${evalue}`] };
    running.error = error;
    this.publishExecuteError(error);
    running.finish("error");
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.worker?.terminate();
    super.dispose();
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return {
      implementation: "course-typescript",
      implementation_version: "1.0.0",
      language_info: {
        name: "typescript",
        version: "5.9",
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: { name: "javascript", typescript: true },
      },
      protocol_version: "5.3",
      status: "ok",
      banner: "TypeScript in the browser with the course library. This edition does not type-check; the tslab edition does.",
      help_links: [],
    };
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    const id = ++this.requests;
    const files = readsExercises(content.code) ? await exerciseFiles(this.options.contents) : undefined;
    const status = await new Promise<"ok" | "error">((finish) => {
      this.running = { id, finish };
      this.send({ type: "execute", id, code: content.code, files });
    });
    const error = this.running?.id === id ? this.running.error : undefined;
    this.running = undefined;
    if (status === "error" && error) return { status: "error", execution_count: this.executionCount, ...error };
    return { status: "ok", execution_count: this.executionCount, user_expressions: {}, payload: [] } as KernelMessage.IExecuteReplyMsg["content"];
  }

  async completeRequest(): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    return { status: "ok", matches: [], cursor_start: 0, cursor_end: 0, metadata: {} };
  }

  async inspectRequest(): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    return { status: "ok", found: false, data: {}, metadata: {} };
  }

  async isCompleteRequest(): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    return { status: "unknown" };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}
  async commOpen(): Promise<void> {}
  async commMsg(): Promise<void> {}
  async commClose(): Promise<void> {}

  private readonly options: CourseKernelOptions;
  private worker: Worker | undefined;
  private requests = 0;
  private running:
    | { id: number; finish: (status: "ok" | "error") => void; error?: { ename: string; evalue: string; traceback: string[] } }
    | undefined;
}
