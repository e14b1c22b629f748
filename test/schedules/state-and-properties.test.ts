// Closed forms against stateful stepping, save/restore, reduce-on-plateau, and properties that the
// definitions imply (monotonicity, continuity, bounds), over seeded random configurations.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cosine,
  cosineRestarts,
  exponential,
  oneCycle,
  ReduceOnPlateau,
  sample,
  Scheduler,
  warmupCosine,
  wsd,
} from "../../src/schedules/index";

const runs = { numRuns: 200, seed: 20261122 };

describe("closed form equals stateful stepping", () => {
  it("exponential: multiplying by γ each step (PyTorch's chainable form) matches η₀γ^k", () => {
    const s = exponential({ initial: 0.1, gamma: 0.999 });
    let eta = 0.1;
    for (let k = 0; k < 5000; k++, eta *= 0.999) expect(Math.abs(s(k) - eta) / eta).toBeLessThan(1e-11);
  });
  it("cosine: PyTorch's recursive update η_{t+1} = η_min + (η_t − η_min)(1 + cos(π(t+1)/T))/(1 + cos(πt/T)) matches", () => {
    const [max, min, T] = [0.1, 0.001, 1000];
    const s = cosine({ max, min, totalSteps: T });
    let eta = max;
    for (let t = 0; t < T - 1; t++) {
      expect(s(t)).toBeCloseTo(eta, 12);
      eta = min + ((eta - min) * (1 + Math.cos((Math.PI * (t + 1)) / T))) / (1 + Math.cos((Math.PI * t) / T));
    }
  });
  it("a Scheduler reports s(k) before update k, and save/restore mid-run continues the same sequence", () => {
    const s = oneCycle({ maxLr: 0.01, totalSteps: 500 });
    const a = new Scheduler(s);
    const seen: number[] = [];
    for (let k = 0; k < 200; k++) {
      expect(a.lr).toBe(s(k));
      expect(a.momentum).toBe(s.momentum!(k));
      seen.push(a.lr);
      a.step();
    }
    const saved = JSON.stringify(a.state());
    const b = new Scheduler(s);
    b.load(JSON.parse(saved));
    for (let k = 200; k < 500; k++) {
      expect(b.lr).toBe(a.lr);
      a.step();
      b.step();
    }
    expect(() => b.load({ step: -1 })).toThrow(/state.step = -1/);
  });
});

describe("reduce on plateau (PyTorch semantics)", () => {
  it("reduces after more than `patience` calls without improvement, then waits out the cooldown", () => {
    const p = new ReduceOnPlateau({ initial: 1, patience: 2, factor: 0.5, cooldown: 2 });
    const lrs = [1, 1, 1, 1, 1, 1, 1, 1, 1].map((m) => p.step(m));
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25]);
  });
  it("counts only relative improvements larger than the threshold, in min and max mode", () => {
    const p = new ReduceOnPlateau({ initial: 1, patience: 0, threshold: 1e-4 });
    p.step(1);
    expect(p.step(0.99995)).toBe(0.1); // not below 1·(1 − 1e-4): a bad call, patience 0 → reduce
    const q = new ReduceOnPlateau({ initial: 1, patience: 0, mode: "max", thresholdMode: "abs", threshold: 0.01 });
    q.step(0.5);
    expect(q.step(0.52)).toBe(1);
    expect(q.step(0.525)).toBe(0.1);
  });
  it("never goes below minLr, and resumes exactly from a saved state", () => {
    const p = new ReduceOnPlateau({ initial: 1, patience: 0, minLr: 0.05 });
    const losses = [3, 2, 2, 2, 1.5, 1.5, 1.5, 1.5];
    const whole = losses.map((m) => p.step(m));
    expect(Math.min(...whole)).toBe(0.05);
    const a = new ReduceOnPlateau({ initial: 1, patience: 0, minLr: 0.05 });
    const first = losses.slice(0, 3).map((m) => a.step(m));
    const b = new ReduceOnPlateau({ initial: 1, patience: 0, minLr: 0.05 });
    b.load(JSON.parse(JSON.stringify(a.state())));
    expect([...first, ...losses.slice(3).map((m) => b.step(m))]).toEqual(whole);
    expect(() => b.step(NaN)).toThrow(/metric = NaN/);
  });
});

describe("properties implied by the definitions", () => {
  it("cosine is non-increasing, within [η_min, η_max], and changes by at most (η_max − η_min)·π/(2T) per step", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }), (max, f, T) => {
        const min = max * f;
        const { lr } = sample(cosine({ max, min, totalSteps: T }), 0, T);
        const ulp = 1e-14 * max;
        const bound = ((max - min) * Math.PI) / (2 * T) + ulp;
        for (let i = 1; i < lr.length; i++) {
          if (lr[i]! > lr[i - 1]! + ulp || lr[i - 1]! - lr[i]! > bound) return false;
        }
        return Math.abs(lr[0]! - max) < 1e-12 * max && Math.abs(lr[T]! - min) < 1e-12 * max;
      }),
      runs,
    );
  });
  it("warmup + cosine peaks exactly at the end of warmup, rising by peak/w per step, then falling by at most peak·π/(2(T − w))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 3000 }), (w, rest) => {
        const s = warmupCosine({ peak: 1, warmupSteps: w, totalSteps: w + rest });
        const { lr } = sample(s, 0, w + rest);
        let argmax = 0;
        for (let i = 1; i < lr.length; i++) {
          const change = lr[i]! - lr[i - 1]!;
          if (i <= w ? Math.abs(change - 1 / w) > 1e-12 : change > 1e-15 || -change > Math.PI / (2 * rest) + 1e-12) return false;
          if (lr[i]! > lr[argmax]!) argmax = i;
        }
        return argmax === w && lr[w] === 1;
      }),
      runs,
    );
  });
  it("WSD never increases after warmup, for every cooldown shape", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.constantFrom("linear", "cosine", "1-sqrt" as const), (w, st, d, shape) => {
        const { lr } = sample(wsd({ peak: 1, warmupSteps: w, stableSteps: st, decaySteps: d, shape, floor: 0.01 }), w, w + st + d);
        for (let i = 1; i < lr.length; i++) if (lr[i]! > lr[i - 1]! + 1e-15) return false;
        return Math.abs(lr[lr.length - 1]! - 0.01) < 1e-12;
      }),
      runs,
    );
  });
  it("one-cycle stays within [final, η_max] and its momentum within [base, max], moving opposite to the LR", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3000 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (T, pct) => {
        const s = oneCycle({ maxLr: 1, totalSteps: T, pctStart: pct });
        const { lr, momentum } = sample(s, 0, T);
        for (let i = 1; i < lr.length; i++) {
          if (lr[i]! > 1 || lr[i]! < 4e-6 - 1e-15) return false;
          if (momentum![i]! < 0.85 - 1e-12 || momentum![i]! > 0.95 + 1e-12) return false;
          const dl = lr[i]! - lr[i - 1]!;
          const dm = momentum![i]! - momentum![i - 1]!;
          if (dl * dm > 1e-15) return false;
        }
        return true;
      }),
      runs,
    );
  });
  it("SGDR returns to its peak exactly at every restart, for any T₀ and integer T_mult", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 4 }), (T0, r) => {
        const s = cosineRestarts({ max: 1, T0, Tmult: r });
        let start = 0;
        for (let i = 0; i < 8; i++, start += T0 * r ** (i - 1)) if (s(start) !== 1) return false;
        return true;
      }),
      runs,
    );
  });
});
