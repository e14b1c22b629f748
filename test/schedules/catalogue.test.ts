// Each schedule against its published definition, at boundaries worked out by hand.
import { describe, expect, it } from "vitest";
import {
  constant,
  cosineRestarts,
  cyclic,
  exponential,
  fromTokens,
  inverseSqrt,
  join,
  linearDecay,
  multistep,
  oneCycle,
  polynomial,
  rewind,
  scale,
  cosine,
  stepsForTokens,
  warmup,
  warmupCosine,
  warmupSteps,
  wsd,
} from "../../src/schedules/index";

describe("decays", () => {
  it("constant", () => expect(constant({ value: 0.3 })(12345)).toBe(0.3));
  it("multistep drops by γ at each milestone", () => {
    const s = multistep({ initial: 1, milestones: [30, 80], gamma: 0.1 });
    expect([s(0), s(29), s(30), s(79), s(80), s(10_000)]).toEqual([1, 1, 0.1, 0.1, 1 * 0.1 ** 2, 1 * 0.1 ** 2]);
  });
  it("exponential: continuous rate, per-step factor, and staircase", () => {
    expect(exponential({ initial: 2, rate: 0.01 })(100)).toBeCloseTo(2 * Math.exp(-1), 14);
    expect(exponential({ initial: 1, gamma: 0.9 })(3)).toBeCloseTo(0.729, 14);
    const stair = exponential({ initial: 1, gamma: 0.5, transitionSteps: 10, staircase: true });
    expect([stair(9), stair(10), stair(25)].map((v) => +v.toFixed(12))).toEqual([1, 0.5, 0.25]);
    expect(exponential({ initial: 1, gamma: 0.5, transitionSteps: 10 })(5)).toBeCloseTo(Math.SQRT1_2, 14);
  });
  it("polynomial: (η₀ − η_end)(1 − k/T)^p + η_end, holding η_end after T", () => {
    const s = polynomial({ initial: 1, end: 0.1, power: 2, totalSteps: 100 });
    expect(s(50)).toBeCloseTo(0.9 * 0.25 + 0.1, 15);
    expect(s(100)).toBeCloseTo(0.1, 15);
    expect(s(250)).toBeCloseTo(0.1, 15);
    expect(linearDecay({ initial: 1, totalSteps: 4 })(1)).toBe(0.75);
  });
  it("inverse square root: η₀/√(1 + (k − w)/τ) after a linear warmup", () => {
    expect(inverseSqrt({ initial: 1, timescale: 100 })(300)).toBe(0.5);
    const s = inverseSqrt({ initial: 1, timescale: 100, warmupSteps: 100 });
    expect([s(0), s(50), s(100), s(400)]).toEqual([0, 0.5, 1, 0.5]);
    expect(s.phase(99)).toBe("warmup");
    expect(s.phase(100)).toBe("decay");
  });
});

describe("cosine with warm restarts (SGDR)", () => {
  const s = cosineRestarts({ max: 1, min: 0, T0: 10, Tmult: 2 });
  it("restarts at 10, 30, 70, 150 (cycle lengths 10, 20, 40, 80)", () => {
    for (const k of [0, 10, 30, 70, 150]) expect(s(k)).toBe(1);
    expect([10, 30, 70, 150].map((k) => s.phase(k))).toEqual(["restart", "restart", "restart", "restart"]);
    expect(s.phase(0)).toBe("decay");
  });
  it("is at the midpoint value halfway through each cycle, which ignoring T_mult would miss", () => {
    for (const k of [5, 20, 50, 110]) expect(s(k)).toBeCloseTo(0.5, 14);
  });
  it("the step before a restart is the cycle's last, cos(π(T_i − 1)/T_i)", () => {
    expect(s(29)).toBeCloseTo(0.5 * (1 + Math.cos((Math.PI * 19) / 20)), 14);
  });
  it("peakDecay lowers each cycle's peak geometrically; T_mult = 1 gives equal cycles", () => {
    const d = cosineRestarts({ max: 1, min: 0.1, T0: 10, Tmult: 2, peakDecay: 0.5 });
    expect([d(10), d(30)]).toEqual([0.5, 0.25]);
    const e = cosineRestarts({ max: 1, T0: 7 });
    expect([e(7), e(14), e(21)]).toEqual([1, 1, 1]);
  });
  it("finds the right cycle far out, where the closed form's logarithm rounds", () => {
    const t = cosineRestarts({ max: 1, T0: 3, Tmult: 3 });
    // Cycle starts: 0, 3, 12, 39, 120, 363, …, 3(3^i − 1)/2.
    for (let i = 1; i <= 15; i++) {
      const start = (3 * (3 ** i - 1)) / 2;
      const previous = 3 * 3 ** (i - 1);
      expect(t(start)).toBe(1);
      expect(t(start - 1)).toBeCloseTo(0.5 * (1 + Math.cos((Math.PI * (previous - 1)) / previous)), 12);
    }
  });
});

describe("cyclic (PyTorch CyclicLR values after k scheduler steps)", () => {
  const tri = cyclic({ base: 0.001, max: 0.006, stepSizeUp: 2000 });
  it("triangular rises for stepSizeUp steps and falls back", () => {
    expect([1000, 2000, 3000, 4000, 6000].map((k) => +tri(k).toFixed(12))).toEqual([0.0035, 0.006, 0.0035, 0.001, 0.006]);
    expect(tri.phase(1999)).toBe("increase");
    expect(tri.phase(2001)).toBe("decay");
  });
  it("momentum cycles inversely, 0.9 at the LR's base and 0.8 at its peak", () => {
    expect(tri.momentum!(0)).toBeCloseTo(0.9, 15);
    expect(tri.momentum!(2000)).toBeCloseTo(0.8, 15);
    expect(tri.momentum!(1000)).toBeCloseTo(0.85, 15);
  });
  it("triangular2 halves the amplitude each cycle; exp_range scales it by γ^k", () => {
    const t2 = cyclic({ base: 0.001, max: 0.006, stepSizeUp: 2000, mode: "triangular2" });
    expect([t2(2000), t2(6000), t2(10_000)].map((v) => +v.toFixed(12))).toEqual([0.006, 0.0035, 0.00225]);
    const ex = cyclic({ base: 0.001, max: 0.006, stepSizeUp: 2000, mode: "exp_range", gamma: 0.9999 });
    expect(ex(2000)).toBeCloseTo(0.001 + 0.005 * 0.9999 ** 2000, 15);
  });
  it("asymmetric cycles rise for stepSizeUp steps and fall for stepSizeDown", () => {
    const a = cyclic({ base: 0.1, max: 1.1, stepSizeUp: 1, stepSizeDown: 3 });
    expect([a(0), a(1), a(2), a(3), a(4), a(5)].map((v) => +v.toFixed(12))).toEqual([0.1, 1.1, 0.766666666667, 0.433333333333, 0.1, 1.1]);
  });
});

describe("one-cycle", () => {
  const s = oneCycle({ maxLr: 1, totalSteps: 1000 });
  it("starts at η_max/25, peaks at step 0.3·T, ends at η_max/(25·10⁴) at step T", () => {
    expect(s(0)).toBeCloseTo(0.04, 15);
    expect(s(300)).toBe(1);
    expect(s(1000)).toBeCloseTo(0.04 / 1e4, 18);
    expect(s(5000)).toBeCloseTo(0.04 / 1e4, 18);
  });
  it("cosine annealing is halfway between peak and final value halfway through each phase", () => {
    expect(s(150)).toBeCloseTo((0.04 + 1) / 2, 14);
    expect(s(650)).toBeCloseTo((1 + 4e-6) / 2, 14);
  });
  it("momentum is inverse: 0.95 → 0.85 at the peak → 0.95", () => {
    expect([s.momentum!(0), s.momentum!(300), s.momentum!(1000)].map((v) => +v.toFixed(12))).toEqual([0.95, 0.85, 0.95]);
    expect(s.phase(299)).toBe("warmup");
    expect(s.phase(300)).toBe("anneal");
  });
  it("three phases: up, back down to η_max/div by 2p, then to the final value; momentum held at max in phase 3", () => {
    const t = oneCycle({ maxLr: 1, totalSteps: 1000, pctStart: 0.25, threePhase: true, anneal: "linear" });
    expect([t(250), t(500), t(1000)].map((v) => +v.toFixed(12))).toEqual([1, 0.04, 0.000004]);
    expect(t(375)).toBeCloseTo(0.52, 14);
    expect(t.momentum!(750)).toBe(0.95);
    expect([t.phase(100), t.phase(400), t.phase(600)]).toEqual(["warmup", "anneal", "cooldown"]);
  });
});

describe("warmup", () => {
  it("prepends a linear ramp from start to the inner schedule's first value, then shifts the inner schedule", () => {
    const inner = cosine({ max: 1, totalSteps: 90 });
    const s = warmup(inner, { steps: 10, start: 0.1 });
    expect([s(0), s(5), s(10)].map((v) => +v.toFixed(12))).toEqual([0.1, 0.55, 1]);
    expect(s(55)).toBeCloseTo(0.5, 14);
    expect(s.totalSteps).toBe(100);
    expect([s.phase(9), s.phase(10)]).toEqual(["warmup", "decay"]);
  });
  it("a ratio of the run gives ⌈ratio·T⌉ steps and checks the inner schedule's length", () => {
    expect(warmupSteps(0.02, 100_000)).toBe(2000);
    expect(warmupSteps(0.015, 1001)).toBe(16);
    const s = warmup(cosine({ max: 1, totalSteps: 98_000 }), { ratio: 0.02, totalSteps: 100_000 });
    expect(s(1000)).toBe(0.5);
    expect(() => warmup(cosine({ max: 1, totalSteps: 100_000 }), { ratio: 0.02, totalSteps: 100_000 })).toThrow(/98000/);
  });
  it("warmupCosine is continuous at the end of warmup (the peak) and reaches `end` at step T", () => {
    const s = warmupCosine({ peak: 2, end: 0.2, warmupRatio: 0.1, totalSteps: 1000 });
    expect([s(99), s(100), s(1000)].map((v) => +v.toFixed(12))).toEqual([1.98, 2, 0.2]);
  });
});

describe("warmup-stable-decay", () => {
  const base = { peak: 1e-3, warmupSteps: 100, stableSteps: 800, decaySteps: 100 };
  it("warms up, holds the peak, and cools down to the floor", () => {
    const s = wsd({ ...base, floor: 1e-5 });
    expect([s(50), s(100), s(899), s(900)]).toEqual([5e-4, 1e-3, 1e-3, 1e-3]);
    expect(s(1000)).toBeCloseTo(1e-5, 18);
    expect(s(2000)).toBeCloseTo(1e-5, 18);
    expect([s.phase(99), s.phase(100), s.phase(900)]).toEqual(["warmup", "stable", "cooldown"]);
    expect(s.totalSteps).toBe(1000);
  });
  it("cooldown shapes halfway through: linear and cosine at half, 1−√ at 1 − √½", () => {
    expect(wsd({ ...base, shape: "linear" })(950)).toBeCloseTo(5e-4, 15);
    expect(wsd({ ...base, shape: "cosine" })(950)).toBeCloseTo(5e-4, 15);
    expect(wsd({ ...base, shape: "1-sqrt" })(950)).toBeCloseTo(1e-3 * (1 - Math.SQRT1_2), 15);
    expect(wsd({ ...base, shape: "1-sqrt" })(925)).toBeCloseTo(1e-3 * 0.5, 15);
  });
});

describe("composition", () => {
  it("join starts each piece from its own step 0 (optax join_schedules)", () => {
    const s = join([linearDecay({ initial: 1, end: 0.5, totalSteps: 10 }), cosine({ max: 0.5, totalSteps: 20 })], [10]);
    expect([s(0), s(5), s(10), s(20), s(30)].map((v) => +v.toFixed(12))).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(s.totalSteps).toBe(30);
  });
  it("scale multiplies the LR only", () => {
    const s = scale(oneCycle({ maxLr: 1, totalSteps: 100 }), 3);
    expect(s(30)).toBe(3);
    expect(s.momentum!(30)).toBeCloseTo(0.85, 15);
  });
  it("rewind replays the schedule from the rewind step (Renda et al. 2020)", () => {
    const base = cosine({ max: 1, totalSteps: 100 });
    const r = rewind(base, 50);
    expect(r(0)).toBeCloseTo(0.5, 15);
    expect(r(50)).toBe(0);
    expect(r.totalSteps).toBe(50);
    expect(r.phase(0)).toBe("rewind");
  });
  it("a schedule in tokens gives the same LR per token at any batch size", () => {
    const inTokens = warmupCosine({ peak: 1, warmupSteps: 1_000_000, totalSteps: 100_000_000 });
    const big = fromTokens(inTokens, 500_000);
    const small = fromTokens(inTokens, 250_000);
    expect([big(1), small(2)]).toEqual([0.5, 0.5]);
    expect([big.totalSteps, small.totalSteps]).toEqual([200, 400]);
    expect(stepsForTokens(1_000_001, 1000)).toBe(1001);
  });
});
