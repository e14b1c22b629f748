// Adadelta (Zeiler 2012, Algorithm 1), with PyTorch's lr multiplier on the step:
// E[g²] ← ρE[g²] + (1 − ρ)g²;  Δx = −√(E[Δx²] + ε)/√(E[g²] + ε)·g;  E[Δx²] ← ρE[Δx²] + (1 − ρ)Δx²;  x ← x + ηΔx.
// Every expected value below is worked by hand from those lines.
import { describe, expect, it } from "vitest";
import { adadelta } from "../../src/optim/index";

const f64 = (...x: number[]) => new Float64Array(x);

describe("adadelta", () => {
  it("three hand-computed steps with a constant gradient (ρ = 0.9, ε = 1e-6, η = 1)", () => {
    const opt = adadelta();
    const x = f64(0);
    // Step 1: E[g²] = 0.1, Δ = −√1e-6/√0.100001; E[Δx²] = 0.1Δ² = 1e-7/0.100001.
    opt.step(x, f64(1));
    const d1 = -1e-3 / Math.sqrt(0.100001);
    const u1 = 1e-7 / 0.100001;
    expect(x[0]).toBeCloseTo(d1, 15);
    expect(opt.tensors![0]!.slots.squareAvg![0]).toBeCloseTo(0.1, 15);
    expect(opt.tensors![0]!.slots.deltaAvg![0]! / u1).toBeCloseTo(1, 12);
    // Step 2: E[g²] = 0.19, Δ = −√(u1 + 1e-6)/√0.190001.
    opt.step(x, f64(1));
    const d2 = -Math.sqrt(u1 + 1e-6) / Math.sqrt(0.190001);
    const u2 = 0.9 * u1 + 0.1 * d2 * d2;
    expect(x[0]! / (d1 + d2)).toBeCloseTo(1, 12);
    // Step 3: E[g²] = 0.271.
    opt.step(x, f64(1));
    const d3 = -Math.sqrt(u2 + 1e-6) / Math.sqrt(0.271001);
    expect(x[0]! / (d1 + d2 + d3)).toBeCloseTo(1, 12);
    // The slow start: three steps cover about 1 % of a unit distance.
    expect(Math.abs(x[0]!)).toBeLessThan(0.012);
  });

  it("first step is √ε/√((1 − ρ)g² + ε)·g: unit-free, ≈ √ε/√(1 − ρ) once g² ≫ ε", () => {
    for (const g of [10, -1000, 1e5]) {
      const opt = adadelta({ rho: 0.95 });
      const x = f64(0);
      opt.step(x, f64(g));
      expect(x[0]! / (-(1e-3 / Math.sqrt(0.05 * g * g + 1e-6)) * g)).toBeCloseTo(1, 13);
      // Independent of the gradient's scale to 1e-6 relative: √ε/√(1−ρ) = 1e-3/√0.05.
      expect(Math.abs(x[0]!) / (1e-3 / Math.sqrt(0.05))).toBeCloseTo(1, 5);
      expect(Math.sign(x[0]!)).toBe(-Math.sign(g));
    }
  });

  it("lr scales the step, not the statistics (PyTorch's form)", () => {
    const a = adadelta({ lr: 1 });
    const b = adadelta({ lr: 0.5 });
    const x = f64(0);
    const y = f64(0);
    for (const g of [1, -2, 0.5]) {
      a.step(x, f64(g));
      b.step(y, f64(g));
    }
    expect(y[0]! / x[0]!).toBeCloseTo(0.5, 14);
    expect(b.tensors![0]!.slots.deltaAvg![0]).toBe(a.tensors![0]!.slots.deltaAvg![0]);
  });

  it("coupled weight decay adds λθ to the gradient", () => {
    const opt = adadelta({ weightDecay: 0.5 });
    const x = f64(2);
    // g′ = 0 + 0.5·2 = 1: the first step of a unit gradient.
    opt.step(x, f64(0));
    expect(x[0]).toBeCloseTo(2 - 1e-3 / Math.sqrt(0.100001), 15);
  });

  it("per-group lrScale multiplies the step", () => {
    const opt = adadelta({}, [{ shape: [1] }, { shape: [1], lrScale: 0.25 }]);
    const x = f64(0, 0);
    opt.step(x, f64(1, 1));
    expect(x[1]! / x[0]!).toBeCloseTo(0.25, 14);
    expect(x[0]).toBeCloseTo(-1e-3 / Math.sqrt(0.100001), 15);
  });

  it("state() and load() resume bit-identically; options validated", () => {
    const a = adadelta({ rho: 0.95 });
    const x = f64(1, -1);
    a.step(x, f64(0.3, 2));
    const saved = JSON.parse(JSON.stringify(a.state()));
    expect(saved.options).toEqual({ rho: 0.95, eps: 1e-6, weightDecay: 0 });
    const b = adadelta({ rho: 0.95 });
    b.load(saved);
    const y = Float64Array.from(x);
    a.step(x, f64(-1, 1));
    b.step(y, f64(-1, 1));
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(() => adadelta().load(saved)).toThrow(/state\.options\.rho/);
    expect(() => adadelta({ rho: 1 })).toThrow(/rho = 1 is invalid/);
    expect(() => adadelta({ eps: -1 })).toThrow(/eps = -1/);
    expect(() => adadelta({ decay: 0.9 } as never)).toThrow(/decay/);
  });
});
