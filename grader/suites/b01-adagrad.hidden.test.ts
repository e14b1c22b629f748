import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, TOL } from "./a-shared";
import { bowlGrad, nearAll } from "./b-shared";

/** AdaGrad as published (PyTorch: accumulate first, ε outside the root), written out here. */
function adagrad(params: number[], accum: number[], grad: number[], lr: number, eps: number) {
  const G = accum.map((a, i) => a + grad[i]! ** 2);
  return { params: params.map((p, i) => p - (lr * grad[i]!) / (Math.sqrt(G[i]!) + eps)), accum: G };
}

exercise("b01-adagrad", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of the AdaGrad accumulator", "B");
  classifyTasks(s, "b", "partB", [true, false, true, false, false]);
  expressionTask(s, "c", "partC", "effective learning rate after t identical gradients", "eta / (sqrt(t * g^2) + eps)", {
    eta: { min: 1e-3, max: 1, log: true },
    eps: { min: 0.01, max: 1, log: true },
    g: { min: -5, max: 5 },
    t: { min: 1, max: 1000, integer: true },
  });

  task("d", "adagradStep: the first update from a zero accumulator moves each coordinate by about η against its gradient", 1, async () => {
    // G_1 = g², so the step is η g / (|g| + ε) ≈ η sign(g).
    const g = [3, -0.5, 1e-3];
    // The statement promises that the arguments are left alone: callPure checks it.
    const out = await s.callPure("adagradStep", { params: [0.5, -1, 2], accum: [0, 0, 0] }, g, { lr: 0.05, eps: 1e-10 });
    nearAll(out, { params: [0.5 - 0.05, -1 + 0.05, 2 - 0.05], accum: [9, 0.25, 1e-6] }, TOL.FLOAT32, "state");
  });

  task("d", "adagradStep: ε is added outside the square root of the accumulator", 1, async () => {
    const out = await s.call("adagradStep", { params: [0, 0], accum: [0, 3] }, [0.5, 1], { lr: 1, eps: 0.1 });
    // G = [0.25, 4]: steps 0.5 / (0.5 + 0.1) and 1 / (2 + 0.1).
    nearAll(out, { params: [-0.5 / 0.6, -1 / 2.1], accum: [0.25, 4] }, TOL.FLOAT32, "state");
  });

  task("d", "adagradStep: matches the update equations over seeded random sequences, and the accumulator never decreases", 1, async () => {
    const r = rng(2101);
    for (let run = 0; run < 4; run++) {
      const n = 2 + r.int(4);
      const lr = 10 ** (-3 + 2 * r.uniform());
      const eps = 10 ** (-4 + 3 * r.uniform());
      let state = { params: Array.from({ length: n }, () => r.normal()), accum: Array.from({ length: n }, () => r.uniform()) };
      // Each step starts from the trusted state, so the calls do not depend on each other.
      const steps: Array<{ state: typeof state; g: number[]; expected: typeof state }> = [];
      for (let k = 0; k < 15; k++) {
        const g = Array.from({ length: n }, () => r.normal() * 10 ** (2 * r.uniform() - 1));
        const expected = adagrad(state.params, state.accum, g, lr, eps);
        steps.push({ state, g, expected });
        state = expected;
      }
      const results = await s.callMany("adagradStep", steps.map(({ state, g }) => [state, g, { lr, eps }]));
      steps.forEach(({ state, expected }, k) => {
        const got = results.get(k) as typeof state;
        // Parameters are judged on their size before the step (θ − step may cancel; the step is ≤ η).
        nearAll(got, expected, TOL.FLOAT32, `run ${run} step ${k}`, { params: state.params });
        expected.accum.forEach((G, i) => expect(G).toBeGreaterThanOrEqual(state.accum[i]!));
      });
    }
  });

  task("d", "effectiveLr: η / (√G + ε) per coordinate", 1, async () => {
    nearAll(await s.call("effectiveLr", [0, 4, 9, 0.25], { lr: 1, eps: 0.5 }), [2, 1 / 2.5, 1 / 3.5, 1], TOL.FLOAT32, "rates");
    nearAll(await s.call("effectiveLr", [100], { lr: 0.3, eps: 0 }), [0.03], TOL.FLOAT32, "rates");
  });

  task("d", "adagradTrajectory: AdaGrad on ½(100x² + y²) from a zero accumulator", 1, async () => {
    // Two runs with different η and ε, so neither can be assumed (PyTorch's default ε is 1e-10).
    for (const [x0, steps, lr, eps] of [[[1, 1], 50, 0.1, 1e-10], [[-0.3, 2], 20, 0.5, 0.5]] as [number[], number, number, number][]) {
      const expected: number[][] = [x0];
      let st = { params: x0, accum: [0, 0] };
      for (let k = 0; k < steps; k++) {
        st = adagrad(st.params, st.accum, bowlGrad(st.params), lr, eps);
        expected.push(st.params);
      }
      nearAll(await s.call("adagradTrajectory", x0, steps, { lr, eps }), expected, TOL.FLOAT32_ITERATED, "trajectory");
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows the accumulator at work", "C");
});
