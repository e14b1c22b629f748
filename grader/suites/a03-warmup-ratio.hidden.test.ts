import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, same, TOL, warmupLinearDraws } from "./a-shared";

/** The linear schedule with warmup, written out from its definition (w given). */
const linearWithWarmup = (peak: number, w: number, T: number, k: number) => (k < w ? (peak * k) / w : peak * Math.max(0, (T - k) / (T - w)));

exercise("a03-warmup-ratio", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of the warmup ratio", "B");
  classifyTasks(s, "b", "partB", [false, true, true, false, true]);
  expressionTask(s, "c", "partC", "LR mass given up during warmup", "eta_peak * (r * T + 1) / 2", {
    r: { min: 0.001, max: 0.2 },
    T: { min: 100, max: 1e6, integer: true },
    eta_peak: { min: 1e-5, max: 1, log: true },
  });

  task("d", "warmupSteps: ⌈r·T⌉, including exact multiples and fractional products", 1, async () => {
    // 0.015 · 1001 = 15.015 → 16; 0.02 · 100 000 = 2000 exactly; 0.25 · 10 = 2.5 → 3; 0 → 0.
    for (const [r, T, w] of [[0.015, 1001, 16], [0.02, 100_000, 2000], [0.25, 10, 3], [0, 500, 0], [0.5, 9, 5], [0.01, 150, 2]] as const) {
      same(await s.call("warmupSteps", r, T), w, `ratio ${r}, ${T} steps`);
    }
  });

  task("d", "warmupLinear: 0 at step 0, the peak at the end of warmup, 0 at step T and after", 1, async () => {
    const c = { peak: 3e-4, warmupRatio: 0.02, totalSteps: 100_000 }; // w = 2000
    const calls = await s.callMany("warmupLinear", [[c, 0], [c, 1500], [c, 1999], [c, 2000], [c, 51_000], [c, 100_000], [c, 120_000]]);
    near(calls.get(0), 0, 0, "step 0");
    near(calls.get(1), 2.25e-4, TOL.FLOAT32, "step 1500 (worked example 2)");
    near(calls.get(2), (3e-4 * 1999) / 2000, TOL.FLOAT32, "last warmup step");
    near(calls.get(3), 3e-4, TOL.FLOAT32, "first step after warmup");
    near(calls.get(4), 1.5e-4, TOL.FLOAT32, "halfway through the decay");
    near(calls.get(5), 0, 0, "step T");
    near(calls.get(6), 0, 0, "past the end");
  });

  task("d", "warmupLinear: matches the definition at seeded random configurations", 1, async () => {
    const cases = warmupLinearDraws(rng(301));
    const got = await s.callMany("warmupLinear", cases.map(({ T, ratio, peak, k }) => [{ peak, warmupRatio: ratio, totalSteps: T }, k]));
    cases.forEach(({ T, ratio, w, peak, k }, i) => near(got.get(i), linearWithWarmup(peak, w, T, k), TOL.FLOAT32, `T ${T}, ratio ${ratio}, step ${k}`, peak));
  });

  task("d", "firstUnstableStep: finds the first LR at or above 2/λ_max on the 2-D quadratic", 1, async () => {
    // peak 0.5, w = ⌈0.1 · 95⌉ = 10, T = 95: η_k = 0.05k. λ = [1, 8]: limit 0.25 → k = 5. λ = [10, 2]: limit 0.2 → k = 4.
    // (r·T = 9.5 is not a whole number: at a whole r·T, ⌈r·T⌉ depends on the last bit of the
    // product, and a float32 answer could warm up one step longer; see warmupLinearDraws.)
    const c = { peak: 0.5, warmupRatio: 0.1, totalSteps: 95 };
    same(await s.call("firstUnstableStep", c, [1, 8]), 5);
    same(await s.call("firstUnstableStep", c, [10, 2]), 4);
    same(await s.call("firstUnstableStep", c, [1, 2]), -1); // limit 1 > peak
    same(await s.call("firstUnstableStep", c, [4, 3]), 10); // limit 0.5 = peak, reached at step w
    // A second schedule whose warmup length is rounded up: 0.015 · 1001 = 15.015 → w = 16, η_k = 0.3k/16.
    // λ_max = 8: limit 0.25; η_13 = 0.24375 < 0.25 ≤ η_14 = 0.2625 → step 14.
    const c2 = { peak: 0.3, warmupRatio: 0.015, totalSteps: 1001 };
    same(await s.call("firstUnstableStep", c2, [8, 1]), 14, "second schedule");
    same(await s.call("firstUnstableStep", c2, [1, 6]), -1, "second schedule, limit above the peak");
    // No warmup (r = 0): step 0 already runs at the peak 0.5 = 2/4, so the first unstable step is 0.
    same(await s.call("firstUnstableStep", { peak: 0.5, warmupRatio: 0, totalSteps: 50 }, [4, 3]), 0, "no warmup");
  });

  choiceTask(s, "e", "partE", "picks the early-training signal for warmup length", "D");
});
