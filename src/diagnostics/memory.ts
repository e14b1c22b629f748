/** Optimizer-state memory as a function of the parameter shapes. */
import { adafactor, adagrad, adam, adamw, lamb, lars, muon, rmsprop, sgd, shampoo } from "../optim/index";
import type { Optimizer, ParamGroup } from "../optim/optimizer";
import { ArgumentError, oneOf } from "../validate";

type Factory = (groups: readonly ParamGroup[]) => Optimizer;

/** Optimizers `stateMemory` can size, each with the options that change its state. */
export const MEMORY_METHODS: Readonly<Record<string, Factory>> = {
  "sgd": (g) => sgd({}, g),
  "sgd-momentum": (g) => sgd({ momentum: 0.9 }, g),
  "adagrad": (g) => adagrad({}, g),
  "rmsprop": (g) => rmsprop({}, g),
  "adam": (g) => adam({}, g),
  "adam-amsgrad": (g) => adam({ amsgrad: true }, g),
  "adamw": (g) => adamw({}, g),
  "adafactor": (g) => adafactor({}, g),
  "adafactor-momentum": (g) => adafactor({ beta1: 0.9 }, g),
  "lars": (g) => lars({}, g),
  "lamb": (g) => lamb({}, g),
  "shampoo": (g) => shampoo({}, g),
  "muon": (g) => muon({}, g),
};

/** State memory of one optimizer for given shapes. */
export interface StateMemory {
  method: string;
  /** Number of parameters. */
  params: number;
  /** Bytes of optimizer state (Float64, 8 bytes per number). */
  bytes: number;
  /** State numbers per parameter (2 for Adam, (r + c)/(rc) for a factored r×c Adafactor matrix). */
  perParam: number;
  /** Numbers per slot name (e.g. m, v; row, col). */
  slots: Record<string, number>;
}

/**
 * The optimizer-state memory of `method` (a key of MEMORY_METHODS) for parameters of the given
 * shapes, counted from the state the optimizer actually allocates: Adam keeps m and v (2n
 * numbers), Adafactor r + c for an r×c matrix instead of rc, Shampoo m² + n² for an m×n matrix,
 * plain SGD nothing. Scratch buffers (Muon's, Shampoo's) are not state and are not counted.
 */
export function stateMemory(method: string, shapes: readonly (readonly number[])[]): StateMemory {
  oneOf("method", method, Object.keys(MEMORY_METHODS));
  if (!Array.isArray(shapes) || shapes.length === 0) throw new ArgumentError("shapes", shapes, "a non-empty array of shapes");
  const opt = MEMORY_METHODS[method]!(shapes.map((shape) => ({ shape })));
  const slots: Record<string, number> = {};
  let params = 0;
  for (const T of opt.tensors ?? []) {
    params += T.size;
    for (const [k, a] of Object.entries(T.slots)) slots[k] = (slots[k] ?? 0) + a.length;
  }
  const bytes = opt.stateBytes();
  return { method, params, bytes, perParam: bytes / 8 / params, slots };
}
