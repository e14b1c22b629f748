import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, TOL } from "./a-shared";
import { nearAll } from "./b-shared";

interface Cfg { lr: number; momentum: number; dampening: number; nesterov: boolean }
type State = { params: number[]; buffer: number[]; step: number };

/** PyTorch's SGD update, from its documented definition (the first update copies g into the buffer). */
function update(c: Cfg, s: State, g: number[]): State {
  const buffer = s.buffer.map((b, i) => (s.step === 0 ? g[i]! : c.momentum * b + (1 - c.dampening) * g[i]!));
  const params = s.params.map((p, i) => p - c.lr * (c.nesterov ? g[i]! + c.momentum * buffer[i]! : buffer[i]!));
  return { params, buffer, step: s.step + 1 };
}

/** The run of (d2) from its definition: update k uses lrs[k]; the gradient of ½Σλθ² is λθ. */
function run(c: Cfg, lam: number[], start: number[], lrs: number[]): number[] {
  let s: State = { params: start.slice(), buffer: start.map(() => 0), step: 0 };
  for (const lr of lrs) s = update({ ...c, lr }, s, s.params.map((p, i) => lam[i]! * p));
  return s.params;
}

const G = [0.3, -0.4, 2, 0];
const P = [1, -2, 0.5, 3];
const B = [0.5, 1, -1, 0.25];

exercise("a11-momentum", (s) => {
  choiceTask(s, "a", "partA", "picks the steady step under a constant gradient", "B");
  classifyTasks(s, "b", "partB", [true, true, false, true, false]);
  expressionTask(s, "c", "partC", "largest stable learning rate of heavy ball on one direction", "2 * (1 + mu) / lambda", {
    mu: { min: 0, max: 0.99 },
    lambda: { min: 0.01, max: 100 },
  });

  task("d", "momentumStep: heavy ball, the first update and later ones (no dampening)", 1, async () => {
    const cases: [Cfg, State][] = [
      [{ lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false }, { params: P, buffer: [0, 0, 0, 0], step: 0 }],
      [{ lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false }, { params: P, buffer: B, step: 3 }],
      [{ lr: 0.01, momentum: 0.5, dampening: 0, nesterov: false }, { params: P, buffer: B, step: 1 }],
    ];
    const got = await s.callMany("momentumStep", cases.map(([c, st]) => [c, st, G]));
    cases.forEach(([c, st], i) => nearAll(got.get(i), update(c, st, G), TOL.FLOAT32, `case ${i + 1}`, { params: P, buffer: B, step: 1 }));
  });

  task("d", "momentumStep: dampening and Nesterov, at the first update and later", 1, async () => {
    const cases: [Cfg, State][] = [
      [{ lr: 0.1, momentum: 0.9, dampening: 0.5, nesterov: false }, { params: P, buffer: [0, 0, 0, 0], step: 0 }],
      [{ lr: 0.1, momentum: 0.9, dampening: 0.5, nesterov: false }, { params: P, buffer: B, step: 2 }],
      [{ lr: 0.1, momentum: 0.9, dampening: 0, nesterov: true }, { params: P, buffer: [0, 0, 0, 0], step: 0 }],
      [{ lr: 0.05, momentum: 0.8, dampening: 0, nesterov: true }, { params: P, buffer: B, step: 5 }],
    ];
    const got = await s.callMany("momentumStep", cases.map(([c, st]) => [c, st, G]));
    cases.forEach(([c, st], i) => nearAll(got.get(i), update(c, st, G), TOL.FLOAT32, `case ${i + 1}`, { params: P, buffer: B, step: 1 }));
  });

  task("d", "runMomentum: heavy ball and Nesterov on a 2-D quadratic through an LR warmup and drop", 1, async () => {
    // 10 steps of warmup to 0.05, 30 at 0.05, then a tenfold drop for 30 steps.
    const lrs = [...Array.from({ length: 10 }, (_, k) => (0.05 * (k + 1)) / 10), ...Array(30).fill(0.05), ...Array(30).fill(0.005)] as number[];
    const lam = [1, 10];
    const start = [1, -0.5];
    const cfgs: Cfg[] = [
      { lr: 0, momentum: 0.9, dampening: 0, nesterov: false },
      { lr: 0, momentum: 0.8, dampening: 0, nesterov: true },
      { lr: 0, momentum: 0.9, dampening: 0.9, nesterov: false },
    ];
    const got = await s.callMany("runMomentum", cfgs.map((c) => [c, lam, start, lrs]));
    // Iterated steps on a contracting quadratic; each coordinate judged on the scale of the start.
    cfgs.forEach((c, i) => nearAll(got.get(i), run(c, lam, start, lrs), TOL.FLOAT32_ITERATED, `run ${i + 1}`, [1, 1]));
  });

  task("d", "tuned: gradient descent's and heavy ball's constants and rates", 1, async () => {
    const ranges: [number, number][] = [[1, 100], [0.01, 1], [2, 2], [0.3, 1e4], [5, 7]];
    const got = await s.callMany("tuned", ranges);
    ranges.forEach(([lo, hi], i) => {
      const k = hi / lo;
      const r = (Math.sqrt(k) - 1) / (Math.sqrt(k) + 1);
      const expected = { gd: { lr: 2 / (hi + lo), rate: (k - 1) / (k + 1) }, heavyBall: { lr: 4 / (Math.sqrt(hi) + Math.sqrt(lo)) ** 2, momentum: r * r, rate: r } };
      // Rates and momenta lie in [0, 1): judged on that scale (κ = 1 gives 0).
      nearAll(got.get(i), expected, TOL.FLOAT32, `λ in [${lo}, ${hi}]`, { gd: { lr: 0, rate: 1 }, heavyBall: { lr: 0, momentum: 1, rate: 1 } });
    });
  });

  choiceTask(s, "e", "partE", "picks the learning rate that carries over to the EMA form", "B");
});
