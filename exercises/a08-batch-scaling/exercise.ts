/**
 * Exercise A8 — Batch-size scaling.
 *
 * When the batch size changes from B to B', the linear scaling rule (Goyal et al., 2017) sets
 * η' = η · B'/B (for SGD, below the critical batch size); the square-root rule sets η' = η·√(B'/B)
 * (often used with Adam). The batch that matters is the effective batch of one optimizer step:
 * micro-batch × gradient-accumulation steps × data-parallel workers.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** How one optimizer step's batch is assembled. */
export interface BatchConfig {
  /** Examples per micro-batch on one worker. */
  microBatch: number;
  /** Micro-batches accumulated before each optimizer step (≥ 1). */
  accumulationSteps: number;
  /** Data-parallel workers (GPUs), each processing its own micro-batches (≥ 1). */
  workers: number;
}

/**
 * (a) Which statement is the linear scaling rule?
 *
 * A. When the batch size is multiplied by k, multiply the learning rate by k.
 * B. When the batch size is multiplied by k, multiply the learning rate by √k.
 * C. When the batch size is multiplied by k, divide the learning rate by k.
 * D. When the batch size is multiplied by k, keep the learning rate: it does not depend on the
 *    batch.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) Is each change an application of the linear scaling rule (true) or not (false)?
 *
 * 1. SGD: batch 256 → 1024, LR 0.1 → 0.2.
 * 2. SGD: batch 256 → 1024, LR 0.1 → 0.4.
 * 3. Workers doubled from 8 to 16 GPUs at the same per-GPU batch, LR unchanged.
 * 4. Gradient accumulation raised from 4 to 8 micro-batches per step (same micro-batch, same
 *    workers), LR doubled.
 * 5. Batch 256 → 8192 with the LR multiplied by 32 and a 5-epoch warmup (Goyal et al.).
 */
export const partB: boolean[] | null = null;

/**
 * (c) The variance of a mini-batch gradient with per-example variance σ² is σ²/B, so the update
 * η·g_B has variance η²σ²/B. Derive the learning rate that keeps this variance unchanged when the
 * batch goes from B to B_new. Write a mathjs expression in `eta`, `B` and `B_new`.
 */
export const partC: string | null = null;

/** (d1) The LR for `newBatch` from (`baseLr`, `baseBatch`) under the "linear" or "sqrt" rule. */
export function scaledLr(rule: "linear" | "sqrt", baseLr: number, baseBatch: number, newBatch: number): number {
  return notImplemented(rule, baseLr, baseBatch, newBatch);
}

/** (d2) The effective batch of one optimizer step: microBatch × accumulationSteps × workers. */
export function effectiveBatch(config: BatchConfig): number {
  return notImplemented(config);
}

/**
 * (d3) The number of optimizer steps (scheduler steps) in `epochs` epochs over `datasetSize`
 * examples, dropping the last incomplete effective batch of every epoch:
 * epochs · ⌊datasetSize / effectiveBatch⌋.
 */
export function optimizerSteps(config: BatchConfig, datasetSize: number, epochs: number): number {
  return notImplemented(config, datasetSize, epochs);
}

/**
 * (e) Which quantity tells you whether a larger batch will still pay off (i.e. whether you are
 * below the critical batch size)?
 *
 * A. The GPU memory in use at the current batch size, which caps how large the batch can grow.
 * B. The gradient noise scale tr(Σ)/‖G‖², estimated at two batch sizes.
 * C. The learning rate after scaling.
 * D. The number of data-parallel workers available to the run, divided by the micro-batch size.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
