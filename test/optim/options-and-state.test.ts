// Strict options (unknown keys, flag types), plain number[] parameters, and the options saved
// with the state that `load` compares.
import { describe, expect, it } from "vitest";
import { adafactor, adagrad, adam, adamw, lamb, lars, muon, rmsprop, sgd, shampoo, type Optimizer, type ParamGroup } from "../../src/optim/index";
import { UnknownKeyError } from "../../src/validate";

const makers: Record<string, (o: object, groups?: ParamGroup[]) => Optimizer> = { sgd, adagrad, rmsprop, adam, adamw, adafactor, lars, lamb, shampoo, muon };

describe("unknown option keys", () => {
  it("adam({ weight_decay }) is an error that names the key and the right one", () => {
    expect(() => adam({ weight_decay: 0.1 } as never)).toThrow(UnknownKeyError);
    expect(() => adam({ weight_decay: 0.1 } as never)).toThrow(/^unknown option "weight_decay" for adam: did you mean "weightDecay"\? \(valid: lr, betas, eps, weightDecay, amsgrad, biasCorrection\)/);
    expect(() => adamw({ lr: 1e-3, beta: [0.9, 0.99] } as never)).toThrow(/unknown option "beta" for adamw: did you mean "betas"\?/);
    expect(() => sgd({ momentun: 0.9 } as never)).toThrow(/unknown option "momentun" for sgd: did you mean "momentum"\?/);
    expect(() => rmsprop({ centred: true } as never)).toThrow(/unknown option "centred" for rmsprop: did you mean "centered"\?/);
    expect(() => adagrad({ initial_accumulator_value: 0.1 } as never)).toThrow(/did you mean "initialAccumulatorValue"\?/);
    expect(() => lamb({ trust_clip: [0, 1] } as never)).toThrow(/did you mean "trustClip"\?/);
  });

  it("every optimizer rejects a key it does not take, and a parameter group's unknown key", () => {
    for (const [name, make] of Object.entries(makers)) {
      expect(() => make({ nonsense: 1 }), name).toThrow(new RegExp(`^unknown option "nonsense" for ${name}`));
      expect(() => make({}, [{ shape: [2, 2], weight_decay: 0 } as ParamGroup]), name).toThrow(/^unknown option "weight_decay" for groups\[0\]: did you mean "weightDecay"\?/);
    }
  });

  it("flags must be booleans, not truthy values", () => {
    expect(() => adam({ amsgrad: "false" } as never)).toThrow(/amsgrad = "false" is invalid: expected true or false/);
    expect(() => rmsprop({ centered: 1 } as never)).toThrow(/centered = 1 is invalid: expected true or false/);
    expect(() => sgd({ momentum: 0.9, nesterov: "yes" } as never)).toThrow(/nesterov = "yes" is invalid/);
  });
});

describe("plain number[] parameters", () => {
  it("say exactly what to pass: a Float64Array kept across steps (the update is in place)", () => {
    const opt = sgd({ lr: 0.1 });
    expect(() => opt.step([1, 2, 3] as never, new Float64Array(3))).toThrow(
      /^params = "number\[\] of length 3" is invalid: expected a Float64Array, updated in place: convert once with Float64Array\.from\(yourArray\), keep that array/,
    );
    expect(() => opt.step(new Float64Array(3), [1, 2, 3] as never)).toThrow(/^grads = "number\[\] of length 3" is invalid: expected a Float64Array the length of params/);
    const grouped = adam({}, [{ shape: [2] }]);
    expect(() => grouped.step([[1, 2]] as never, [[1, 2]] as never)).toThrow(/params\[0\] \(group "group 0"\) = "number\[\] of length 2" is invalid: expected a Float64Array of length 2 .*Float64Array\.from converts a number\[\]/);
    // The conversion the message names works, and the converted array is the one updated.
    const theta = Float64Array.from([1, 2, 3]);
    opt.step(theta, Float64Array.from([1, 1, 1]));
    expect(Array.from(theta)).toEqual([0.9, 1.9, 2.9]);
  });
});

describe("the state records the options that shape it", () => {
  it("state().options holds every option but lr, with the documented defaults filled in", () => {
    expect(adam({ betas: [0.8, 0.99], eps: 1e-6 }).state().options).toEqual({ betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0, amsgrad: false, biasCorrection: true });
    expect(adamw().state().options).toEqual({ betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, biasCorrection: true });
    expect(rmsprop({ centered: true }).state().options).toEqual({ alpha: 0.99, eps: 1e-8, momentum: 0, centered: true, weightDecay: 0 });
    expect(sgd({ momentum: 0.9, nesterov: true }).state().options).toEqual({ momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0 });
  });

  const saved = (make: () => Optimizer) => {
    const o = make();
    o.step(new Float64Array([1, -2]), new Float64Array([0.5, 0.25]));
    return JSON.parse(JSON.stringify(o.state()));
  };
  const mismatches: [string, () => Optimizer, () => Optimizer, RegExp][] = [
    ["a centered RMSProp state into a non-centered one", () => rmsprop({ centered: true }), () => rmsprop(), /^state\.options\.centered = true is invalid: expected false, as this rmsprop was built with centered = false/],
    ["other betas", () => adam({ betas: [0.8, 0.99] }), () => adam(), /^state\.options\.betas = \[0.8, 0.99\] is invalid: expected \[0.9,0.999\]/],
    ["AMSGrad into plain Adam", () => adam({ amsgrad: true }), () => adam(), /^state\.options\.amsgrad = true/],
    ["another eps", () => adagrad({ eps: 1e-6 }), () => adagrad(), /^state\.options\.eps = 0.000001 is invalid: expected 1e-10/],
    ["heavy ball into Nesterov", () => sgd({ momentum: 0.9 }), () => sgd({ momentum: 0.9, nesterov: true }), /^state\.options\.nesterov = false/],
    ["relative-step Adafactor into one with an lr", () => adafactor(), () => adafactor({ lr: 1e-3 }), /^state\.options\.relativeStep = true/],
    ["another trust clip", () => lamb({ trustClip: [0, 1] }), () => lamb(), /^state\.options\.trustClip = \[0, 1\]/],
    ["another Muon scale rule", () => muon({ scale: "moonshot" }), () => muon(), /^state\.options\.scale = "moonshot"/],
  ];
  it.each(mismatches)("load refuses %s, naming the difference, and changes nothing", (_what, from, into, message) => {
    const state = saved(from);
    const target = into();
    expect(() => target.load(state)).toThrow(message);
    expect(target.stepCount).toBe(0);
    expect(target.tensors).toBeNull();
  });

  it("load refuses a state without options, and accepts one saved by an identically built optimizer", () => {
    const state = saved(() => rmsprop({ centered: true, momentum: 0.5 }));
    const { options: _, ...old } = state;
    expect(() => rmsprop({ centered: true, momentum: 0.5 }).load(old)).toThrow(/^state\.options = undefined is invalid: expected the options the state was saved with/);
    const same = rmsprop({ centered: true, momentum: 0.5 });
    same.load(state);
    expect(same.stepCount).toBe(1);
    expect(same.state()).toEqual(state);
  });
});
