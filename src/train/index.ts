/** The training loop and its per-step record. */
export { train, type TrainOptions, type TrainResult, type Stop } from "./train";
