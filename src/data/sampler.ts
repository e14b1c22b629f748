/**
 * Minibatch sampling by epochs: each epoch visits every example once, in a fresh seeded order
 * (or in index order with `shuffle: false`). The batch of update k is a pure function of k, so a
 * training loop can ask for `batch(step)` and a resumed run draws exactly the batches the
 * uninterrupted run would have drawn; `next()` walks the same sequence with a position that can
 * be saved and restored.
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

/** A sampler's position, plain data: the number of batches `next()` has returned. */
export interface SamplerState {
  readonly position: number;
}

/** An endless sequence of minibatches of example indices. */
export interface Sampler {
  /**
   * The example indices of batch `step` (0-based): epoch ⌊step / batchesPerEpoch⌋, slot
   * step mod batchesPerEpoch of that epoch's order. The array is a view of the epoch's order;
   * each epoch gets a new array, so earlier views stay intact.
   */
  batch(step: number): Int32Array;
  /** The batch at the current position, then advances the position. */
  next(): Int32Array;
  /** Batches per epoch: ⌊n/batchSize⌋ with `dropLast`, else ⌈n/batchSize⌉. */
  readonly batchesPerEpoch: number;
  /** The current position, to save. */
  state(): SamplerState;
  /** Continues from a saved position. */
  restore(state: SamplerState): void;
}

/**
 * A seeded epoch-wise minibatch sampler over indices 0…n−1. Epoch e's order is the permutation
 * drawn by `rng(mix(seed, e))`, where `mix` is the murmur3 finalizer of seed ⊕ (e · golden ratio),
 * so any epoch's order is available without replaying the earlier ones.
 */
export function minibatches(o: SamplerOptions): Sampler {
  const n = positiveInt("n", o.n);
  const batchSize = positiveInt("batchSize", o.batchSize);
  const seed = integer("seed", o.seed, 0, 0xffffffff);
  const dropLast = o.dropLast ?? false;
  const shuffle = o.shuffle ?? true;
  if (dropLast && batchSize > n) {
    throw new ArgumentError("batchSize", batchSize, `≤ n = ${n} when dropLast is set (else no batch is ever full)`);
  }
  const usable = dropLast ? n - (n % batchSize) : n;
  const batchesPerEpoch = Math.ceil(usable / batchSize);
  let epoch = -1;
  let order = new Int32Array(0);
  let position = 0;

  const batch = (step: number): Int32Array => {
    integer("step", step, 0);
    const e = Math.floor(step / batchesPerEpoch);
    if (e !== epoch) {
      epoch = e;
      order = shuffle ? rng(mix(seed, e)).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    }
    const start = (step % batchesPerEpoch) * batchSize;
    return order.subarray(start, Math.min(start + batchSize, usable));
  };
  return {
    batch,
    batchesPerEpoch,
    next: () => batch(position++),
    state: () => ({ position }),
    restore(s) {
      position = integer("state.position", s.position, 0);
    },
  };
}

/** murmur3's 32-bit finalizer of seed ⊕ (epoch · 0x9e3779b9): well-spread seeds for each epoch. */
function mix(seed: number, epoch: number): number {
  let h = (seed ^ Math.imul(epoch, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
