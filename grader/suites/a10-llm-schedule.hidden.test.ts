import { expect } from "vitest";
import { rng } from "../../src/random";
import { warmupCosine } from "../../src/schedules/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, same, shaped, TOL } from "./a-shared";

exercise("a10-llm-schedule", (s) => {
  choiceTask(s, "a", "partA", "picks the description of the standard LLM schedule", "C");
  classifyTasks(s, "b", "partB", [true, false, false, false, true]);
  expressionTask(s, "c", "partC", "LR during the cosine phase", "eta_min + (eta_max - eta_min) / 2 * (1 + cos(pi * (t - w) / (T - w)))", {
    eta_max: { min: 1e-5, max: 1e-2, log: true },
    eta_min: { min: 0, max: 1e-5 },
    t: { min: 0, max: 2e5 },
    w: { min: 1, max: 1e4 },
    T: { min: 2e4, max: 2e5 },
  }, 2, { where: (p) => p.t! >= p.w! && p.t! <= p.T! });

  task("d", "llmSchedule: the lesson's worked example 2 (steps 1500 and 50 000)", 1, async () => {
    const c = { peak: 3e-4, minLr: 0, warmupSteps: 2000, totalSteps: 100_000 };
    near(await s.call("llmSchedule", c, 1500), 2.25e-4, TOL.FLOAT32, "step 1500");
    near(await s.call("llmSchedule", c, 50_000), 1.5481e-4, 1e-4, "step 50 000");
  });

  task("d", "llmSchedule: boundaries — step 0, last warmup step, first decay step, step T and past it", 1, async () => {
    const c = { peak: 6e-4, minLr: 6e-5, warmupSteps: 1000, totalSteps: 21_000 };
    const calls = await s.callMany("llmSchedule", [[c, 0], [c, 999], [c, 1000], [c, 11_000], [c, 21_000], [c, 30_000]]);
    near(calls.get(0), 0, 0, "step 0");
    near(calls.get(1), 6e-4 * 0.999, TOL.FLOAT32, "step 999");
    near(calls.get(2), 6e-4, TOL.FLOAT32, "step 1000");
    near(calls.get(3), 3.3e-4, TOL.FLOAT32, "middle of the decay");
    near(calls.get(4), 6e-5, TOL.FLOAT32, "step T");
    near(calls.get(5), 6e-5, TOL.FLOAT32, "past the end");
  });

  task("d", "llmSchedule: matches the course library's warmup + cosine at seeded random steps", 1, async () => {
    const r = rng(1001);
    const cases = Array.from({ length: 40 }, () => {
      const T = 100 + r.int(200_000);
      const w = 1 + r.int(Math.floor(T / 10));
      const peak = 10 ** (-5 + 3 * r.uniform());
      const minLr = peak * 0.2 * r.uniform();
      const k = r.int(T + 1);
      return { T, w, peak, minLr, k };
    });
    const got = await s.callMany("llmSchedule", cases.map(({ T, w, peak, minLr, k }) => [{ peak, minLr, warmupSteps: w, totalSteps: T }, k]));
    cases.forEach(({ T, w, peak, minLr, k }, i) => {
      const expected = warmupCosine({ peak, end: minLr, warmupSteps: w, totalSteps: T })(k);
      near(got.get(i), expected, TOL.FLOAT32, `T ${T}, w ${w}, step ${k}`, peak);
    });
  });

  task("d", "designSchedule: steps from tokens, rounded up, and the floor", 0.5, async () => {
    // An object { peak, minLr, warmupSteps, totalSteps }: its shape is checked before its fields are read.
    const design = { peak: 0, minLr: 0, warmupSteps: 0, totalSteps: 0 };
    const got = shaped(await s.call("designSchedule", { totalTokens: 300e9, tokensPerStep: 3.2e6, warmupTokens: 375e6, peak: 6e-4, minLrRatio: 0.1 }), design);
    same(got.totalSteps, 93_750, "totalSteps"); // 300e9/3.2e6 = 93 750
    same(got.warmupSteps, 118, "warmupSteps"); // 375e6/3.2e6 = 117.19 → 118
    near(got.peak, 6e-4, TOL.FLOAT32, "peak");
    near(got.minLr, 6e-5, TOL.FLOAT32, "minLr");
    // A ratio of 0 is a real setting (decay to zero), checked in the returned value.
    const zero = shaped(await s.call("designSchedule", { totalTokens: 1e9 + 1, tokensPerStep: 1e6, warmupTokens: 1e7, peak: 1e-3, minLrRatio: 0 }), design);
    same(zero.totalSteps, 1001, "totalSteps");
    same(zero.warmupSteps, 10, "warmupSteps");
    near(zero.peak, 1e-3, TOL.FLOAT32, "peak");
    same(zero.minLr, 0, "minLr with minLrRatio 0");
  });

  task("d", "firstDeviation: finds a restarted schedule and a wrong decay length in a logged run", 0.5, async () => {
    const c = { peak: 3e-4, minLr: 3e-5, warmupSteps: 20, totalSteps: 200 };
    const intended = (k: number) => warmupCosine({ peak: 3e-4, end: 3e-5, warmupSteps: 20, totalSteps: 200 })(k);
    const good = Array.from({ length: 200 }, (_, k) => intended(k));
    same(await s.call("firstDeviation", c, good), -1);
    // Resumed at step 120 with the scheduler restarted at 0.
    const restarted = good.map((v, k) => (k < 120 ? v : intended(k - 120)));
    same(await s.call("firstDeviation", c, restarted), 120);
    // Logged one step ahead (the LR of update k + 1 at step k): the warmup rises from step 0, so it differs at once.
    same(await s.call("firstDeviation", c, good.map((_, k) => intended(k + 1))), 0, "logged one step ahead");
    // Decayed over 210 steps instead of 200: a relative deviation far below 1e-6 in absolute terms.
    const longer = Array.from({ length: 200 }, (_, k) => warmupCosine({ peak: 3e-4, end: 3e-5, warmupSteps: 20, totalSteps: 210 })(k));
    const first = longer.findIndex((v, k) => Math.abs(v - good[k]!) > 1e-6 * Math.max(v, good[k]!));
    expect(first).toBeGreaterThan(20);
    same(await s.call("firstDeviation", c, longer), first);
  });

  choiceTask(s, "e", "partE", "picks the signals that catch instabilities early", "B");
});
