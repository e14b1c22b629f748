/** The learning-rate schedule library: one pure function of the step per schedule, composable. */
export { schedule, type Schedule, type Phase, type ScheduleParts, type ScheduleSpec, type KindSpec, type WarmupSpec } from "./schedule";
export { constant, stepDecay, multistep, piecewiseConstant, exponential, halfLife, decayRate, polynomial, linearDecay, inverseSqrt } from "./decay";
export type { StepDecayOptions, MultistepOptions, ExponentialOptions, PolynomialOptions, LinearDecayOptions, InverseSqrtOptions } from "./decay";
export { cosine, cosineRestarts, cosineBetween, type CosineOptions, type CosineRestartsOptions } from "./cosine";
export { cyclic, oneCycle, type CyclicMode, type CyclicOptions, type OneCycleOptions } from "./cyclic";
export { warmup, warmupSteps, warmupCosine, wsd, cooldownFraction, WARMUP_OPTIONS, type CooldownShape, type WarmupCosineOptions, type WsdOptions } from "./warmup";
export { KINDS, type KindName, type KindInfo, type OptionSpec, type OptionType } from "./kinds";
export { fromSpec, toSpec } from "./spec";
export { join, scale, rewind, fromTokens, stepsForTokens } from "./compose";
export { ReduceOnPlateau, type PlateauState } from "./plateau";
export { Scheduler, type SchedulerState } from "./scheduler";
export { sample, type Sampled, type PhaseRun } from "./sample";
export { linearScaledLr, sqrtScaledLr, effectiveBatch, gradientNoiseScale, type NoiseScale } from "./batch";
