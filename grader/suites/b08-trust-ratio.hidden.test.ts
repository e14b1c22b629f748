import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, same, shaped, TOL } from "./a-shared";
import { F32B, nearAdamStep, nearAll, norm } from "./b-shared";

interface Hyper { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }
interface State { params: number[][]; m: number[][]; v: number[][]; t: number }

/** LAMB (You et al. 2020, Algorithm 2 with bias correction, φ = identity), written out here. */
function lamb(st: State, grads: number[][], hp: Hyper): State {
  const t = st.t + 1;
  const m = st.m.map((ml, l) => ml.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * grads[l]![i]!));
  const v = st.v.map((vl, l) => vl.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * grads[l]![i]! ** 2));
  const params = st.params.map((w, l) => {
    const u = w.map((x, i) => (m[l]![i]! / (1 - hp.beta1 ** t)) / (Math.sqrt(v[l]![i]! / (1 - hp.beta2 ** t)) + hp.eps) + hp.weightDecay * x);
    const wn = norm(w);
    const un = norm(u);
    const r = wn > 0 && un > 0 ? wn / un : 1;
    return w.map((x, i) => x - hp.lr * r * u[i]!);
  });
  return { params, m, v, t };
}
const vec = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const zerosLike = (a: number[][]) => a.map((x) => x.map(() => 0));

exercise("b08-trust-ratio", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of the trust ratio", "D");
  classifyTasks(s, "b", "partB", [true, true, true, false, true, false], 2);
  expressionTask(s, "c", "partC", "trust ratio with an orthogonal Adam direction and weight decay", "W / sqrt(A^2 + lambda^2 * W^2)", {
    A: { min: 0.01, max: 100, log: true },
    W: { min: 0.01, max: 100, log: true },
    lambda: { min: 1e-3, max: 1, log: true },
  });

  task("d", "lambTrustRatio: hand-computed ratios and the zero-norm rule", 1, async () => {
    const calls = await s.callMany("lambTrustRatio", [[[3, 4], [0, 0.5]], [[1, 0, 0, 0], [1, 1, 1, 1]], [[0, 0], [1, 2]], [[1, 2], [0, 0]]]);
    near(calls.get(0), 10, TOL.FLOAT32, "ratio");
    near(calls.get(1), 0.5, TOL.FLOAT32, "ratio");
    near(calls.get(2), 1, TOL.FLOAT32, "zero weights");
    near(calls.get(3), 1, TOL.FLOAT32, "zero update");
  });

  task("d", "lambTrustRatio: scaling w and u together leaves it unchanged; scaling w alone scales it (seeded)", 1, async () => {
    const r = rng(2801);
    const cases = Array.from({ length: 10 }, () => {
      const n = 1 + r.int(6);
      const w = vec(n, () => r.normal());
      const u = vec(n, () => 10 ** (2 * r.uniform() - 1) * r.normal());
      const c = 10 ** (3 * r.uniform() - 1.5);
      return { w, u, c };
    });
    // Three calls per case, in the order the checks read them.
    const got = await s.callMany("lambTrustRatio", cases.flatMap(({ w, u, c }) => [[w, u], [w.map((x) => c * x), u.map((x) => c * x)], [w.map((x) => c * x), u]]));
    cases.forEach(({ w, u, c }, k) => {
      const base = shaped(got.get(3 * k), 0);
      near(base, norm(w) / norm(u), TOL.FLOAT32, "ratio");
      near(got.get(3 * k + 1), base, TOL.FLOAT32, "joint scaling");
      near(got.get(3 * k + 2), c * base, TOL.FLOAT32, "weight scaling");
    });
  });

  task("d", "lambStep: each layer's step norm is what the trust ratio makes it (seeded)", 1, async () => {
    const r = rng(2802);
    const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 };
    const params = [vec(5, () => r.normal()), vec(3, () => 0.01 * r.normal()), vec(2, () => 100 * r.normal())];
    const grads = params.map((w) => w.map(() => r.normal()));
    const st: State = { params, m: zerosLike(params), v: zerosLike(params), t: 0 };
    // The state's shape is checked (against the algorithm's result) before its fields are read.
    const out = shaped(await s.call("lambStep", st, grads, hp), lamb(st, grads, hp));
    same(out.t, 1, "t");
    out.params.forEach((w, l) => near(norm(w.map((x, i) => x - params[l]![i]!)), 0.01 * norm(params[l]!), F32B.lambStepNorm(hp.lr), `layer ${l} step norm`));
  });

  task("d", "lambStep: matches the algorithm over seeded random steps", 1, async () => {
    const r = rng(2803);
    const hp = { lr: 0.02, beta1: 0.9, beta2: 0.99, eps: 1e-6, weightDecay: 0.1 };
    const p0 = [vec(4, () => r.normal()), vec(2, () => r.normal())];
    let st: State = { params: p0, m: zerosLike(p0), v: zerosLike(p0), t: 0 };
    for (let k = 0; k < 12; k++) {
      const grads = st.params.map((w, l) => w.map(() => 10 ** (2 * l) * r.normal()));
      const expected = lamb(st, grads, hp);
      nearAdamStep(await s.call("lambStep", st, grads, hp), { ...expected }, { params: st.params.flat(), m: st.m.flat(), v: st.v.flat() }, grads.flat(), hp, `step ${k}`);
      st = expected;
    }
  });

  task("d", "lambTrajectory: LAMB on a two-layer quadratic with very different curvatures", 1, async () => {
    const H = [[100, 1], [0.01, 2, 5]];
    const w0 = [[1, 1], [-1, 0.5, 2]];
    // Two runs: LAMB's usual ε and decay, then quite different ones.
    for (const hp of [
      { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 },
      { lr: 0.02, beta1: 0.8, beta2: 0.95, eps: 0.1, weightDecay: 0.3 },
    ]) {
      let st: State = { params: w0, m: zerosLike(w0), v: zerosLike(w0), t: 0 };
      const expected = [w0];
      for (let k = 0; k < 40; k++) {
        st = lamb(st, st.params.map((w, l) => w.map((x, i) => H[l]![i]! * x)), hp);
        expected.push(st.params);
      }
      nearAll(await s.call("lambTrajectory", w0, H, 40, hp), expected, TOL.FLOAT32_ITERATED, `trajectory (ε = ${hp.eps})`);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric to check first in a LAMB run", "B");
});
