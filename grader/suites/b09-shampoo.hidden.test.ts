import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, shaped, TOL } from "./a-shared";
import { F32B, matmul, nearAll, randomMatrix, symPow2, transpose } from "./b-shared";

interface State { W: number[][]; L: number[][]; R: number[][] }

const add = (A: number[][], B: number[][]) => A.map((r, i) => r.map((x, j) => x + B[i]![j]!));
/** Gupta, Koren & Singer's update (statistics first, then W − η L^(−1/4) G R^(−1/4)), written out here. */
function shampoo(st: State, G: number[][], lr: number): State {
  const L = add(st.L, matmul(G, transpose(G)));
  const R = add(st.R, matmul(transpose(G), G));
  const P = matmul(matmul(symPow2(L, -0.25), G), symPow2(R, -0.25));
  return { W: st.W.map((r, i) => r.map((w, j) => w - lr * P[i]![j]!)), L, R };
}
/** Q(θ) diag(a, b) Q(θ)ᵀ for the rotation Q(θ). */
function rotated(theta: number, a: number, b: number): number[][] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [[a * c * c + b * s * s, (a - b) * c * s], [(a - b) * c * s, a * s * s + b * c * c]];
}
/** A seeded symmetric positive-definite 2 × 2 matrix. */
const spd = (draw: () => number) => rotated(3 * draw(), 0.1 + 10 * draw(), 0.1 + draw());

exercise("b09-shampoo", (s) => {
  choiceTask(s, "a", "partA", "picks the description of Shampoo", "A");
  classifyTasks(s, "b", "partB", [true, true, false, false, false]);
  expressionTask(s, "c", "partC", "the update after t identical single-entry gradients", "-eta / sqrt(t)", {
    eta: { min: 1e-3, max: 1, log: true },
    g: { min: 0.01, max: 10, log: true },
    t: { min: 1, max: 1000, integer: true },
  });

  task("d", "shampooPreconditioned: diagonal statistics (hand-computed fourth roots)", 1, async () => {
    // diag(16, 1)^(−1/4) = diag(1/2, 1); diag(1, 81)^(−1/4) = diag(1, 1/3).
    nearAll(await s.call("shampooPreconditioned", [[1, 2], [3, 4]], [[16, 0], [0, 1]], [[1, 0], [0, 81]]), [[0.5, 1 / 3], [3, 4 / 3]], TOL.FLOAT32, "diagonal");
    nearAll(await s.call("shampooPreconditioned", [[1, -2], [0.5, 4]], [[16, 0], [0, 16]], [[1, 0], [0, 1]]), [[0.5, -1], [0.25, 2]], TOL.FLOAT32, "scalar");
  });

  task("d", "shampooPreconditioned: rotated statistics use the matrix fourth root, not the element-wise power", 1, async () => {
    // (Q diag(16, 1) Qᵀ)^(−1/4) = Q diag(1/2, 1) Qᵀ and (Q' diag(81, 1) Q'ᵀ)^(−1/4) = Q' diag(1/3, 1) Q'ᵀ.
    for (const [a, b] of [[0.3, 1.1], [-0.7, 2.5]]) {
      const G = [[1, 2], [-1, 0.5]];
      const expected = matmul(matmul(rotated(a, 0.5, 1), G), rotated(b, 1 / 3, 1));
      nearAll(await s.call("shampooPreconditioned", G, rotated(a, 16, 1), rotated(b, 81, 1)), expected, TOL.FLOAT32, "rotated");
    }
  });

  task("d", "shampooStep: statistics, then the preconditioned step, over seeded random gradients", 1, async () => {
    const r = rng(2901);
    for (let run = 0; run < 3; run++) {
      let st: State = { W: randomMatrix(2, 2, () => r.normal()), L: spd(r.uniform), R: spd(r.uniform) };
      // Each step starts from the trusted state, so the calls do not depend on each other.
      const steps: Array<{ st: State; G: number[][]; expected: State }> = [];
      for (let k = 0; k < 5; k++) {
        const G = randomMatrix(2, 2, () => r.normal());
        const expected = shampoo(st, G, 0.1);
        steps.push({ st, G, expected });
        st = expected;
      }
      const got = await s.callMany("shampooStep", steps.map(({ st, G }) => [st, G, { lr: 0.1 }]));
      steps.forEach(({ st, G, expected }, k) => {
        // W is judged on its size before the step and on the step's, η|P| (θ − ηP may cancel).
        const P = matmul(matmul(symPow2(expected.L, -0.25), G), symPow2(expected.R, -0.25));
        nearAll(got.get(k), { ...expected }, F32B.shampoo(expected.L, expected.R), `run ${run} step ${k}`, { W: [...st.W.flat(), ...P.flat().map((x) => 0.1 * x)] });
      });
    }
  });

  task("d", "shampooStep: repeated single-entry gradients follow the closed form", 1, async () => {
    let st: State = { W: [[0, 0], [0, 0]], L: [[1e-8, 0], [0, 1e-8]], R: [[1e-8, 0], [0, 1e-8]] };
    for (let t = 1; t <= 9; t++) {
      // The state's shape is checked before its fields are read.
      const next = shaped(await s.call("shampooStep", st, [[3, 0], [0, 0]], { lr: 0.2 }), { W: [[0, 0], [0, 0]], L: [[0, 0], [0, 0]], R: [[0, 0], [0, 0]] });
      const dW = next.W.map((r, i) => r.map((w, j) => w - st.W[i]![j]!));
      nearAll(dW, [[-0.2 / Math.sqrt(t), 0], [0, 0]], TOL.FLOAT32, `update ${t}`);
      st = next;
    }
  });

  task("d", "shampooTrajectory: Shampoo on ½ tr(Wᵀ P W Q)", 1, async () => {
    const P = [[10, 3], [3, 1.5]];
    const Q = [[2, 0.5], [0.5, 1]];
    const W0 = [[1, -1], [0.5, 2]];
    // Two runs: ε = 1e-4, then an ε large enough to damp the first updates.
    for (const hp of [{ lr: 0.3, eps: 1e-4 }, { lr: 0.1, eps: 5 }]) {
      let st: State = { W: W0, L: [[hp.eps, 0], [0, hp.eps]], R: [[hp.eps, 0], [0, hp.eps]] };
      const expected = [W0];
      for (let k = 0; k < 30; k++) {
        st = shampoo(st, matmul(matmul(P, st.W), Q), hp.lr);
        expected.push(st.W);
      }
      nearAll(await s.call("shampooTrajectory", W0, P, Q, 30, hp), expected, TOL.FLOAT32_ITERATED, `trajectory (ε = ${hp.eps})`);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that warns of an unreliable preconditioner", "C");
});
