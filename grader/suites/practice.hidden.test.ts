import { exercise } from "../harness/run/suite";
import { expressionTask, numberTask } from "./a-shared";

/** Values computed here from the lesson's formulas (and listed as verified in the course notes). */
const cosineAt = (max: number, min: number, x: number) => min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * x));
const lambda = Math.log(10) / 10_000;

/** Problem 3 by direct count over steps 0 … 49 999 (the corrected answer: 25 015 steps, 50.0 %). */
function problem3Count(): number {
  let n = 0;
  for (let t = 0; t < 50_000; t++) {
    const eta = t < 1000 ? (1e-3 * t) / 1000 : cosineAt(1e-3, 1e-6, (t - 1000) / 49_000);
    if (eta > 5e-4) n++;
  }
  return n;
}

exercise("practice", (s) => {
  numberTask(s, "6", "example1", "worked example 1: cosine annealing at t = 37 000", cosineAt(1e-3, 0, 0.37));
  numberTask(s, "7", "example2a", "worked example 2: warmup at step 1500", 2.25e-4);
  numberTask(s, "7", "example2b", "worked example 2: cosine phase at step 50 000", cosineAt(3e-4, 0, 48_000 / 98_000));
  numberTask(s, "8", "example3a", "worked example 3: decay constant", lambda);
  numberTask(s, "8", "example3b", "worked example 3: half-life", Math.log(2) / lambda);
  numberTask(s, "1", "problem1", "problem 1: cosine annealing at t = 12 500", cosineAt(5e-4, 1e-5, 0.25), 2);
  expressionTask(s, "2", "problem2a", "problem 2: the LR at step kS + δ", "eta0 * gamma^k", {
    eta0: { min: 1e-4, max: 1, log: true },
    gamma: { min: 0.05, max: 0.95 },
    k: { min: 0, max: 20, integer: true },
    S: { min: 1, max: 1000, integer: true },
    delta: { min: 0, max: 999, integer: true },
  }, 1, { where: (p) => p.delta! < p.S! });
  expressionTask(s, "2", "problem2b", "problem 2: the ratio of consecutive learning rates", "gamma^(floor((t + 1) / S) - floor(t / S))", {
    gamma: { min: 0.05, max: 0.95 },
    t: { min: 0, max: 2000, integer: true },
    S: { min: 1, max: 50, integer: true },
  }, 1, { points: 400 });
  numberTask(s, "3", "problem3a", "problem 3: number of steps above half the peak", problem3Count(), 1, { abs: 1 }); // "exact, ±1 step"
  numberTask(s, "3", "problem3b", "problem 3: fraction of the run above half the peak", problem3Count() / 50_000, 1);
  numberTask(s, "4", "problem4a", "problem 4: the scaled LR", 0.8);
  numberTask(s, "4", "problem4b", "problem 4: ratio of expected distances", (8 * 0.1) / 0.8);
  numberTask(s, "5", "problem5a", "problem 5: the one-cycle LR at t = 90 000", 0.01 - (0.0099 * 60_000) / 70_000);
  numberTask(s, "5", "problem5b", "problem 5: the one-cycle momentum at t = 90 000", 0.85 + (0.1 * 60_000) / 70_000);
});
