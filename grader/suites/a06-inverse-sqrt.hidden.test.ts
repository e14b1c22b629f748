import { rng } from "../../src/random";
import { inverseSqrt } from "../../src/schedules/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, shaped, TOL } from "./a-shared";

exercise("a06-inverse-sqrt", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of inverse-square-root decay", "B");
  classifyTasks(s, "b", "partB", [false, false, true, true, true]);
  expressionTask(s, "c", "partC", "step at which the LR is a fraction q of the peak", "w / q^2", {
    w: { min: 1, max: 1e5, integer: true },
    q: { min: 0.01, max: 1 },
  });

  task("d", "inverseSqrt: warmup values, the peak at step w, and the 1/√ tail", 1, async () => {
    const c = { peak: 1e-3, warmupSteps: 4000 };
    const calls = await s.callMany("inverseSqrt", [[c, 0], [c, 1000], [c, 3999], [c, 4000], [c, 16_000], [c, 400_000]]);
    near(calls.get(0), 0, 0, "step 0");
    near(calls.get(1), 2.5e-4, TOL.FLOAT32, "step 1000");
    near(calls.get(2), (1e-3 * 3999) / 4000, TOL.FLOAT32, "last warmup step");
    near(calls.get(3), 1e-3, TOL.FLOAT32, "step w");
    near(calls.get(4), 5e-4, TOL.FLOAT32, "step 4w: half the peak");
    near(calls.get(5), 1e-4, TOL.FLOAT32, "step 100w: a tenth of the peak");
  });

  task("d", "inverseSqrt: matches the course library (timescale w) at seeded random steps", 1, async () => {
    const r = rng(601);
    const cases = Array.from({ length: 40 }, () => {
      const peak = 10 ** (-5 + 3 * r.uniform());
      const w = 1 + r.int(10_000);
      const k = r.int(50 * w);
      return { peak, w, k };
    });
    const got = await s.callMany("inverseSqrt", cases.map(({ peak, w, k }) => [{ peak, warmupSteps: w }, k]));
    cases.forEach(({ peak, w, k }, i) => {
      const expected = inverseSqrt({ initial: peak, timescale: w, warmupSteps: w })(k);
      near(got.get(i), expected, TOL.FLOAT32, `w ${w}, step ${k}`, peak);
    });
  });

  task("d", "inverseSqrt: log–log slope −½ after warmup", 0.5, async () => {
    const c = { peak: 0.01, warmupSteps: 100 };
    const a = shaped(await s.call("inverseSqrt", c, 1000), 0);
    const b = shaped(await s.call("inverseSqrt", c, 100_000), 0);
    near(Math.log(b / a) / Math.log(100), -0.5, TOL.FLOAT32, "slope");
  });

  task("d", "noam: the paper's formula with the 1-based step number s = k + 1", 1.5, async () => {
    const d = 512, w = 4000;
    const lr = (sNum: number) => d ** -0.5 * Math.min(sNum ** -0.5, sNum * w ** -1.5);
    for (const k of [0, 1, 2999, 3998, 3999, 4000, 10_000, 99_999]) {
      near(await s.call("noam", { dModel: d, warmupSteps: w }, k), lr(k + 1), TOL.FLOAT32, `step ${k}`);
    }
    // Peak of the paper's base model: d^−½·w^−½ at s = w, i.e. step w − 1.
    near(await s.call("noam", { dModel: d, warmupSteps: w }, w - 1), 1 / Math.sqrt(512 * 4000), TOL.FLOAT32, "peak");
    const r = rng(602);
    for (let i = 0; i < 10; i++) {
      const dm = 64 * (1 + r.int(32));
      const wu = 1 + r.int(8000);
      const k = r.int(100_000);
      near(await s.call("noam", { dModel: dm, warmupSteps: wu }, k), dm ** -0.5 * Math.min((k + 1) ** -0.5, (k + 1) * wu ** -1.5), TOL.FLOAT32, `step ${k}`);
    }
  });

  choiceTask(s, "e", "partE", "picks the plot that confirms the decay law", "C");
});
