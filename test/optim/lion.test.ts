// Lion (Chen et al. 2023, Algorithm 2): c = β₁m + (1 − β₁)g; θ ← θ − η(sign(c) + λθ); m ← β₂m + (1 − β₂)g.
// Every expected value below is worked by hand from those three lines.
import { describe, expect, it } from "vitest";
import { lion } from "../../src/optim/index";
import { rng } from "../../src/random";
import { schedule } from "../../src/schedules/index";

const f64 = (...x: number[]) => new Float64Array(x);

describe("lion", () => {
  it("three hand-computed steps (β = 0.9, 0.99; η = 0.1; λ = 0)", () => {
    const opt = lion({ lr: 0.1 });
    const x = f64(1, -2, 0.5);
    // Step 1, m = 0: c = 0.1g = (0.03, −0.4, 0) → sign (1, −1, 0); m = 0.01g = (0.003, −0.04, 0).
    opt.step(x, f64(0.3, -4, 0));
    expect(Array.from(x)).toEqual([expect.closeTo(0.9, 14), expect.closeTo(-1.9, 14), 0.5]);
    expect(Array.from(opt.tensors![0]!.slots.m!)).toEqual([expect.closeTo(0.003, 15), expect.closeTo(-0.04, 15), 0]);
    // Step 2: c = 0.9m + 0.1g = (0.0027 − 0.01, −0.036 + 0.2, 0.1) = (−0.0073, 0.164, 0.1): the first
    // coordinate moves against sign(m) = +1; m = 0.99m + 0.01g = (0.00197, −0.0196, 0.01).
    opt.step(x, f64(-0.1, 2, 1));
    expect(Array.from(x)).toEqual([expect.closeTo(1.0, 14), expect.closeTo(-2.0, 14), expect.closeTo(0.4, 14)]);
    expect(Array.from(opt.tensors![0]!.slots.m!)).toEqual([expect.closeTo(0.00197, 15), expect.closeTo(-0.0196, 15), expect.closeTo(0.01, 15)]);
    // Step 3: c = (0.001773 − 0.002, −0.01764 + 0.01, 0.009 − 0.005) = (−0.000227, −0.00764, 0.004):
    // the second coordinate moves against sign(g) = +1 (the momentum outweighs the gradient).
    opt.step(x, f64(-0.02, 0.1, -0.05));
    expect(Array.from(x)).toEqual([expect.closeTo(1.1, 14), expect.closeTo(-1.9, 14), expect.closeTo(0.3, 14)]);
    expect(opt.stepCount).toBe(3);
  });

  it("takes the sign of c before m is updated (the order decides the direction here)", () => {
    const opt = lion({ lr: 0.1 });
    const x = f64(0);
    // Step 1: g = 100, c = 10 > 0: θ = −0.1; m = 0.01·100 = 1.
    opt.step(x, f64(100));
    expect(x[0]).toBeCloseTo(-0.1, 14);
    // Step 2: g = −8.5, c = 0.9·1 + 0.1·(−8.5) = 0.05 > 0: θ = −0.2 (uphill, since g < 0).
    // Updating m first would give m = 0.905 and c = 0.8145 − 0.85 = −0.0355 < 0: θ = 0.
    opt.step(x, f64(-8.5));
    expect(x[0]).toBeCloseTo(-0.2, 14);
    expect(opt.tensors![0]!.slots.m![0]).toBeCloseTo(0.905, 14);
  });

  it("decoupled weight decay is multiplied by η, and sign(0) = 0 leaves decay alone", () => {
    const opt = lion({ lr: 0.1, weightDecay: 0.5 });
    const x = f64(2, 2);
    // Coordinate 0: g = 1, c = 0.1 > 0: θ = 2 − 0.1(1 + 0.5·2) = 1.8.
    // Coordinate 1: g = 0, m = 0, so c = 0 and sign(c) = 0: θ = 2 − 0.1·0.5·2 = 1.9.
    opt.step(x, f64(1, 0));
    expect(x[0]).toBeCloseTo(1.8, 14);
    expect(x[1]).toBeCloseTo(1.9, 14);
    // Coordinate 0 again, g = 0: c = 0.9·0.01 > 0: θ = 1.8 − 0.1(1 + 0.5·1.8) = 1.61.
    opt.step(x, f64(0, 0));
    expect(x[0]).toBeCloseTo(1.61, 14);
    expect(x[1]).toBeCloseTo(1.9 * 0.95, 14);
  });

  it("moves every coordinate by exactly η, whatever the gradient's scale (λ = 0)", () => {
    const r = rng(11);
    const n = 50;
    const opt = lion({ lr: 0.003, betas: [0.8, 0.95] });
    const x = new Float64Array(n).map(() => r.normal());
    for (let k = 0; k < 20; k++) {
      const g = new Float64Array(n).map((_, i) => 10 ** (6 * (i / n) - 3) * r.normal());
      const before = Float64Array.from(x);
      opt.step(x, g);
      for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - before[i]!)).toBeCloseTo(0.003, 12);
    }
  });

  it("takes η from a schedule at each step", () => {
    const lr = schedule({ value: (k) => 0.1 / (k + 1), phase: "decay" });
    const opt = lion({ lr });
    const x = f64(0);
    opt.step(x, f64(1)); // −0.1
    opt.step(x, f64(1)); // −0.05
    expect(x[0]).toBeCloseTo(-0.15, 14);
    expect(opt.stats.lr).toBeCloseTo(0.05, 15);
  });

  it("state() and load() resume bit-identically; load refuses other betas", () => {
    const a = lion({ lr: 0.01, weightDecay: 0.1 });
    const x = f64(1, 2, 3);
    a.step(x, f64(0.5, -1, 2));
    const saved = JSON.parse(JSON.stringify(a.state()));
    expect(saved.options).toEqual({ betas: [0.9, 0.99], weightDecay: 0.1 });
    const b = lion({ lr: 0.01, weightDecay: 0.1 });
    b.load(saved);
    const y = Float64Array.from(x);
    a.step(x, f64(-0.2, 0.3, 0.1));
    b.step(y, f64(-0.2, 0.3, 0.1));
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(() => lion({ betas: [0.9, 0.98] }).load(saved)).toThrow(/state\.options\.betas/);
  });

  it("per-group lrScale and weightDecay: η·lrScale per coordinate, decay by each group's own λ", () => {
    const opt = lion({ lr: 0.1, weightDecay: 0.5 }, [{ shape: [2], weightDecay: 0 }, { shape: [2], lrScale: 0.5 }]);
    const x = f64(1, 1, 1, 1);
    opt.step(x, f64(1, -1, 1, -1));
    // Group 0: no decay, ∓0.1. Group 1: η = 0.05, λ = 0.5: 1 − 0.05(±1 + 0.5).
    expect(Array.from(x)).toEqual([expect.closeTo(0.9, 14), expect.closeTo(1.1, 14), expect.closeTo(0.925, 14), expect.closeTo(1.025, 14)]);
  });

  it("validates its options, naming the argument", () => {
    expect(() => lion({ betas: [0.9, 1] })).toThrow(/betas\[1\] = 1 is invalid/);
    expect(() => lion({ lr: -1 })).toThrow(/lr = -1/);
    expect(() => lion({ weightDecay: -0.1 })).toThrow(/weightDecay = -0.1/);
    expect(() => lion({ beta1: 0.9 } as never)).toThrow(/beta1/);
    expect(() => lion({ lr: 0.1 }).step(f64(0), f64(NaN))).toThrow(/NaN|finite/);
  });
});
