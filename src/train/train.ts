/**
 * The training loop: any objective, any optimizer (and through it any schedule), with per-step
 * diagnostics recorded as Float64Array columns and early stopping on NaN or divergence.
 */
import type { Batch, Objective } from "../objectives/objective";
import type { Optimizer } from "../optim/optimizer";
import { ArgumentError, integer, positive, positiveInt } from "../validate";

/** Options of `train`. */
export interface TrainOptions {
  objective: Objective;
  /** The optimizer; its LR (and momentum) schedule is evaluated at its own step count. */
  optimizer: Optimizer;
  /** Number of updates to take. */
  steps: number;
  /** Seed of the starting point `objective.init(seed)` (ignored when `params` is given). */
  seed: number;
  /** Starting parameters (copied); default `objective.init(seed)`. */
  params?: Float64Array;
  /**
   * The minibatch of each update, given the optimizer's step count (so a resumed run asks for
   * the same batches as an uninterrupted one). Default: the full batch.
   */
  batches?: (step: number) => Batch;
  /** Clip the gradient to this global L2 norm before the update (the column records the norm before clipping). */
  clipGradNorm?: number;
  /** Stop when the loss exceeds this multiple of the first recorded loss (default 1e3; needs loss₀ > 0). */
  divergenceFactor?: number;
  /** Flag a spike when the loss exceeds this multiple of the running median (default 2). */
  spikeFactor?: number;
  /** Number of preceding losses in the running median (default 20; spikes are flagged from 5 on). */
  spikeWindow?: number;
  /** Record the effective-LR spread of adaptive optimizers (default true; costs a sort of `dim` numbers per step). */
  recordEffectiveLr?: boolean;
  /**
   * Record the parameter path in `iterates` (default false; costs `dim` numbers per step): for
   * path plots, or for evaluating any other function (a held-out loss, a second task's loss,
   * the sharpness) along the run afterwards.
   */
  recordParams?: boolean;
}

/** Why a run stopped early. */
export interface Stop {
  /** The step (row) at which the run stopped; no update was taken there. */
  step: number;
  reason: "nan" | "divergence";
  /** A sentence saying what happened, for printing. */
  message: string;
}

/** The record of a run: one row per step (columns have length `steps`). */
export interface TrainResult {
  /** The final parameters. */
  params: Float64Array;
  /** Rows recorded (= updates taken, plus the stopping row if the run stopped early). */
  steps: number;
  /** Loss at the parameters before update k (on update k's batch). */
  loss: Float64Array;
  /** Learning rate of update k (optimizer's `stats.lr`). */
  lr: Float64Array;
  /** Momentum / β₁ of update k (NaN where the optimizer has none). */
  momentum: Float64Array;
  /** ‖g‖₂ of update k, before clipping. */
  gradNorm: Float64Array;
  /** ‖Δθ‖₂ of update k. */
  updateNorm: Float64Array;
  /** ‖Δθ‖₂ / ‖θ‖₂ of update k (θ before the update). */
  relativeUpdate: Float64Array;
  /** Spread of per-parameter effective LRs after update k (NaN for non-adaptive optimizers). */
  effectiveLrMin: Float64Array;
  effectiveLrMedian: Float64Array;
  effectiveLrMax: Float64Array;
  /**
   * Per-group trust ratios ‖θ‖/‖u‖ for optimizers that apply one (LARS, LAMB): `names[i]` labels
   * `columns[i]`; NaN in groups with `trustRatio: false`. Empty for other optimizers.
   */
  trustRatio: { names: string[]; columns: Float64Array[] };
  /** 1 where the loss or gradient was non-finite. */
  nan: Uint8Array;
  /** 1 where the loss exceeded `divergenceFactor` × the first loss, or was non-finite. */
  divergence: Uint8Array;
  /** 1 where the loss exceeded `spikeFactor` × the median of the preceding `spikeWindow` losses. */
  spike: Uint8Array;
  /** Null when all `steps` updates ran; else why and where the run stopped. */
  stopped: Stop | null;
  /**
   * With `recordParams`: θ₀, θ₁, …, θ_u, the parameters after 0, 1, …, u updates (u = updates
   * taken), so `iterates[k]` is where update k's loss and gradient were evaluated and the last
   * entry equals `params`. Empty otherwise.
   */
  iterates: Float64Array[];
}

/**
 * Trains `objective` with `optimizer` for `steps` updates from `params` (or `objective.init(seed)`),
 * recording per step: loss, LR, momentum, gradient norm, update norm, relative update, the
 * min/median/max effective LR of adaptive methods, per-group trust ratios, NaN / divergence /
 * spike flags and, with `recordParams`, the parameters. Stops early — and says so in `stopped` —
 * when the loss or gradient is non-finite or the loss exceeds `divergenceFactor` times the first
 * loss; no update is taken on that row.
 */
export function train(o: TrainOptions): TrainResult {
  const f = o.objective;
  const opt = o.optimizer;
  if (!f || typeof f.grad !== "function") throw new ArgumentError("objective", f, "an Objective (dim, loss, grad, init)");
  if (!opt || typeof opt.step !== "function") throw new ArgumentError("optimizer", opt, "an Optimizer (e.g. adamw({ lr }))");
  const T = integer("steps", o.steps, 0);
  const seed = integer("seed", o.seed, 0, 0xffffffff);
  const divergenceFactor = positive("divergenceFactor", o.divergenceFactor ?? 1e3);
  const spikeFactor = positive("spikeFactor", o.spikeFactor ?? 2);
  const window = positiveInt("spikeWindow", o.spikeWindow ?? 20);
  const clip = o.clipGradNorm === undefined ? Infinity : positive("clipGradNorm", o.clipGradNorm);
  const recordEff = o.recordEffectiveLr ?? true;
  const recordParams = o.recordParams ?? false;
  const d = f.dim;
  const params = o.params ? Float64Array.from(o.params) : f.init(seed);
  if (params.length !== d) throw new ArgumentError("params.length", params.length, `objective.dim = ${d}`);

  const cols = {
    loss: new Float64Array(T),
    lr: new Float64Array(T),
    momentum: new Float64Array(T),
    gradNorm: new Float64Array(T),
    updateNorm: new Float64Array(T),
    relativeUpdate: new Float64Array(T),
    effectiveLrMin: new Float64Array(T),
    effectiveLrMedian: new Float64Array(T),
    effectiveLrMax: new Float64Array(T),
  };
  const nan = new Uint8Array(T);
  const divergence = new Uint8Array(T);
  const spike = new Uint8Array(T);
  let trust: Float64Array[] = [];
  const iterates: Float64Array[] = recordParams ? [params.slice()] : [];
  const g = new Float64Array(d);
  const prev = new Float64Array(d);
  const eff = new Float64Array(d);
  const recent = new Float64Array(window);
  const sorted = new Float64Array(window);
  let loss0 = NaN;
  let stopped: Stop | null = null;
  let k = 0;
  for (; k < T; k++) {
    const step = opt.stepCount;
    const batch = o.batches ? o.batches(step) : undefined;
    const loss = f.grad(params, g, batch);
    if (k === 0) loss0 = loss;
    let gg = 0;
    for (let i = 0; i < d; i++) gg += g[i]! * g[i]!;
    const gn = Math.sqrt(gg);
    cols.loss[k] = loss;
    cols.gradNorm[k] = gn;
    const finiteNow = Number.isFinite(loss) && Number.isFinite(gn);
    if (!finiteNow) nan[k] = 1;
    if (!finiteNow || (loss0 > 0 && loss > divergenceFactor * loss0)) divergence[k] = 1;
    const seen = Math.min(k, window);
    if (seen >= 5 && finiteNow) {
      sorted.set(recent.subarray(0, seen));
      const s = sorted.subarray(0, seen).sort();
      const med = seen % 2 ? s[(seen - 1) >> 1]! : 0.5 * (s[seen / 2 - 1]! + s[seen / 2]!);
      if (loss > spikeFactor * med) spike[k] = 1;
    }
    recent[k % window] = loss;
    if (divergence[k]) {
      for (const c of Object.values(cols)) if (c !== cols.loss && c !== cols.gradNorm) c[k] = NaN;
      const reason = nan[k] ? "nan" : "divergence";
      stopped = {
        step: k,
        reason,
        message: nan[k]
          ? `stopped at step ${k}: the ${Number.isFinite(loss) ? "gradient" : "loss"} is not finite (loss = ${loss}, ‖g‖ = ${gn})`
          : `stopped at step ${k}: loss ${loss.toPrecision(4)} exceeds ${divergenceFactor} × the initial loss ${loss0.toPrecision(4)} (diverging)`,
      };
      for (const c of trust) c[k] = NaN;
      k++;
      break;
    }
    if (gn > clip) {
      const s = clip / gn;
      for (let i = 0; i < d; i++) g[i] = g[i]! * s;
    }
    prev.set(params);
    opt.step(params, g);
    if (recordParams) iterates.push(params.slice());
    let du = 0;
    let pp = 0;
    for (let i = 0; i < d; i++) {
      const e = params[i]! - prev[i]!;
      du += e * e;
      pp += prev[i]! * prev[i]!;
    }
    cols.updateNorm[k] = Math.sqrt(du);
    cols.relativeUpdate[k] = Math.sqrt(du) / Math.sqrt(pp);
    cols.lr[k] = opt.stats.lr;
    cols.momentum[k] = opt.stats.momentum;
    if (k === 0 && opt.stats.trustRatio.some((r) => !Number.isNaN(r))) trust = Array.from(opt.stats.trustRatio, () => new Float64Array(T));
    for (let j = 0; j < trust.length; j++) trust[j]![k] = opt.stats.trustRatio[j]!;
    if (recordEff && opt.effectiveLr(eff)) {
      eff.sort();
      cols.effectiveLrMin[k] = eff[0]!;
      cols.effectiveLrMax[k] = eff[d - 1]!;
      cols.effectiveLrMedian[k] = d % 2 ? eff[(d - 1) >> 1]! : 0.5 * (eff[d / 2 - 1]! + eff[d / 2]!);
    } else {
      cols.effectiveLrMin[k] = cols.effectiveLrMedian[k] = cols.effectiveLrMax[k] = NaN;
    }
  }
  const n = k;
  const cut = (c: Float64Array) => (n === T ? c : c.slice(0, n));
  const names = (opt.tensors ?? []).map((t) => t.name);
  return {
    params,
    steps: n,
    loss: cut(cols.loss),
    lr: cut(cols.lr),
    momentum: cut(cols.momentum),
    gradNorm: cut(cols.gradNorm),
    updateNorm: cut(cols.updateNorm),
    relativeUpdate: cut(cols.relativeUpdate),
    effectiveLrMin: cut(cols.effectiveLrMin),
    effectiveLrMedian: cut(cols.effectiveLrMedian),
    effectiveLrMax: cut(cols.effectiveLrMax),
    trustRatio: { names: trust.length ? names : [], columns: trust.map(cut) },
    nan: n === T ? nan : nan.slice(0, n),
    divergence: n === T ? divergence : divergence.slice(0, n),
    spike: n === T ? spike : spike.slice(0, n),
    stopped,
    iterates,
  };
}
