/** Optimizers: SGD, AdaGrad, RMSProp, Adam/AdamW, Adafactor, LARS, LAMB, and Shampoo/Muon previews. */
export { BaseOptimizer, betas, beta, learningRate, norm, optimizerOptions, shapeSize } from "./optimizer";
export type { LearningRate, Optimizer, OptimizerState, OptionValue, ParamGroup, Params, StepStats, Tensor } from "./optimizer";
export { sgd, Sgd, type SgdOptions } from "./sgd";
export { largestRoot, directionRate, spectralRadius, tunedMomentum, observedRate, type MomentumSettings, type TunedSettings } from "./momentumRates";
export { adagrad, Adagrad, type AdagradOptions } from "./adagrad";
export { rmsprop, Rmsprop, type RmspropOptions } from "./rmsprop";
export { adam, adamw, Adam, type AdamOptions } from "./adam";
export { adafactor, Adafactor, type AdafactorOptions } from "./adafactor";
export { lars, Lars, trustRatio, trustClip, type LarsOptions } from "./lars";
export { lamb, Lamb, type LambOptions } from "./lamb";
export { shampoo, Shampoo, SHAMPOO_MAX_SIDE, type ShampooOptions } from "./shampoo";
export { muon, Muon, matrixShape, type MuonOptions } from "./muon";
export { lion, Lion, type LionOptions } from "./lion";
export { adadelta, Adadelta, type AdadeltaOptions } from "./adadelta";
export { scheduleFreeSgd, scheduleFreeAdamw, ScheduleFree, type ScheduleFreeSgdOptions, type ScheduleFreeAdamwOptions } from "./schedule-free";
export { matmul, gramRows, symmetricEigen, symmetricPower, eigenWork, newtonSchulz, nsWork, NS_COEFFICIENTS } from "./linalg";
export type { EigenWork, NsWork } from "./linalg";
