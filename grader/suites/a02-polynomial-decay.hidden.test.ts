import { expect } from "vitest";
import { rng } from "../../src/random";
import { polynomial } from "../../src/schedules/index";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, F32, near, shaped, TOL } from "./a-shared";

/** Closed form of budgeted polynomial decay, written out independently of any submission. */
const poly = (eta0: number, end: number, T: number, p: number, k: number) => (eta0 - end) * Math.pow(1 - Math.min(k, T) / T, p) + end;

exercise("a02-polynomial-decay", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of budgeted polynomial decay", "D");
  classifyTasks(s, "b", "partB", [true, false, true, false, true]);
  expressionTask(s, "c", "partC", "step at which the LR is half its initial value", "T * (1 - 2^(-1/p))", {
    T: { min: 10, max: 1e6, log: true },
    p: { min: 0.2, max: 5 },
  });

  task("d", "polynomialDecay: η₀ at step 0, η_end at step T and after", 1, async () => {
    const c = { eta0: 0.2, etaEnd: 0.002, totalSteps: 1000, power: 2 };
    near(await s.call("polynomialDecay", c, 0), 0.2, TOL.FLOAT32, "step 0");
    near(await s.call("polynomialDecay", c, 1000), 0.002, TOL.FLOAT32, "step T");
    for (const k of [1001, 1500, 10_000]) near(await s.call("polynomialDecay", c, k), 0.002, TOL.FLOAT32, `step ${k}`);
    const frac = { eta0: 1, etaEnd: 0.1, totalSteps: 100, power: 0.5 };
    near(await s.call("polynomialDecay", frac, 150), 0.1, TOL.FLOAT32, "past the end with p = 0.5");
  });

  task("d", "polynomialDecay: linear decay (p = 1) passes through the midpoint", 0.5, async () => {
    near(await s.call("polynomialDecay", { eta0: 0.1, etaEnd: 0, totalSteps: 400, power: 1 }, 200), 0.05, TOL.FLOAT32, "midpoint");
    near(await s.call("polynomialDecay", { eta0: 0.1, etaEnd: 0.02, totalSteps: 400, power: 1 }, 100), 0.08, TOL.FLOAT32, "quarter");
  });

  task("d", "polynomialDecay: matches the closed form at seeded random configurations", 1, async () => {
    const r = rng(201);
    const cases = Array.from({ length: 40 }, () => {
      const eta0 = 10 ** (-4 + 3 * r.uniform());
      const etaEnd = eta0 * 0.2 * r.uniform();
      const T = 1 + r.int(5000);
      const p = 0.3 + 3 * r.uniform();
      const k = r.int(T + 1);
      return { eta0, etaEnd, T, p, k };
    });
    const got = await s.callMany("polynomialDecay", cases.map(({ eta0, etaEnd, T, p, k }) => [{ eta0, etaEnd, totalSteps: T, power: p }, k]));
    cases.forEach(({ eta0, etaEnd, T, p, k }, i) => {
      const expected = poly(eta0, etaEnd, T, p, k);
      // Cross-check the closed form against the course library as well.
      expect(Math.abs(polynomial({ initial: eta0, end: etaEnd, power: p, totalSteps: T })(k) - expected)).toBeLessThan(1e-12);
      near(got.get(i), expected, F32.polynomialDecay(T, p), `step ${k}`, eta0);
    });
  });

  task("d", "polynomialDecay: non-increasing over the whole run", 0.5, async () => {
    const c = { eta0: 1e-3, etaEnd: 1e-5, totalSteps: 50, power: 3 };
    let prev = Infinity;
    const got = await s.callMany("polynomialDecay", Array.from({ length: 61 }, (_, k) => [c, k]));
    for (let k = 0; k <= 60; k++) {
      const v = shaped(got.get(k), 0);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
  });

  task("d", "partialSums: Σ η_t and Σ η_t² over t = 0 … n − 1", 1, async () => {
    // α = 1: Σ 1/(t+1) is the harmonic number H_n; Σ 1/(t+1)² for n = 4 is 1 + 1/4 + 1/9 + 1/16.
    // An object { sum, sumOfSquares }: its shape is checked before its fields are read.
    const sums = { sum: 0, sumOfSquares: 0 };
    const h = shaped(await s.call("partialSums", { eta0: 1, alpha: 1 }, 4), sums);
    near(h.sum, 1 + 1 / 2 + 1 / 3 + 1 / 4, TOL.FLOAT32, "sum");
    near(h.sumOfSquares, 1 + 1 / 4 + 1 / 9 + 1 / 16, TOL.FLOAT32, "sum of squares");
    const r = rng(202);
    for (let i = 0; i < 10; i++) {
      const eta0 = 0.01 + r.uniform();
      const alpha = 0.3 + r.uniform();
      const n = 1 + r.int(3000);
      let sum = 0, sq = 0;
      for (let t = 1; t <= n; t++) {
        sum += eta0 * t ** -alpha;
        sq += eta0 * eta0 * t ** (-2 * alpha);
      }
      const got = shaped(await s.call("partialSums", { eta0, alpha }, n), sums);
      near(got.sum, sum, F32.partialSums(n), "sum");
      near(got.sumOfSquares, sq, F32.partialSums(n), "sum of squares");
    }
    const empty = shaped(await s.call("partialSums", { eta0: 1, alpha: 1 }, 0), sums);
    near(empty.sum, 0, 0, "empty sum");
  });

  choiceTask(s, "e", "partE", "picks the number that exposes an epochs/steps mix-up", "A");
});
