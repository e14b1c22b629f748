import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, shaped, TOL } from "./a-shared";
import { F32B, matmul, nearAll, randomMatrix, singularValues2, transpose, withSingularValues } from "./b-shared";

const [A, B, C] = [3.4445, -4.775, 2.0315];
/** Frobenius norm. */
const fro = (M: number[][]) => Math.sqrt(M.flat().reduce((s, x) => s + x * x, 0));
/** The scalar Newton–Schulz polynomial a x + b x³ + c x⁵ that acts on each singular value. */
const poly = (x: number) => A * x + B * x ** 3 + C * x ** 5;

/** Keller Jordan's zeropower_via_newtonschulz5, written out here. */
function ns(G: number[][], steps: number): number[][] {
  const fro = Math.sqrt(G.flat().reduce((s, x) => s + x * x, 0));
  const tall = G.length > G[0]!.length;
  let X = G.map((r) => r.map((x) => x / (fro + 1e-7)));
  if (tall) X = transpose(X);
  for (let k = 0; k < steps; k++) {
    const M = matmul(X, transpose(X));
    const MM = matmul(M, M);
    const Bm = M.map((r, i) => r.map((x, j) => B * x + C * MM[i]![j]!));
    const BX = matmul(Bm, X);
    X = X.map((r, i) => r.map((x, j) => A * x + BX[i]![j]!));
  }
  return tall ? transpose(X) : X;
}

interface State { W: number[][]; B: number[][] }
interface Hyper { lr: number; momentum: number; nesterov: boolean; nsSteps: number }

/** One Muon update: momentum, optional Nesterov, orthogonalise, scale by √max(1, rows/cols). */
function muon(st: State, G: number[][], hp: Hyper): State {
  const Bn = st.B.map((r, i) => r.map((x, j) => hp.momentum * x + G[i]![j]!));
  const U = hp.nesterov ? G.map((r, i) => r.map((g, j) => g + hp.momentum * Bn[i]![j]!)) : Bn;
  const O = ns(U, hp.nsSteps);
  const scale = Math.sqrt(Math.max(1, G.length / G[0]!.length));
  return { W: st.W.map((r, i) => r.map((w, j) => w - hp.lr * scale * O[i]![j]!)), B: Bn };
}

exercise("b10-muon", (s) => {
  choiceTask(s, "a", "partA", "picks the description of Muon", "B");
  classifyTasks(s, "b", "partB", [true, false, false, false, true]);
  expressionTask(s, "c", "partC", "one Newton–Schulz iteration acting on a singular value", "a * x + b * x^3 + c * x^5", {
    a: { min: 1, max: 4 },
    b: { min: -5, max: -1 },
    c: { min: 0.5, max: 3 },
    x: { min: 0, max: 1.2 },
  });

  task("d", "newtonSchulz: diagonal matrices after 1, 2 and 5 steps (closed form)", 1, async () => {
    const fro = Math.sqrt(10);
    for (const steps of [1, 2, 5]) {
      let x = 3 / (fro + 1e-7);
      let y = 1 / (fro + 1e-7);
      for (let k = 0; k < steps; k++) [x, y] = [poly(x), poly(y)];
      nearAll(await s.call("newtonSchulz", [[3, 0], [0, -1]], steps), [[x, 0], [0, -y]], TOL.FLOAT32, `${steps} steps`);
    }
  });

  task("d", "newtonSchulz: tall, wide and square matrices keep their shape and match the iteration (seeded)", 1, async () => {
    const r = rng(3001);
    const cases = ([[3, 2, 5], [2, 3, 5], [4, 2, 3], [2, 2, 1], [2, 5, 4]] as [number, number, number][]).map(([rows, cols, steps]) => ({ rows, cols, steps, G: randomMatrix(rows, cols, () => 3 * r.normal()) }));
    const got = await s.callMany("newtonSchulz", cases.map(({ G, steps }) => [G, steps]));
    cases.forEach(({ rows, cols, steps, G }, i) => nearAll(got.get(i), ns(G, steps), F32B.newtonSchulz(steps), `${rows}×${cols}`));
  });

  task("d", "newtonSchulz: five steps put every singular value in the quintic's band [0.68, 1.14]", 1, async () => {
    const r = rng(3002);
    const cases: Array<{ rows: number; G: number[][] }> = [];
    for (const [rows, cols] of [[3, 2], [2, 4], [2, 2], [5, 2]] as [number, number][]) {
      for (const ratio of [1, 4, 12]) cases.push({ rows, G: withSingularValues(rows, cols, [ratio * (0.5 + r.uniform()), 0.5 + r.uniform()], r.normal) });
    }
    // Two calls per case, in the order the checks read them.
    const got = await s.callMany("newtonSchulz", cases.flatMap(({ G }) => [[G, 5], [transpose(G), 5]]));
    cases.forEach(({ G }, i) => {
      // Each result has the shape of its input: checked before its entries are read.
      const O = shaped(got.get(2 * i), G);
      const Ot = shaped(got.get(2 * i + 1), transpose(G));
      for (const sv of singularValues2(O)) {
        expect(sv).toBeGreaterThan(0.68);
        expect(sv).toBeLessThan(1.14);
      }
      // Two answers, each within newtonSchulz's allowance of the same exact value.
      nearAll(transpose(Ot), O, 2 * F32B.newtonSchulz(5), "transpose symmetry");
    });
  });

  task("d", "muonStep: momentum, Nesterov and the √max(1, rows/cols) scale (seeded)", 1, async () => {
    const r = rng(3003);
    for (const [rows, cols] of [[3, 2], [2, 3], [2, 2]] as [number, number][]) {
      for (const nesterov of [false, true]) {
        const hp = { lr: 0.02, momentum: 0.95, nesterov, nsSteps: 5 };
        let st: State = { W: randomMatrix(rows, cols, r.normal), B: randomMatrix(rows, cols, () => 0) };
        // Each step starts from the trusted state, so the calls do not depend on each other.
        const steps: Array<{ st: State; G: number[][]; expected: State }> = [];
        for (let k = 0; k < 3; k++) {
          const G = randomMatrix(rows, cols, r.normal);
          const expected = muon(st, G, hp);
          steps.push({ st, G, expected });
          st = expected;
        }
        const got = await s.callMany("muonStep", steps.map(({ st, G }) => [st, G, hp]));
        steps.forEach(({ st, G, expected }, k) => {
          // B's terms are μ|B| and |G|; the matrix orthogonalised (B, or G + μB) may cancel.
          const terms = st.B.map((r, i) => r.map((x, j) => hp.momentum * Math.abs(x) + Math.abs(G[i]![j]!)));
          const U = nesterov ? G.map((r, i) => r.map((g, j) => g + hp.momentum * expected.B[i]![j]!)) : expected.B;
          const Uterms = nesterov ? G.map((r, i) => r.map((g, j) => Math.abs(g) + hp.momentum * terms[i]![j]!)) : terms;
          const cancellation = fro(Uterms) / fro(U);
          const floors = { W: [...st.W.flat(), hp.lr * Math.sqrt(Math.max(1, rows / cols))], B: terms };
          nearAll(got.get(k), { ...expected }, F32B.muonStep(hp.nsSteps, cancellation), `${rows}×${cols} step ${k}`, floors);
        });
      }
    }
  });

  task("d", "muonTrajectory: Muon on ½‖W − T‖²", 1, async () => {
    const T = [[1, 0], [0.5, -1], [2, 1]];
    const W0 = [[0, 0], [1, 1], [-1, 0]];
    // Two runs: the usual settings, then plain momentum with fewer Newton–Schulz steps.
    for (const hp of [{ lr: 0.05, momentum: 0.9, nesterov: true, nsSteps: 5 }, { lr: 0.1, momentum: 0.8, nesterov: false, nsSteps: 2 }]) {
      let st: State = { W: W0, B: [[0, 0], [0, 0], [0, 0]] };
      const expected = [W0];
      for (let k = 0; k < 25; k++) {
        st = muon(st, st.W.map((r, i) => r.map((w, j) => w - T[i]![j]!)), hp);
        expected.push(st.W);
      }
      nearAll(await s.call("muonTrajectory", W0, T, 25, hp), expected, TOL.FLOAT32_ITERATED, `trajectory (${hp.nsSteps} NS steps)`);
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that checks the orthogonalisation", "D");
});
