import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, shaped, TOL } from "./a-shared";
import { bowlGrad, F32B, nearAll, norm } from "./b-shared";

interface Hyper { lr: number; beta1: number; beta2: number; eps: number; biasCorrection: boolean }

/** Norms of Adam's updates on the 2-D bowl, from the published equations (optionally uncorrected). */
function stepSizes(x0: number[], steps: number, hp: Hyper): number[] {
  let p = [...x0];
  let m = [0, 0];
  let v = [0, 0];
  const out: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = bowlGrad(p);
    m = m.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * g[i]!);
    v = v.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * g[i]! ** 2);
    const c1 = hp.biasCorrection ? 1 - hp.beta1 ** t : 1;
    const c2 = hp.biasCorrection ? 1 - hp.beta2 ** t : 1;
    const d = m.map((x, i) => (hp.lr * x / c1) / (Math.sqrt(v[i]! / c2) + hp.eps));
    p = p.map((x, i) => x - d[i]!);
    out.push(norm(d));
  }
  return out;
}

exercise("b03-bias-correction", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of bias correction", "A");
  classifyTasks(s, "b", "partB", [true, true, false, false, false]);
  expressionTask(s, "c", "partC", "ratio of uncorrected to corrected update size", "(1 - beta1^t) / sqrt(1 - beta2^t)", {
    beta1: { min: 0.5, max: 0.99 },
    beta2: { min: 0.9, max: 0.9999 },
    t: { min: 1, max: 5000, integer: true },
  });

  task("d", "biasCorrected: the first update's moments are corrected to the gradient and its square", 1, async () => {
    // Each moment has its own allowance (its β, see F32B): the answer's shape is checked first.
    const first = shaped(await s.call("biasCorrected", [0.1], [0.001], 1, [0.9, 0.999]), { mHat: [1], vHat: [1] });
    nearAll(first.mHat, [1], F32B.biasCorrection(0.9), "moments.mHat");
    nearAll(first.vHat, [1], F32B.biasCorrection(0.999), "moments.vHat");
    // Constant gradient 3 for 5 updates: m_5 = (1 − 0.8⁵)·3, v_5 = (1 − 0.99⁵)·9.
    const fifth = shaped(await s.call("biasCorrected", [(1 - 0.8 ** 5) * 3, -(1 - 0.8 ** 5)], [(1 - 0.99 ** 5) * 9, (1 - 0.99 ** 5) * 1], 5, [0.8, 0.99]), { mHat: [3, -1], vHat: [9, 1] });
    nearAll(fifth.mHat, [3, -1], F32B.biasCorrection(0.8), "moments.mHat");
    nearAll(fifth.vHat, [9, 1], F32B.biasCorrection(0.99), "moments.vHat");
  });

  task("d", "biasCorrected: divides by 1 − β₁ᵗ and 1 − β₂ᵗ at seeded random t", 1, async () => {
    const r = rng(2301);
    const cases = Array.from({ length: 20 }, () => {
      const t = 1 + r.int(3000);
      const b: [number, number] = [0.5 + 0.49 * r.uniform(), 0.9 + 0.0999 * r.uniform()];
      const m = [r.normal(), r.normal()];
      const v = [r.uniform(), r.uniform()];
      return { t, b, m, v };
    });
    const got = await s.callMany("biasCorrected", cases.map(({ t, b, m, v }) => [m, v, t, b]));
    cases.forEach(({ t, b, m, v }, k) => {
      const expected = { mHat: m.map((x) => x / (1 - b[0] ** t)), vHat: v.map((x) => x / (1 - b[1] ** t)) };
      // Each moment has its own allowance (its β): the answer's shape is checked before its fields are read.
      const out = shaped(got.get(k), expected);
      nearAll(out.mHat, expected.mHat, F32B.biasCorrection(b[0]), `t = ${t}.mHat`);
      nearAll(out.vHat, expected.vHat, F32B.biasCorrection(b[1]), `t = ${t}.vHat`);
    });
  });

  task("d", "adamStepSizes: the first update's size with and without bias correction (hand-computed)", 1, async () => {
    const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-12 };
    // One size per update: the list's shape is checked before its entry is read.
    const [first] = shaped(await s.call("adamStepSizes", [1, 1], 1, { ...hp, biasCorrection: true }), [0]);
    // One Adam step's allowance: 1 − β₂ = 0.001 carries κ(β₂)·u = 999u in float32 (see F32B).
    nearAll(first, 0.01 * Math.SQRT2, F32B.adamStep(hp.beta1, hp.beta2), "corrected");
    const [raw] = shaped(await s.call("adamStepSizes", [1, 1], 1, { ...hp, biasCorrection: false }), [0]);
    nearAll(raw, 0.01 * Math.SQRT2 * 0.1 / Math.sqrt(0.001), F32B.adamStep(hp.beta1, hp.beta2), "uncorrected");
  });

  task("d", "adamStepSizes: matches the equations with and without correction, ε outside the root", 1, async () => {
    for (const bc of [true, false]) {
      for (const [x0, steps, hp] of [
        [[1, 1], 40, { lr: 0.02, beta1: 0.9, beta2: 0.999, eps: 1e-8 }],
        [[0.003, -0.02], 25, { lr: 0.001, beta1: 0.8, beta2: 0.99, eps: 0.01 }],
      ] as [number[], number, Omit<Hyper, "biasCorrection">][]) {
        const h = { ...hp, biasCorrection: bc };
        nearAll(await s.call("adamStepSizes", x0, steps, h), stepSizes(x0, steps, h), TOL.FLOAT32_ITERATED, bc ? "corrected" : "uncorrected");
      }
    }
  });

  task("d", "adamStepSizes: returns one positive size per update", 1, async () => {
    const sizes = shaped(await s.call("adamStepSizes", [2, -1], 17, { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, biasCorrection: true }), Array<number>(17).fill(0));
    for (const x of sizes) expect(x).toBeGreaterThan(0);
  });

  choiceTask(s, "e", "partE", "picks the metric that exposes a broken bias correction after a resume", "D");
});
