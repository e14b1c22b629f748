import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, shaped, TOL } from "./a-shared";
import { F32B, nearAll, randomMatrix } from "./b-shared";

interface Factored { row: number[]; col: number[] }

/** Shazeer & Stern's factored second moment (row and column sums of G² + ε₁), written out here. */
function factored(st: Factored, G: number[][], beta2: number, eps1: number) {
  const n = G.length;
  const m = G[0]!.length;
  const row = st.row.slice();
  const col = st.col.slice();
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += G[i]![j]! ** 2 + eps1;
    row[i] = beta2 * row[i]! + (1 - beta2) * sum;
  }
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += G[i]![j]! ** 2 + eps1;
    col[j] = beta2 * col[j]! + (1 - beta2) * sum;
  }
  let total = 0;
  for (const x of row) total += x;
  const vhat = row.map((R) => col.map((C) => (R * C) / total));
  return { row, col, vhat };
}

exercise("b06-adafactor", (s) => {
  choiceTask(s, "a", "partA", "picks the description of Adafactor's second moment", "A");
  classifyTasks(s, "b", "partB", [true, false, false, true, false]);
  expressionTask(s, "c", "partC", "the top-left entry of the rank-1 reconstruction", "(p + q) * (p + r) / (p + q + r + s)", {
    p: { min: 0.01, max: 10, log: true },
    q: { min: 0.01, max: 10, log: true },
    r: { min: 0.01, max: 10, log: true },
    s: { min: 0.01, max: 10, log: true },
  });

  task("d", "adafactorSecondMoment: row sums, column sums and V̂ of a hand-computed 2 × 3 gradient", 1, async () => {
    // G² = [[1, 4, 0], [9, 1, 4]]: rows [5, 14], columns [10, 5, 4], total 19.
    const out = await s.call("adafactorSecondMoment", { row: [0, 0], col: [0, 0, 0] }, [[1, -2, 0], [3, 1, -2]], { beta2: 0, eps1: 0 });
    nearAll(out, { row: [5, 14], col: [10, 5, 4], vhat: [[50 / 19, 25 / 19, 20 / 19], [140 / 19, 70 / 19, 56 / 19]] }, TOL.FLOAT32, "factored");
  });

  task("d", "adafactorSecondMoment: exact when G² is rank one (G²_ij = a_i b_j)", 1, async () => {
    const r = rng(2601);
    for (let k = 0; k < 5; k++) {
      const a = Array.from({ length: 3 }, () => 0.1 + r.uniform());
      const b = Array.from({ length: 4 }, () => 0.1 + r.uniform());
      const G = a.map((ai) => b.map((bj) => (r.uniform() < 0.5 ? -1 : 1) * Math.sqrt(ai * bj)));
      const zero = { row: [0, 0, 0], col: [0, 0, 0, 0] };
      // The result's shape is checked (against the equations' result) before a field is read.
      const out = shaped(await s.call("adafactorSecondMoment", zero, G, { beta2: 0, eps1: 0 }), factored(zero, G, 0, 0));
      nearAll(out.vhat, a.map((ai) => b.map((bj) => ai * bj)), TOL.FLOAT32, "vhat");
    }
  });

  task("d", "adafactorSecondMoment: moving averages with β̂₂ and ε₁ over seeded random gradients", 1, async () => {
    const r = rng(2602);
    // The square gradient first: a mistake that only works for square matrices (axes swapped)
    // then answers before it throws on the others, so the feedback can name it.
    for (const [n, m] of [[3, 3], [2, 3], [4, 2]] as [number, number][]) {
      let st: Factored = { row: Array(n).fill(0), col: Array(m).fill(0) };
      // Each update starts from the trusted state, so the calls do not depend on each other.
      const steps: Array<{ st: Factored; G: number[][]; beta2: number; eps1: number; expected: ReturnType<typeof factored> }> = [];
      for (let t = 1; t <= 6; t++) {
        const G = randomMatrix(n, m, () => r.normal());
        const beta2 = 0.5 + 0.49 * r.uniform();
        const eps1 = 0.01 * r.uniform();
        const expected = factored(st, G, beta2, eps1);
        steps.push({ st, G, beta2, eps1, expected });
        st = { row: expected.row, col: expected.col };
      }
      const got = await s.callMany("adafactorSecondMoment", steps.map(({ st, G, beta2, eps1 }) => [st, G, { beta2, eps1 }]));
      steps.forEach(({ beta2, expected }, i) => nearAll(got.get(i), expected, F32B.adafactor(beta2), `${n}×${m} update ${i + 1}`));
    }
  });

  task("d", "adafactorTrajectory: the first update is exact for a rank-one G² (β̂₂ = 0 at t = 1)", 1, async () => {
    // H = W = ones ⇒ G = ones, V̂ = ones: the first update is W − η.
    const path = (await s.call("adafactorTrajectory", [[1, 1, 1], [1, 1, 1]], [[1, 1, 1], [1, 1, 1]], 1, { lr: 0.1, eps1: 0 })) as number[][][];
    nearAll(path, [[[1, 1, 1], [1, 1, 1]], [[0.9, 0.9, 0.9], [0.9, 0.9, 0.9]]], TOL.FLOAT32, "trajectory");
  });

  task("d", "adafactorTrajectory: simplified Adafactor with β̂₂ = 1 − t^(−0.8) on a matrix quadratic", 1, async () => {
    const H = [[100, 1, 3], [0.5, 10, 2]];
    const W0 = [[1, -1, 0.5], [2, 0.3, -0.7]];
    // Two runs: the paper's ε₁ = 1e-30, then an ε₁ large enough to change every update.
    for (const [lr, eps1] of [[0.01, 1e-30], [0.05, 0.1]]) {
      let W = W0;
      let st: Factored = { row: [0, 0], col: [0, 0, 0] };
      const expected = [W0];
      for (let t = 1; t <= 40; t++) {
        const G = W.map((r, i) => r.map((w, j) => H[i]![j]! * w));
        const f = factored(st, G, 1 - Math.pow(t, -0.8), eps1!);
        st = { row: f.row, col: f.col };
        W = W.map((r, i) => r.map((w, j) => w - (lr! * G[i]![j]!) / Math.sqrt(f.vhat[i]![j]!)));
        expected.push(W);
      }
      const got = await s.call("adafactorTrajectory", W0, H, 40, { lr, eps1 });
      nearAll(got, expected, TOL.FLOAT32_ITERATED, `trajectory (ε₁ = ${eps1})`);
      expect((got as unknown[]).length).toBe(41);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that reveals oversized factored updates", "D");
});
