/** The learning-rate schedule library: one pure function of the step per schedule, composable. */
export { schedule, type Schedule, type Phase, type ScheduleParts } from "./schedule";
export { constant, stepDecay, multistep, exponential, halfLife, decayRate, polynomial, linearDecay, inverseSqrt } from "./decay";
export { cosine, cosineRestarts, cosineBetween } from "./cosine";
export { cyclic, oneCycle, type CyclicMode } from "./cyclic";
export { warmup, warmupSteps, warmupCosine, wsd, cooldownFraction, type CooldownShape } from "./warmup";
export { join, scale, rewind, fromTokens, stepsForTokens } from "./compose";
export { ReduceOnPlateau, type PlateauState } from "./plateau";
export { Scheduler, type SchedulerState } from "./scheduler";
export { sample, type Sampled, type PhaseRun } from "./sample";
export { linearScaledLr, sqrtScaledLr, effectiveBatch, gradientNoiseScale, type NoiseScale } from "./batch";
