import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, same, TOL } from "./a-shared";

/** Warmup + cosine in tokens, from its definition. */
function tokenLr(peak: number, floor: number, nw: number, N: number, n: number): number {
  if (n < nw) return (peak * n) / nw;
  const x = Math.min(1, (n - nw) / (N - nw));
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * x));
}

exercise("a09-token-budget", (s) => {
  choiceTask(s, "a", "partA", "picks the description of token-budget scheduling", "D");
  classifyTasks(s, "b", "partB", [true, true, false, true, false]);
  expressionTask(s, "c", "partC", "optimizer steps for a token budget", "N / (b * A * P * L)", {
    N: { min: 1e9, max: 1e13, log: true },
    b: { min: 1, max: 64, integer: true },
    A: { min: 1, max: 64, integer: true },
    P: { min: 1, max: 1024, integer: true },
    L: { min: 128, max: 8192, integer: true },
  });

  task("d", "tokensPerStep and stepsForTokens: GPT-3-sized numbers and gradient accumulation", 1.5, async () => {
    // 4 sequences × 8 accumulation × 64 GPUs × 2048 tokens = 4 194 304 tokens per step.
    const shape = { microBatch: 4, accumulationSteps: 8, workers: 64, sequenceLength: 2048 };
    same(await s.call("tokensPerStep", shape), 4_194_304);
    same(await s.call("stepsForTokens", 300e9, shape), Math.ceil(300e9 / 4_194_304)); // 71 526
    same(await s.call("stepsForTokens", 4_194_304 * 1000, shape), 1000);
    same(await s.call("stepsForTokens", 4_194_304 * 1000 + 1, shape), 1001);
    // A second shape: 3 · 5 · 7 · 1000 = 105 000 tokens per step; 10⁶ tokens need ⌈9.52⌉ = 10 steps.
    const small = { microBatch: 3, accumulationSteps: 5, workers: 7, sequenceLength: 1000 };
    same(await s.call("tokensPerStep", small), 105_000, "second shape");
    same(await s.call("stepsForTokens", 1e6, small), 10, "second shape");
  });

  task("d", "lrAtTokens: warmup, the peak, the midpoint of the decay, the floor at the budget and after", 1, async () => {
    const c = { peak: 6e-4, floor: 6e-5, warmupTokens: 375e6, totalTokens: 300e9 };
    const calls = await s.callMany("lrAtTokens", [[c, 0], [c, 187.5e6], [c, 375e6], [c, (375e6 + 300e9) / 2], [c, 300e9], [c, 320e9]]);
    near(calls.get(0), 0, 0, "0 tokens");
    near(calls.get(1), 3e-4, TOL.FLOAT32, "half the warmup");
    near(calls.get(2), 6e-4, TOL.FLOAT32, "end of warmup");
    near(calls.get(3), 3.3e-4, TOL.FLOAT32, "middle of the decay");
    near(calls.get(4), 6e-5, TOL.FLOAT32, "budget spent");
    near(calls.get(5), 6e-5, TOL.FLOAT32, "past the budget");
  });

  task("d", "lrAtTokens: matches the definition at seeded random points", 1, async () => {
    const r = rng(901);
    const cases = Array.from({ length: 30 }, () => {
      const peak = 10 ** (-4.5 + 1.5 * r.uniform());
      const floor = peak * 0.2 * r.uniform();
      const N = 1e9 * (1 + 100 * r.uniform());
      const nw = N * 0.05 * r.uniform() + 1;
      const n = N * 1.1 * r.uniform();
      return { peak, floor, N, nw, n };
    });
    const got = await s.callMany("lrAtTokens", cases.map(({ peak, floor, N, nw, n }) => [{ peak, floor, warmupTokens: nw, totalTokens: N }, n]));
    cases.forEach(({ peak, floor, N, nw, n }, i) => near(got.get(i), tokenLr(peak, floor, nw, N, n), TOL.FLOAT32, "random point", peak));
  });

  task("d", "lrAtStep: the LR at the tokens consumed before the step", 0.5, async () => {
    const shape = { microBatch: 2, accumulationSteps: 4, workers: 8, sequenceLength: 1024 }; // 65 536 tokens per step
    const c = { peak: 1e-3, floor: 1e-4, warmupTokens: 65_536 * 100, totalTokens: 65_536 * 10_000 };
    const calls2 = await s.callMany("lrAtStep", [[c, shape, 0], [c, shape, 50], [c, shape, 100], [c, shape, 10_000]]);
    near(calls2.get(0), 0, 0, "step 0");
    near(calls2.get(1), 5e-4, TOL.FLOAT32, "step 50");
    near(calls2.get(2), 1e-3, TOL.FLOAT32, "step 100");
    near(calls2.get(3), 1e-4, TOL.FLOAT32, "last step");
    // A second schedule and shape: 100 tokens per step, warmup 10 steps, budget 110 steps, floor 0.
    const one = { microBatch: 1, accumulationSteps: 1, workers: 1, sequenceLength: 100 };
    const c2 = { peak: 2e-3, floor: 0, warmupTokens: 1000, totalTokens: 11_000 };
    const calls3 = await s.callMany("lrAtStep", [[c2, one, 5], [c2, one, 10], [c2, one, 60], [c2, one, 110]]);
    near(calls3.get(0), 1e-3, TOL.FLOAT32, "second schedule, step 5");
    near(calls3.get(1), 2e-3, TOL.FLOAT32, "second schedule, step 10");
    near(calls3.get(2), 1e-3, TOL.FLOAT32, "second schedule, step 60 (middle of the decay)");
    near(calls3.get(3), 0, TOL.FLOAT32, "second schedule, last step", 2e-3);
  });

  choiceTask(s, "e", "partE", "picks the quantity to log in a token-budgeted run", "A");
});
