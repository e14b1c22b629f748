// Rates of gradient descent, heavy ball and Nesterov on a quadratic, against hand-derived values:
// the roots of the per-direction polynomials, the closed-form tuned constants, and runs of sgd.
import { describe, expect, it } from "vitest";
import { directionRate, largestRoot, observedRate, spectralRadius, tunedMomentum } from "../../src/optim/momentumRates";
import { sgd } from "../../src/optim/sgd";

describe("largestRoot", () => {
  it("takes the larger modulus of real roots and √c for complex ones", () => {
    expect(largestRoot(3, 2)).toBeCloseTo(2, 15); // (z − 1)(z − 2)
    expect(largestRoot(-3, 2)).toBeCloseTo(2, 15); // (z + 1)(z + 2)
    expect(largestRoot(0.5, 0.5)).toBeCloseTo(Math.SQRT1_2, 15); // complex pair, |z|² = c
    expect(largestRoot(2, 1)).toBeCloseTo(1, 15); // double root 1
  });
});

describe("directionRate and spectralRadius", () => {
  it("gradient descent: |1 − ηλ|", () => {
    expect(directionRate({ lr: 0.5 }, 1)).toBeCloseTo(0.5, 15);
    expect(directionRate({ lr: 3 }, 1)).toBeCloseTo(2, 15);
    expect(spectralRadius({ lr: 0.1 }, [1, 10, 25])).toBeCloseTo(1.5, 15);
  });

  it("heavy ball at h = 1, μ = ½: z² − ½z + ½ has |z| = √½", () => {
    expect(directionRate({ lr: 1, momentum: 0.5 }, 1)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("heavy ball is stable exactly for 0 < ηλ < 2(1 + μ); Nesterov for 0 < ηλ < 2(1 + μ)/(1 + 2μ)", () => {
    for (const mu of [0.1, 0.5, 0.9]) {
      const hb = 2 * (1 + mu), nag = (2 * (1 + mu)) / (1 + 2 * mu);
      // The lower edge: at h = 0 one root is 1 (z² − (1 + μ)z + μ = (z − 1)(z − μ)); just above it, below 1.
      expect(directionRate({ lr: 0, momentum: mu }, 1)).toBeCloseTo(1, 14);
      expect(directionRate({ lr: 1e-6, momentum: mu }, 1)).toBeLessThan(1);
      expect(directionRate({ lr: hb * (1 - 1e-6), momentum: mu }, 1)).toBeLessThan(1);
      expect(directionRate({ lr: hb * (1 + 1e-6), momentum: mu }, 1)).toBeGreaterThan(1);
      expect(directionRate({ lr: nag * (1 - 1e-6), momentum: mu, nesterov: true }, 1)).toBeLessThan(1);
      expect(directionRate({ lr: nag * (1 + 1e-6), momentum: mu, nesterov: true }, 1)).toBeGreaterThan(1);
    }
  });

  it("Nesterov with η = 1/L and μ = (√κ − 1)/(√κ + 1) contracts by 1 − 1/√κ (a double root at λ_min)", () => {
    expect(spectralRadius({ lr: 1, momentum: 9 / 11, nesterov: true }, [1, 0.3, 0.01])).toBeCloseTo(0.9, 12);
  });

  it("matches runs of sgd on one direction: the envelope of |θ| shrinks by the rate per step", () => {
    for (const [settings, lambda] of [[{ lr: 0.01, momentum: 0.9 }, 1], [{ lr: 0.02, momentum: 0.8, nesterov: true }, 3], [{ lr: 0.5, momentum: 0.3 }, 2]] as const) {
      const rho = directionRate(settings, lambda);
      // Run until ρⁿ ≈ e^−230 (no underflow); compare the largest |θ| of a 100-step window in the
      // middle and at the end, so the phase of an oscillating (complex-root) solution drops out.
      const n = Math.ceil(230 / -Math.log(rho)) + 100;
      const x = Float64Array.from([1]), g = new Float64Array(1), opt = sgd({ ...settings });
      const seen: number[] = [];
      for (let k = 0; k < n; k++) {
        g[0] = lambda * x[0]!;
        opt.step(x, g);
        seen.push(Math.abs(x[0]!));
      }
      const half = Math.floor(n / 2);
      const envelope = (end: number) => Math.max(...seen.slice(end - 100, end));
      const measured = Math.log(envelope(n) / envelope(half)) / (n - half);
      expect(Math.abs(measured - Math.log(rho))).toBeLessThan(0.02 * Math.abs(Math.log(rho)));
    }
  });

  it("names a bad argument", () => {
    expect(() => directionRate({ lr: -1 }, 1)).toThrow(/lr/);
    expect(() => directionRate({ lr: 1, momentum: 1 }, 1)).toThrow(/momentum/);
    expect(() => directionRate({ lr: 1, nesterov: true }, 1)).toThrow(/nesterov/);
    expect(() => spectralRadius({ lr: 1 }, [1, 0])).toThrow(/eigenvalues\[1\]/);
    expect(() => spectralRadius({ lr: 1 }, [])).toThrow(/eigenvalues/);
  });
});

describe("tunedMomentum", () => {
  it("gives the closed forms for λ in [1, 100] (κ = 100, √κ = 10)", () => {
    const t = tunedMomentum(1, 100);
    expect(t.gd.lr).toBeCloseTo(2 / 101, 15);
    expect(t.gd.rate).toBeCloseTo(99 / 101, 15);
    expect(t.heavyBall.lr).toBeCloseTo(4 / 121, 15);
    expect(t.heavyBall.momentum).toBeCloseTo(81 / 121, 15);
    expect(t.heavyBall.rate).toBeCloseTo(9 / 11, 15);
    expect(t.nesterov.lr).toBeCloseTo(4 / 301, 15);
    expect(t.nesterov.momentum).toBeCloseTo((Math.sqrt(301) - 2) / (Math.sqrt(301) + 2), 15);
    expect(t.nesterov.rate).toBeCloseTo(1 - 2 / Math.sqrt(301), 15);
  });

  it("puts heavy ball's double roots at both ends: ηλ_min = (1 − √μ)², ηλ_max = (1 + √μ)², |z| = √μ inside", () => {
    // κ = 100: √μ = 9/11, so η·1 = (2/11)² = 4/121 and η·100 = (20/11)² = 400/121.
    const t = tunedMomentum(1, 100);
    expect(t.heavyBall.lr * 1).toBeCloseTo((1 - 9 / 11) ** 2, 15);
    expect(t.heavyBall.lr * 100).toBeCloseTo((1 + 9 / 11) ** 2, 13);
    for (const lambda of [2, 10, 50, 99]) expect(directionRate(t.heavyBall, lambda)).toBeCloseTo(9 / 11, 12);
  });

  it("each tuned pair achieves its stated rate over the interval's ends, and nearby pairs do no better", () => {
    const lams = [100, 40, 7, 1];
    const t = tunedMomentum(1, 100);
    const settings = { gd: { lr: t.gd.lr }, heavyBall: { lr: t.heavyBall.lr, momentum: t.heavyBall.momentum }, nesterov: { lr: t.nesterov.lr, momentum: t.nesterov.momentum, nesterov: true } };
    for (const m of ["gd", "heavyBall", "nesterov"] as const) {
      const at = spectralRadius(settings[m], lams);
      expect(at).toBeCloseTo(t[m].rate, 7);
      for (const f of [0.97, 1.03]) {
        expect(spectralRadius({ ...settings[m], lr: settings[m].lr * f }, lams)).toBeGreaterThan(at - 1e-12);
        if (m !== "gd") expect(spectralRadius({ ...settings[m], momentum: t[m].momentum * f }, lams)).toBeGreaterThan(at - 1e-12);
      }
    }
  });

  it("is 0 for κ = 1 and refuses lambdaMax < lambdaMin", () => {
    const t = tunedMomentum(2, 2);
    expect([t.gd.rate, t.heavyBall.rate, t.heavyBall.momentum]).toEqual([0, 0, 0]);
    expect(() => tunedMomentum(2, 1)).toThrow(/lambdaMax/);
  });
});

describe("observedRate", () => {
  it("is the per-step ratio over the second half", () => {
    expect(observedRate([1, 0.5, 0.25, 0.125, 0.0625])).toBeCloseTo(0.5, 15);
    expect(observedRate([8, 4, 1, 0.5, 0.25], 2)).toBeCloseTo(0.5, 15);
    expect(() => observedRate([1])).toThrow(/values.length/);
    expect(() => observedRate([1, 0, 0])).toThrow(/values\[1\]/);
  });
});
