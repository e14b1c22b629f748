/** The training loop and its per-step record, and the window mean used to read that record. */
export { train, type TrainOptions, type TrainResult, type Stop } from "./train";
export { windowMean } from "./windowMean";
export { IterateAverage, polyakAverage, emaAverage, swaAverage, averageIterates, type AverageOptions } from "./averaging";
export { spread, tuneOnValidation, type Spread, type Trial } from "./tune";
