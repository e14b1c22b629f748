/**
 * The API hidden suites are written in (see docs/exercise-and-harness-contract.md):
 * `exercise(id, body)` declares one exercise's suite, `task(part, title, points, fn, options)`
 * one scored test, and the handle `s` calls into the student's sandboxed process.
 *
 * The grading process tells the suites which submissions to grade through vitest's `provide`
 * (key `lrgrader`); `exercise` declares the body once per submission, each with its own handle,
 * so one vitest run grades a whole batch.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, inject, test } from "vitest";
import { answersDigest } from "../feedback/digest";
import { CHECK_SEPARATOR, shownToStudent } from "../feedback/explain";
import { BrokerClient } from "./broker";
import { decode, encode, NotPlainData, refusedValue } from "../sandbox/codec";
import type { CallResult } from "../sandbox/sandbox";

/** Gradescope visibility of a test. */
export type Visibility = "visible" | "hidden" | "after_due_date" | "after_published";

/** Options of a task. */
export interface TaskOptions {
  /** Gradescope visibility; default "after_published" (title and pass/fail only). */
  visibility?: Visibility;
}

/** What the grading process provides to the suites. */
export interface GradeContext {
  /** Path of the broker's Unix socket. */
  socket: string;
  /** Keys of the submissions graded in this run. */
  submissions: string[];
}

declare module "vitest" {
  interface ProvidedContext {
    lrgrader: GradeContext;
  }
}

/** The metadata every task carries to the grading process (vitest test meta, key `lrgrader`). */
export interface TaskMeta {
  sub: string;
  exercise: string;
  part: string;
  title: string;
  points: number;
  visibility: Visibility;
  /** Set when the task has run: the digest of the answers it received (see feedback/digest.ts). */
  answers?: string;
}

declare module "vitest" {
  interface TaskMeta {
    lrgrader?: import("./suite").TaskMeta;
  }
}

/**
 * A failure caused by the student's code; its message is shown to the student as `shownToStudent`
 * allows (`verbatim` for a message the harness wrote whole). It carries no stack frames: they
 * would only point into the harness, and vitest would read and source-map every file they name
 * for each failed task.
 */
export class StudentError extends Error {
  constructor(
    message: string,
    readonly verbatim = false,
  ) {
    // No stack trace is captured at all (it would be replaced below): thousands of these are made per batch.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = "StudentError";
    this.stack = `StudentError: ${message}`;
  }
}

/** The results of `callMany`, one per argument list, in order. */
export class CallResults {
  /** `items`: the wire results from the student process, one per call. */
  constructor(readonly items: ReadonlyArray<CallResult>) {}

  /** Number of calls. */
  get length(): number {
    return this.items.length;
  }

  /** The (0-based) arguments the i-th call changed in place. */
  mutated(i: number): number[] {
    const r = this.items[i];
    return r?.ok ? r.mutated ?? [] : [];
  }

  /** The i-th call's plain-data result (decoded afresh); throws its `StudentError` if that call failed. */
  get(i: number): unknown {
    if (!(i >= 0 && i < this.items.length)) throw new Error(`hidden suite bug: no call ${i} in a batch of ${this.items.length}`);
    const r = this.items[i] ?? { ok: false, error: "grader channel closed" };
    if (!r.ok) throw new StudentError(r.error);
    try {
      return decode(r.value);
    } catch (e) {
      throw new StudentError(e instanceof NotPlainData ? refusedValue(e) : "returned a value that is not plain data (malformed)");
    }
  }
}

/** The handle a suite body receives: the submission being graded. */
export interface Submission {
  /** Calls the exported function with JSON-serialised args; resolves to its plain-data result. */
  call(exportName: string, ...args: unknown[]): Promise<unknown>;
  /**
   * `call` for a function whose statement says it does not modify its arguments: fails with a
   * `StudentError` naming the argument when the student process saw the call change it.
   */
  callPure(exportName: string, ...args: unknown[]): Promise<unknown>;
  /**
   * Calls the exported function once per argument list, in order, in one round trip; each call
   * behaves exactly as `call` would (own seed, own time limit, own error), and a failing call does
   * not stop the others. Read each result with `get(i)` where `await call(…)` would have been.
   */
  callMany(exportName: string, argsList: unknown[][]): Promise<CallResults>;
  /** The exported constant, as plain data. */
  value(exportName: string): Promise<unknown>;
}

const VISIBILITIES = new Set<Visibility>(["visible", "hidden", "after_due_date", "after_published"]);
let client: BrokerClient | null = null;

/** The answers the running task of one submission has received so far. */
interface Recorder {
  answers: CallResult[];
}

/** The first failed check of the running task, if any (see `softFail`). */
const running = new AsyncLocalStorage<{ failure: Error | null }>();

/**
 * Records a failed value check of the running task and lets the task go on: every call the task
 * makes is then answered and recorded, the evidence a known mistake is matched on (see
 * feedback/digest.ts), and the task fails at its end with its first failed check. Outside a task
 * it throws at once. `what` names the value checked ("state.params[1]", "step T"), `detail` what is
 * wrong with it; the message is `${what}${CHECK_SEPARATOR}${detail}` (see feedback/explain.ts).
 */
export function softFail(what: string, detail: string): void {
  const e = new Error(`${what}${CHECK_SEPARATOR}${detail}`);
  e.name = "AssertionError";
  const state = running.getStore();
  if (!state) throw e;
  state.failure ??= e;
}

let current: { sub: string; exercise: string; titles: Set<string>; recorder: Recorder } | null = null;

function handle(socket: string, sub: string, exercise: string, recorder: Recorder): Submission {
  if (!client || (client as unknown as { socketPath: string }).socketPath !== socket) client = new BrokerClient(socket);
  const c = client;
  const request = async (kind: "call" | "value", exportName: string, argsList: unknown[][]): Promise<CallResults> => {
    let items: unknown[][];
    try {
      items = argsList.map((args) => args.map((a) => encode(a)));
    } catch (e) {
      throw new Error(`hidden suite bug: argument is not plain data (${(e as Error).message})`);
    }
    const results = await c.request({ sub, exercise, kind, export: exportName, items });
    return new CallResults(items.map((_, i) => results[i] ?? { ok: false, error: "grader channel closed" }));
  };
  // An exported constant is read from the student process once per handle (wire form, decoded
  // afresh for every reader); a failed read is not remembered.
  const values = new Map<string, Promise<CallResults>>();
  const value = (exportName: string): Promise<CallResults> => {
    let p = values.get(exportName);
    if (!p) {
      p = request("value", exportName, [[]]).then((r) => {
        try {
          r.get(0);
        } catch {
          values.delete(exportName);
        }
        return r;
      });
      values.set(exportName, p);
    }
    return p;
  };
  const recorded = (r: CallResults): CallResults => {
    recorder.answers.push(...r.items);
    return r;
  };
  return {
    call: async (exportName, ...args) => recorded(await request("call", exportName, [args])).get(0),
    callPure: async (exportName, ...args) => {
      const r = recorded(await request("call", exportName, [args]));
      const value = r.get(0);
      const i = r.mutated(0)[0];
      if (i !== undefined) throw new StudentError(`${exportName} changed its argument ${i + 1} in place; the statement says it must not modify its arguments (work on a copy)`, true);
      return value;
    },
    callMany: async (exportName, argsList) => recorded(await request("call", exportName, argsList)),
    value: async (exportName) => recorded(await value(exportName)).get(0),
  };
}

/** Declares the hidden suite of exercise `id`; `body` declares its tasks against the handle. */
export function exercise(id: string, body: (s: Submission) => void): void {
  const ctx = inject("lrgrader");
  if (!ctx) throw new Error("hidden suites run through the grader (npm run grade), which provides the submissions");
  // Submissions run concurrently (each has its own student process); the tasks of one
  // submission run in order, so a stateful answer sees the same call sequence every time.
  for (const sub of ctx.submissions) {
    describe(sub, { concurrent: true }, () => {
      describe(id, { sequential: true }, () => {
        const recorder: Recorder = { answers: [] };
        current = { sub, exercise: id, titles: new Set(), recorder };
        try {
          body(handle(ctx.socket, sub, id, recorder));
        } finally {
          current = null;
        }
      });
    });
  }
}

/** Declares one scored test of the current exercise. */
export function task(part: string, title: string, points: number, fn: () => Promise<void> | void, options: TaskOptions = {}): void {
  if (!current) throw new Error("task() must be called inside exercise()");
  if (!/^([a-z]|[1-9][0-9]*)$/.test(part)) throw new Error(`task part must be a letter a…z or a number, got ${JSON.stringify(part)}`);
  if (!(Number.isFinite(points) && points > 0)) throw new Error(`task points must be positive, got ${points}`);
  const visibility = options.visibility ?? "after_published";
  if (!VISIBILITIES.has(visibility)) throw new Error(`unknown visibility ${JSON.stringify(visibility)}`);
  const key = `${part}: ${title}`;
  if (current.titles.has(key)) throw new Error(`duplicate task title in ${current.exercise}: ${key}`);
  current.titles.add(key);
  const meta: TaskMeta = { sub: current.sub, exercise: current.exercise, part, title, points, visibility };
  const recorder = current.recorder;
  // The tasks of one submission run in order, so the recorder holds this task's answers only.
  test(key, { meta: { lrgrader: meta } }, async ({ task: t }) => {
    recorder.answers = [];
    const state = { failure: null as Error | null };
    try {
      await running.run(state, fn);
    } catch (e) {
      // A failed check comes first; a student's own words are shown only as far as shownToStudent allows.
      if (state.failure) throw state.failure;
      if (e instanceof StudentError && !e.verbatim) throw new StudentError(shownToStudent(e.message), true);
      throw e;
    } finally {
      if (recorder.answers.length > 0) t.meta.lrgrader = { ...meta, answers: answersDigest(recorder.answers) };
    }
    if (state.failure) throw state.failure;
  });
}
