import { describe, expect, it } from "vitest";
import { sgd } from "../../src/optim/index";
import { schedule } from "../../src/schedules/schedule";

/** Runs `steps` updates of `opt` on f(x) = ½ Σ λᵢ xᵢ² from x0; returns the iterates. */
function runQuadratic(opt: ReturnType<typeof sgd>, lambda: number[], x0: number[], steps: number): number[][] {
  const x = Float64Array.from(x0);
  const g = new Float64Array(x.length);
  const path = [Array.from(x)];
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < x.length; i++) g[i] = lambda[i]! * x[i]!;
    opt.step(x, g);
    path.push(Array.from(x));
  }
  return path;
}

describe("sgd", () => {
  it("plain GD on diag(λ) multiplies coordinate i by (1 − ηλᵢ) each step", () => {
    const lambda = [1, 4, 10];
    const eta = 0.15;
    const path = runQuadratic(sgd({ lr: eta }), lambda, [1, -2, 0.5], 25);
    for (let k = 0; k <= 25; k++) {
      for (let i = 0; i < 3; i++) {
        const expected = [1, -2, 0.5][i]! * Math.pow(1 - eta * lambda[i]!, k);
        expect(path[k]![i]!).toBeCloseTo(expected, 12);
      }
    }
    // The error norm contracts at the slowest rate max|1 − ηλᵢ| = max(0.85, 0.4, 0.5) = 0.85
    // asymptotically (the other modes have shrunk by (0.5/0.85)²⁴ ≈ 3e-6 relative).
    const nrm = (v: number[]) => Math.hypot(...v);
    expect(nrm(path[25]!) / nrm(path[24]!)).toBeCloseTo(0.85, 5);
  });

  it("GD diverges just above η = 2/λ_max and converges just below", () => {
    const lambda = [0.5, 8];
    const below = runQuadratic(sgd({ lr: 1.95 / 8 }), lambda, [1, 1], 400);
    const above = runQuadratic(sgd({ lr: 2.05 / 8 }), lambda, [1, 1], 400);
    expect(Math.abs(below[400]![1]!)).toBeLessThan(1e-6);
    // |1 − 2.05| = 1.05 per step: 1.05^400 ≈ 3e8.
    expect(Math.abs(above[400]![1]!)).toBeCloseTo(Math.pow(1.05, 400), -2);
  });

  it("heavy-ball and Nesterov steps on f = x² (λ = 2) match the hand computation", () => {
    // x0 = 1, η = 0.1, μ = 0.9. Step 1: g = 2, b = 2 (PyTorch copies g into the empty buffer).
    // Heavy ball: x1 = 1 − 0.1·2 = 0.8; g = 1.6, b = 0.9·2 + 1.6 = 3.4, x2 = 0.8 − 0.34 = 0.46.
    const heavy = runQuadratic(sgd({ lr: 0.1, momentum: 0.9 }), [2], [1], 2);
    expect(heavy[1]![0]).toBeCloseTo(0.8, 14);
    expect(heavy[2]![0]).toBeCloseTo(0.46, 14);
    // Nesterov: d = g + μb. x1 = 1 − 0.1·(2 + 1.8) = 0.62; g = 1.24, b = 1.8 + 1.24 = 3.04,
    // d = 1.24 + 2.736 = 3.976, x2 = 0.62 − 0.3976 = 0.2224.
    const nest = runQuadratic(sgd({ lr: 0.1, momentum: 0.9, nesterov: true }), [2], [1], 2);
    expect(nest[1]![0]).toBeCloseTo(0.62, 14);
    expect(nest[2]![0]).toBeCloseTo(0.2224, 14);
  });

  it("dampening scales the new gradient after the first step", () => {
    // τ = 0.5: x1 = 0.8 as before; b = 0.9·2 + 0.5·1.6 = 2.6, x2 = 0.8 − 0.26 = 0.54.
    const path = runQuadratic(sgd({ lr: 0.1, momentum: 0.9, dampening: 0.5 }), [2], [1], 2);
    expect(path[2]![0]).toBeCloseTo(0.54, 14);
  });

  it("weight decay adds λθ to the gradient", () => {
    // f = 0 (g = 0), λ = 0.1, η = 0.5: x ← x(1 − 0.05) each step.
    const x = new Float64Array([2]);
    const opt = sgd({ lr: 0.5, weightDecay: 0.1 });
    for (let k = 0; k < 3; k++) opt.step(x, new Float64Array([0]));
    expect(x[0]).toBeCloseTo(2 * 0.95 ** 3, 14);
  });

  it("takes its LR and momentum from a schedule, step by step", () => {
    const s = schedule({ value: (k) => [0.1, 0.2][k] ?? 0, momentum: (k) => [0.5, 0.8][k] ?? 0, phase: "constant" });
    const opt = sgd({ lr: s, momentum: 0.99 });
    // f = x² (g = 2x), x0 = 1. Step 1: b = 2, x1 = 1 − 0.1·2 = 0.8.
    // Step 2: g = 1.6, μ = 0.8: b = 1.6 + 1.6 = 3.2, x2 = 0.8 − 0.2·3.2 = 0.16.
    const path = runQuadratic(opt, [2], [1], 2);
    expect(path[2]![0]).toBeCloseTo(0.16, 14);
    expect(opt.stats.lr).toBe(0.2);
    expect(opt.stats.momentum).toBe(0.8);
  });

  it("per-group lrScale and weightDecay override the optimizer's", () => {
    const opt = sgd({ lr: 0.1, weightDecay: 0.5 }, [
      { shape: [1], name: "w" },
      { shape: [1], name: "b", lrScale: 2, weightDecay: 0 },
    ]);
    const x = new Float64Array([1, 1]);
    opt.step(x, new Float64Array([1, 1]));
    expect(x[0]).toBeCloseTo(1 - 0.1 * (1 + 0.5), 14);
    expect(x[1]).toBeCloseTo(1 - 0.2 * 1, 14);
  });
});
