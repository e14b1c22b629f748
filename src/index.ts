/**
 * The course's shared module. Notebooks import it as `./src/index`, tests and scripts by path.
 * Pure TypeScript: no Jupyter, no tslab and no grader in here.
 */
export * from "./validate";
export * from "./random";
export * from "./schedules/index";
export * from "./optim/index";
export * from "./objectives/index";
export * from "./data/index";
export * from "./train/index";
export * from "./diagnostics/index";
export * from "./figures/index";
