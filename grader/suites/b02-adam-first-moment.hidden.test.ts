import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, same, sameList, shaped, TOL, U32 } from "./a-shared";
import { bowlGrad, F32B, nearAdamStep, nearAll } from "./b-shared";

interface AdamState { params: number[]; m: number[]; v: number[]; t: number }
interface Hyper { lr: number; beta1: number; beta2: number; eps: number }

/** Adam as published by Kingma & Ba, with PyTorch's ε placement, written out here. */
function adam(st: AdamState, g: number[], hp: Hyper): AdamState {
  const t = st.t + 1;
  const m = st.m.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * g[i]!);
  const v = st.v.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * g[i]! ** 2);
  const params = st.params.map((p, i) => p - (hp.lr * m[i]! / (1 - hp.beta1 ** t)) / (Math.sqrt(v[i]! / (1 - hp.beta2 ** t)) + hp.eps));
  return { params, m, v, t };
}

exercise("b02-adam-first-moment", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of Adam's first moment", "C");
  classifyTasks(s, "b", "partB", [true, true, false, false, true]);
  expressionTask(s, "c", "partC", "first moment after t identical gradients", "g * (1 - beta1^t)", {
    g: { min: -5, max: 5 },
    beta1: { min: 0.5, max: 0.99 },
    t: { min: 1, max: 200, integer: true },
  });

  task("d", "adamFirstMoment: hand-computed moving averages", 1, async () => {
    // β₁ = 0.9: 0.1, 0.19, 0.271 for ones; then a gradient of −1 gives 0.9·0.271 − 0.1.
    const calls = await s.callMany("adamFirstMoment", [[[1, 1, 1, -1], 0.9], [[4, 0, 0], 0.5], [[], 0.9]]);
    nearAll(calls.get(0), [0.1, 0.19, 0.271, 0.1439], TOL.FLOAT32, "m");
    nearAll(calls.get(1), [2, 1, 0.5], TOL.FLOAT32, "m");
    sameList(calls.get(2), []);
  });

  task("d", "adamFirstMoment: matches the moving-average equation on seeded random gradients", 1, async () => {
    const r = rng(2201);
    for (let run = 0; run < 5; run++) {
      const beta1 = 0.5 + 0.49 * r.uniform();
      const grads = Array.from({ length: 40 }, () => r.normal());
      let m = 0;
      const expected = grads.map((g) => (m = beta1 * m + (1 - beta1) * g));
      // Judged on the gradients' scale (see F32B.adamFirstMoment).
      nearAll(await s.call("adamFirstMoment", grads, beta1), expected, F32B.adamFirstMoment(beta1), "m", grads);
    }
  });

  task("d", "adamStep: the first update from a fresh state moves each coordinate by about η against its gradient", 1, async () => {
    // m̂_1 = g, v̂_1 = g²: the step is η g / (|g| + ε).
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    const start: AdamState = { params: [1, 2, 3], m: [0, 0, 0], v: [0, 0, 0], t: 0 };
    // The state's shape is checked (against the equations' result) before its fields are read.
    const out = shaped(await s.call("adamStep", start, [4, -0.01, 250], hp), adam(start, [4, -0.01, 250], hp));
    nearAll(out.params, [0.9, 2.1, 2.9], TOL.FLOAT32, "params");
    nearAll(out.m, [0.4, -0.001, 25], TOL.FLOAT32, "m");
    same(out.t, 1, "t");
  });

  task("d", "adamStep: with a constant gradient every update has size η|g|/(|g| + ε), and random sequences match the equations", 1, async () => {
    const hp = { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 0.01 };
    let st: AdamState = { params: [0], m: [0], v: [0], t: 0 };
    for (let k = 1; k <= 12; k++) {
      const next = shaped(await s.call("adamStep", st, [0.2], hp), { params: [0], m: [0], v: [0], t: 0 });
      // The update is read as the difference of two float32 parameters of size up to k updates,
      // each rounded by u: 2k·u of the update more than one step's allowance.
      nearAll(st.params[0]! - next.params[0]!, 0.05 * 0.2 / 0.21, F32B.adamStep(hp.beta1, hp.beta2) + 2 * k * U32, `update ${k}`);
      same(next.t, k, "t");
      st = next;
    }
    const r = rng(2202);
    const hq = { lr: 0.01, beta1: 0.8 + 0.19 * r.uniform(), beta2: 0.9 + 0.099 * r.uniform(), eps: 1e-6 };
    let cur: AdamState = { params: [r.normal(), r.normal(), r.normal()], m: [0, 0, 0], v: [0, 0, 0], t: 0 };
    const steps: Array<{ cur: AdamState; g: number[]; expected: AdamState }> = [];
    for (let k = 0; k < 20; k++) {
      const g = [r.normal(), 5 * r.normal(), 0.1 * r.normal()];
      const expected = adam(cur, g, hq);
      steps.push({ cur, g, expected });
      cur = expected;
    }
    const results = await s.callMany("adamStep", steps.map(({ cur, g }) => [cur, g, hq]));
    steps.forEach(({ cur, g, expected }, k) => nearAdamStep(results.get(k), { ...expected }, cur, g, hq, `step ${k}`));
  });

  task("d", "adamTrajectory: Adam on ½(100x² + y²) from a fresh state", 1, async () => {
    for (const [x0, steps, hp] of [
      [[1, 1], 50, { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 }],
      [[-2, 0.5], 30, { lr: 0.2, beta1: 0.5, beta2: 0.9, eps: 1e-3 }],
    ] as [number[], number, Hyper][]) {
      const expected: number[][] = [x0];
      let st: AdamState = { params: x0, m: [0, 0], v: [0, 0], t: 0 };
      for (let k = 0; k < steps; k++) {
        st = adam(st, bowlGrad(st.params), hp);
        expected.push(st.params);
      }
      nearAll(await s.call("adamTrajectory", x0, steps, hp), expected, TOL.FLOAT32_ITERATED, "trajectory");
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows the first moment before a spike", "A");
});
