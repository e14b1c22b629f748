import { expect } from "vitest";
import { rng } from "../../src/random";
import { cosineRestarts } from "../../src/schedules/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, sameList, shaped, TOL } from "./a-shared";

/** SGDR from its definition: locate the cycle by walking the cycle lengths T₀·T_mult^i. */
function sgdr(etaMax: number, etaMin: number, T0: number, Tmult: number, k: number): number {
  let start = 0;
  let len = T0;
  while (k >= start + len) {
    start += len;
    len *= Tmult;
  }
  return etaMin + 0.5 * (etaMax - etaMin) * (1 + Math.cos((Math.PI * (k - start)) / len));
}

exercise("a04-cosine-restarts", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of SGDR", "A");
  classifyTasks(s, "b", "partB", [true, true, false, false, false, true]);
  expressionTask(s, "c", "partC", "step of the i-th restart", "T0 * (Tmult^i - 1) / (Tmult - 1)", {
    T0: { min: 1, max: 1000, integer: true },
    Tmult: { min: 1.5, max: 4 },
    i: { min: 1, max: 10, integer: true },
  });

  task("d", "cosineWithRestarts: η_max at step 0 and at every restart, with T_mult = 2", 1, async () => {
    const c = { etaMax: 0.1, etaMin: 0.001, T0: 10, Tmult: 2 };
    // Restarts at 10, 30, 70, 150.
    for (const k of [0, 10, 30, 70, 150]) near(await s.call("cosineWithRestarts", c, k), 0.1, TOL.FLOAT32, `step ${k}`);
    // Midpoints of the cycles (5, 20, 50, 110) are halfway between η_max and η_min.
    for (const k of [5, 20, 50, 110]) near(await s.call("cosineWithRestarts", c, k), 0.0505, TOL.FLOAT32, `step ${k}`);
  });

  task("d", "cosineWithRestarts: the last step of a cycle is just above η_min", 0.5, async () => {
    const c = { etaMax: 1, etaMin: 0, T0: 4, Tmult: 3 };
    // Cycle 1 spans steps 4 … 15 (length 12); step 15: ½(1 + cos(11π/12)).
    near(await s.call("cosineWithRestarts", c, 15), 0.5 * (1 + Math.cos((11 * Math.PI) / 12)), TOL.FLOAT32, "step 15");
    near(await s.call("cosineWithRestarts", c, 3), 0.5 * (1 + Math.cos((3 * Math.PI) / 4)), TOL.FLOAT32, "step 3");
  });

  task("d", "cosineWithRestarts: matches the definition (and the course library) at seeded random configurations", 1, async () => {
    const r = rng(401);
    const cases = Array.from({ length: 40 }, () => {
      const etaMax = 10 ** (-4 + 3 * r.uniform());
      const etaMin = etaMax * 0.1 * r.uniform();
      const T0 = 1 + r.int(300);
      const Tmult = 1 + r.int(3);
      const k = r.int(T0 * 40);
      return { etaMax, etaMin, T0, Tmult, k };
    });
    const got = await s.callMany("cosineWithRestarts", cases.map(({ etaMax, etaMin, T0, Tmult, k }) => [{ etaMax, etaMin, T0, Tmult }, k]));
    cases.forEach(({ etaMax, etaMin, T0, Tmult, k }, i) => {
      const expected = sgdr(etaMax, etaMin, T0, Tmult, k);
      expect(Math.abs(cosineRestarts({ max: etaMax, min: etaMin, T0, Tmult })(k) - expected)).toBeLessThan(1e-12 + 1e-9 * etaMax);
      near(got.get(i), expected, TOL.FLOAT32, `T0 ${T0}, Tmult ${Tmult}, step ${k}`, etaMax);
    });
  });

  task("d", "cosineWithRestarts: periodic with period T₀ when T_mult = 1", 0.5, async () => {
    const c = { etaMax: 0.05, etaMin: 0.0005, T0: 37, Tmult: 1 };
    for (const k of [3, 20, 36]) {
      const a = shaped(await s.call("cosineWithRestarts", c, k), 0);
      near(await s.call("cosineWithRestarts", c, k + 37 * 5), a, TOL.FLOAT32, `step ${k} + 5 periods`);
    }
  });

  task("d", "restartSteps: the restarts below the run length", 1, async () => {
    const calls = await s.callMany("restartSteps", [[{ etaMax: 0.1, etaMin: 0, T0: 10, Tmult: 2 }, 200], [{ etaMax: 0.1, etaMin: 0, T0: 10, Tmult: 2 }, 150], [{ etaMax: 0.1, etaMin: 0, T0: 100, Tmult: 1 }, 450], [{ etaMax: 0.1, etaMin: 0, T0: 5, Tmult: 3 }, 5]]);
    sameList(calls.get(0), [10, 30, 70, 150]);
    sameList(calls.get(1), [10, 30, 70]);
    sameList(calls.get(2), [100, 200, 300, 400]);
    sameList(calls.get(3), []);
  });

  choiceTask(s, "e", "partE", "picks where to read the losses when judging restarts", "B");
});
