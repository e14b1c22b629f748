import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, same, shaped, TOL } from "./a-shared";
import { bowlGrad, F32B, nearAdamStep, nearAll } from "./b-shared";

interface State { params: number[]; m: number[]; v: number[]; vMax: number[]; t: number }
interface Hyper { lr: number; beta1: number; beta2: number; eps: number }

/** AMSGrad as PyTorch implements it (maximum of the raw v, then bias correction), written out here. */
function amsgrad(st: State, g: number[], hp: Hyper): State {
  const t = st.t + 1;
  const m = st.m.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * g[i]!);
  const v = st.v.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * g[i]! ** 2);
  const vMax = v.map((x, i) => Math.max(st.vMax[i]!, x));
  const params = st.params.map((p, i) => p - (hp.lr * m[i]! / (1 - hp.beta1 ** t)) / (Math.sqrt(vMax[i]! / (1 - hp.beta2 ** t)) + hp.eps));
  return { params, m, v, vMax, t };
}

const fresh = (n: number, params: number[]): State => ({ params, m: Array(n).fill(0), v: Array(n).fill(0), vMax: Array(n).fill(0), t: 0 });

exercise("b04-amsgrad", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of AMSGrad", "D");
  classifyTasks(s, "b", "partB", [true, false, true, false, false]);
  expressionTask(s, "c", "partC", "the running maximum after a gradient spike", "beta2 * a + (1 - beta2) * G^2", {
    a: { min: 0, max: 1 },
    G: { min: 2, max: 10 },
    beta2: { min: 0.5, max: 0.999 },
    k: { min: 1, max: 100, integer: true },
  });

  task("d", "amsgradStep: the first update from a fresh state moves each coordinate by about η against its gradient", 1, async () => {
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    // The state's shape is checked (against the equations' result) before its fields are read.
    const out = shaped(await s.call("amsgradStep", fresh(2, [1, -1]), [2, -0.5], hp), amsgrad(fresh(2, [1, -1]), [2, -0.5], hp));
    nearAll(out.params, [0.9, -0.9], TOL.FLOAT32, "params");
    // vMax = (1 − β₂)·g²: 1 − β₂ computed from a float32 β₂ is off by κ(β₂)·u (see F32B).
    nearAll(out.vMax, [0.004, 0.00025], F32B.adamStep(hp.beta1, hp.beta2), "vMax");
    same(out.t, 1, "t");
  });

  task("d", "amsgradStep: after a large then a small gradient it keeps the maximum of the raw v (hand-computed)", 1, async () => {
    // β₁ = β₂ = 0.9, gradients 1 then 0.1: v = 0.1, 0.091; vMax = 0.1 (not the max of v̂ = 1, 0.479).
    const hp = { lr: 1, beta1: 0.9, beta2: 0.9, eps: 0 };
    const one = shaped(await s.call("amsgradStep", fresh(1, [0]), [1], hp), fresh(1, [0]));
    const two = shaped(await s.call("amsgradStep", one, [0.1], hp), fresh(1, [0]));
    nearAll(two.v, [0.091], TOL.FLOAT32, "v");
    nearAll(two.vMax, [0.1], TOL.FLOAT32, "vMax");
    const m2 = 0.9 * 0.1 + 0.1 * 0.1;
    const step2 = (m2 / 0.19) / Math.sqrt(0.1 / 0.19);
    nearAll(two.params, [-1 - step2], TOL.FLOAT32, "params");
  });

  task("d", "amsgradStep: vMax never decreases and matches the equations on seeded random gradients with decaying size", 1, async () => {
    const r = rng(2401);
    const hp = { lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8 };
    let st = fresh(3, [r.normal(), r.normal(), r.normal()]);
    // Each step starts from the trusted state, so the calls do not depend on each other.
    const steps: Array<{ st: State; g: number[] }> = [];
    for (let k = 0; k < 40; k++) {
      const size = 10 * Math.exp(-k / 6) + (k === 25 ? 30 : 0);
      const g = [size * r.normal(), size * r.normal(), r.normal()];
      steps.push({ st, g });
      st = amsgrad(st, g, hp);
    }
    const results = await s.callMany("amsgradStep", steps.map(({ st, g }) => [st, g, hp]));
    steps.forEach(({ st, g }, k) => {
      const got = results.get(k) as State;
      const expected = amsgrad(st, g, hp);
      nearAdamStep(got, { ...expected }, st, g, hp, `step ${k}`);
      expected.vMax.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(st.vMax[i]!);
        expect(x).toBeGreaterThanOrEqual(expected.v[i]!);
      });
    });
  });

  task("d", "amsgradStep: the state is carried between calls (continues from a given state)", 1, async () => {
    const hp = { lr: 0.05, beta1: 0.8, beta2: 0.95, eps: 1e-6 };
    const st: State = { params: [0.5, 0.5], m: [0.2, -0.1], v: [4, 0.01], vMax: [9, 0.02], t: 7 };
    nearAll(await s.call("amsgradStep", st, [0.3, 0.3], hp), { ...amsgrad(st, [0.3, 0.3], hp) }, TOL.FLOAT32, "state");
  });

  task("d", "amsgradTrajectory: AMSGrad on ½(100x² + y²), with a non-decreasing vMax", 1, async () => {
    // Two runs with different hyperparameters (the second far from PyTorch's defaults).
    for (const [x0, steps, hp] of [
      [[1, -2], 50, { lr: 0.05, beta1: 0.9, beta2: 0.99, eps: 1e-8 }],
      [[-0.5, 3], 30, { lr: 0.2, beta1: 0.5, beta2: 0.9, eps: 0.05 }],
    ] as [number[], number, Hyper][]) {
      let st = fresh(2, x0);
      const params = [x0];
      const vMax: number[][] = [];
      for (let k = 0; k < steps; k++) {
        st = amsgrad(st, bowlGrad(st.params), hp);
        params.push(st.params);
        vMax.push(st.vMax);
      }
      nearAll(await s.call("amsgradTrajectory", x0, steps, hp), { params, vMax }, TOL.FLOAT32_ITERATED, "run");
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows a stale maximum", "B");
});
