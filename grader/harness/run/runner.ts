/**
 * The trusted grading process: one long-lived vitest instance (Node API) running the real hidden
 * suites, a broker socket, and one sandboxed student process per submission. A batch of
 * submissions is graded in a single vitest run: each suite declares its tasks once per
 * submission (see suite.ts), so vitest's start-up and module loading are paid once per grader,
 * not once per submission.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Vitest, TestSpecification } from "vitest/node";
import ts from "typescript";
import { BrokerServer, type BrokerRequest } from "./broker";
import { InstructorError } from "../errors";
import { compile, intake, type Compiled, type Intake } from "../intake/prepare";
import { removeStaleFolders } from "../report/files";
import { submissionSha } from "../score/provenance";
import { KeptThreads } from "./pool";
import { DEFAULT_LIMITS, detectIsolation, StudentProcess, type CallResult, type Isolation, type Limits } from "../sandbox/sandbox";
import type { TaskMeta } from "./suite";
import { typeCheck } from "./typecheck";

/** The repository root (grader/harness/run/../../..). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Options of a grader. */
export interface GraderOptions {
  /** Folder of `<id>.hidden.test.ts` suites; default `grader/suites`. */
  suitesDir?: string;
  /** Exercise ids to grade; default every id with a suite in `suitesDir`. */
  exercises?: string[];
  /** "auto" uses bubblewrap when it works here; "process" forces the unsandboxed fallback. */
  isolation?: "auto" | "process";
  /** Overrides of the student-process limits. */
  limits?: Partial<Limits>;
  /** Parallel vitest workers (default 2). */
  workers?: number;
  /** Run the type check (default true). */
  typeCheck?: boolean;
  /** Receives everything each student process writes, by submission key (for leak tests). */
  tap?: (key: string, text: string) => void;
}

/** One task's raw outcome as vitest recorded it. */
export interface TaskOutcome {
  meta: TaskMeta;
  state: "passed" | "failed" | "skipped" | "pending";
  /** Name and message of the first error, if any. */
  error?: { name: string; message: string };
}

/** Everything the trusted side knows after grading one submission. */
export interface RawGrade {
  outcomes: TaskOutcome[];
  /** Per exercise: compile/intake status and type-check messages. */
  compiled: Record<string, Compiled>;
  typeErrors: Record<string, string[]>;
  notes: string[];
  /** Suite files that failed to load (instructor-facing). */
  suiteErrors: string[];
  seconds: number;
  /** SHA-256 of the files the intake read (see provenance.ts). */
  sha256: string;
}

/** After this many timeouts of one export, its remaining calls fail fast. */
const TIMEOUTS_PER_EXPORT = 2;

/** One submission being graded: its compiled files and its student process. */
class Session {
  /** Timeouts per "exercise/export"; a file that hung while loading is recorded as "exercise/". */
  readonly timeouts = new Map<string, number>();
  /** When its calls must have ended (ms since the epoch), from its first call on. */
  private deadline = Infinity;

  constructor(
    readonly compiled: Record<string, Compiled>,
    readonly proc: StudentProcess,
    private readonly limits: Pick<Limits, "submissionCpuMs" | "submissionWallMs">,
  ) {}

  /** Why calls of `req.export` cannot run now, if they cannot. */
  private refusal(req: BrokerRequest): string | null {
    const c = this.compiled[req.exercise];
    if (!c) return `exercise ${req.exercise} is not part of this grading run`;
    if (!c.ok) return c.message;
    if (this.timeouts.has(`${req.exercise}/`)) return "skipped: the file timed out while loading";
    if ((this.timeouts.get(`${req.exercise}/${req.export}`) ?? 0) >= TIMEOUTS_PER_EXPORT) return `skipped: earlier calls to ${req.export} timed out`;
    if (this.proc.cpuUsedMs > this.limits.submissionCpuMs) return `skipped: the submission used up its ${this.limits.submissionCpuMs / 1000} s of CPU time`;
    if (Date.now() > this.deadline) return `skipped: the submission's calls took more than ${this.limits.submissionWallMs / 1000} s in all`;
    return null;
  }

  /**
   * One result per item, as if each item were called on its own in order: when the student
   * process dies at an item (timeout, crash, exit), the following items run in a new process,
   * unless the guards above now refuse them.
   */
  async answer(req: BrokerRequest): Promise<CallResult[]> {
    const out: CallResult[] = [];
    while (out.length < req.items.length) {
      const refused = this.refusal(req);
      if (refused) {
        while (out.length < req.items.length) out.push({ ok: false, error: refused });
        break;
      }
      if (this.deadline === Infinity) this.deadline = Date.now() + this.limits.submissionWallMs;
      const got = await this.proc.request(req.kind, `${req.exercise}/exercise.js`, req.export, req.items.slice(out.length), this.limits.submissionCpuMs - this.proc.cpuUsedMs, this.deadline);
      out.push(...got);
      const last = got[got.length - 1];
      if (last && !last.ok && last.timedOut === "load") this.timeouts.set(`${req.exercise}/`, 1);
      else if (last && !last.ok && last.timedOut === "run") {
        const k = `${req.exercise}/${req.export}`;
        this.timeouts.set(k, (this.timeouts.get(k) ?? 0) + 1);
      }
    }
    return out;
  }
}

/** A submission to grade: a unique key, a directory or .zip path, and its intake if already read. */
export interface SubmissionRef {
  key: string;
  path: string;
  intake?: Intake;
}

/** The long-lived trusted grader. Create with `Grader.create`, close with `close()`. */
export class Grader {
  private batchNo = 0;
  private cleanups: Promise<void>[] = [];

  private constructor(
    readonly exercises: string[],
    readonly suiteFiles: string[],
    readonly isolation: Isolation,
    private readonly limits: Limits,
    private readonly vitest: Vitest,
    private readonly pool: KeptThreads,
    private readonly specs: TestSpecification[],
    private readonly broker: BrokerServer,
    private readonly workDir: string,
    private readonly runtimeDir: string,
    private readonly doTypeCheck: boolean,
    private readonly tap: GraderOptions["tap"],
  ) {}

  static async create(options: GraderOptions = {}): Promise<Grader> {
    const suitesDir = path.resolve(options.suitesDir ?? path.join(REPO_ROOT, "grader", "suites"));
    const exercises = options.exercises ?? listExercises(suitesDir);
    const suiteFiles = exercises.map((id) => path.join(suitesDir, `${id}.hidden.test.ts`));
    for (const f of suiteFiles) if (!fs.existsSync(f)) throw new Error(`no hidden suite ${f}`);
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const isolation = detectIsolation(options.isolation ?? "auto", limits);

    // Work area: traversable (0711) so the sandbox uid can reach the bound folders, not listable.
    // Named with the pid, so the next grader removes the work area of one killed with kill -9.
    removeStaleFolders(os.tmpdir(), "lrgrader-");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `lrgrader-${process.pid}-`));
    fs.chmodSync(workDir, 0o711);
    const runtimeDir = path.join(workDir, `runtime-${rand()}`);
    fs.mkdirSync(runtimeDir, { mode: 0o755 });
    for (const name of ["codec", "frozen", "student-runtime"]) {
      const src = fs.readFileSync(path.join(__dirname, "..", "sandbox", `${name}.ts`), "utf8");
      const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(path.join(runtimeDir, `${name}.js`), js, { mode: 0o644 });
    }
    const brokerDir = path.join(workDir, `broker-${rand()}`);
    fs.mkdirSync(brokerDir, { mode: 0o700 });
    const broker = new BrokerServer(path.join(brokerDir, "s"));
    await broker.listen();

    // vitest/node is ESM-only: a dynamic import works from both tsx (CommonJS) and vitest.
    const { createVitest, ThreadsPoolWorker } = await import("vitest/node");
    // Worker threads are kept from one run to the next (see pool.ts).
    const pool = new KeptThreads(ThreadsPoolWorker);
    const vitest = await createVitest(
      "test",
      {
        config: false,
        root: REPO_ROOT,
        include: suiteFiles.map((f) => path.relative(REPO_ROOT, f)),
        watch: false,
        pool,
        isolate: false,
        maxWorkers: options.workers ?? 2,
        fileParallelism: true,
        maxConcurrency: 16,
        testTimeout: 120_000,
        hookTimeout: 120_000,
        reporters: [{}],
        silent: true,
        printConsoleTrace: false,
      },
      { server: { watch: null } },
    );
    const project = vitest.getRootProject();
    const specs = suiteFiles.map((f) => project.createSpecification(f));
    return new Grader(exercises, suiteFiles, isolation, limits, vitest, pool, specs, broker, workDir, runtimeDir, options.typeCheck ?? true, options.tap);
  }

  /** Grades a batch of submissions in one vitest run; returns raw outcomes by key. */
  async gradeBatch(subs: SubmissionRef[]): Promise<Map<string, RawGrade>> {
    const t0 = Date.now();
    const batch = path.join(this.workDir, `batch-${++this.batchNo}-${rand()}`);
    fs.mkdirSync(batch, { mode: 0o711 });
    const sessions = new Map<string, { session: Session; raw: RawGrade; dir: string }>();
    const typeChecks: Promise<void>[] = [];
    try {
      for (const [i, sub] of subs.entries()) {
        const dir = path.join(batch, `${i}-${rand()}`);
        const raw: RawGrade = { outcomes: [], compiled: {}, typeErrors: {}, notes: [], suiteErrors: [], seconds: 0, sha256: "" };
        try {
          const got = sub.intake ?? (await intake(sub.path, this.exercises));
          raw.sha256 = submissionSha(got);
          raw.notes.push(...got.notes);
          raw.compiled = compile(got, dir);
          // The type check runs in a worker thread, alongside the vitest run.
          if (this.doTypeCheck) typeChecks.push(typeCheck(got).then((errors) => void (raw.typeErrors = errors)));
        } catch (e) {
          raw.notes.push(`the submission could not be read: ${(e as Error).message}`);
          raw.sha256 = "unreadable";
          for (const id of this.exercises) raw.compiled[id] = { ok: false, message: "the submission could not be read", notes: [] };
          fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
        }
        const session = new Session(raw.compiled, new StudentProcess(dir, this.runtimeDir, this.isolation, this.limits, this.tap && ((text) => this.tap!(sub.key, text))), this.limits);
        this.broker.register(sub.key, (req) => session.answer(req));
        sessions.set(sub.key, { session, raw, dir });
      }
      this.vitest.provide("lrgrader", { socket: this.broker.socketPath, submissions: subs.map((s) => s.key) });
      const result = await this.vitest.runTestSpecifications(this.specs);
      for (const mod of result.testModules) {
        const errs = mod.errors();
        if (errs.length) for (const s of sessions.values()) s.raw.suiteErrors.push(`${path.basename(mod.moduleId)}: ${errs[0]!.message}`);
        for (const t of mod.children.allTests()) {
          const meta = t.meta().lrgrader;
          if (!meta) continue;
          const s = sessions.get(meta.sub);
          if (!s) continue;
          const r = t.result();
          const e = r.errors?.[0];
          s.raw.outcomes.push({ meta, state: r.state, ...(e ? { error: { name: String(e.name ?? "Error"), message: String(e.message ?? "") } } : {}) });
        }
      }
      await Promise.all(typeChecks);
    } finally {
      for (const key of sessions.keys()) this.broker.unregister(key);
      await Promise.all([...sessions.values()].map((s) => s.session.proc.close()));
      // Removing the compiled files is off the critical path; close() waits for it.
      this.cleanups.push(fs.promises.rm(batch, { recursive: true, force: true }).catch(() => undefined));
    }
    const seconds = (Date.now() - t0) / 1000 / Math.max(1, subs.length);
    const out = new Map<string, RawGrade>();
    for (const [key, s] of sessions) out.set(key, { ...s.raw, seconds });
    return out;
  }

  /** Collects the tasks the suites declare (for the manifest), without running them. */
  async collectTasks(): Promise<TaskMeta[]> {
    this.vitest.provide("lrgrader", { socket: this.broker.socketPath, submissions: ["manifest"] });
    const result = await this.vitest.collectTests(this.specs);
    const tasks: TaskMeta[] = [];
    for (const mod of result.testModules) {
      const errs = mod.errors();
      // An instructor's mistake (a suite that does not compile or declares a bad task): one line.
      if (errs.length) throw new InstructorError(`the hidden suite ${path.relative(process.cwd(), mod.moduleId)} does not load: ${errs[0]!.message.split("\n")[0]}`);
      for (const t of mod.children.allTests()) {
        const meta = t.meta().lrgrader;
        if (meta) tasks.push(meta);
      }
    }
    return tasks;
  }

  async close(): Promise<void> {
    await Promise.all(this.cleanups);
    await this.vitest.close();
    await this.pool.close();
    await this.broker.close();
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Exercise ids with a hidden suite in `suitesDir`, sorted. */
export function listExercises(suitesDir: string): string[] {
  return fs
    .readdirSync(suitesDir)
    .filter((f) => f.endsWith(".hidden.test.ts"))
    .map((f) => f.replace(/\.hidden\.test\.ts$/, ""))
    .sort();
}

function rand(): string {
  return randomBytes(6).toString("hex");
}
