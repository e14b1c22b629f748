// Every worked value the lesson states (worked examples 1–3 and practice problems 1–5 of A09, with
// problems 3 and 5 as corrected there), checked against the library.
import { describe, expect, it } from "vitest";
import {
  cosine,
  decayRate,
  halfLife,
  linearScaledLr,
  oneCycle,
  sample,
  stepDecay,
  warmupCosine,
} from "../../src/schedules/index";

/** |actual − expected| ≤ half a unit in the last quoted digit of `expected` (given to `digits` significant digits). */
function quoted(actual: number, expected: number, digits: number): void {
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(unit / 2);
}

describe("worked examples (lesson §Worked Examples)", () => {
  it("example 1: cosine, η_max = 1e-3, T = 100 000, at t = 37 000 is 6.9857e-4", () => {
    quoted(cosine({ max: 1e-3, totalSteps: 100_000 })(37_000), 6.9857e-4, 5);
  });
  it("example 1 checks: 1e-3 at t = 0, 5e-4 halfway, 0 at t = T", () => {
    const s = cosine({ max: 1e-3, totalSteps: 100_000 });
    expect(s(0)).toBe(1e-3);
    expect(s(50_000)).toBeCloseTo(5e-4, 15);
    expect(s(100_000)).toBe(0);
  });
  it("example 2: warmup 2000 to 3e-4 then cosine to 0 over 100k steps: 2.25e-4 at 1500, 1.5481e-4 at 50 000", () => {
    const s = warmupCosine({ peak: 3e-4, warmupSteps: 2000, totalSteps: 100_000 });
    quoted(s(1500), 2.25e-4, 3);
    quoted(s(50_000), 1.5481e-4, 5);
  });
  it("example 3: 0.01 → 0.001 in 10 000 steps gives λ = 2.3026e-4 and a half-life of 3010.3 steps", () => {
    const lambda = decayRate(0.01, 0.001, 10_000);
    quoted(lambda, 2.3026e-4, 5);
    quoted(halfLife(lambda), 3010.3, 5);
  });
});

describe("practice problems (problems 3 and 5 as corrected in the lesson)", () => {
  it("problem 1: cosine 5e-4 → 1e-5 over 50 000 steps is 4.2824e-4 at t = 12 500", () => {
    quoted(cosine({ max: 5e-4, min: 1e-5, totalSteps: 50_000 })(12_500), 4.2824e-4, 5);
  });
  it("problem 2: step decay is piecewise constant with a ratio γ across each boundary", () => {
    const s = stepDecay({ initial: 0.1, stepSize: 30, gamma: 0.5 });
    // The lesson's table: 0.1 on steps 0–29, 0.05 on 30–59, 0.025 on 60–89.
    for (const [k, v] of [[0, 0.1], [29, 0.1], [30, 0.05], [59, 0.05], [60, 0.025], [89, 0.025]] as const) expect(s(k)).toBe(v);
    for (let b = 1; b <= 5; b++) expect(s(30 * b) / s(30 * b - 1)).toBeCloseTo(0.5, 15);
  });
  it("problem 3 (corrected): 25 015 of the 50 000 steps have LR > η_max/2, i.e. 50.0 %", () => {
    const s = warmupCosine({ peak: 1e-3, end: 1e-6, warmupSteps: 1000, totalSteps: 50_000 });
    const { lr } = sample(s, 0, 49_999);
    const above = lr.filter((v) => v > 0.5e-3).length;
    expect(above).toBe(25_015);
    expect(((100 * above) / 50_000).toFixed(1)).toBe("50.0");
  });
  it("problem 4: linear scaling from batch 256 at 0.1 to batch 2048 gives 0.8", () => {
    expect(linearScaledLr(0.1, 256, 2048)).toBeCloseTo(0.8, 15);
  });
  it("problem 5 (corrected): one-cycle LR is 1.5143e-3 at t = 90 000, and momentum is near its maximum", () => {
    const s = oneCycle({ maxLr: 0.01, totalSteps: 100_000, pctStart: 0.3, divFactor: 100, finalDivFactor: 1, anneal: "linear" });
    quoted(s(90_000), 1.5143e-3, 5);
    // Inverse momentum (§7): 0.85 at the LR peak, back to 0.95 at the end, linear in between.
    expect(s.momentum!(30_000)).toBeCloseTo(0.85, 12);
    expect(s.momentum!(90_000)).toBeCloseTo(0.85 + 0.1 * (60 / 70), 12);
    expect(s.momentum!(100_000)).toBeCloseTo(0.95, 12);
  });
});
