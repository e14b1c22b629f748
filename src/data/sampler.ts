/**
 * Minibatch sampling by epochs: each epoch visits every example once, in a fresh seeded order
 * (or in index order with `shuffle: false`). The sampler's position can be saved and restored,
 * so a resumed run draws exactly the batches the uninterrupted run would have drawn.
 */
import { rng } from "../random";
import { ArgumentError, integer, positiveInt } from "../validate";

/** Options of `minibatches`. */
export interface SamplerOptions {
  /** Number of examples to sample from (indices 0…n−1). */
  n: number;
  batchSize: number;
  seed: number;
  /** Drop the last, smaller batch of each epoch (default false, as PyTorch's DataLoader). */
  dropLast?: boolean;
  /** Reshuffle at every epoch (default true). */
  shuffle?: boolean;
}

/** A sampler's position, plain data: pass it to `restore` (or to `minibatches` as `state`). */
export interface SamplerState {
  /** Epochs started so far (the current epoch is `epoch − 1`; 0 before the first batch). */
  readonly epoch: number;
  /** Position of the next batch inside the current epoch's order. */
  readonly cursor: number;
  /** The generator's state before the current epoch's order was drawn. */
  readonly rngState: number;
}

/** An endless stream of minibatches of example indices. */
export interface Sampler {
  /**
   * The next batch's example indices. The array is a view of the epoch's order: valid until
   * the caller writes to it; a new epoch gets a new array, so earlier views stay intact.
   */
  next(): Int32Array;
  /** Batches per epoch: ⌊n/batchSize⌋ with `dropLast`, else ⌈n/batchSize⌉. */
  readonly batchesPerEpoch: number;
  /** The current position, to save. */
  state(): SamplerState;
  /** Continues from a saved position. */
  restore(state: SamplerState): void;
}

/** A seeded epoch-wise minibatch sampler over indices 0…n−1. */
export function minibatches(o: SamplerOptions): Sampler {
  const n = positiveInt("n", o.n);
  const batchSize = positiveInt("batchSize", o.batchSize);
  const dropLast = o.dropLast ?? false;
  const shuffle = o.shuffle ?? true;
  if (dropLast && batchSize > n) {
    throw new ArgumentError("batchSize", batchSize, `≤ n = ${n} when dropLast is set (else no batch is ever full)`);
  }
  const seed = o.seed;
  const usable = dropLast ? n - (n % batchSize) : n;
  let r = rng(seed);
  let epoch = 0;
  let cursor = usable;
  let rngState = r.state();
  let order = new Int32Array(0);

  const drawOrder = () => {
    if (shuffle) order = r.permutation(n);
    else order = Int32Array.from({ length: n }, (_, i) => i);
  };
  return {
    batchesPerEpoch: Math.ceil(usable / batchSize),
    next() {
      if (cursor >= usable) {
        rngState = r.state();
        drawOrder();
        epoch++;
        cursor = 0;
      }
      const end = Math.min(cursor + batchSize, usable);
      const batch = order.subarray(cursor, end);
      cursor = end;
      return batch;
    },
    state: () => ({ epoch, cursor, rngState }),
    restore(s) {
      integer("state.epoch", s.epoch, 0);
      integer("state.cursor", s.cursor, 0, usable);
      if (!Number.isInteger(s.rngState)) {
        throw new ArgumentError("state.rngState", s.rngState, "an integer saved by state()");
      }
      epoch = s.epoch;
      cursor = s.epoch === 0 ? usable : s.cursor;
      rngState = s.rngState;
      r = rng(seed, rngState);
      if (epoch > 0) drawOrder();
    },
  };
}
