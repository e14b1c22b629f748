// Every invalid argument fails at construction with its name, its value and the valid range;
// and the batch-size rules against their definitions.
import { describe, expect, it } from "vitest";
import { rng } from "../../src/random";
import {
  constant,
  cosine,
  cosineRestarts,
  cyclic,
  effectiveBatch,
  exponential,
  gradientNoiseScale,
  inverseSqrt,
  join,
  linearScaledLr,
  multistep,
  oneCycle,
  polynomial,
  ReduceOnPlateau,
  rewind,
  sample,
  sqrtScaledLr,
  stepDecay,
  warmup,
  warmupCosine,
  wsd,
} from "../../src/schedules/index";

const bad: [string, () => unknown, RegExp][] = [
  ["non-finite value", () => constant({ value: NaN }), /value = NaN .*finite/],
  ["zero step size", () => stepDecay({ initial: 0.1, stepSize: 0 }), /stepSize = 0 .*integer ≥ 1/],
  ["non-integer step size", () => stepDecay({ initial: 0.1, stepSize: 2.5 }), /stepSize = 2.5/],
  ["γ > 1", () => stepDecay({ initial: 0.1, stepSize: 10, gamma: 1.5 }), /gamma = 1.5 .*\(0, 1\]/],
  ["unsorted milestones", () => multistep({ initial: 1, milestones: [50, 20] }), /milestones\[1\] = 20 .*≥ 51/],
  ["both rate and gamma", () => exponential({ initial: 1, rate: 0.1, gamma: 0.9 }), /rate\/gamma/],
  ["negative initial", () => polynomial({ initial: -1, totalSteps: 10 }), /initial = -1/],
  ["end above initial", () => polynomial({ initial: 1, end: 2, totalSteps: 10 }), /end = 2 .*\[0, 1\]/],
  ["infinite total", () => cosine({ max: 1, totalSteps: Infinity }), /totalSteps = Infinity/],
  ["η_min > η_max", () => cosine({ max: 0.1, min: 0.2, totalSteps: 10 }), /min = 0.2 .*≤ max = 0.1/],
  ["fractional T_mult", () => cosineRestarts({ max: 1, T0: 10, Tmult: 1.5 }), /Tmult = 1.5/],
  ["peak decay above 1", () => cosineRestarts({ max: 1, T0: 10, peakDecay: 2 }), /peakDecay = 2/],
  ["unknown cyclic mode", () => cyclic({ base: 0.1, max: 1, stepSizeUp: 5, mode: "sine" as never }), /mode = "sine" .*"triangular"/],
  ["base above max", () => cyclic({ base: 2, max: 1, stepSizeUp: 5 }), /base = 2 .*≤ max = 1/],
  ["pctStart of 1", () => oneCycle({ maxLr: 1, totalSteps: 100, pctStart: 1 }), /pctStart = 1 .*\(0, 1\)/],
  ["three-phase pctStart ≥ ½", () => oneCycle({ maxLr: 1, totalSteps: 100, pctStart: 0.6, threePhase: true }), /pctStart = 0.6 .*\(0, 0.5\)/],
  ["peak before step 1", () => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.05 }), /pctStart = 0.05 .*≥ 1/],
  ["warmup longer than the run", () => warmupCosine({ peak: 1, warmupSteps: 100, totalSteps: 100 }), /warmupSteps = 100 .*1…99/],
  ["warmup ratio of 1", () => warmupCosine({ peak: 1, warmupRatio: 1, totalSteps: 100 }), /warmupRatio = 1 .*\[0, 1\)/],
  ["warmup without a length", () => warmup(constant({ value: 1 }), {}), /steps\/ratio/],
  ["warmup start above peak", () => warmup(constant({ value: 1 }), { steps: 5, start: 2 }), /start = 2 .*\[0, 1\]/],
  ["negative stable length", () => wsd({ peak: 1, warmupSteps: 1, stableSteps: -5, decaySteps: 10 }), /stableSteps = -5/],
  ["unknown cooldown shape", () => wsd({ peak: 1, warmupSteps: 1, stableSteps: 5, decaySteps: 10, shape: "sqrt" as never }), /shape = "sqrt" .*"1-sqrt"/],
  ["zero timescale", () => inverseSqrt({ initial: 1, timescale: 0 }), /timescale = 0 .*> 0/],
  ["join without enough boundaries", () => join([constant({ value: 1 }), constant({ value: 2 })], []), /boundaries .*1 step/],
  ["rewind past the end", () => rewind(cosine({ max: 1, totalSteps: 10 }), 10), /rewindStep = 10 .*0…9/],
  ["plateau factor of 1", () => new ReduceOnPlateau({ initial: 1, factor: 1 }), /factor = 1 .*\(0, 1\)/],
  ["negative step", () => cosine({ max: 1, totalSteps: 10 })(-1), /step = -1 .*integer ≥ 0/],
  ["fractional step", () => cosine({ max: 1, totalSteps: 10 })(2.5), /step = 2.5/],
  ["sampling backwards", () => sample(constant({ value: 1 }), 10, 5), /to = 5 .*≥ from = 10/],
  ["batch of zero", () => linearScaledLr(0.1, 256, 0), /newBatch = 0/],
  ["one gradient sample", () => gradientNoiseScale([[1, 2]]), /samples.length = 1 .*at least 2/],
];

describe("invalid arguments are named, with their value and the valid range", () => {
  it.each(bad)("%s", (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe("batch size and the learning rate", () => {
  it("linear and square-root scaling rules", () => {
    expect(linearScaledLr(3e-4, 256, 1024)).toBeCloseTo(1.2e-3, 15);
    expect(sqrtScaledLr(3e-4, 256, 1024)).toBeCloseTo(6e-4, 15);
  });
  it("effective batch = micro-batch × accumulation steps × workers", () => {
    expect(effectiveBatch({ microBatch: 8, accumulationSteps: 4, workers: 16 })).toBe(512);
    expect(effectiveBatch({ microBatch: 32 })).toBe(32);
  });
  it("noise scale of two symmetric samples G ± a: tr Σ = 2a², |G|² = G² − a²", () => {
    const n = gradientNoiseScale([[4], [2]]);
    expect([n.traceCov, n.gradNormSq, n.bSimple]).toEqual([2, 8, 0.25]);
  });
  it("recovers B = tr(Σ)/|G|² from seeded Gaussian per-example gradients", () => {
    const r = rng(7);
    const G = [1, -2, 0.5];
    const sigma = [3, 1, 2];
    const samples = Array.from({ length: 40_000 }, () => G.map((g, j) => g + sigma[j]! * r.normal()));
    const truth = (9 + 1 + 4) / (1 + 4 + 0.25);
    expect(Math.abs(gradientNoiseScale(samples).bSimple / truth - 1)).toBeLessThan(0.03);
  });
});
