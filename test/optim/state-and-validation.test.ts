import { describe, expect, it } from "vitest";
import {
  adadelta,
  adafactor,
  adagrad,
  adam,
  adamw,
  lamb,
  lars,
  lion,
  muon,
  rmsprop,
  scheduleFreeAdamw,
  scheduleFreeSgd,
  sgd,
  shampoo,
  type Optimizer,
  type ParamGroup,
} from "../../src/optim/index";
import { rng } from "../../src/random";
import { cosine, oneCycle } from "../../src/schedules/index";
import { schedule } from "../../src/schedules/schedule";
import { ArgumentError } from "../../src/validate";

const groups: ParamGroup[] = [
  { shape: [6, 4], name: "w1" },
  { shape: [4], name: "b1", weightDecay: 0 },
  { shape: [3, 6], name: "w2", lrScale: 0.5 },
];
const D = 24 + 4 + 18;

/** A fixed but non-trivial gradient sequence: g_k(θ) = θ ⊙ a + noise_k. */
function gradAt(theta: Float64Array, k: number, out: Float64Array): void {
  const r = rng(1000 + k);
  for (let i = 0; i < theta.length; i++) out[i] = theta[i]! * (1 + (i % 5)) + 0.3 * r.normal();
}

const makers: Record<string, () => Optimizer> = {
  "sgd nesterov": () => sgd({ lr: oneCycle({ maxLr: 0.05, totalSteps: 40 }), momentum: 0.9, nesterov: true, weightDecay: 1e-3 }, groups),
  "adagrad": () => adagrad({ lr: 0.05, initialAccumulatorValue: 0.1 }, groups),
  "rmsprop centered": () => rmsprop({ lr: 1e-3, centered: true, momentum: 0.5 }, groups),
  "adam amsgrad": () => adam({ lr: cosine({ max: 1e-2, totalSteps: 40 }), amsgrad: true }, groups),
  "adamw one-cycle": () => adamw({ lr: oneCycle({ maxLr: 1e-2, totalSteps: 40 }) }, groups),
  "adafactor": () => adafactor({ beta1: 0.9, weightDecay: 0.01 }, groups),
  "lars": () => lars({ lr: 0.5, weightDecay: 1e-4 }, groups),
  "lamb": () => lamb({ lr: 1e-2, weightDecay: 0.01 }, groups),
  "shampoo": () => shampoo({ lr: 1e-2 }, groups),
  "muon": () => muon({ lr: 0.02, weightDecay: 0.01 }, groups),
  "lion": () => lion({ lr: cosine({ max: 1e-3, totalSteps: 40 }), weightDecay: 0.1 }, groups),
  "adadelta": () => adadelta({ lr: 1, weightDecay: 1e-3 }, groups),
  "schedule-free sgd": () => scheduleFreeSgd({ lr: 0.02 }, groups),
  "schedule-free adamw": () => scheduleFreeAdamw({ lr: 1e-2, weightDecay: 0.01 }, groups),
};

function run(opt: Optimizer, theta: Float64Array, from: number, to: number): void {
  const g = new Float64Array(D);
  for (let k = from; k < to; k++) {
    gradAt(theta, k, g);
    opt.step(theta, g);
  }
}

describe("save and restore", () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: a run resumed from a JSON round trip of state() is bit-identical`, () => {
      const init = Float64Array.from({ length: D }, (_, i) => Math.sin(i + 1));
      const straight = Float64Array.from(init);
      run(make(), straight, 0, 40);

      const first = make();
      const half = Float64Array.from(init);
      run(first, half, 0, 17);
      const saved = JSON.parse(JSON.stringify({ state: first.state(), params: Array.from(half) }));
      const second = make();
      second.load(saved.state);
      const resumed = Float64Array.from(saved.params as number[]);
      run(second, resumed, 17, 40);
      expect(second.stepCount).toBe(40);
      expect(Array.from(resumed)).toEqual(Array.from(straight));
      // The trajectories really moved (the test would be vacuous otherwise).
      expect(Array.from(straight)).not.toEqual(Array.from(init));
    });
  }

  it("state() is plain data: numbers and arrays of numbers", () => {
    const opt = adam({}, groups);
    run(opt, new Float64Array(D).fill(1), 0, 2);
    const s = opt.state();
    expect(s.optimizer).toBe("adam");
    expect(s.shapes).toEqual([[6, 4], [4], [3, 6]]);
    expect(Object.keys(s.slots).sort()).toEqual(["m", "v"]);
    expect(s.slots.m!.map((a) => a.length)).toEqual([24, 4, 18]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("parameters as one array per group give the same result as the flat vector", () => {
    const flat = Float64Array.from({ length: D }, (_, i) => Math.cos(i));
    const parts = [flat.slice(0, 24), flat.slice(24, 28), flat.slice(28)];
    const g = Float64Array.from({ length: D }, (_, i) => Math.sin(3 * i));
    const a = adamw({ lr: 0.01 }, groups);
    const b = adamw({ lr: 0.01 }, groups);
    a.step(flat, g);
    b.step(parts, [g.slice(0, 24), g.slice(24, 28), g.slice(28)]);
    expect([...parts[0]!, ...parts[1]!, ...parts[2]!]).toEqual(Array.from(flat));
  });
});

describe("validation", () => {
  const bad: [string, () => unknown, RegExp][] = [
    ["negative lr", () => sgd({ lr: -1 }), /lr = -1 is invalid/],
    ["NaN lr", () => adam({ lr: NaN }), /lr = NaN/],
    ["momentum ≥ 1", () => sgd({ momentum: 1 }), /momentum = 1 is invalid: expected a number in \[0, 1\)/],
    ["dampening > 1", () => sgd({ momentum: 0.9, dampening: 1.5 }), /dampening = 1.5/],
    ["Nesterov without momentum", () => sgd({ nesterov: true }), /nesterov = true is invalid: expected momentum > 0 and dampening = 0/],
    ["Nesterov with dampening", () => sgd({ nesterov: true, momentum: 0.9, dampening: 0.1 }), /nesterov/],
    ["negative weight decay", () => adamw({ weightDecay: -0.1 }), /weightDecay = -0.1/],
    ["β₂ = 1", () => adam({ betas: [0.9, 1] }), /betas\[1\] = 1 is invalid/],
    ["betas not a pair", () => adam({ betas: [0.9] as unknown as [number, number] }), /betas = \[0.9\] is invalid: expected a pair/],
    ["negative eps", () => adam({ eps: -1e-8 }), /eps = -1e-8/],
    ["rmsprop alpha", () => rmsprop({ alpha: 1.2 }), /alpha = 1.2/],
    ["adagrad accumulator", () => adagrad({ initialAccumulatorValue: -1 }), /initialAccumulatorValue = -1/],
    ["adafactor decay rate ≥ 0", () => adafactor({ decayRate: 0.5 }), /decayRate = 0.5 is invalid: expected a number < 0/],
    ["adafactor clip threshold 0", () => adafactor({ clipThreshold: 0 }), /clipThreshold = 0/],
    ["lars trust coefficient", () => lars({ trustCoefficient: -1 }), /trustCoefficient = -1/],
    ["muon ns steps", () => muon({ nsSteps: 2.5 }), /nsSteps = 2.5/],
    ["muon scale", () => muon({ scale: "keller" as "jordan" }), /scale = "keller" is invalid: expected one of "jordan", "moonshot"/],
    ["adafactor beta1 = 1", () => adafactor({ beta1: 1 }), /beta1 = 1/],
    ["adafactor negative eps1", () => adafactor({ eps1: -1 }), /eps1 = -1/],
    ["lamb betas", () => lamb({ betas: [-0.1, 0.999] }), /betas\[0\] = -0.1/],
    ["lars momentum", () => lars({ momentum: 2 }), /momentum = 2/],
    ["muon momentum", () => muon({ momentum: -0.5 }), /momentum = -0.5/],
    ["shampoo eps 0", () => shampoo({ eps: 0 }), /eps = 0 is invalid: expected a finite number > 0/],
    ["shampoo shape too large", () => shampoo({}, [{ shape: [300, 10] }]), /sides ≤ 256/],
    ["shampoo rank 3", () => shampoo({}, [{ shape: [2, 2, 2] }]), /a vector or a matrix/],
    ["group shape", () => adam({}, [{ shape: [3, 0] }]), /groups\[0\]\.shape\[1\] = 0/],
    ["group lrScale", () => adam({}, [{ shape: [3], lrScale: -2 }]), /groups\[0\]\.lrScale = -2/],
    ["overlapping groups", () => adam({}, [{ shape: [3], offset: 0 }, { shape: [2], offset: 2 }]), /overlapping/],
  ];
  for (const [what, fn, msg] of bad) {
    it(`rejects ${what} at construction`, () => {
      expect(fn).toThrow(ArgumentError);
      expect(fn).toThrow(msg);
    });
  }

  it("rejects parameters that do not match the groups", () => {
    const opt = adam({}, [{ shape: [2, 2] }]);
    expect(() => opt.step(new Float64Array(5), new Float64Array(5))).toThrow(/params.length = 5 is invalid: expected 4/);
    expect(() => opt.step(new Float64Array(4), new Float64Array(3))).toThrow(/grads.length = 3/);
    expect(() => opt.step([new Float64Array(3)], [new Float64Array(3)])).toThrow(/params\[0\] \(group "group 0"\) = "Float64Array\(3\)" is invalid: expected a Float64Array of length 4/);
    expect(() => opt.step(new Float64Array(4), [new Float64Array(4)])).toThrow(/grads = "array of 1" is invalid: expected the same form as params/);
  });

  it("single-pass optimizers report the first non-finite gradient entry after the step, which has been applied", () => {
    for (const make of [() => adam({}, [{ shape: [3], name: "bias" }]), () => sgd({ momentum: 0.9 }, [{ shape: [3], name: "bias" }]), () => rmsprop({}, [{ shape: [3], name: "bias" }]), () => adagrad({}, [{ shape: [3], name: "bias" }])]) {
      for (const badValue of [NaN, Infinity, -Infinity]) {
        const opt = make();
        const x = new Float64Array([1, 2, 3]);
        opt.step(x, new Float64Array([1, 1, 1]));
        expect(() => opt.step(x, new Float64Array([0, 0, badValue, badValue]).subarray(1))).toThrow(
          new RegExp(`^grads\\[1\\] \\(group "bias", element 1\\) = ${badValue} is invalid: expected a finite gradient; this step has been applied`),
        );
        // Applied: the count advanced, the finite entries moved, the bad entry is no longer finite.
        expect(opt.stepCount).toBe(2);
        expect(Number.isFinite(x[0]!)).toBe(true);
        expect(x[0]).not.toBe(1);
        expect(Number.isFinite(x[1]!)).toBe(false);
      }
    }
  });

  it("multi-pass optimizers reject a non-finite gradient before touching parameters or state, naming its index", () => {
    const opt = lamb({}, [{ shape: [2], name: "w" }, { shape: [3], name: "bias" }]);
    const x = new Float64Array([1, 2, 3, 4, 5]);
    opt.step(x, new Float64Array([1, 1, 1, 1, 1]));
    const before = JSON.stringify(opt.state());
    const xb = Array.from(x);
    for (const badValue of [NaN, Infinity, -Infinity]) {
      expect(() => opt.step(x, new Float64Array([0, 0, 0, 0, badValue]))).toThrow(new RegExp(`^grads\\[4\\] \\(group "bias", element 2\\) = ${badValue} is invalid: expected a finite gradient \\(nothing was updated\\)`));
    }
    expect(() => opt.step([new Float64Array(2), new Float64Array(3)], [new Float64Array(2), new Float64Array([0, NaN, 0])])).toThrow(/^grads \(group "bias"\)\[1\] = NaN/);
    expect(Array.from(x)).toEqual(xb);
    expect(JSON.stringify(opt.state())).toBe(before);
  });

  it("rejects a schedule that returns an invalid LR or momentum", () => {
    const s = schedule({ value: (k) => (k < 1 ? 0.1 : NaN), phase: "constant" });
    const opt = sgd({ lr: s });
    const x = new Float64Array(1);
    opt.step(x, new Float64Array(1));
    expect(() => opt.step(x, new Float64Array(1))).toThrow(/lr\(1\) = NaN/);
    const m = schedule({ value: () => 0.1, momentum: () => 1.5, phase: "constant" });
    expect(() => adam({ lr: m }).step(x, new Float64Array(1))).toThrow(/lr\.momentum\(0\) = 1.5/);
  });

  it("load refuses another optimizer's state, other shapes and short slots, and changes nothing", () => {
    const a = adam({}, [{ shape: [2] }]);
    a.step(new Float64Array(2), new Float64Array([1, 2]));
    const s = a.state();
    expect(() => adamw({}, [{ shape: [2] }]).load(s)).toThrow(/state.optimizer = "adam" is invalid: expected "adamw"/);
    expect(() => adam({}, [{ shape: [3] }]).load(s)).toThrow(/state.shapes = "2" is invalid: expected the optimizer's group shapes \(3\)/);
    const b = adam({}, [{ shape: [2] }]);
    const broken = { ...s, slots: { m: s.slots.m!, v: [[1]] } };
    expect(() => b.load(broken)).toThrow(/state.slots.v\[0\] = "array of length 1" is invalid: expected 2 finite numbers/);
    expect(b.stepCount).toBe(0);
    expect(b.state().slots.m).toEqual([[0, 0]]);
  });
});
