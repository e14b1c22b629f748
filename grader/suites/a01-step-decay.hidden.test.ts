import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, F32, near, shaped, TOL } from "./a-shared";

/** Closed form η₀·γ^⌊k/S⌋, written out independently of any submission. */
const stepLr = (eta0: number, gamma: number, S: number, k: number) => eta0 * Math.pow(gamma, Math.floor(k / S));

exercise("a01-step-decay", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of step decay", "B");
  classifyTasks(s, "b", "partB", [true, false, false, true, false]);
  expressionTask(s, "c", "partC", "first step at which the LR reaches the target", "S * ceil(log(eta_target / eta0) / log(gamma))", {
    eta0: { min: 1e-3, max: 1, log: true },
    gamma: { min: 0.1, max: 0.9 },
    S: { min: 1, max: 1000, integer: true },
    eta_target: { min: 1e-6, max: 1, log: true },
  }, 2, { where: (p) => p.eta_target! < 0.99 * p.eta0! });

  task("d", "stepDecay: holds η₀ through the first interval and drops exactly at multiples of S", 1, async () => {
    const c = { eta0: 0.1, gamma: 0.5, stepSize: 30 };
    // The lesson's table: 0.1 for steps 0–29, 0.05 for 30–59, 0.025 for 60–89.
    for (const [k, v] of [[0, 0.1], [29, 0.1], [30, 0.05], [59, 0.05], [60, 0.025], [89, 0.025], [90, 0.0125]] as const) {
      near(await s.call("stepDecay", c, k), v, TOL.FLOAT32, `step ${k}`);
    }
  });

  task("d", "stepDecay: matches the closed form at seeded random configurations and steps", 1, async () => {
    const r = rng(101);
    const cases = Array.from({ length: 40 }, () => {
      const eta0 = 10 ** (-4 + 3 * r.uniform());
      const gamma = 0.05 + 0.9 * r.uniform();
      const S = 1 + r.int(500);
      const k = r.int(20 * S);
      return { eta0, gamma, S, k };
    });
    const got = await s.callMany("stepDecay", cases.map(({ eta0, gamma, S, k }) => [{ eta0, gamma, stepSize: S }, k]));
    cases.forEach(({ eta0, gamma, S, k }, i) => near(got.get(i), stepLr(eta0, gamma, S, k), F32.stepDecay(Math.floor(k / S)), `step ${k}`));
  });

  task("d", "stepDecay: with S = 1 it is exponential decay η₀·γ^k", 0.5, async () => {
    for (const k of [0, 1, 7, 50]) near(await s.call("stepDecay", { eta0: 2, gamma: 0.9, stepSize: 1 }, k), 2 * 0.9 ** k, TOL.FLOAT32, `step ${k}`);
  });

  task("d", "multiStepDecay: drops at each milestone step itself, not before or after", 1, async () => {
    const c = { eta0: 0.3, gamma: 0.1, milestones: [100, 250, 400] };
    const expected: [number, number][] = [[0, 0.3], [99, 0.3], [100, 0.03], [249, 0.03], [250, 0.003], [399, 0.003], [400, 0.0003], [5000, 0.0003]];
    for (const [k, v] of expected) near(await s.call("multiStepDecay", c, k), v, TOL.FLOAT32, `step ${k}`);
    near(await s.call("multiStepDecay", { eta0: 0.3, gamma: 0.1, milestones: [] }, 1000), 0.3, TOL.FLOAT32, "no milestones");
    // A second schedule, so neither η₀ nor γ can be assumed: 0.02 halved at steps 3 and 10.
    const c2 = { eta0: 0.02, gamma: 0.5, milestones: [3, 10] };
    for (const [k, v] of [[0, 0.02], [2, 0.02], [3, 0.01], [9, 0.01], [10, 0.005], [50, 0.005]] as const) near(await s.call("multiStepDecay", c2, k), v, TOL.FLOAT32, `second schedule, step ${k}`);
  });

  task("d", "descend: gradient descent on the 2-D quadratic with the step-decay LR", 0.5, async () => {
    const r = rng(102);
    for (let i = 0; i < 8; i++) {
      const config = { eta0: 0.05 + 0.2 * r.uniform(), gamma: 0.3 + 0.6 * r.uniform(), stepSize: 1 + r.int(20) };
      const lam: [number, number] = [0.5 + r.uniform(), 2 + 5 * r.uniform()];
      const start: [number, number] = [r.normal(), r.normal()];
      const steps = 1 + r.int(80);
      // Closed form: each coordinate is multiplied by (1 − η_k λ) at update k.
      let fx = 1, fy = 1;
      for (let k = 0; k < steps; k++) {
        fx *= 1 - stepLr(config.eta0, config.gamma, config.stepSize, k) * lam[0];
        fy *= 1 - stepLr(config.eta0, config.gamma, config.stepSize, k) * lam[1];
      }
      const want: [number, number] = [start[0] * fx, start[1] * fy];
      // A point [x, y]: its shape is checked before its entries are read. Each coordinate is judged
      // on the scale of its start (a factor 1 − η_kλ near 0 leaves a value near 0, see F32.descend).
      const [x, y] = shaped(await s.call("descend", config, lam, start, steps), want);
      near(x, want[0], F32.descend(config, lam[0], steps), "x", start[0]);
      near(y, want[1], F32.descend(config, lam[1], steps), "y", start[1]);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows the schedule itself", "C");
});
