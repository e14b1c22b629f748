/** Gradient accumulation over micro-batches, done right (mean) or with the classic bug (sum). */
import { ArgumentError, oneOf, positiveInt } from "../validate";
import type { Batch, Objective } from "./objective";

/** How the micro-batch gradients are combined. */
export type Reduction = "mean" | "sum";

/** An objective whose gradient is accumulated over micro-batches. */
export interface AccumulatedObjective extends Objective {
  readonly microBatches: number;
  readonly reduce: Reduction;
}

/** Options of `accumulated`. */
export interface AccumulationOptions {
  /** Number k of equal micro-batches each batch is cut into (consecutively). */
  microBatches: number;
  /** "mean" (default): (1/k)Σⱼ∇Lⱼ. "sum": Σⱼ∇Lⱼ, the bug that multiplies the effective LR by k. */
  reduce?: Reduction;
}

/**
 * `f` with gradient accumulation: a batch of k·m example indices is cut into k consecutive
 * micro-batches of m, and `grad` combines the micro-batch gradients ∇Lⱼ (each a mean over its m
 * examples). With "mean", (1/k)Σⱼ∇Lⱼ equals the gradient of the whole batch (up to rounding):
 * accumulation changes memory, not the update. With "sum", the gradient is k times too large
 * while the loss is unchanged — the same as multiplying the learning rate by k. `loss` and the
 * value `grad` returns are the mean of the micro-batch losses (the whole batch's loss). Needs a
 * data objective (`examples`); an omitted batch means all examples.
 */
export function accumulated<O extends Objective>(f: O, o: AccumulationOptions): O & AccumulatedObjective {
  const k = positiveInt("microBatches", o.microBatches);
  const reduce = oneOf("reduce", o.reduce ?? "mean", ["mean", "sum"] as const);
  const n = f.examples;
  if (n === undefined) throw new ArgumentError("objective", f.name, "an objective defined by a data set (with `examples`)");
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const parts = (batch: Batch | undefined): Int32Array[] => {
    const idx = batch === undefined ? all : Int32Array.from(batch);
    if (idx.length === 0 || idx.length % k !== 0) {
      throw new ArgumentError("batch.length", idx.length, `a positive multiple of microBatches = ${k}`);
    }
    const m = idx.length / k;
    return Array.from({ length: k }, (_, j) => idx.subarray(j * m, (j + 1) * m));
  };
  const g = new Float64Array(f.dim);
  const weight = reduce === "mean" ? 1 / k : 1;
  return {
    ...f,
    name: `${f.name}, gradients ${reduce === "mean" ? "averaged" : "summed"} over ${k} micro-batches`,
    microBatches: k,
    reduce,
    loss(x, batch) {
      let l = 0;
      for (const p of parts(batch)) l += f.loss(x, p);
      return l / k;
    },
    grad(x, out, batch) {
      out.fill(0);
      let l = 0;
      for (const p of parts(batch)) {
        l += f.grad(x, g, p);
        for (let i = 0; i < f.dim; i++) out[i] = out[i]! + weight * g[i]!;
      }
      return l / k;
    },
    init: (seed) => f.init(seed),
  };
}
