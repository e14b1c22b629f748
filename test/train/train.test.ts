import { describe, expect, it } from "vitest";
import { blobs } from "../../src/data/index";
import { diagonalQuadratic, logisticRegression, mlp, type Objective } from "../../src/objectives/index";
import * as O from "../../src/optim/index";
import { adam, adamw, lamb, sgd } from "../../src/optim/index";
import { cosine } from "../../src/schedules/index";
import { train } from "../../src/train/index";

/** f(x) = ½ Σ λᵢ xᵢ² written inline, independent of src/objectives. */
function quad(lambda: number[], start: number[]): Objective {
  const d = lambda.length;
  return {
    name: "inline quadratic",
    dim: d,
    loss: (x) => lambda.reduce((s, l, i) => s + 0.5 * l * x[i]! * x[i]!, 0),
    grad(x, out) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        out[i] = lambda[i]! * x[i]!;
        s += 0.5 * lambda[i]! * x[i]! * x[i]!;
      }
      return s;
    },
    init: () => Float64Array.from(start),
  };
}

describe("train", () => {
  it("records loss, LR, gradient and update norms of GD on a quadratic in closed form", () => {
    const lambda = [1, 3];
    const x0 = [2, -1];
    const eta = 0.1;
    const r = train({ objective: quad(lambda, x0), optimizer: sgd({ lr: eta }), steps: 30, seed: 0 });
    expect(r.steps).toBe(30);
    expect(r.stopped).toBeNull();
    for (let k = 0; k < 30; k++) {
      const x = x0.map((v, i) => v * Math.pow(1 - eta * lambda[i]!, k));
      const g = x.map((v, i) => lambda[i]! * v);
      expect(r.loss[k]).toBeCloseTo(0.5 * (x[0]! ** 2 + 3 * x[1]! ** 2), 12);
      expect(r.gradNorm[k]).toBeCloseTo(Math.hypot(...g), 12);
      expect(r.updateNorm[k]).toBeCloseTo(eta * Math.hypot(...g), 12);
      expect(r.relativeUpdate[k]).toBeCloseTo((eta * Math.hypot(...g)) / Math.hypot(...x), 12);
      expect(r.lr[k]).toBe(eta);
    }
    expect(r.momentum[0]).toBe(0);
    expect(Array.from(r.effectiveLrMedian).every(Number.isNaN)).toBe(true); // SGD is not adaptive
    expect(r.params[0]).toBeCloseTo(2 * 0.9 ** 30, 12);
  });

  it("records the scheduled LR of each update", () => {
    const s = cosine({ max: 0.1, totalSteps: 10 });
    const r = train({ objective: quad([1], [1]), optimizer: sgd({ lr: s }), steps: 10, seed: 0 });
    // Cosine: η_k = 0.05 (1 + cos(πk/10)).
    for (let k = 0; k < 10; k++) expect(r.lr[k]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * k) / 10)), 14);
  });

  it("stops on divergence above η = 2/λ_max and says so", () => {
    // λ_max = 4, η = 0.55 > 0.5: the x₂ mode grows by |1 − 2.2| = 1.2 per step, the loss by 1.44.
    const r = train({ objective: quad([1, 4], [1, 1]), optimizer: sgd({ lr: 0.55 }), steps: 500, seed: 0, divergenceFactor: 100 });
    expect(r.stopped?.reason).toBe("divergence");
    // loss_k = ½(0.45²ᵏ + 4·1.44ᵏ) and loss₀ = 2.5: at k = 13 it is ≈ 229 ≤ 250, at k = 14 ≈ 330 > 250.
    const k = r.stopped!.step;
    expect(k).toBe(14);
    expect(r.steps).toBe(k + 1);
    expect(r.loss[k]!).toBeGreaterThan(100 * r.loss[0]!);
    expect(r.loss[k - 1]!).toBeLessThanOrEqual(100 * r.loss[0]!);
    expect(r.divergence[k]).toBe(1);
    expect(r.stopped!.message).toMatch(/stopped at step \d+: loss .* exceeds 100 × the initial loss .* \(diverging\)/);
    // Below the bound the same run converges.
    const ok = train({ objective: quad([1, 4], [1, 1]), optimizer: sgd({ lr: 0.45 }), steps: 500, seed: 0 });
    expect(ok.stopped).toBeNull();
    expect(ok.loss[499]!).toBeLessThan(1e-12);
  });

  it("stops on a NaN loss and flags it", () => {
    const f = quad([1], [1]);
    let calls = 0;
    const broken: Objective = { ...f, grad: (x, out) => (++calls === 7 ? NaN : f.grad(x, out)) };
    const r = train({ objective: broken, optimizer: sgd({ lr: 0.1 }), steps: 20, seed: 0 });
    expect(r.stopped?.reason).toBe("nan");
    expect(r.stopped?.step).toBe(6);
    expect(r.nan[6]).toBe(1);
    expect(Array.from(r.nan.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.stopped?.message).toMatch(/stopped at step 6: the loss is not finite/);
  });

  it("flags a loss spike above spikeFactor × the running median without stopping", () => {
    // Loss 1 on every step except step 12, where it is 3 (> 2 × median 1).
    let k = 0;
    const f: Objective = {
      name: "spiky",
      dim: 1,
      loss: () => 1,
      grad: (_x, out) => {
        out[0] = 0;
        return k++ === 12 ? 3 : 1;
      },
      init: () => new Float64Array(1),
    };
    const r = train({ objective: f, optimizer: sgd({ lr: 0.1 }), steps: 20, seed: 0 });
    expect(r.stopped).toBeNull();
    expect(Array.from(r.spike).map((s, i) => (s ? i : -1)).filter((i) => i >= 0)).toEqual([12]);
  });

  it("records Adam's effective-LR spread η/(√v̂ + ε) after the first step", () => {
    // After one step v̂ = g² = (λᵢxᵢ)²: gradients (1·2, 3·1, 10·0.5) = (2, 3, 5).
    const r = train({ objective: quad([1, 3, 10], [2, 1, 0.5]), optimizer: adam({ lr: 0.1, eps: 0 }), steps: 1, seed: 0 });
    expect(r.effectiveLrMin[0]).toBeCloseTo(0.1 / 5, 14);
    expect(r.effectiveLrMedian[0]).toBeCloseTo(0.1 / 3, 14);
    expect(r.effectiveLrMax[0]).toBeCloseTo(0.1 / 2, 14);
    expect(r.momentum[0]).toBe(0.9);
    expect(r.trustRatio.columns).toEqual([]); // Adam applies no trust ratio
    const off = train({ objective: quad([1, 3, 10], [2, 1, 0.5]), optimizer: adam({ lr: 0.1 }), steps: 1, seed: 0, recordEffectiveLr: false });
    expect(Number.isNaN(off.effectiveLrMedian[0]!)).toBe(true);
  });

  it("records per-layer trust ratios for LAMB", () => {
    const f = quad([1, 1, 1, 1], [3, 4, 0.3, 0.4]);
    const opt = lamb({ lr: 1e-3, eps: 0 }, [{ shape: [2], name: "a" }, { shape: [2], name: "b" }]);
    const r = train({ objective: f, optimizer: opt, steps: 1, seed: 0 });
    // First step u = sign(g) = (1, 1) in each layer, ‖u‖ = √2.
    expect(r.trustRatio.names).toEqual(["a", "b"]);
    expect(r.trustRatio.columns[0]![0]).toBeCloseTo(5 / Math.SQRT2, 12);
    expect(r.trustRatio.columns[1]![0]).toBeCloseTo(0.5 / Math.SQRT2, 12);
  });

  it("clips the gradient to clipGradNorm but records the norm before clipping", () => {
    const r = train({ objective: quad([1], [10]), optimizer: sgd({ lr: 0.1 }), steps: 1, seed: 0, clipGradNorm: 1 });
    expect(r.gradNorm[0]).toBe(10);
    expect(r.params[0]).toBeCloseTo(10 - 0.1, 14);
  });

  it("resumes a minibatch run bit for bit from saved parameters and optimizer state", () => {
    const data = blobs({ n: 60, classes: 2, seed: 4 });
    const f = logisticRegression(data);
    const batches = (step: number) => [(7 * step) % 60, (7 * step + 1) % 60, (7 * step + 2) % 60];
    const make = () => adamw({ lr: cosine({ max: 0.05, totalSteps: 40 }) }, f.layers);
    const whole = train({ objective: f, optimizer: make(), steps: 40, seed: 3, batches });
    const opt = make();
    const a = train({ objective: f, optimizer: opt, steps: 15, seed: 3, batches });
    const saved = JSON.parse(JSON.stringify({ state: opt.state(), params: Array.from(a.params) }));
    const opt2 = make();
    opt2.load(saved.state);
    const b = train({ objective: f, optimizer: opt2, steps: 25, seed: 3, batches, params: Float64Array.from(saved.params) });
    expect(Array.from(b.params)).toEqual(Array.from(whole.params));
    expect(Array.from(b.loss)).toEqual(Array.from(whole.loss.subarray(15)));
    expect(whole.loss[39]!).toBeLessThan(whole.loss[0]!);
  });

  it("converges on a library quadratic at GD's theoretical rate", () => {
    const f = diagonalQuadratic([0.5, 2]);
    const r = train({ objective: f, optimizer: sgd({ lr: 0.4 }), steps: 50, seed: 1 });
    // Loss ratio per step → max(1 − ηλ)² = max(0.8, 0.2)² = 0.64.
    expect(r.loss[49]! / r.loss[48]!).toBeCloseTo(0.64, 8);
  });

  it("records the parameter path with recordParams: θ_k = (1 − ηλᵢ)ᵏ θ₀ for GD on a quadratic", () => {
    const lambda = [1, 10];
    const x0 = [2, 1.5];
    const eta = 0.15;
    const f = quad(lambda, x0);
    const r = train({ objective: f, optimizer: sgd({ lr: eta }), steps: 25, seed: 0, recordParams: true });
    expect(r.iterates).toHaveLength(26);
    r.iterates.forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(x0[i]! * (1 - eta * lambda[i]!) ** k, 13)));
    // Row k's loss was evaluated at iterates[k]; the last iterate is the final parameters.
    for (let k = 0; k < 25; k++) expect(r.loss[k]).toBe(f.loss(r.iterates[k]!));
    expect(r.iterates[25]).toEqual(r.params);
    expect(r.iterates[3]).not.toBe(r.iterates[4]); // copies, not one shared array
    expect(train({ objective: f, optimizer: sgd({ lr: eta }), steps: 5, seed: 0 }).iterates).toEqual([]);
  });

  it("records one iterate per update taken when the run stops early", () => {
    // λ = 4, η = 0.75: x ← (1 − 3)x = −2x, loss × 4 per step; factor 100 is exceeded at row 4 (4⁴ = 256).
    const r = train({ objective: quad([4], [1]), optimizer: sgd({ lr: 0.75 }), steps: 50, seed: 0, divergenceFactor: 100, recordParams: true });
    expect(r.stopped?.step).toBe(4);
    expect(r.iterates.map((p) => p[0])).toEqual([1, -2, 4, -8, 16]);
    expect(r.iterates[4]).toEqual(r.params);
  });

  it("validates its options", () => {
    const f = quad([1], [1]);
    expect(() => train({ objective: f, optimizer: sgd(), steps: -1, seed: 0 })).toThrow(/steps = -1/);
    expect(() => train({ objective: f, optimizer: sgd(), steps: 1, seed: 1.5 })).toThrow(/seed = 1.5/);
    expect(() => train({ objective: f, optimizer: sgd(), steps: 1, seed: 0, params: new Float64Array(2) })).toThrow(/params.length = 2 is invalid: expected objective.dim = 1/);
    expect(() => train({ objective: f, optimizer: sgd(), steps: 1, seed: 0, spikeFactor: 0 })).toThrow(/spikeFactor = 0/);
    expect(() => train({ objective: f, optimizer: sgd(), steps: 1, seed: 0, clipGradNorm: -1 })).toThrow(/clipGradNorm = -1/);
  });
});

describe("every optimizer trains a small MLP through the loop", () => {
  it("cuts the cross-entropy of a 2-16-3 MLP on three blobs by 10× within 200 steps", () => {
    const f = mlp(blobs({ n: 120, classes: 3, seed: 1 }), { hidden: [16] });
    const makers = [
      () => O.sgd({ lr: 0.1, momentum: 0.9 }, f.layers),
      () => O.adagrad({ lr: 0.1 }, f.layers),
      () => O.rmsprop({ lr: 0.01 }, f.layers),
      () => O.adam({ lr: 0.01 }, f.layers),
      () => O.adamw({ lr: 0.01 }, f.layers),
      () => O.adafactor({}, f.layers),
      () => O.lars({ lr: 5 }, f.layers),
      () => O.lamb({ lr: 0.01 }, f.layers),
      () => O.shampoo({ lr: 0.1 }, f.layers),
      () => O.muon({ lr: 0.02 }, f.layers),
    ];
    for (const make of makers) {
      const opt = make();
      const r = train({ objective: f, optimizer: opt, steps: 200, seed: 2 });
      expect(r.stopped, opt.name).toBeNull();
      expect(r.loss[199]!, opt.name).toBeLessThan(r.loss[0]! / 10);
    }
  });
});
