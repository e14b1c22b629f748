/** Objectives: quadratics with known spectra, Rosenbrock, linear models and a small MLP. */
export * from "./objective";
export * from "./quadratic";
export * from "./rosenbrock";
export * from "./linear";
export * from "./mlp";
export * from "./noisy";
export * from "./gradcheck";
export { sigmoid, softplus, softmaxInPlace } from "./common";
