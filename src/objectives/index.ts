/**
 * Objectives: quadratics with known spectra, the quartic well, Rosenbrock, linear models and a small
 * MLP; wrappers for gradient noise, pruning masks and micro-batch accumulation.
 */
export * from "./objective";
export * from "./quadratic";
export * from "./quartic";
export * from "./rosenbrock";
export * from "./linear";
export * from "./mlp";
export * from "./noisy";
export * from "./masked";
export * from "./accumulation";
export * from "./gradcheck";
export { sigmoid, softplus, softmaxInPlace } from "./common";
