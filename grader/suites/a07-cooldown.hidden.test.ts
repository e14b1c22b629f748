import { rng } from "../../src/random";
import { wsd as libWsd } from "../../src/schedules/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, TOL } from "./a-shared";

type Shape = "linear" | "cosine" | "1-sqrt";
interface Cfg { peak: number; floor: number; warmupSteps: number; stableSteps: number; decaySteps: number; shape: Shape }

/** The fraction of the way from peak to floor after a fraction x of the cooldown, per shape. */
const done = (shape: Shape, x: number) => (shape === "linear" ? x : shape === "cosine" ? (1 - Math.cos(Math.PI * x)) / 2 : Math.sqrt(x));

exercise("a07-cooldown", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of a cooldown", "D");
  classifyTasks(s, "b", "partB", [true, true, false, false, true]);
  expressionTask(s, "c", "partC", "LR during a 1−√ cooldown", "eta_floor + (eta_peak - eta_floor) * (1 - sqrt((t - t0) / D))", {
    eta_peak: { min: 1e-4, max: 1e-2, log: true },
    eta_floor: { min: 0, max: 1e-5 },
    t: { min: 0, max: 2e5 },
    t0: { min: 0, max: 1e5 },
    D: { min: 10, max: 1e5 },
  }, 2, { where: (p) => p.t! >= p.t0! && p.t! <= p.t0! + p.D! });

  task("d", "wsd: warmup, stable phase, start and end of the cooldown, and after", 1, async () => {
    const c: Cfg = { peak: 1e-3, floor: 1e-5, warmupSteps: 100, stableSteps: 800, decaySteps: 100, shape: "linear" };
    const cases: [number, number][] = [[0, 0], [50, 5e-4], [99, 0.99e-3], [100, 1e-3], [899, 1e-3], [900, 1e-3], [950, 1e-5 + 0.5 * (1e-3 - 1e-5)], [1000, 1e-5], [5000, 1e-5]];
    for (const [k, v] of cases) near(await s.call("wsd", c, k), v, TOL.FLOAT32, `step ${k}`);
  });

  task("d", "wsd: the three cooldown shapes at a quarter of the cooldown", 1, async () => {
    for (const shape of ["linear", "cosine", "1-sqrt"] as const) {
      const c: Cfg = { peak: 1, floor: 0.1, warmupSteps: 0, stableSteps: 100, decaySteps: 400, shape };
      const calls = await s.callMany("wsd", [[c, 200], [c, 100], [c, 500]]);
      near(calls.get(0), 1 - 0.9 * done(shape, 0.25), TOL.FLOAT32, `${shape} at x = 1/4`);
      near(calls.get(1), 1, TOL.FLOAT32, `${shape} at the start of the cooldown`);
      near(calls.get(2), 0.1, TOL.FLOAT32, `${shape} at the end`);
    }
  });

  task("d", "wsd: matches the course library at seeded random configurations", 1, async () => {
    const r = rng(701);
    const shapes: Shape[] = ["linear", "cosine", "1-sqrt"];
    const cases = Array.from({ length: 40 }, () => {
      const c: Cfg = { peak: 10 ** (-4 + 2 * r.uniform()), floor: 0, warmupSteps: r.int(500), stableSteps: r.int(5000), decaySteps: 1 + r.int(2000), shape: shapes[r.int(3)]! };
      c.floor = c.peak * 0.1 * r.uniform();
      const k = r.int(c.warmupSteps + c.stableSteps + c.decaySteps + 100);
      return { c, k };
    });
    const got = await s.callMany("wsd", cases.map(({ c, k }) => [c, k]));
    cases.forEach(({ c, k }, i) => {
      const expected = libWsd({ ...c })(k);
      near(got.get(i), expected, TOL.FLOAT32, `${c.shape}, step ${k}`, c.peak);
    });
  });

  task("d", "cooldownMass: Σ η over the cooldown steps, per shape", 1, async () => {
    for (const shape of ["linear", "cosine", "1-sqrt"] as const) {
      const c: Cfg = { peak: 2, floor: 0.5, warmupSteps: 10, stableSteps: 20, decaySteps: 50, shape };
      let sum = 0;
      for (let j = 0; j < 50; j++) sum += 0.5 + 1.5 * (1 - done(shape, j / 50));
      near(await s.call("cooldownMass", c), sum, TOL.FLOAT32, shape);
    }
    // Linear shape: the sum of an arithmetic sequence, peak·D − (peak − floor)·(D − 1)/2 with floor 0.
    near(await s.call("cooldownMass", { peak: 1, floor: 0, warmupSteps: 0, stableSteps: 0, decaySteps: 10, shape: "linear" }), 10 - 4.5, TOL.FLOAT32, "closed form");
  });

  choiceTask(s, "e", "partE", "picks what shows the effect of the cooldown", "B");
});
