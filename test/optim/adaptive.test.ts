import { describe, expect, it } from "vitest";
import { adagrad, adam, adamw, rmsprop } from "../../src/optim/index";
import { oneCycle } from "../../src/schedules/index";

const f64 = (...x: number[]) => new Float64Array(x);

describe("adagrad", () => {
  it("effective LR decays like 1/√t for a constant gradient", () => {
    const opt = adagrad({ lr: 0.5, eps: 0 });
    const x = f64(0, 0);
    const g = f64(2, -0.5);
    const eff = new Float64Array(2);
    const at: number[] = [];
    for (let t = 1; t <= 100; t++) {
      opt.step(x, g);
      opt.effectiveLr(eff);
      if (t === 25 || t === 100) at.push(eff[0]!);
    }
    // s_t = t·c², so η/√s_t = η/(|c|√t): at t = 25 it is 0.5/(2·5) = 0.05; at t = 100, 0.025.
    expect(at[0]).toBeCloseTo(0.05, 14);
    expect(at[1]).toBeCloseTo(0.025, 14);
    // The parameter has moved by −η sign(c) Σ_{t=1}^{100} 1/√t.
    let h = 0;
    for (let t = 1; t <= 100; t++) h += 1 / Math.sqrt(t);
    expect(x[0]).toBeCloseTo(-0.5 * h, 12);
    expect(x[1]).toBeCloseTo(0.5 * h, 12);
  });

  it("starts the accumulator at initialAccumulatorValue", () => {
    const opt = adagrad({ lr: 1, eps: 0, initialAccumulatorValue: 3 });
    const x = f64(0);
    opt.step(x, f64(1)); // s = 3 + 1 = 4, step = 1/2
    expect(x[0]).toBeCloseTo(-0.5, 15);
  });
});

describe("rmsprop", () => {
  it("first step from v = 0 moves by η g / (√(1−α)|g| + ε) = 10 η sign(g) for α = 0.99", () => {
    const opt = rmsprop({ lr: 0.01, eps: 0 });
    const x = f64(1, 1);
    opt.step(x, f64(3, -0.2));
    expect(x[0]).toBeCloseTo(1 - 0.1, 14);
    expect(x[1]).toBeCloseTo(1 + 0.1, 14);
  });

  it("centered divides by √(v − ḡ²): first step √(0.01g² − 0.0001g²) = √0.0099 |g|", () => {
    const opt = rmsprop({ lr: 0.01, eps: 0, centered: true });
    const x = f64(0);
    opt.step(x, f64(5));
    expect(x[0]).toBeCloseTo(-0.01 / Math.sqrt(0.0099), 13);
  });

  it("momentum accumulates the preconditioned gradient", () => {
    // Constant g = 1, α = 0.5: v1 = 0.5, v2 = 0.75. b1 = 1/√0.5, b2 = 0.9 b1 + 1/√0.75.
    const opt = rmsprop({ lr: 0.1, alpha: 0.5, eps: 0, momentum: 0.9 });
    const x = f64(0);
    opt.step(x, f64(1));
    opt.step(x, f64(1));
    const b1 = 1 / Math.sqrt(0.5);
    const b2 = 0.9 * b1 + 1 / Math.sqrt(0.75);
    expect(x[0]).toBeCloseTo(-0.1 * (b1 + b2), 13);
  });
});

describe("adam", () => {
  it("first step is ≈ η·sign(g) whatever the gradient's scale", () => {
    const opt = adam({ lr: 0.01 });
    const g = f64(300, -0.02, 1e-3);
    const x = f64(0, 0, 0);
    opt.step(x, g);
    // m̂ = g, v̂ = g²: Δ = −η g/(|g| + ε), within η ε/|g| of −η sign(g).
    expect(x[0]).toBeCloseTo(-0.01, 12);
    expect(x[1]).toBeCloseTo(0.01, 8);
    expect(x[2]).toBeCloseTo(-0.01, 6);
    expect(Math.abs(x[2]! + 0.01 * (1e-3 / (1e-3 + 1e-8)))).toBeLessThan(1e-15);
  });

  it("bias correction: after t constant gradients m = (1 − β₁ᵗ)g and v = (1 − β₂ᵗ)g²", () => {
    const opt = adam({ lr: 1e-3, betas: [0.8, 0.9] });
    const x = f64(0);
    for (let t = 0; t < 3; t++) opt.step(x, f64(2));
    const s = opt.state();
    expect(s.step).toBe(3);
    expect(s.slots.m![0]![0]).toBeCloseTo((1 - 0.8 ** 3) * 2, 14);
    expect(s.slots.v![0]![0]).toBeCloseTo((1 - 0.9 ** 3) * 4, 14);
    // So m̂ = g, v̂ = g² and every step moved by η g/(|g| + ε).
    expect(x[0]).toBeCloseTo(-3e-3 * (2 / (2 + 1e-8)), 15);
  });

  it("without bias correction the first step is η(1 − β₁)/√(1 − β₂) ≈ 3.16 η", () => {
    const opt = adam({ lr: 0.01, biasCorrection: false, eps: 0 });
    const x = f64(0);
    opt.step(x, f64(-7));
    expect(x[0]).toBeCloseTo((0.01 * 0.1) / Math.sqrt(0.001), 14);
  });

  it("AMSGrad divides by the running max of the raw v, then by 1 − β₂ᵗ (PyTorch)", () => {
    // g = 1 then 0. v1 = 0.001, v2 = 0.000999 < v1, so vmax = 0.001.
    // Step 2: m2 = 0.09, m̂ = 0.09/0.19; denominator √(0.001/0.001999) (AMSGrad) or √(0.000999/0.001999).
    const run = (amsgrad: boolean) => {
      const opt = adam({ lr: 1, eps: 0, amsgrad });
      const x = f64(0);
      opt.step(x, f64(1));
      const x1 = x[0]!;
      opt.step(x, f64(0));
      return x[0]! - x1;
    };
    expect(run(true)).toBeCloseTo(-(0.09 / 0.19) / Math.sqrt(0.001 / 0.001999), 12);
    expect(run(false)).toBeCloseTo(-(0.09 / 0.19) / Math.sqrt(0.000999 / 0.001999), 12);
  });

  it("coupled L2 and decoupled decay differ exactly as the equations say", () => {
    // θ = 2, g = 0.5, λ = 0.1, η = 0.01, ε = 0, one step.
    // Coupled: g' = 0.5 + 0.2 = 0.7, m̂/√v̂ = 1 → θ = 2 − 0.01 = 1.99.
    // Decoupled: θ = 2(1 − 0.001) − 0.01·1 = 1.988.
    const c = f64(2);
    adam({ lr: 0.01, eps: 0, weightDecay: 0.1 }).step(c, f64(0.5));
    expect(c[0]).toBeCloseTo(1.99, 15);
    const d = f64(2);
    adamw({ lr: 0.01, eps: 0, weightDecay: 0.1 }).step(d, f64(0.5));
    expect(d[0]).toBeCloseTo(1.988, 15);
    // With g = 0 the decoupled decay still shrinks θ by (1 − ηλ); coupled L2 goes through
    // Adam's normalisation and moves θ by η·sign(θ) instead.
    const c0 = f64(2);
    const d0 = f64(2);
    adam({ lr: 0.01, weightDecay: 0.1 }).step(c0, f64(0));
    adamw({ lr: 0.01, weightDecay: 0.1 }).step(d0, f64(0)); // ε > 0: m = v = 0 gives a zero Adam step
    expect(c0[0]).toBeCloseTo(2 - 0.01 * (0.2 / (0.2 + 1e-8)), 14);
    expect(d0[0]).toBeCloseTo(2 * 0.999, 15);
  });

  it("AdamW defaults to λ = 0.01 (PyTorch); Adam to 0", () => {
    const x = f64(1);
    adamw({ lr: 0.1 }).step(x, f64(0)); // m = 0: only the decay acts
    expect(x[0]).toBeCloseTo(1 - 0.1 * 0.01, 15);
    const y = f64(1);
    adam({ lr: 0.1 }).step(y, f64(0));
    expect(y[0]).toBe(1);
  });

  it("effective LR is η/(√v̂ + ε)", () => {
    const opt = adam({ lr: 0.1, eps: 0.5 });
    opt.step(f64(0, 0), f64(2, -4));
    const out = new Float64Array(2);
    expect(opt.effectiveLr(out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.1 / 2.5, 14);
    expect(out[1]).toBeCloseTo(0.1 / 4.5, 14);
  });

  it("a one-cycle schedule drives β₁ with its inverse momentum", () => {
    const s = oneCycle({ maxLr: 0.01, totalSteps: 100 });
    const opt = adamw({ lr: s });
    const x = f64(1);
    for (let k = 0; k < 30; k++) opt.step(x, f64(1));
    // One-cycle's momentum falls from 0.95 to 0.85 at the LR peak (step 30 of 100 with pctStart 0.3).
    expect(opt.stats.momentum).toBeLessThan(0.86);
    expect(opt.stats.momentum).toBeGreaterThan(0.85);
    expect(opt.stats.lr).toBeGreaterThan(0.0099);
  });
});
