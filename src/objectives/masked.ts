/** Pruning: a fixed 0/1 mask on the parameters, and the magnitude-pruning mask that picks it. */
import { ArgumentError, inRange } from "../validate";
import type { Layer, Objective } from "./objective";
import { layerSize } from "./objective";

/** An objective restricted to the parameters its mask keeps. */
export interface MaskedObjective extends Objective {
  /** The mask m (1 = kept, 0 = pruned). */
  readonly mask: Float64Array;
}

/**
 * The objective a pruned network sees: f_m(x) = f(m ⊙ x) with a 0/1 mask m, so
 * ∇f_m(x) = m ⊙ ∇f(m ⊙ x): pruned coordinates have exactly zero gradient, and an optimizer
 * without weight decay leaves them where they are (at zero, when training starts from m ⊙ x).
 * Every other property of `f` (layers, `accuracy`, …) carries over; those read the raw parameters.
 */
export function masked<O extends Objective>(f: O, mask: ArrayLike<number>): O & MaskedObjective {
  if (mask.length !== f.dim) throw new ArgumentError("mask.length", mask.length, `objective.dim = ${f.dim}`);
  const m = Float64Array.from(mask, (v, i) => {
    if (v !== 0 && v !== 1) throw new ArgumentError(`mask[${i}]`, v, "0 (pruned) or 1 (kept)");
    return v;
  });
  const d = f.dim;
  const pruned = m.reduce((s, v) => s + (1 - v), 0);
  const w = new Float64Array(d);
  const apply = (x: Float64Array) => {
    for (let i = 0; i < d; i++) w[i] = x[i]! * m[i]!;
    return w;
  };
  return {
    ...f,
    name: `${f.name}, ${pruned} of ${d} parameters pruned`,
    mask: m,
    loss: (x, batch) => f.loss(apply(x), batch),
    grad(x, out, batch) {
      const l = f.grad(apply(x), out, batch);
      for (let i = 0; i < d; i++) out[i] = out[i]! * m[i]!;
      return l;
    },
    init: (seed) => f.init(seed),
  };
}

/**
 * Global magnitude pruning: a 0/1 mask over `params` that zeroes the ⌊fraction·n⌋ entries of
 * smallest |value| among the n entries of `layers` (default: every parameter; ties go to the lower
 * index) and keeps everything else, including parameters outside `layers` (e.g. biases).
 */
export function magnitudeMask(params: Float64Array, fraction: number, layers?: readonly Layer[]): Float64Array {
  inRange("fraction", fraction, 0, 1);
  const candidates: number[] = [];
  if (layers) {
    for (const L of layers) {
      const size = layerSize(L);
      if (!Number.isInteger(L.offset) || L.offset < 0 || L.offset + size > params.length) {
        throw new ArgumentError(`layers (${L.name}).offset`, L.offset, `a slice of ${size} inside the ${params.length} parameters`);
      }
      for (let i = 0; i < size; i++) candidates.push(L.offset + i);
    }
  } else {
    for (let i = 0; i < params.length; i++) candidates.push(i);
  }
  candidates.sort((a, b) => Math.abs(params[a]!) - Math.abs(params[b]!) || a - b);
  const mask = new Float64Array(params.length).fill(1);
  const cut = Math.floor(fraction * candidates.length);
  for (let k = 0; k < cut; k++) mask[candidates[k]!] = 0;
  return mask;
}
