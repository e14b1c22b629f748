/** Seeded synthetic data sets, the 8×8 handwritten digits, train/test splits and minibatch sampling. */
export * from "./dataset";
export * from "./synthetic";
export * from "./digits";
export * from "./split";
export * from "./sampler";
