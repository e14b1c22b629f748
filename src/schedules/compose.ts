/** Building schedules from schedules: joining, scaling, rewinding, and defining them in tokens. */
import { ArgumentError, integer, positive, positiveInt } from "../validate";
import { schedule, type Schedule } from "./schedule";

/**
 * Joins schedules at step boundaries (optax's `join_schedules`): for b_{i−1} ≤ k < b_i the value is
 * schedules[i](k − b_{i−1}), so each piece starts from its own step 0. `boundaries` has one fewer
 * entry than `schedules` and is strictly increasing.
 */
export function join(schedules: Schedule[], boundaries: number[]): Schedule {
  if (!Array.isArray(schedules) || schedules.length < 1) throw new ArgumentError("schedules", schedules, "a non-empty array of schedules");
  if (!Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    throw new ArgumentError("boundaries", boundaries, `an array of ${schedules.length - 1} step(s), one per join`);
  }
  boundaries.forEach((b, i) => integer(`boundaries[${i}]`, b, i === 0 ? 1 : boundaries[i - 1]! + 1));
  const starts = [0, ...boundaries];
  const piece = (k: number) => {
    let i = starts.length - 1;
    while (starts[i]! > k) i--;
    return i;
  };
  const last = schedules[schedules.length - 1]!;
  const anyMomentum = schedules.some((s) => s.momentum);
  return schedule({
    value: (k) => {
      const i = piece(k);
      return schedules[i]!(k - starts[i]!);
    },
    phase: (k) => {
      const i = piece(k);
      return schedules[i]!.phase(k - starts[i]!);
    },
    ...(anyMomentum
      ? {
          momentum: (k: number) => {
            const i = piece(k);
            const m = schedules[i]!.momentum;
            if (!m) throw new ArgumentError("momentum", `piece ${i}`, "a momentum on every joined schedule, or on none");
            return m(k - starts[i]!);
          },
        }
      : {}),
    totalSteps: starts[starts.length - 1]! + last.totalSteps,
    ...(schedules.every((s) => s.spec) ? { spec: { join: schedules.map((s) => s.spec!), boundaries: [...boundaries] } } : {}),
  });
}

/** Multiplies a schedule's LR by a constant factor (momentum and phases unchanged). */
export function scale(inner: Schedule, factor: number): Schedule {
  const c = positive("factor", factor);
  return schedule({
    value: (k) => c * inner(k),
    phase: inner.phase,
    ...(inner.momentum ? { momentum: inner.momentum } : {}),
    totalSteps: inner.totalSteps,
    ...(inner.spec ? { spec: { scale: c, of: inner.spec } } : {}),
  });
}

/**
 * Learning-rate rewinding (Renda et al., 2020): after pruning a trained network, retrain it from
 * its final weights with the original schedule replayed from step `rewindStep`:
 * η_retrain(k) = s(rewindStep + k). The retraining lasts s.totalSteps − rewindStep steps.
 */
export function rewind(inner: Schedule, rewindStep: number): Schedule {
  const r = integer("rewindStep", rewindStep, 0, inner.totalSteps === Infinity ? Number.MAX_SAFE_INTEGER : inner.totalSteps - 1);
  return schedule({
    value: (k) => inner(r + k),
    phase: (k) => (k === 0 ? "rewind" : inner.phase(r + k)),
    ...(inner.momentum ? { momentum: (k: number) => inner.momentum!(r + k) } : {}),
    totalSteps: inner.totalSteps - r,
    ...(inner.spec ? { spec: { rewind: r, of: inner.spec } } : {}),
  });
}

/** Optimizer steps needed to consume `tokens` tokens at `tokensPerStep` per step: ⌈tokens / tokensPerStep⌉. */
export function stepsForTokens(tokens: number, tokensPerStep: number): number {
  return Math.ceil(integer("tokens", tokens) / positiveInt("tokensPerStep", tokensPerStep));
}

/**
 * Converts a schedule defined over tokens seen into one over optimizer steps: η(k) = s(k·N) with
 * N tokens per step (micro-batch × sequence length × accumulation steps × workers). A token budget
 * and a warmup given in tokens then survive a change of batch size unchanged.
 */
export function fromTokens(inTokens: Schedule, tokensPerStep: number): Schedule {
  const N = positiveInt("tokensPerStep", tokensPerStep);
  return schedule({
    value: (k) => inTokens(k * N),
    phase: (k) => inTokens.phase(k * N),
    ...(inTokens.momentum ? { momentum: (k: number) => inTokens.momentum!(k * N) } : {}),
    totalSteps: inTokens.totalSteps === Infinity ? Infinity : Math.ceil(inTokens.totalSteps / N),
    ...(inTokens.spec ? { spec: { fromTokens: N, of: inTokens.spec } } : {}),
  });
}
