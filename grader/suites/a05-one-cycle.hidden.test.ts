import { rng } from "../../src/random";
import { exercise, task, type Submission } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, F32, near, shaped, TOL } from "./a-shared";

interface Cfg { etaMin: number; etaMax: number; peakStep: number; totalSteps: number; momentumMin: number; momentumMax: number }

/** The lesson's two-phase linear one-cycle, from its definition: position 0 at the ends, 1 at the peak. */
function policy(c: Cfg, k: number): { lr: number; momentum: number } {
  const x = k <= c.peakStep ? k / c.peakStep : Math.max(0, (c.totalSteps - k) / (c.totalSteps - c.peakStep));
  return { lr: c.etaMin + (c.etaMax - c.etaMin) * x, momentum: c.momentumMax - (c.momentumMax - c.momentumMin) * x };
}

/** The student's { lr, momentum } at step k, its shape checked (against the definition's) before a field is read. */
async function both(s: Submission, c: Cfg, k: number): Promise<{ lr: number; momentum: number }> {
  return shaped(await s.call("oneCycle", c, k), policy(c, k));
}

exercise("a05-one-cycle", (s) => {
  choiceTask(s, "a", "partA", "picks the description of the one-cycle policy", "C");
  classifyTasks(s, "b", "partB", [true, false, true, false, false]);
  expressionTask(s, "c", "partC", "momentum during the annealing phase", "m_min + (m_max - m_min) * (t - P) / (T - P)", {
    m_min: { min: 0.5, max: 0.9 },
    m_max: { min: 0.9, max: 0.99 },
    t: { min: 0, max: 1e5 },
    P: { min: 1, max: 5e4 },
    T: { min: 5e4, max: 1e5 },
  }, 2, { where: (p) => p.t! >= p.P! && p.t! <= p.T! && p.T! - p.P! > 10 });

  task("d", "oneCycle: practice problem 5 (LR and momentum at t = 90 000)", 1, async () => {
    const c = { etaMin: 1e-4, etaMax: 0.01, peakStep: 30_000, totalSteps: 100_000, momentumMin: 0.85, momentumMax: 0.95 };
    const r = await both(s, c, 90_000);
    near(r.lr, 0.01 - (0.0099 * 60_000) / 70_000, TOL.FLOAT32, "lr"); // 1.5143e-3
    near(r.momentum, 0.85 + (0.1 * 60_000) / 70_000, TOL.FLOAT32, "momentum"); // ≈ 0.9357: high again as the LR anneals
  });

  task("d", "oneCycle: boundaries — step 0, the peak, the step after, step T and past it", 1, async () => {
    const c = { etaMin: 0.004, etaMax: 0.1, peakStep: 300, totalSteps: 1000, momentumMin: 0.85, momentumMax: 0.95 };
    const cases: [number, number, number][] = [[0, 0.004, 0.95], [300, 0.1, 0.85], [1000, 0.004, 0.95], [1200, 0.004, 0.95]];
    for (const [k, lr, m] of cases) {
      const r = await both(s, c, k);
      near(r.lr, lr, TOL.FLOAT32, `lr at step ${k}`);
      near(r.momentum, m, TOL.FLOAT32, `momentum at step ${k}`);
    }
    const after = await both(s, c, 301);
    near(after.lr, 0.1 - 0.096 / 700, TOL.FLOAT32, "lr at step 301");
    near((await both(s, c, 150)).lr, 0.052, TOL.FLOAT32, "lr halfway up");
  });

  task("d", "oneCycle: LR and momentum move inversely and match the definition at random steps", 1, async () => {
    const r = rng(501);
    for (let i = 0; i < 30; i++) {
      const T = 10 + r.int(10_000);
      const c = { etaMin: 1e-5 + 1e-3 * r.uniform(), etaMax: 0.01 + r.uniform(), peakStep: 1 + r.int(T - 1), totalSteps: T, momentumMin: 0.8 + 0.05 * r.uniform(), momentumMax: 0.9 + 0.09 * r.uniform() };
      const k = r.int(T + 5);
      const got = await both(s, c, k);
      const want = policy(c, k);
      near(got.lr, want.lr, TOL.FLOAT32, `lr at step ${k}`, c.etaMax);
      near(got.momentum, want.momentum, TOL.FLOAT32, `momentum at step ${k}`);
    }
  });

  task("d", "heavyBall: momentum SGD on the 2-D quadratic with the one-cycle LR and momentum", 1, async () => {
    const r = rng(502);
    for (let i = 0; i < 6; i++) {
      const T = 20 + r.int(60);
      // The momentum range varies too, so the config's momenta must be used (not 0.85–0.95).
      const c = { etaMin: 0.002, etaMax: 0.05 + 0.1 * r.uniform(), peakStep: 1 + r.int(T - 1), totalSteps: T, momentumMin: 0.6 + 0.2 * r.uniform(), momentumMax: 0.9 + 0.09 * r.uniform() };
      const lam: [number, number] = [0.5 + r.uniform(), 2 + 3 * r.uniform()];
      const start: [number, number] = [r.normal(), r.normal()];
      const steps = 1 + r.int(T + 5);
      // The heavy-ball recurrence, from its definition.
      let [x, y] = start;
      let vx = 0, vy = 0;
      for (let k = 0; k < steps; k++) {
        const { lr, momentum } = policy(c, k);
        vx = momentum * vx + lam[0] * x;
        vy = momentum * vy + lam[1] * y;
        x -= lr * vx;
        y -= lr * vy;
      }
      // Each coordinate is judged on the scale of its start: the iterate may pass close to 0.
      const got = shaped(await s.call("heavyBall", c, lam, start, steps), [x, y]);
      near(got[0], x, F32.heavyBall(steps), "x", start[0]);
      near(got[1], y, F32.heavyBall(steps), "y", start[1]);
    }
  });

  choiceTask(s, "e", "partE", "picks what to log for one-cycle", "A");
});
