import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, shaped, TOL } from "./a-shared";
import { bowlGrad, F32B, lionDraws, nearAll } from "./b-shared";

interface LionState { params: number[]; m: number[] }
interface Hyper { lr: number; beta1: number; beta2: number; weightDecay: number }

/** Lion as published by Chen et al. (2023), Algorithm 2, written out here; sign(0) = 0. */
function lion(st: LionState, g: number[], hp: Hyper): LionState {
  const params = st.params.map((p, i) => p - hp.lr * (Math.sign(hp.beta1 * st.m[i]! + (1 - hp.beta1) * g[i]!) + hp.weightDecay * p));
  const m = st.m.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * g[i]!);
  return { params, m };
}

/** Compares a Lion state: θ within TOL.FLOAT32 of |θ| + η, m within F32B.lionMomentum of its terms. */
function nearLion(actual: unknown, expected: LionState, before: LionState, g: number[], hp: Hyper, what: string): void {
  const got = shaped(actual, expected);
  nearAll(got.params, expected.params, TOL.FLOAT32, `${what}.params`, before.params.map((p) => Math.abs(p) + hp.lr));
  nearAll(got.m, expected.m, F32B.lionMomentum(hp.beta2), `${what}.m`, before.m.map((x, i) => hp.beta2 * Math.abs(x) + (1 - hp.beta2) * Math.abs(g[i]!)));
}

exercise("b11-lion", (s) => {
  choiceTask(s, "a", "partA", "picks the description of one Lion update", "B");
  classifyTasks(s, "b", "partB", [true, false, true, false, true]);
  expressionTask(s, "c", "partC", "the interpolation after t identical gradients", "g * (1 - beta1 * beta2^(t - 1))", {
    g: { min: -5, max: 5 },
    beta1: { min: 0.5, max: 0.99 },
    beta2: { min: 0.5, max: 0.999 },
    t: { min: 1, max: 200, integer: true },
  });

  task("d", "lionStep: three hand-computed updates", 1, async () => {
    // β = (0.9, 0.99), η = 0.1, λ = 0. Step 1 (m = 0): c = 0.1g, sign (1, −1, 0).
    // Step 2: c = (−0.0073, 0.164, 0.1): the first coordinate moves against sign(m).
    // Step 3: c = (−0.000227, −0.00764, 0.004): the second moves against sign(g).
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0 };
    const s0: LionState = { params: [1, -2, 0.5], m: [0, 0, 0] };
    const s1: LionState = { params: [0.9, -1.9, 0.5], m: [0.003, -0.04, 0] };
    const s2: LionState = { params: [1, -2, 0.4], m: [0.00197, -0.0196, 0.01] };
    const s3: LionState = { params: [1.1, -1.9, 0.3], m: [0.00197 * 0.99 - 0.0002, -0.0196 * 0.99 + 0.001, 0.0099 - 0.0005] };
    const grads = [[0.3, -4, 0], [-0.1, 2, 1], [-0.02, 0.1, -0.05]];
    const calls = await s.callMany("lionStep", [[s0, grads[0], hp], [s1, grads[1], hp], [s2, grads[2], hp]]);
    [s1, s2, s3].forEach((want, k) => nearLion(calls.get(k), want, [s0, s1, s2][k]!, grads[k]!, hp, `step ${k + 1}`));
  });

  task("d", "lionStep: decoupled weight decay is multiplied by η, and a zero interpolation gives no sign step", 1, async () => {
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.5 };
    // Coordinate 0: c = 0.1 > 0, θ = 2 − 0.1(1 + 0.5·2) = 1.8. Coordinate 1: g = m = 0, so c = 0:
    // θ = 2 − 0.1·0.5·2 = 1.9.
    const st: LionState = { params: [2, 2], m: [0, 0] };
    const g = [1, 0];
    nearLion(await s.callPure("lionStep", st, g, hp), { params: [1.8, 1.9], m: [0.01, 0] }, st, g, hp, "state");
    const st2: LionState = { params: [1.8, -0.4], m: [0.01, -0.2] };
    const g2 = [0, 0];
    nearLion(await s.callPure("lionStep", st2, g2, hp), { params: [1.8 - 0.1 * (1 + 0.9), -0.4 - 0.1 * (-1 - 0.2)], m: [0.0099, -0.198] }, st2, g2, hp, "state");
  });

  task("d", "lionStep: with λ = 0 every coordinate moves by exactly η, for gradients from 10⁻⁶ to 10⁶", 1, async () => {
    // β₁ = 0.9: c = (0.45 + 1e-7, 1e5 − 0.0018, 7e3, 2.91e-4, −40, 0.05): the third coordinate moves
    // uphill (m outweighs g), the fourth against sign(m). The sixth, c = 0.9·1 + 0.1·(−8.5) = 0.05,
    // also moves uphill; had m been updated first (m = 0.905), c would be −0.0355 and the step the
    // other way. Each parameter moves by η = 1e-3 against sign(c).
    const hp = { lr: 1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0 };
    const st: LionState = { params: [0.5, -1.2, 3, 0.01, -7, 0.2], m: [0.5, -0.002, 3e4, -1e-5, 0, 1] };
    const g = [1e-6, 1e6, -2e5, 3e-3, -4e2, -8.5];
    const want: LionState = {
      params: [0.499, -1.201, 2.999, 0.009, -6.999, 0.199],
      m: [0.495 + 1e-8, -0.00198 + 1e4, 2.97e4 - 2e3, -9.9e-6 + 3e-5, -4, 0.99 - 0.085],
    };
    nearLion(await s.callPure("lionStep", st, g, hp), want, st, g, hp, "state");
  });

  task("d", "lionStep: matches Algorithm 2 on seeded random states", 1, async () => {
    const r = rng(3101);
    for (let run = 0; run < 3; run++) {
      const steps = lionDraws<LionState, Hyper>(r, 15, lion);
      const results = await s.callMany("lionStep", steps.map(({ st, g, hp }) => [st, g, hp]));
      steps.forEach(({ st, g, hp }, k) => nearLion(results.get(k), lion(st, g, hp), st, g, hp, `step ${k}`));
    }
  });

  task("d", "lionTrajectory: Lion on ½(100x² + y²) from m = 0", 1, async () => {
    // Short runs that stay on one side of the minimum, so every sign is far from a tie.
    for (const [x0, steps, hp] of [
      [[1, 1], 30, { lr: 0.01, beta1: 0.9, beta2: 0.99, weightDecay: 0 }],
      [[-2, 0.5], 20, { lr: 0.02, beta1: 0.8, beta2: 0.95, weightDecay: 0.1 }],
    ] as [number[], number, Hyper][]) {
      const expected: number[][] = [x0];
      let st: LionState = { params: x0, m: [0, 0] };
      for (let k = 0; k < steps; k++) {
        st = lion(st, bowlGrad(st.params), hp);
        expected.push(st.params);
      }
      nearAll(await s.call("lionTrajectory", x0, steps, hp), expected, TOL.FLOAT32_ITERATED, "trajectory");
    }
  });

  choiceTask(s, "e", "partE", "picks the starting point the authors advise", "B");
});
