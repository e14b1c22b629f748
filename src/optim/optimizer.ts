/**
 * The optimizer base: parameter groups, learning-rate and momentum schedules, step counting,
 * input validation and a JSON-serialisable state. Each concrete optimizer supplies its slots
 * (per-tensor state arrays) and one update kernel per tensor.
 *
 * Parameters are either one flat `Float64Array` cut into groups by `offset`/`shape` (the layout an
 * `Objective`'s `layers` describe) or an array of `Float64Array`s, one per group.
 */
import type { Schedule } from "../schedules/schedule";
import { ArgumentError, finite, integer, knownKeys, nonNegative, optionsObject } from "../validate";

/** A learning rate (or any per-step hyperparameter): a constant or a Schedule of the 0-based step. */
export type LearningRate = number | Schedule;

/**
 * A parameter group: one tensor of the model (a layer's weight matrix, a bias) with optional
 * per-group hyperparameters. An `Objective`'s `layers` are valid groups as they stand.
 */
export interface ParamGroup {
  /** Tensor shape; `[rows, cols]` marks a matrix (factored by Adafactor, orthogonalised by Muon). */
  readonly shape: readonly number[];
  /** Label used in diagnostics (default `"group i"`). */
  readonly name?: string;
  /** Start of the group in a flat parameter vector (default: right after the previous group). */
  readonly offset?: number;
  /** Multiplier on the optimizer's learning rate for this group (default 1). */
  readonly lrScale?: number;
  /** Weight decay for this group, overriding the optimizer's (commonly 0 for biases and norms). */
  readonly weightDecay?: number;
  /** LARS/LAMB: apply the layer-wise trust ratio to this group (default true). */
  readonly trustRatio?: boolean;
}

/** Parameters or gradients: one flat vector, or one vector per group. */
export type Params = Float64Array | readonly Float64Array[];

/** A hyperparameter as saved with the state. */
export type OptionValue = number | boolean | string | readonly number[];

/** The saved state of an optimizer: plain JSON data (numbers and arrays of numbers). */
export interface OptimizerState {
  /** Which optimizer wrote it (`load` refuses another's state). */
  optimizer: string;
  /**
   * The options that shaped the state (every option but `lr`, defaults filled in, e.g. betas, eps,
   * amsgrad); `load` refuses a state whose options differ from the optimizer's own.
   */
  options: Record<string, OptionValue>;
  /** Number of updates taken. */
  step: number;
  /** Shape of every group, in order. */
  shapes: number[][];
  /** Each slot (`m`, `v`, …) as one number array per group (empty where a group has none). */
  slots: Record<string, number[][]>;
}

/** Per-step figures an optimizer reports for diagnostics (overwritten each step, no allocation). */
export interface StepStats {
  /** Base learning rate used by the last update (before any per-group `lrScale`). */
  lr: number;
  /** Momentum / β₁ used by the last update (NaN for optimizers without one). */
  momentum: number;
  /** Layer-wise trust ratio ‖θ‖/‖u‖ of each group in the last update (NaN where not applied). */
  trustRatio: Float64Array;
}

/** One group resolved against the parameters: its layout, hyperparameters and state slots. */
export interface Tensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly size: number;
  readonly offset: number;
  readonly lrScale: number;
  readonly weightDecay: number;
  readonly trustRatio: boolean;
  readonly slots: Record<string, Float64Array>;
}

/** What every optimizer offers: `step`, `state`/`load`, and its per-step statistics. */
export interface Optimizer {
  /** Optimizer name, e.g. "adamw". */
  readonly name: string;
  /** Number of updates taken so far (the step the next update uses in schedules). */
  readonly stepCount: number;
  /** Figures of the last update: LR, momentum, trust ratios. */
  readonly stats: StepStats;
  /** The resolved groups (null until the first `step` or `load` when no groups were given). */
  readonly tensors: readonly Tensor[] | null;
  /** One update: reads `grads`, updates `params` in place and the state. */
  step(params: Params, grads: Params): void;
  /** The state as plain JSON data; `load(JSON.parse(JSON.stringify(state())))` resumes exactly. */
  state(): OptimizerState;
  /** Restores a state written by `state()` of the same optimizer and shapes. */
  load(state: OptimizerState): void;
  /**
   * Adaptive methods: writes each parameter's effective learning rate (the factor that multiplies
   * the bias-corrected first moment or the gradient, e.g. η/(√v̂+ε) for Adam) into `out` (length =
   * number of parameters) and returns true. Non-adaptive methods return false.
   */
  effectiveLr(out: Float64Array): boolean;
  /** Bytes of optimizer state (8 per Float64 element) for the resolved groups. */
  stateBytes(): number;
}

/**
 * An optimizer's options object, checked: a plain object (undefined reads as `{}`) whose keys are
 * all in `names` (the keys of the options type, listed once); an unknown key is an error naming it
 * and the closest valid key (`weight_decay` → `weightDecay`).
 */
export function optimizerOptions<T extends object>(optimizer: string, o: T | undefined, names: Record<keyof T, true>): T {
  const checked = optionsObject(`${optimizer} options`, o);
  knownKeys(optimizer, checked, Object.keys(names));
  return checked as T;
}

/** Validates a LearningRate-like option: a finite number ≥ 0 or a Schedule (a function). */
export function learningRate(name: string, v: unknown): LearningRate {
  if (typeof v === "function") return v as Schedule;
  return nonNegative(name, v);
}

/** Validates a `[β₁, β₂]` pair with each β in [0, 1). */
export function betas(name: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new ArgumentError(name, v, "a pair [β₁, β₂] with each β in [0, 1)");
  return [beta(`${name}[0]`, v[0]), beta(`${name}[1]`, v[1])];
}

/** Validates a decay rate β in [0, 1). */
export function beta(name: string, v: unknown): number {
  const b = finite(name, v);
  if (b < 0 || b >= 1) throw new ArgumentError(name, v, "a number in [0, 1)");
  return b;
}

/** Number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Base class of every optimizer. Subclasses implement `slotSizes` (the state arrays a tensor of a
 * given shape needs), optionally `prepare` (per-step scalars such as bias corrections) and
 * `update` (the kernel for one tensor).
 */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: string;
  readonly stats: StepStats = { lr: NaN, momentum: NaN, trustRatio: new Float64Array(0) };
  protected t = 0;
  private resolved: Tensor[] | null = null;
  private readonly specs: readonly ParamGroup[] | null;

  constructor(
    protected readonly lr: LearningRate,
    protected readonly weightDecay: number,
    groups: readonly ParamGroup[] | undefined,
  ) {
    this.specs = groups ? checkGroups(groups) : null;
  }

  /** The resolved groups; given groups resolve on first use (subclass fields exist by then). */
  get tensors(): Tensor[] | null {
    if (!this.resolved && this.specs) this.resolved = this.resolve(this.specs.map((g) => g.shape));
    return this.resolved;
  }

  get stepCount(): number {
    return this.t;
  }

  /** The state arrays (name → length) a tensor of this shape needs. */
  protected abstract slotSizes(shape: readonly number[]): Record<string, number>;

  /** Per-step scalars, computed once before the tensors are updated. */
  protected prepare(_step: number): void {}

  /**
   * Updates one tensor: elements `off … off+T.size−1` of `p` from the same elements of `g`. An
   * optimizer whose `checksInUpdate` is true returns the running sum of g·0 over the tensor (0
   * when every entry is finite, NaN otherwise), computed in the same pass; others return 0.
   */
  protected abstract update(T: Tensor, index: number, p: Float64Array, g: Float64Array, off: number, lr: number): number;

  /**
   * True when `update` checks the gradient itself, in its single pass (see `step`); false to
   * have `step` check every gradient before any update, at the cost of one more read of g.
   */
  protected get checksInUpdate(): boolean {
    return false;
  }

  /** The options that shape the state (all but `lr`), saved with it and compared by `load`. */
  protected abstract config(): Record<string, OptionValue>;

  /** Sets a new tensor's initial slot values and scratch buffers (not saved); default: zeros, none. */
  protected initTensor(_T: Tensor): void {}

  effectiveLr(_out: Float64Array): boolean {
    return false;
  }

  /** The learning rate of update `step`, validated. */
  protected lrAt(step: number): number {
    const lr = this.lr;
    if (typeof lr === "number") return lr;
    const v = lr(step);
    if (!Number.isFinite(v) || v < 0) throw new ArgumentError(`lr(${step})`, v, "a schedule value that is finite and ≥ 0");
    return v;
  }

  /** The momentum of update `step`: the schedule's paired momentum when it has one, else `fixed`. */
  protected momentumAt(step: number, fixed: number): number {
    const lr = this.lr;
    if (typeof lr === "number" || !lr.momentum) return fixed;
    const m = lr.momentum(step);
    if (!Number.isFinite(m) || m < 0 || m >= 1) {
      throw new ArgumentError(`lr.momentum(${step})`, m, "a schedule momentum in [0, 1)");
    }
    return m;
  }

  /**
   * One update. A non-finite gradient entry raises an error naming its group and index. The
   * single-pass optimizers (SGD, AdaGrad, RMSProp, Adam, AdamW) check a running sum of g·0 once
   * the pass is done, so the step has then been applied, with NaN/Inf at the bad entries (restore
   * from a checkpoint); the others check before touching parameters or state.
   */
  step(params: Params, grads: Params): void {
    plainNumbers("params", params);
    plainNumbers("grads", grads);
    const flat = params instanceof Float64Array;
    if (flat !== grads instanceof Float64Array) {
      throw new ArgumentError("grads", describe(grads), `the same form as params (${describe(params)})`);
    }
    const ts = this.tensors ?? (this.resolved = this.resolve(flat ? [[params.length]] : (params as readonly Float64Array[]).map((p) => [p.length])));
    checkLengths(ts, params, "params");
    checkLengths(ts, grads, "grads");
    const fused = this.checksInUpdate;
    if (!fused) {
      for (let i = 0; i < ts.length; i++) {
        const T = ts[i]!;
        const g = flat ? (grads as Float64Array) : (grads as readonly Float64Array[])[i]!;
        const off = flat ? T.offset : 0;
        if (!allFinite(g, off, T.size)) throw nonFinite(T, g, off, flat, false);
      }
    }
    const k = this.t;
    const lr = this.lrAt(k);
    this.stats.lr = lr;
    this.prepare(k);
    let bad = -1;
    for (let i = 0; i < ts.length; i++) {
      const T = ts[i]!;
      const p = flat ? (params as Float64Array) : (params as readonly Float64Array[])[i]!;
      const g = flat ? (grads as Float64Array) : (grads as readonly Float64Array[])[i]!;
      const check = this.update(T, i, p, g, flat ? T.offset : 0, lr * T.lrScale);
      if (check !== 0 && bad < 0) bad = i;
    }
    this.t = k + 1;
    if (fused && bad >= 0) {
      const T = ts[bad]!;
      throw nonFinite(T, flat ? (grads as Float64Array) : (grads as readonly Float64Array[])[bad]!, flat ? T.offset : 0, flat, true);
    }
  }

  state(): OptimizerState {
    const ts = this.tensors ?? [];
    const slots: Record<string, number[][]> = {};
    for (const T of ts) {
      for (const key of Object.keys(T.slots)) (slots[key] ??= []);
    }
    for (const key of Object.keys(slots)) {
      slots[key] = ts.map((T) => (T.slots[key] ? Array.from(T.slots[key]) : []));
    }
    return { optimizer: this.name, options: this.config(), step: this.t, shapes: ts.map((T) => [...T.shape]), slots };
  }

  load(state: OptimizerState): void {
    if (!state || typeof state !== "object") throw new ArgumentError("state", state, "an object written by state()");
    if (state.optimizer !== this.name) {
      throw new ArgumentError("state.optimizer", state.optimizer, `"${this.name}" (a state saved from this kind of optimizer)`);
    }
    const mine = this.config();
    const saved = state.options;
    if (!saved || typeof saved !== "object") {
      throw new ArgumentError("state.options", saved, `the options the state was saved with (this ${this.name}: ${JSON.stringify(mine)}); save it again with state()`);
    }
    for (const key of new Set([...Object.keys(mine), ...Object.keys(saved)])) {
      if (JSON.stringify(saved[key]) !== JSON.stringify(mine[key])) {
        throw new ArgumentError(
          `state.options.${key}`,
          saved[key],
          `${JSON.stringify(mine[key])}, as this ${this.name} was built with ${key} = ${JSON.stringify(mine[key])}: load a state into an optimizer built with the options of the run that saved it`,
        );
      }
    }
    const step = integer("state.step", state.step);
    if (!Array.isArray(state.shapes)) throw new ArgumentError("state.shapes", state.shapes, "an array of shapes");
    const shapes = state.shapes.map((s, i) => checkShape(`state.shapes[${i}]`, s));
    if (this.tensors) {
      const mine = this.tensors.map((T) => T.shape.join("×")).join(", ");
      const theirs = shapes.map((s) => s.join("×")).join(", ");
      if (mine !== theirs) throw new ArgumentError("state.shapes", theirs, `the optimizer's group shapes (${mine})`);
    }
    const ts = this.tensors ?? (this.resolved = this.resolve(shapes));
    // Validate everything before writing anything, so a bad state leaves the optimizer untouched.
    for (let i = 0; i < ts.length; i++) {
      for (const [key, arr] of Object.entries(ts[i]!.slots)) {
        const saved = state.slots?.[key]?.[i];
        if (!Array.isArray(saved) || saved.length !== arr.length || !saved.every((x) => typeof x === "number" && Number.isFinite(x))) {
          throw new ArgumentError(`state.slots.${key}[${i}]`, Array.isArray(saved) ? `array of length ${saved.length}` : saved, `${arr.length} finite numbers`);
        }
      }
    }
    for (let i = 0; i < ts.length; i++) {
      for (const [key, arr] of Object.entries(ts[i]!.slots)) arr.set(state.slots[key]![i]!);
    }
    this.t = step;
  }

  stateBytes(): number {
    let n = 0;
    for (const T of this.tensors ?? []) for (const a of Object.values(T.slots)) n += a.length;
    return 8 * n;
  }

  private resolve(shapes: readonly (readonly number[])[]): Tensor[] {
    this.stats.trustRatio = new Float64Array(shapes.length).fill(NaN);
    let next = 0;
    return shapes.map((shape, i) => {
      const spec = this.specs?.[i];
      const size = shapeSize(shape);
      const offset = spec?.offset ?? next;
      next = offset + size;
      const sizes = this.slotSizes(shape);
      const slots: Record<string, Float64Array> = {};
      for (const [key, n] of Object.entries(sizes)) if (n > 0) slots[key] = new Float64Array(n);
      const T: Tensor = {
        name: spec?.name ?? `group ${i}`,
        shape: [...shape],
        size,
        offset,
        lrScale: spec?.lrScale ?? 1,
        weightDecay: spec?.weightDecay ?? this.weightDecay,
        trustRatio: spec?.trustRatio ?? true,
        slots,
      };
      this.initTensor(T);
      return T;
    });
  }
}

const GROUP_KEYS = ["shape", "name", "offset", "lrScale", "weightDecay", "trustRatio"];

function checkShape(name: string, s: unknown): number[] {
  if (!Array.isArray(s) || s.length === 0) throw new ArgumentError(name, s, "a non-empty array of positive integers");
  s.forEach((d, j) => integer(`${name}[${j}]`, d, 1));
  return s as number[];
}

function checkGroups(groups: readonly ParamGroup[]): readonly ParamGroup[] {
  if (!Array.isArray(groups) || groups.length === 0) throw new ArgumentError("groups", groups, "a non-empty array of parameter groups");
  groups.forEach((g, i) => {
    knownKeys(`groups[${i}]`, optionsObject(`groups[${i}]`, g), GROUP_KEYS);
    checkShape(`groups[${i}].shape`, g.shape);
    if (g.offset !== undefined) integer(`groups[${i}].offset`, g.offset);
    if (g.lrScale !== undefined) nonNegative(`groups[${i}].lrScale`, g.lrScale);
    if (g.weightDecay !== undefined) nonNegative(`groups[${i}].weightDecay`, g.weightDecay);
  });
  // Offsets (explicit or implied) must not overlap.
  let next = 0;
  const spans = groups.map((g) => {
    const start = g.offset ?? next;
    next = start + shapeSize(g.shape);
    return [start, next] as const;
  });
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]![0] < sorted[i - 1]![1]) {
      throw new ArgumentError("groups", `overlapping spans ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])}`, "groups whose offset…offset+size ranges do not overlap");
    }
  }
  return groups;
}

function checkLengths(ts: readonly Tensor[], v: Params, name: string): void {
  if (v instanceof Float64Array) {
    let total = 0;
    let end = 0;
    for (const T of ts) {
      total += T.size;
      end = Math.max(end, T.offset + T.size);
    }
    if (v.length !== total || end !== total) {
      throw new ArgumentError(`${name}.length`, v.length, `${total} (the groups cover ${total} parameters; give groups whose sizes add up to the vector's length)`);
    }
    return;
  }
  if (!Array.isArray(v) || v.length !== ts.length) {
    throw new ArgumentError(`${name}`, describe(v), `${ts.length} Float64Arrays, one per group`);
  }
  ts.forEach((T, i) => {
    const a = v[i];
    if (!(a instanceof Float64Array) || a.length !== T.size) {
      throw new ArgumentError(`${name}[${i}] (group "${T.name}")`, describe(a), `a Float64Array of length ${T.size} (shape ${T.shape.join("×")})${Array.isArray(a) ? "; Float64Array.from converts a number[], and the optimizer updates that array in place" : ""}`);
    }
  });
}

/**
 * Rejects a plain number array with what to pass instead: the optimizer updates parameters in
 * place, so a converted copy would leave the caller's array unchanged.
 */
function plainNumbers(name: string, v: unknown): void {
  if (!Array.isArray(v) || (v.length > 0 && typeof v[0] !== "number")) return;
  throw new ArgumentError(
    name,
    describe(v),
    name === "params"
      ? "a Float64Array, updated in place: convert once with Float64Array.from(yourArray), keep that array for every step and read the results from it (or pass one Float64Array per group)"
      : "a Float64Array the length of params (Float64Array.from(yourArray) converts a number[]), or one Float64Array per group",
  );
}

function describe(v: unknown): string {
  if (v instanceof Float64Array) return `Float64Array(${v.length})`;
  if (Array.isArray(v)) return v.length > 0 && typeof v[0] === "number" ? `number[] of length ${v.length}` : `array of ${v.length}`;
  return typeof v === "object" ? Object.prototype.toString.call(v) : String(v);
}

/** Euclidean norm of `v[off … off+n−1]`. */
export function norm(v: Float64Array, off: number, n: number): number {
  let s = 0;
  for (let i = off, end = off + n; i < end; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/**
 * True when `v[off … off+n−1]` are all finite: x·0 is 0 for finite x and NaN for ±Inf or NaN. Four
 * interleaved sums keep the dependency chains short, so the check runs near memory speed.
 */
function allFinite(v: Float64Array, off: number, n: number): boolean {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let j = off;
  const end = off + n;
  for (; j + 3 < end; j += 4) {
    a += v[j]! * 0;
    b += v[j + 1]! * 0;
    c += v[j + 2]! * 0;
    d += v[j + 3]! * 0;
  }
  for (; j < end; j++) a += v[j]! * 0;
  return a + b + c + d === 0;
}

/** The error for a non-finite gradient: names the first bad entry of the tensor, and whether the step was applied. */
function nonFinite(T: Tensor, g: Float64Array, off: number, flat: boolean, applied: boolean): ArgumentError {
  let i = 0;
  while (i < T.size && Number.isFinite(g[off + i]!)) i++;
  const fix = "find the NaN/Inf upstream (loss scale, division by zero, a diverged run) or clip before stepping";
  return new ArgumentError(
    flat ? `grads[${off + i}] (group "${T.name}", element ${i})` : `grads (group "${T.name}")[${i}]`,
    g[off + i],
    applied
      ? `a finite gradient; this step has been applied, so the parameters and optimizer state at that entry now hold NaN/Inf: restore both from a checkpoint, and ${fix}`
      : `a finite gradient (nothing was updated): ${fix}`,
  );
}
