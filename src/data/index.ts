/** Seeded synthetic data sets, train/test splits and minibatch sampling. */
export * from "./dataset";
export * from "./synthetic";
export * from "./split";
export * from "./sampler";
