/**
 * A vitest pool whose worker threads outlive a test run. vitest's own thread pool ends every
 * worker when a run ends, so each batch would pay the workers' start-up (vitest's runtime, chai,
 * mathjs: about 2 s of CPU per worker) again. Here a worker that finished a run cleanly is parked
 * and handed to the next run, which then only re-evaluates the suite files (vitest invalidates
 * test files before every run). A worker that failed, or was stopped by force, is terminated, and
 * so is one that has served `MAX_RUNS` runs (a long-lived worker's heap slowly grows).
 *
 * It wraps vitest's `ThreadsPoolWorker` and speaks the documented custom-pool protocol: the
 * `start` request of a reused worker and the `stop` request of a parked one are answered here.
 */
import { EventEmitter } from "node:events";
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from "vitest/node";

/** Runs a worker serves before it is replaced. */
const MAX_RUNS = 50;

/** One worker thread and what it has been through. */
interface Slot {
  thread: PoolWorker;
  /** Runs (vitest runners) it has served. */
  runs: number;
  /** The thread answered a `start` request without error (its runtime is set up). */
  ready: boolean;
  dead: boolean;
}

/** The pool: `pool` option of the grader's vitest instance. Close it after closing vitest. */
export class KeptThreads implements PoolRunnerInitializer {
  readonly name = "lrgrader-threads";
  private readonly idle: Slot[] = [];
  private readonly live = new Set<Slot>();

  constructor(private readonly Threads: new (options: PoolOptions) => PoolWorker) {}

  createPoolWorker = (options: PoolOptions): PoolWorker => new KeptThread(this, options);

  /** A parked thread, or a new one. */
  async take(options: PoolOptions): Promise<Slot> {
    let slot: Slot | undefined;
    while ((slot = this.idle.pop()) && slot.dead);
    if (slot) return slot;
    const s: Slot = { thread: new this.Threads(options), runs: 0, ready: false, dead: false };
    await s.thread.start();
    s.thread.on("exit", () => {
      s.dead = true;
      this.live.delete(s);
    });
    this.live.add(s);
    return s;
  }

  park(slot: Slot): void {
    if (!slot.dead) this.idle.push(slot);
  }

  async kill(slot: Slot): Promise<void> {
    this.live.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    if (!slot.dead) {
      slot.dead = true;
      await slot.thread.stop().catch(() => undefined);
    }
  }

  /** Terminates every thread. */
  async close(): Promise<void> {
    await Promise.all([...this.live].map((s) => this.kill(s)));
    this.idle.length = 0;
  }
}

/** What vitest sees: one worker for one run, backed by a slot of the pool. */
class KeptThread implements PoolWorker {
  readonly name = "lrgrader-threads";
  private slot: Slot | null = null;
  private stopRequested = false;
  private readonly events = new EventEmitter();
  private readonly forward = (m: unknown): void => {
    const r = m as { __vitest_worker_response__?: boolean; type?: string; error?: unknown } | null;
    if (this.slot && r?.__vitest_worker_response__ && r.type === "started" && !r.error) this.slot.ready = true;
    this.events.emit("message", m);
  };
  private readonly onError = (e: unknown): void => void this.events.emit("error", e);
  private readonly onExit = (code: unknown): void => void this.events.emit("exit", code);

  constructor(
    private readonly pool: KeptThreads,
    private readonly options: PoolOptions,
  ) {}

  on(event: string, callback: (arg: unknown) => void): void {
    this.events.on(event, callback);
  }

  off(event: string, callback: (arg: unknown) => void): void {
    this.events.off(event, callback);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  async start(): Promise<void> {
    const slot = await this.pool.take(this.options);
    slot.thread.on("message", this.forward);
    slot.thread.on("error", this.onError);
    slot.thread.on("exit", this.onExit);
    this.slot = slot;
  }

  send(message: WorkerRequest): void {
    const slot = this.slot;
    if (!slot) return;
    const reply = (type: "started" | "stopped"): void => void setImmediate(() => this.events.emit("message", { __vitest_worker_response__: true, type }));
    if (message.type === "start" && slot.ready) return reply("started");
    if (message.type === "stop") {
      this.stopRequested = true;
      return reply("stopped");
    }
    slot.thread.send(message);
  }

  /** Parks the thread after a clean run; terminates it after a forced stop (no `stop` request). */
  async stop(): Promise<void> {
    const slot = this.slot;
    this.slot = null;
    if (!slot) return;
    slot.thread.off("message", this.forward);
    slot.thread.off("error", this.onError);
    slot.thread.off("exit", this.onExit);
    if (this.stopRequested && slot.ready && ++slot.runs < MAX_RUNS) this.pool.park(slot);
    else await this.pool.kill(slot);
  }
}
