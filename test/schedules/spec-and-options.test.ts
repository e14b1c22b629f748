// The optax options (cosine exponent, transition_begin, piecewise-constant, staircase, end_value),
// the JSON spec and its round trip, and unknown option keys. Expected values are worked by hand
// from optax's published definitions (optax/schedules/_schedule.py), not from the code under test.
import { describe, expect, it } from "vitest";
import {
  constant,
  cosine,
  cosineRestarts,
  effectiveBatch,
  exponential,
  fromSpec,
  fromTokens,
  join,
  linearDecay,
  oneCycle,
  piecewiseConstant,
  polynomial,
  ReduceOnPlateau,
  rewind,
  sample,
  scale,
  schedule,
  toSpec,
  warmup,
  warmupCosine,
  wsd,
  type ScheduleSpec,
} from "../../src/schedules/index";
import { UnknownKeyError } from "../../src/validate";

const values = (s: (k: number) => number, ks: number[]) => ks.map((k) => s(k));

describe("optax options", () => {
  it("cosine exponent: init·((1 − α)·c^p + α), c = ½(1 + cos(π·min(k, T)/T)) (cosine_decay_schedule)", () => {
    // init 1, alpha 0.1, T = 10, p = 2: c(5) = ½ so 0.9·¼ + 0.1 = 0.325; c(0) = 1; held at α past T.
    const s = cosine({ peak: 1, end: 0.1, totalSteps: 10, exponent: 2 });
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.325, 15);
    expect(s(2)).toBeCloseTo(0.9 * (0.5 * (1 + Math.cos(Math.PI / 5))) ** 2 + 0.1, 15);
    expect(s(10)).toBeCloseTo(0.1, 15);
    expect(s(15)).toBeCloseTo(0.1, 15);
  });

  it("warmup-cosine exponent (warmup_cosine_decay_schedule): the decay leg's factor is cubed", () => {
    // init 0, peak 1, warmup 2, decay_steps 10, exponent 3: step 6 is 4 of 8 decay steps, c = ½, c³ = 1/8.
    const s = warmupCosine({ peak: 1, warmupSteps: 2, totalSteps: 10, exponent: 3 });
    expect(values(s, [0, 1, 2])).toEqual([0, 0.5, 1]);
    expect(s(6)).toBeCloseTo(0.125, 15);
    expect(s(10)).toBe(0);
  });

  it("polynomial and linear transition_begin hold the initial value, then decay over transition_steps", () => {
    // polynomial_schedule(init 1, end 0.1, power 2, transition_steps 4, transition_begin 3):
    // count = clip(k − 3, 0, 4), value 0.9·(1 − count/4)² + 0.1.
    const p = polynomial({ peak: 1, end: 0.1, power: 2, totalSteps: 7, transitionBegin: 3 });
    expect(values(p, [0, 1, 2, 3])).toEqual([1, 1, 1, 1]);
    expect(p(4)).toBeCloseTo(0.60625, 15);
    expect(p(5)).toBeCloseTo(0.325, 15);
    expect(p(7)).toBeCloseTo(0.1, 15);
    expect(p(9)).toBeCloseTo(0.1, 15);
    expect(p.totalSteps).toBe(7);
    expect([p.phase(2), p.phase(3)]).toEqual(["stable", "decay"]);
    // linear_schedule(init 1, end 0, transition_steps 4, transition_begin 2).
    const l = linearDecay({ peak: 1, totalSteps: 6, transitionBegin: 2 });
    expect(values(l, [0, 2, 3, 4, 5, 6, 8])).toEqual([1, 1, 0.75, 0.5, 0.25, 0, 0]);
    expect(() => polynomial({ peak: 1, totalSteps: 5, transitionBegin: 5 })).toThrow(/transitionBegin = 5 is invalid: expected an integer in 0…4/);
  });

  it("exponential transition_begin, staircase and end_value (exponential_decay)", () => {
    // exponential_decay(init 1, transition_steps 2, decay_rate 0.5, transition_begin 3, staircase, end_value 0.2):
    // value 1 while k ≤ 3, then 0.5^⌊(k − 3)/2⌋, never below 0.2.
    const s = exponential({ peak: 1, gamma: 0.5, transitionSteps: 2, transitionBegin: 3, staircase: true, end: 0.2 });
    const expected = [1, 1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2];
    values(s, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).forEach((v, k) => expect(v, `step ${k}`).toBeCloseTo(expected[k]!, 15));
    // Without staircase the exponent is (k − 3)/2: step 4 gives 0.5^0.5.
    const c = exponential({ peak: 1, gamma: 0.5, transitionSteps: 2, transitionBegin: 3 });
    expect(c(3)).toBe(1);
    expect(c(4)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(() => exponential({ peak: 1, rate: 0.1, end: 2 })).toThrow(/end = 2 is invalid: expected a number in \[0, 1\]/);
    expect(() => exponential({ peak: 1, rate: 0.1, staircase: "yes" as never })).toThrow(/staircase = "yes" is invalid: expected true or false/);
  });

  it("piecewise-constant (piecewise_constant_schedule): init × the scales whose boundary is ≤ k", () => {
    // init 0.1, {3: 2, 6: 0.5, 8: 0.1}: optax's code scales when count ≥ boundary (sign(b − k) ≤ 0).
    const s = piecewiseConstant({ initial: 0.1, boundaries: [3, 6, 8], scales: [2, 0.5, 0.1] });
    const expected = [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.01, 0.01];
    values(s, [0, 1, 2, 3, 4, 5, 6, 7, 8, 100]).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 16));
    expect(piecewiseConstant({ initial: 0.3, boundaries: [], scales: [] })(50)).toBe(0.3);
    expect(() => piecewiseConstant({ initial: 1, boundaries: [3, 3], scales: [1, 1] })).toThrow(/boundaries\[1\] = 3 is invalid: expected an integer ≥ 4/);
    expect(() => piecewiseConstant({ initial: 1, boundaries: [3], scales: [-1] })).toThrow(/scales\[0\] = -1/);
    expect(() => piecewiseConstant({ initial: 1, boundaries: [3], scales: [] })).toThrow(/scales = \[\] is invalid: expected an array of 1 factor/);
  });
});

describe("JSON spec", () => {
  const specs: ScheduleSpec[] = [
    { kind: "constant", value: 0.1 },
    { kind: "step", peak: 0.1, stepSize: 3, gamma: 0.5 },
    { kind: "multistep", peak: 0.1, milestones: [2, 5] },
    { kind: "piecewise-constant", initial: 0.1, boundaries: [2, 5], scales: [3, 0.1] },
    { kind: "exponential", peak: 0.1, gamma: 0.9, transitionBegin: 2, staircase: true, transitionSteps: 2, end: 0.01 },
    { kind: "polynomial", peak: 0.1, end: 0.01, power: 2, totalSteps: 12, transitionBegin: 2 },
    { kind: "linear", peak: 0.1, totalSteps: 12 },
    { kind: "inverse-sqrt", peak: 0.1, timescale: 4, warmupSteps: 3 },
    { kind: "cosine", peak: 0.1, end: 0.01, totalSteps: 12, exponent: 1.5 },
    { kind: "cosine-restarts", peak: 0.1, cycleSteps: 3, cycleMult: 2, peakDecay: 0.5 },
    { kind: "cyclic", base: 0.01, peak: 0.1, stepSizeUp: 3, mode: "triangular2" },
    { kind: "one-cycle", peak: 0.1, totalSteps: 12, threePhase: true, anneal: "linear" },
    { kind: "warmup-cosine", peak: 0.1, totalSteps: 12, warmupRatio: 0.25, exponent: 2 },
    { kind: "wsd", peak: 0.1, warmupSteps: 2, stableSteps: 4, decaySteps: 6, shape: "1-sqrt", end: 0.001 },
    { warmup: { steps: 3, start: 0.01 }, then: { kind: "cosine-restarts", peak: 0.1, cycleSteps: 4 } },
    { warmup: { ratio: 0.25, totalSteps: 16 }, then: { kind: "polynomial", peak: 0.1, totalSteps: 12, power: 2 } },
    { join: [{ kind: "constant", value: 0.1 }, { kind: "cosine", peak: 0.1, totalSteps: 8 }, { kind: "constant", value: 0.001 }], boundaries: [3, 11] },
    { scale: 0.5, of: { rewind: 4, of: { kind: "one-cycle", peak: 0.1, totalSteps: 12 } } },
    { fromTokens: 100, of: { warmup: { steps: 500 }, then: { kind: "cosine", peak: 0.1, totalSteps: 1000 } } },
  ];

  it("toSpec(fromSpec(spec)) gives the spec back, for every kind and every composition", () => {
    for (const spec of specs) expect(toSpec(fromSpec(spec))).toEqual(spec);
  });

  it("schedules built in code carry their spec under the current option names; fromSpec rebuilds the same values", () => {
    const built = [
      cosine({ max: 0.1, min: 0.01, totalSteps: 12 }),
      cosineRestarts({ max: 0.1, T0: 3, Tmult: 2 }),
      oneCycle({ maxLr: 0.1, totalSteps: 12 }),
      wsd({ peak: 0.1, warmupSteps: 2, stableSteps: 4, decaySteps: 6, floor: 0.01 }),
      warmup(join([constant({ value: 0.1 }), linearDecay({ peak: 0.1, totalSteps: 4 })], [5]), { steps: 2 }),
      scale(fromTokens(warmupCosine({ peak: 1, warmupSteps: 100, totalSteps: 1000 }), 10), 0.1),
      rewind(polynomial({ initial: 0.1, totalSteps: 20, power: 2 }), 5),
    ];
    expect(toSpec(built[0]!)).toEqual({ kind: "cosine", peak: 0.1, end: 0.01, totalSteps: 12 });
    expect(toSpec(built[1]!)).toEqual({ kind: "cosine-restarts", peak: 0.1, cycleSteps: 3, cycleMult: 2 });
    expect(toSpec(built[2]!)).toEqual({ kind: "one-cycle", peak: 0.1, totalSteps: 12 });
    expect(toSpec(built[3]!)).toEqual({ kind: "wsd", peak: 0.1, warmupSteps: 2, stableSteps: 4, decaySteps: 6, end: 0.01 });
    expect(toSpec(built[4]!)).toEqual({ warmup: { steps: 2 }, then: { join: [{ kind: "constant", value: 0.1 }, { kind: "linear", peak: 0.1, totalSteps: 4 }], boundaries: [5] } });
    expect(toSpec(built[5]!)).toEqual({ scale: 0.1, of: { fromTokens: 10, of: { kind: "warmup-cosine", peak: 1, warmupSteps: 100, totalSteps: 1000 } } });
    for (const s of built) {
      const again = fromSpec(JSON.parse(JSON.stringify(toSpec(s))));
      expect(sample(again, 0, 40)).toEqual(sample(s, 0, 40));
      expect(again.totalSteps).toBe(s.totalSteps);
    }
  });

  it("a spec is a copy: changing it afterwards leaves the schedule alone", () => {
    const spec = { kind: "multistep" as const, peak: 1, milestones: [2, 4] };
    const s = fromSpec(spec);
    spec.milestones.push(1);
    expect(toSpec(s)).toEqual({ kind: "multistep", peak: 1, milestones: [2, 4] });
    const t = toSpec(s) as unknown as { milestones: number[] };
    t.milestones[0] = 3;
    expect(toSpec(s)).toEqual({ kind: "multistep", peak: 1, milestones: [2, 4] });
  });

  it("a schedule made with schedule() directly has no spec, and toSpec says so", () => {
    const s = schedule({ value: () => 1, phase: "constant" });
    expect(() => toSpec(s)).toThrow(/a schedule built by the library's builders or by fromSpec/);
    expect(join([s, constant({ value: 1 })], [3]).spec).toBeUndefined();
  });

  const bad: [string, unknown, RegExp][] = [
    ["a nested option out of range", { warmup: { steps: 2 }, then: { join: [{ kind: "constant", value: 1 }, { kind: "cosine", peak: 1, totalSteps: 0 }], boundaries: [3] } }, /^then\.join\[1\]\.totalSteps = 0 is invalid: expected an integer ≥ 1/],
    ["a misspelt option", { warmup: { steps: 2 }, then: { join: [{ kind: "constant", value: 1 }, { kind: "cosine", peak: 1, totalStep: 5 }], boundaries: [3] } }, /^unknown option "then\.join\[1\]\.totalStep" for cosine: did you mean "totalSteps"\?/],
    ["an older option name", { kind: "cosine", max: 1, totalSteps: 5 }, /^unknown option "max" for cosine: did you mean "peak"\?/],
    ["an unknown kind", { scale: 2, of: { kind: "cosin", peak: 1, totalSteps: 5 } }, /^of\.kind = "cosin" is invalid: expected one of .*did you mean "cosine"/],
    ["a misspelt warmup option", { warmup: { step: 2 }, then: { kind: "constant", value: 1 } }, /^unknown option "warmup\.step" for warmup: did you mean "steps"\?/],
    ["a warmup option out of range", { warmup: { steps: 2, start: 5 }, then: { kind: "constant", value: 1 } }, /^warmup\.start = 5 is invalid: expected a number in \[0, 1\]/],
    ["bad join boundaries", { join: [{ kind: "constant", value: 1 }, { kind: "constant", value: 2 }], boundaries: [0] }, /^boundaries\[0\] = 0 is invalid: expected an integer ≥ 1/],
    ["a join that is not an array", { join: { kind: "constant", value: 1 }, boundaries: [] }, /^join = .* is invalid: expected an array of schedule specs/],
    ["a bad scale factor", { scale: -1, of: { kind: "constant", value: 1 } }, /^scale = -1 is invalid: expected a finite number > 0/],
    ["a rewind past the end", { rewind: 9, of: { kind: "linear", peak: 1, totalSteps: 5 } }, /^rewind = 9 is invalid: expected an integer in 0…4/],
    ["tokens per step", { fromTokens: 0.5, of: { kind: "constant", value: 1 } }, /^fromTokens = 0.5 is invalid/],
    ["a stray key beside a composition", { scale: 2, of: { kind: "constant", value: 1 }, off: 3 }, /^unknown option "off" for a "scale" spec: did you mean "of"\?/],
    ["neither a kind nor a composition", { knd: "cosine" }, /^unknown option "knd" for a schedule spec: did you mean "kind"\?/],
    ["not an object", [1, 2], /^spec = \[1, 2\] is invalid: expected an object/],
    ["a wrong value type", { kind: "one-cycle", peak: 1, totalSteps: 10, threePhase: "true" }, /^threePhase = "true" is invalid: expected true or false/],
  ];
  it.each(bad)("rejects %s, naming the path inside the spec", (_what, spec, message) => {
    expect(() => fromSpec(spec)).toThrow(message);
  });
});

describe("unknown option keys in code", () => {
  it("are errors naming the key and the closest valid one; older names still work but not beside the new one", () => {
    expect(() => cosine({ peak: 1, totalSteps: 5, total_steps: 3 } as never)).toThrow(UnknownKeyError);
    expect(() => cosine({ peak: 1, totalSteps: 5, total_steps: 3 } as never)).toThrow(/unknown option "total_steps" for cosine: did you mean "totalSteps"\?/);
    expect(() => warmupCosine({ peak: 1, totalSteps: 5, warmup: 2 } as never)).toThrow(/unknown option "warmup" for warmup-cosine: did you mean "warmupSteps"\?/);
    expect(() => warmup(constant({ value: 1 }), { step: 3 } as never)).toThrow(/unknown option "step" for warmup: did you mean "steps"\?/);
    expect(() => cosine({ max: 1, peak: 1, totalSteps: 5 } as never)).toThrow(/max = 1 is invalid: expected only one of max and peak/);
    // An error about an older name names it as the caller spelled it.
    expect(() => cosine({ max: 0.1, min: 0.2, totalSteps: 10 })).toThrow(/^min = 0.2 is invalid: expected a number ≤ max = 0.1/);
    expect(() => cosine({ peak: 0.1, end: 0.2, totalSteps: 10 })).toThrow(/^end = 0.2 is invalid: expected a number ≤ peak = 0.1/);
    expect(() => cosine(null as never)).toThrow(/cosine options = null is invalid: expected an object of options/);
    expect(() => new ReduceOnPlateau({ initial: 1, min_lr: 0.01 } as never)).toThrow(/unknown option "min_lr" for ReduceOnPlateau: did you mean "minLr"\?/);
    expect(() => effectiveBatch({ microBatch: 8, gradAccumulation: 4 } as never)).toThrow(/unknown option "gradAccumulation" for effectiveBatch/);
  });
});
