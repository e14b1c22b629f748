// The quartic well and the objective wrappers: heavy-tailed gradient noise (and the Gaussian noise
// floor), pruning masks and micro-batch accumulation. Expected values come from closed forms.
import { describe, expect, it } from "vitest";
import { linearData, spirals } from "../../src/data/index";
import { sgd } from "../../src/optim/index";
import { rng } from "../../src/random";
import { train } from "../../src/train/index";
import {
  accumulated,
  diagonalQuadratic,
  gradientError,
  leastSquares,
  magnitudeMask,
  masked,
  mlp,
  noiseFloor,
  noisyGradient,
  quarticWell,
  rosenbrock,
  type Objective,
} from "../../src/objectives/index";

function randomPoint(dim: number, seed: number, scale = 1): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: dim }, () => scale * r.normal());
}

describe("quarticWell", () => {
  const well = quarticWell({ lambdas: [1, 0.3], start: [2.5, -2] });

  it("is Σ ½λᵢxᵢ² + ¼xᵢ⁴ with gradient λᵢxᵢ + xᵢ³", () => {
    // ½·1·6.25 + ¼·39.0625 + ½·0.3·4 + ¼·16 = 3.125 + 9.765625 + 0.6 + 4
    expect(well.loss(Float64Array.of(2.5, -2))).toBeCloseTo(17.490625, 12);
    const g = new Float64Array(2);
    expect(well.grad(Float64Array.of(2.5, -2), g)).toBe(well.loss(Float64Array.of(2.5, -2)));
    expect(g[0]).toBeCloseTo(2.5 + 15.625, 12);
    expect(g[1]).toBeCloseTo(-0.6 - 8, 12);
    for (let s = 0; s < 5; s++) expect(gradientError(well, randomPoint(2, s, 2))).toBeLessThan(1e-6);
    expect(well.loss(well.minimizer)).toBe(0);
  });

  it("knows its sharpness maxᵢ(λᵢ + 3xᵢ²): unstable at η = 1.5 at the start, stable at the minimum", () => {
    expect(well.lambdaMaxAt(Float64Array.of(2.5, -2))).toBeCloseTo(1 + 3 * 6.25, 12);
    expect(well.lambdaMaxAt(Float64Array.of(0, 0))).toBe(1);
    expect(1.5 * well.lambdaMaxAt(well.init(0))).toBeGreaterThan(2);
    expect(1.5 * well.lambdaMaxAt(well.minimizer)).toBeLessThan(2);
  });

  it("starts at `start` whatever the seed, and returns a fresh copy", () => {
    const a = well.init(1);
    a[0] = 99;
    expect(Array.from(well.init(7))).toEqual([2.5, -2]);
  });

  it("takes GD's first step in closed form and diverges without warmup at η = 1.5", () => {
    // x₁ = x₀ − η(λx₀ + x₀³): 2.5 − 1.5·18.125 = −24.6875
    const r = train({ objective: quarticWell({ lambdas: [1], start: [2.5] }), optimizer: sgd({ lr: 1.5 }), steps: 50, seed: 0, recordParams: true });
    expect(r.iterates[1]![0]).toBeCloseTo(-24.6875, 12);
    expect(r.stopped?.reason).toBe("divergence");
  });

  it("validates its options", () => {
    expect(() => quarticWell({ lambdas: [], start: [] })).toThrow(/lambdas/);
    expect(() => quarticWell({ lambdas: [1, 0], start: [1, 1] })).toThrow(/lambdas\[1\] = 0/);
    expect(() => quarticWell({ lambdas: [1], start: [1, 2] })).toThrow(/start.length = 2/);
    expect(() => quarticWell({ lambdas: [1], start: [NaN] })).toThrow(/start\[0\] = NaN/);
  });
});

describe("noisyGradient with Student-t (ν = 2) noise", () => {
  const base = diagonalQuadratic([1, 3]);
  const x = Float64Array.of(0.5, -1);
  const exact = Float64Array.of(0.5, -3);
  const n = 100_000;
  /** n noise draws ξ = (g − ∇f)/σ, from the first coordinate of n gradients. */
  function draws(distribution: "gaussian" | "student-t2", sigma: number, seed: number): Float64Array {
    const f = noisyGradient(base, { sigma, seed, distribution });
    const g = new Float64Array(2);
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      f.grad(x, g);
      out[t] = (g[0]! - exact[0]!) / sigma;
    }
    return out;
  }
  const median = (v: Float64Array) => {
    const s = Float64Array.from(v).sort();
    return 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
  };

  it("has median 0 and quartiles ±σ√(2/3) (from the t₂ CDF ½ + t/(2√(2 + t²)))", () => {
    const xi = draws("student-t2", 0.5, 1);
    expect(Math.abs(median(xi))).toBeLessThan(0.01);
    expect(median(xi.map(Math.abs)) / Math.sqrt(2 / 3)).toBeCloseTo(1, 1);
    expect(Math.abs(median(xi.map(Math.abs)) / Math.sqrt(2 / 3) - 1)).toBeLessThan(0.02);
  });

  it("has the t₂ tails P(|ξ| > t) = 1 − t/√(2 + t²) ≈ 1/t²", () => {
    const xi = draws("student-t2", 2, 2);
    for (const t of [3, 10]) {
      const frequency = xi.filter((v) => Math.abs(v) > t).length / n;
      const p = 1 - t / Math.sqrt(2 + t * t);
      expect(Math.abs(frequency / p - 1)).toBeLessThan(0.1);
    }
  });

  it("has infinite variance: one draw carries a share of Σξ² that does not vanish (Gaussian: ≈ 2 ln n / n)", () => {
    const share = (v: Float64Array) => {
      let sum = 0;
      let max = 0;
      for (const e of v) {
        sum += e * e;
        max = Math.max(max, e * e);
      }
      return { max: max / sum, variance: sum / n };
    };
    const heavy = share(draws("student-t2", 1, 3));
    const gauss = share(draws("gaussian", 1, 3));
    expect(heavy.max).toBeGreaterThan(0.01);
    expect(gauss.max).toBeLessThan((4 * Math.log(n)) / n);
    expect(Math.abs(gauss.variance - 1)).toBeLessThan(0.02);
  });

  it("keeps the loss exact, names itself, and resumes its noise stream exactly", () => {
    const f = noisyGradient(rosenbrock(), { sigma: 1, seed: 4, distribution: "student-t2" });
    expect(f.distribution).toBe("student-t2");
    expect(f.name).toMatch(/Student-t \(ν = 2\)/);
    const g = new Float64Array(2);
    const p = Float64Array.of(0.3, 0.2);
    expect(f.grad(p, g)).toBe(rosenbrock().loss(p));
    const saved = f.noiseState();
    const first = (f.grad(p, g), Array.from(g));
    f.restoreNoise(saved);
    expect((f.grad(p, g), Array.from(g))).toEqual(first);
    expect(() => noisyGradient(base, { sigma: 1, seed: 1, distribution: "cauchy" as "gaussian" })).toThrow(/distribution = "cauchy"/);
  });
});

describe("masked", () => {
  it("is f(m ⊙ x): on ½Σλᵢxᵢ² the loss is ½Σmᵢλᵢxᵢ² and masked gradients are exactly zero", () => {
    const lambda = [1, 2, 3, 4];
    const m = [1, 0, 1, 0];
    const f = masked(diagonalQuadratic(lambda), m);
    const x = Float64Array.of(1, -2, 0.5, 3);
    expect(f.loss(x)).toBeCloseTo(0.5 * (1 * 1 + 3 * 0.25), 14);
    const g = new Float64Array(4).fill(NaN);
    f.grad(x, g);
    expect([g[0], g[2]]).toEqual([1, 1.5]);
    expect(g[1] === 0 && g[3] === 0).toBe(true); // ±0: exactly zero
  });

  it("has a true gradient (matches finite differences) on an MLP", () => {
    const net = mlp(spirals({ n: 30, seed: 1 }), { hidden: [5] });
    const r = rng(5);
    const f = masked(net, Float64Array.from({ length: net.dim }, () => (r.uniform() < 0.5 ? 0 : 1)));
    for (let s = 0; s < 3; s++) expect(gradientError(f, randomPoint(net.dim, 10 + s))).toBeLessThan(1e-6);
    expect(f.layers).toBe(net.layers);
  });

  it("keeps pruned weights exactly zero under SGD with momentum", () => {
    const net = mlp(spirals({ n: 30, seed: 2 }), { hidden: [6] });
    const p0 = net.init(1);
    const mask = magnitudeMask(p0, 0.5);
    const start = p0.map((v, i) => v * mask[i]!);
    const r = train({ objective: masked(net, mask), optimizer: sgd({ lr: 0.3, momentum: 0.9 }), steps: 40, seed: 0, params: start });
    expect(r.params.every((v, i) => mask[i] === 1 || v === 0)).toBe(true);
    expect(r.params.some((v, i) => mask[i] === 1 && v !== start[i])).toBe(true);
  });

  it("validates the mask", () => {
    const f = diagonalQuadratic([1, 2]);
    expect(() => masked(f, [1])).toThrow(/mask.length = 1/);
    expect(() => masked(f, [1, 0.5])).toThrow(/mask\[1\] = 0.5/);
  });
});

describe("magnitudeMask", () => {
  const p = Float64Array.of(0.5, -0.1, 3, -2, 0.05, 1);
  it("zeroes the ⌊fraction·n⌋ entries of smallest magnitude", () => {
    expect(Array.from(magnitudeMask(p, 0.5))).toEqual([0, 0, 1, 1, 0, 1]);
    expect(Array.from(magnitudeMask(p, 0.4))).toEqual([1, 0, 1, 1, 0, 1]); // ⌊2.4⌋ = 2
    expect(Array.from(magnitudeMask(p, 0))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(magnitudeMask(p, 1))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it("prunes only inside the given layers, and breaks ties by index", () => {
    const layers = [{ name: "w", offset: 2, shape: [2, 2] }];
    expect(Array.from(magnitudeMask(p, 0.5, layers))).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Array.from(magnitudeMask(Float64Array.of(1, -1, 1), 1 / 3))).toEqual([0, 1, 1]);
  });
  it("validates its arguments", () => {
    expect(() => magnitudeMask(p, 1.5)).toThrow(/fraction = 1.5/);
    expect(() => magnitudeMask(p, 0.5, [{ name: "w", offset: 4, shape: [3] }])).toThrow(/offset = 4/);
  });
});

describe("accumulated", () => {
  const data = linearData({ n: 48, features: 3, seed: 3 });
  const ls = leastSquares(data);
  const x = randomPoint(ls.dim, 7);
  const batch = Int32Array.from({ length: 24 }, (_, i) => (5 * i) % 48);

  it("mean: the average of k equal micro-batch gradients is the whole batch's gradient", () => {
    const f = accumulated(ls, { microBatches: 4 });
    const whole = new Float64Array(ls.dim);
    const acc = new Float64Array(ls.dim);
    const lossWhole = ls.grad(x, whole, batch);
    expect(f.grad(x, acc, batch)).toBeCloseTo(lossWhole, 12);
    for (let i = 0; i < ls.dim; i++) expect(acc[i]).toBeCloseTo(whole[i]!, 12);
    expect(f.loss(x, batch)).toBe(f.grad(x, acc, batch));
    expect(gradientError(f, x, batch)).toBeLessThan(1e-6);
    // no batch: all 48 examples in 4 micro-batches of 12
    ls.grad(x, whole);
    f.grad(x, acc);
    for (let i = 0; i < ls.dim; i++) expect(acc[i]).toBeCloseTo(whole[i]!, 12);
  });

  it("sum: k times the gradient with the loss unchanged, so an SGD step at η moves like kη", () => {
    const k = 6;
    const f = accumulated(ls, { microBatches: k, reduce: "sum" });
    const whole = new Float64Array(ls.dim);
    const summed = new Float64Array(ls.dim);
    ls.grad(x, whole, batch);
    expect(f.grad(x, summed, batch)).toBeCloseTo(ls.loss(x, batch), 12);
    for (let i = 0; i < ls.dim; i++) expect(summed[i]).toBeCloseTo(k * whole[i]!, 12);
    const a = train({ objective: f, optimizer: sgd({ lr: 0.01 }), steps: 1, seed: 0, params: x, batches: () => batch });
    const b = train({ objective: ls, optimizer: sgd({ lr: 0.01 * k }), steps: 1, seed: 0, params: x, batches: () => batch });
    for (let i = 0; i < ls.dim; i++) expect(a.params[i]).toBeCloseTo(b.params[i]!, 12);
  });

  it("validates its arguments", () => {
    expect(() => accumulated(ls, { microBatches: 0 })).toThrow(/microBatches = 0/);
    expect(() => accumulated(ls, { microBatches: 2, reduce: "max" as "sum" })).toThrow(/reduce = "max"/);
    expect(() => accumulated(diagonalQuadratic([1]) as Objective, { microBatches: 2 })).toThrow(/objective/);
    expect(() => accumulated(ls, { microBatches: 5 }).loss(x, batch)).toThrow(/batch.length = 24 is invalid: expected a positive multiple of microBatches = 5/);
  });
});

describe("noiseFloor", () => {
  it("is the fixed point of the per-coordinate variance recursion vₖ₊₁ = (1 − ηλ)²vₖ + η²σ², times λ/2", () => {
    const lambdas = [1, 0.5, 0.1];
    const eta = 0.8;
    const sigma = 0.7;
    let expected = 0;
    for (const l of lambdas) {
      let v = 0;
      for (let k = 0; k < 5000; k++) v = (1 - eta * l) ** 2 * v + eta * eta * sigma * sigma;
      expected += 0.5 * l * v;
    }
    expect(noiseFloor(eta, sigma, lambdas)).toBeCloseTo(expected, 12);
    expect(noiseFloor(0, 1, lambdas)).toBe(0);
  });

  it("predicts the long-run mean loss of SGD with Gaussian gradient noise", () => {
    const lambdas = [1, 0.6, 0.3, 0.15];
    const r = train({ objective: noisyGradient(diagonalQuadratic(lambdas), { sigma: 1, seed: 8 }), optimizer: sgd({ lr: 0.4 }), steps: 40000, seed: 1 });
    const tail = r.loss.subarray(2000);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    expect(Math.abs(mean / noiseFloor(0.4, 1, lambdas) - 1)).toBeLessThan(0.05);
  });

  it("has no floor at or above the stability bound η = 2/λ", () => {
    expect(() => noiseFloor(2, 1, [1])).toThrow(/eta = 2 is invalid: expected a learning rate below 2\/λ = 2/);
    expect(() => noiseFloor(0.1, -1, [1])).toThrow(/sigma = -1/);
    expect(() => noiseFloor(0.1, 1, [1, 0])).toThrow(/lambdas\[1\] = 0/);
  });
});
