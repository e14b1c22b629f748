import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, shaped, TOL } from "./a-shared";
import { larsLocalDraws, nearAll, norm } from "./b-shared";

interface Hyper { lr: number; trust: number; weightDecay: number; momentum: number }
interface State { params: number[][]; velocity: number[][] }

/** You, Gitman & Ginsburg's local LR, with the zero-norm rule of NVIDIA's implementation. */
function localLr(w: number[], g: number[], hp: Hyper): number {
  const wn = norm(w);
  const gn = norm(g);
  return wn > 0 && gn > 0 ? (hp.lr * hp.trust * wn) / (gn + hp.weightDecay * wn) : hp.lr;
}
/** One LARS update of every layer, written out from the paper's algorithm. */
function lars(st: State, grads: number[][], hp: Hyper): State {
  const velocity = st.params.map((w, l) => {
    const lr = localLr(w, grads[l]!, hp);
    return w.map((x, i) => hp.momentum * st.velocity[l]![i]! + lr * (grads[l]![i]! + hp.weightDecay * x));
  });
  return { params: st.params.map((w, l) => w.map((x, i) => x - velocity[l]![i]!)), velocity };
}
const vec = (n: number, draw: () => number) => Array.from({ length: n }, draw);

exercise("b07-lars", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of LARS", "C");
  classifyTasks(s, "b", "partB", [true, true, false, false, false]);
  expressionTask(s, "c", "partC", "update norm of a layer in a quadratic bowl", "eta * tau * W", {
    eta: { min: 0.01, max: 10, log: true },
    tau: { min: 1e-4, max: 0.1, log: true },
    h: { min: 0.01, max: 100, log: true },
    beta: { min: 0, max: 0.1 },
    W: { min: 0.01, max: 100, log: true },
  });

  task("d", "larsLocalLr: hand-computed local rates, weight decay in the denominator, zero-norm rule", 1, async () => {
    const hp = { lr: 2, trust: 0.001, weightDecay: 0.1, momentum: 0.9 };
    // ‖w‖ = 5, ‖g‖ = 1: 2 · 0.001 · 5 / (1 + 0.1 · 5).
    const calls = await s.callMany("larsLocalLr", [[[3, 4], [0.6, 0.8], hp], [[0, 0], [0.6, 0.8], hp], [[3, 4], [0, 0], hp]]);
    near(calls.get(0), (2 * 0.001 * 5) / 1.5, TOL.FLOAT32, "local lr");
    near(calls.get(1), 2, TOL.FLOAT32, "zero weights");
    near(calls.get(2), 2, TOL.FLOAT32, "zero gradient");
  });

  task("d", "larsLocalLr: per-layer norms over seeded random layers; scaling g by c (β = 0) divides the rate by c", 1, async () => {
    const cases = larsLocalDraws(rng(2701));
    // Three calls per case, in the order the checks read them.
    const got = await s.callMany("larsLocalLr", cases.flatMap(({ w, g, hp, c, h0 }) => [[w, g, hp], [w, g, h0], [w, g.map((x) => c * x), h0]]));
    cases.forEach(({ w, g, hp, c }, k) => {
      near(got.get(3 * k), localLr(w, g, hp), TOL.FLOAT32, "local lr");
      const a = shaped(got.get(3 * k + 1), 0);
      const b = shaped(got.get(3 * k + 2), 0);
      near(b * c, a, TOL.FLOAT32, "scale invariance");
    });
  });

  task("d", "larsStep: layers with a single curvature each and μ = 0 follow the closed form", 1, async () => {
    // g = h w ⇒ local = ητ / (h + β) and the update is local · (h + β) w = ητ w.
    const hp = { lr: 1, trust: 0.02, weightDecay: 0.05, momentum: 0 };
    const w = [[1, -2, 3], [0.5, 0.5]];
    const h = [300, 0.01];
    let st: State = { params: w, velocity: [[0, 0, 0], [0, 0]] };
    for (let k = 1; k <= 5; k++) {
      // The state's shape (that of the layers) is checked before its fields are read.
      st = shaped(await s.call("larsStep", st, st.params.map((wl, l) => wl.map((x) => h[l]! * x)), hp), { params: w, velocity: w });
      nearAll(st.params, w.map((wl) => wl.map((x) => x * 0.98 ** k)), TOL.FLOAT32, `step ${k}`);
    }
  });

  task("d", "larsStep: momentum and weight decay, matches the algorithm on seeded random layers", 1, async () => {
    const r = rng(2702);
    const hp = { lr: 0.5, trust: 0.01, weightDecay: 0.01, momentum: 0.9 };
    let st: State = { params: [vec(4, () => r.normal()), vec(2, () => r.normal()), vec(1, () => r.normal())], velocity: [[0, 0, 0, 0], [0, 0], [0]] };
    for (let k = 0; k < 10; k++) {
      const grads = st.params.map((w, l) => w.map(() => 10 ** l * r.normal()));
      const expected = lars(st, grads, hp);
      // Each velocity is judged on its terms' magnitudes, each parameter on its own and its step's.
      const terms = st.params.map((w, l) => {
        const lr = localLr(w, grads[l]!, hp);
        return st.velocity[l]!.map((u, i) => hp.momentum * Math.abs(u) + lr * (Math.abs(grads[l]![i]!) + hp.weightDecay * Math.abs(w[i]!)));
      });
      nearAll(await s.call("larsStep", st, grads, hp), { ...expected }, TOL.FLOAT32, `step ${k}`, { params: [...st.params.flat(), ...terms.flat()], velocity: terms });
      st = expected;
    }
  });

  task("d", "larsTrajectory: LARS on a two-layer quadratic with very different curvatures", 1, async () => {
    const H = [[100, 1], [0.01, 2, 5]];
    const w0 = [[1, 1], [-1, 0.5, 2]];
    // Two runs: the paper's momentum 0.9, then different momentum, trust and decay.
    for (const hp of [{ lr: 1, trust: 0.01, weightDecay: 1e-4, momentum: 0.9 }, { lr: 2, trust: 0.02, weightDecay: 0.01, momentum: 0.5 }]) {
      let st: State = { params: w0, velocity: [[0, 0], [0, 0, 0]] };
      const expected = [w0];
      for (let k = 0; k < 40; k++) {
        st = lars(st, st.params.map((w, l) => w.map((x, i) => H[l]![i]! * x)), hp);
        expected.push(st.params);
      }
      const got = await s.call("larsTrajectory", w0, H, 40, hp);
      nearAll(got, expected, TOL.FLOAT32_ITERATED, `trajectory (μ = ${hp.momentum})`);
      expect((got as unknown[]).length).toBe(41);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows layer-wise equalisation", "A");
});
