import { scheduleFreeSgd } from "../../src/optim/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, TOL } from "./a-shared";
import { nearAll } from "./b-shared";

type Problem = { lambdas: number[]; centers: number[] };
interface Cfg { lr: number; beta: number }
type State = { x: number[]; z: number[]; t: number };

/** One schedule-free SGD update from its definition (Defazio et al. 2024): y, then z, then x with c = 1/(t + 1). */
function step(p: Problem, c: Cfg, s: State): State {
  const y = s.z.map((zi, i) => (1 - c.beta) * zi + c.beta * s.x[i]!);
  const z = s.z.map((zi, i) => zi - c.lr * p.lambdas[i]! * (y[i]! - p.centers[i]!));
  const w = 1 / (s.t + 1);
  return { x: s.x.map((xi, i) => (1 - w) * xi + w * z[i]!), z, t: s.t + 1 };
}

/** The course library's schedule-free SGD (a separate implementation) run for `steps` updates: x, y, z. */
function libraryRun(p: Problem, c: Cfg, start: number[], steps: number): { x: number[]; y: number[]; z: number[] } {
  const opt = scheduleFreeSgd({ lr: c.lr, beta: c.beta });
  const y = Float64Array.from(start);
  const g = new Float64Array(start.length);
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < y.length; i++) g[i] = p.lambdas[i]! * (y[i]! - p.centers[i]!);
    opt.step(y, g);
  }
  const x = y.slice();
  const z = y.slice();
  opt.averaged(x);
  opt.base(z);
  return { x: Array.from(x), y: Array.from(y), z: Array.from(z) };
}

/** A fixed path of 2-D iterates for the averages: iterates[k] = (sin k, k/10 − 1). */
const PATH = Array.from({ length: 40 }, (_, k) => [Math.sin(k), k / 10 - 1]);

exercise("a12-schedule-free", (s) => {
  choiceTask(s, "a", "partA", "picks the point to evaluate", "C");
  classifyTasks(s, "b", "partB", [true, false, true, true, false]);
  expressionTask(s, "c", "partC", "variance of the mean of N stationary iterates, for large N", "sigma^2 / (lambda^2 * N)", {
    sigma: { min: 0.1, max: 10, log: true },
    lambda: { min: 0.01, max: 10, log: true },
    eta: { min: 1e-4, max: 1, log: true },
    N: { min: 10, max: 1e6, log: true },
  }, 2, { where: (q) => q.eta! * q.lambda! < 1 });

  task("d", "scheduleFreeStep: the first updates on f = w², and a later update with x ≠ z", 1, async () => {
    const p1: Problem = { lambdas: [2], centers: [0] };
    const c1: Cfg = { lr: 0.1, beta: 0.9 };
    const p3: Problem = { lambdas: [1, 4, 0.5], centers: [0.5, -1, 2] };
    const s3: State = { x: [1, -0.5, 0.25], z: [0.2, 0.3, -1], t: 5 };
    const got = await s.callMany("scheduleFreeStep", [[p1, c1, { x: [1], z: [1], t: 1 }], [p1, c1, { x: [0.9], z: [0.8], t: 2 }], [p3, c1, s3]]);
    // By hand: z₂ = 0.8, x₂ = 0.9; then y₂ = 0.89, z₃ = 0.8 − 0.178 = 0.622, x₃ = (1 + 0.8 + 0.622)/3.
    nearAll(got.get(0), { x: [0.9], z: [0.8], t: 2 }, TOL.FLOAT32, "first update");
    nearAll(got.get(1), { x: [2.422 / 3], z: [0.622], t: 3 }, TOL.FLOAT32, "second update");
    nearAll(got.get(2), step(p3, c1, s3), TOL.FLOAT32, "update 5", { x: [1, 1, 1], z: [1, 1, 1], t: 1 });
  });

  task("d", "scheduleFreeStep: β = 0, β = 0.5 and another learning rate", 1, async () => {
    const p: Problem = { lambdas: [3, 0.2], centers: [-1, 4] };
    const st: State = { x: [0.5, 2], z: [-0.5, 3], t: 9 };
    const cfgs: Cfg[] = [{ lr: 0.1, beta: 0 }, { lr: 0.1, beta: 0.5 }, { lr: 0.25, beta: 0.98 }];
    const got = await s.callMany("scheduleFreeStep", cfgs.map((c) => [p, c, st]));
    cfgs.forEach((c, i) => nearAll(got.get(i), step(p, c, st), TOL.FLOAT32, `β = ${c.beta}`, { x: [1, 1], z: [1, 1], t: 1 }));
  });

  task("d", "scheduleFreeRun: x, y and z after many steps, against the course library", 1, async () => {
    const p: Problem = { lambdas: [1, 10], centers: [0.5, -0.2] };
    const cases: [Cfg, number[], number][] = [[{ lr: 0.05, beta: 0.9 }, [1, 1], 25], [{ lr: 0.15, beta: 0.5 }, [-2, 0.5], 40], [{ lr: 0.1, beta: 0 }, [0, 3], 1]];
    const got = await s.callMany("scheduleFreeRun", cases.map(([c, start, n]) => [p, c, start, n]));
    // Iterated steps on a contracting quadratic; each coordinate judged on the scale of the start.
    cases.forEach(([c, start, n], i) => nearAll(got.get(i), libraryRun(p, c, start, n), TOL.FLOAT32_ITERATED, `run ${i + 1}`, { x: [3, 3], y: [3, 3], z: [3, 3] }));
  });

  task("d", "emaOf and swaOf: by hand, and on a longer path", 1, async () => {
    const ema = await s.callMany("emaOf", [[[[1, -1], [3, -3], [7, -7]], 0.5], [PATH, 0.9]]);
    nearAll(ema.get(0), [4.5, -4.5], TOL.FLOAT32, "EMA of three iterates");
    let avg = PATH[0]!.slice();
    for (let k = 1; k < PATH.length; k++) avg = avg.map((a, i) => 0.9 * a + 0.1 * PATH[k]![i]!);
    nearAll(ema.get(1), avg, TOL.FLOAT32_ITERATED, "EMA of the path", [1, 1]);
    const swa = await s.callMany("swaOf", [[[[10], [20], [30], [40], [50], [60]], 1, 2], [PATH, 5, 7]]);
    // Steps 1, 3, 5 → (20 + 40 + 60)/3; on the path: steps 5, 12, 19, 26, 33.
    nearAll(swa.get(0), [40], TOL.FLOAT32, "SWA of six iterates");
    const ks = [5, 12, 19, 26, 33];
    nearAll(swa.get(1), [0, 1].map((i) => ks.reduce((sum, k) => sum + PATH[k]![i]!, 0) / ks.length), TOL.FLOAT32, "SWA of the path", [1, 1]);
  });

  choiceTask(s, "e", "partE", "picks what the digits comparison showed", "B");
});
