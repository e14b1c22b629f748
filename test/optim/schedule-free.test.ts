import { describe, expect, it } from "vitest";
import { scheduleFreeAdamw, scheduleFreeSgd, type ScheduleFree } from "../../src/optim/schedule-free";
import { piecewiseConstant } from "../../src/schedules/decay";

/** Runs `steps` updates on f(y) = ½·λ·y² (one coordinate, ∇f = λy) from y = x0; returns y, x and z after each. */
function run(opt: ScheduleFree, lambda: number, x0: number, steps: number): { y: number[]; x: number[]; z: number[] } {
  const p = Float64Array.of(x0);
  const g = new Float64Array(1);
  const out = { y: [x0], x: [x0], z: [x0] };
  const buf = new Float64Array(1);
  for (let k = 0; k < steps; k++) {
    g[0] = lambda * p[0]!;
    opt.step(p, g);
    out.y.push(p[0]!);
    opt.averaged(buf);
    out.x.push(buf[0]!);
    opt.base(buf);
    out.z.push(buf[0]!);
  }
  return out;
}

describe("schedule-free SGD (Defazio et al. 2024)", () => {
  it("three steps on f = y² match the hand computation (γ = 0.1, β = 0.9, c = 1/(t+1))", () => {
    // z₁ = x₁ = y₁ = 1.  t=1: g = 2, z₂ = 0.8, x₂ = ½(1 + 0.8) = 0.9, y₂ = 0.1·0.8 + 0.9·0.9 = 0.89.
    // t=2: g = 1.78, z₃ = 0.622, x₃ = (1 + 0.8 + 0.622)/3 = 0.807333…, y₃ = 0.0622 + 0.7266 = 0.7888.
    // t=3: g = 1.5776, z₄ = 0.46424, x₄ = 2.88624/4 = 0.72156, y₄ = 0.046424 + 0.649404 = 0.695828.
    const r = run(scheduleFreeSgd({ lr: 0.1, beta: 0.9 }), 2, 1, 3);
    expect(r.z.slice(1)).toEqual([0.8, 0.622, 0.46424].map((v) => expect.closeTo(v, 14)));
    expect(r.x.slice(1)).toEqual([0.9, 2.422 / 3, 0.72156].map((v) => expect.closeTo(v, 14)));
    expect(r.y.slice(1)).toEqual([0.89, 0.7888, 0.695828].map((v) => expect.closeTo(v, 14)));
  });

  it("with weightLrPower = 2 and constant γ the start gets no weight: c₂ = 1, c₃ = ½", () => {
    // t=1: z₂ = 0.8, x₂ = z₂ = 0.8, y₂ = 0.8.  t=2: g = 1.6, z₃ = 0.64, x₃ = ½(0.8 + 0.64) = 0.72,
    // y₃ = 0.1·0.64 + 0.9·0.72 = 0.712.
    const opt = scheduleFreeSgd({ lr: 0.1, weightLrPower: 2 });
    const r = run(opt, 2, 1, 2);
    expect(r.x[1]).toBeCloseTo(0.8, 14);
    expect(r.x[2]).toBeCloseTo(0.72, 14);
    expect(r.y[2]).toBeCloseTo(0.712, 14);
    expect(opt.averagingWeight).toBeCloseTo(0.5, 14);
  });

  it("with warmup the weights are γ_t²/Σγ_i² (warmup 2: γ = 0.05, 0.1; c₃ = 0.01/0.0125 = 0.8)", () => {
    // t=1: γ = 0.05, z₂ = 1 − 0.1 = 0.9, x₂ = 0.9, y₂ = 0.9.  t=2: γ = 0.1, g = 1.8, z₃ = 0.72,
    // c₃ = 0.01/(0.0025 + 0.01) = 0.8, x₃ = 0.2·0.9 + 0.8·0.72 = 0.756.
    const opt = scheduleFreeSgd({ lr: 0.1, weightLrPower: 2, warmupSteps: 2 });
    const r = run(opt, 2, 1, 2);
    expect(r.z[1]).toBeCloseTo(0.9, 14);
    expect(r.x[2]).toBeCloseTo(0.756, 14);
    expect(opt.averagingWeight).toBeCloseTo(0.8, 14);
  });

  it("with a decreasing γ the weights use γ_t itself (paper §4.3), not the code's running max: c₃ = 0.01/0.05", () => {
    // γ = 0.2, then 0.1 (piecewise constant). t=1: z₂ = 1 − 0.2·2 = 0.6, c₂ = 1, x₂ = y₂ = 0.6.
    // t=2: g = 1.2, z₃ = 0.6 − 0.12 = 0.48, c₃ = 0.1²/(0.2² + 0.1²) = 0.2, x₃ = 0.8·0.6 + 0.2·0.48 = 0.576.
    // (The authors' code would weight both steps by max γ = 0.2: c₃ = ½, x₃ = 0.54.)
    const opt = scheduleFreeSgd({ lr: piecewiseConstant({ initial: 0.2, boundaries: [1], scales: [0.5] }), weightLrPower: 2 });
    const r = run(opt, 2, 1, 2);
    expect(r.z[2]).toBeCloseTo(0.48, 14);
    expect(opt.averagingWeight).toBeCloseTo(0.2, 14);
    expect(r.x[2]).toBeCloseTo(0.576, 14);
  });

  it("β = 0 is SGD at z with Polyak–Ruppert averaging; β = 1 is primal averaging (gradient at x)", () => {
    // β = 0: z is plain GD, z_k = (1 − γλ)^k; x is the mean of z₁ … z_{t+1}.
    const r0 = run(scheduleFreeSgd({ lr: 0.1, beta: 0 }), 2, 1, 10);
    for (let t = 0; t <= 10; t++) {
      expect(r0.z[t]).toBeCloseTo(0.8 ** t, 13);
      let mean = 0;
      for (let j = 0; j <= t; j++) mean += 0.8 ** j / (t + 1);
      expect(r0.x[t]).toBeCloseTo(mean, 13);
      expect(r0.y[t]).toBeCloseTo(r0.z[t]!, 13);
    }
    // β = 1: y = x, so the gradient is taken at the average.
    const r1 = run(scheduleFreeSgd({ lr: 0.1, beta: 0.9999999999 }), 2, 1, 5);
    for (let t = 0; t <= 5; t++) expect(r1.y[t]).toBeCloseTo(r1.x[t]!, 8);
  });

  it("weight decay adds λ·y to the gradient", () => {
    // f = 0 (λ = 0), wd = 0.5, γ = 0.1: z₂ = 1 − 0.1·0.5·1 = 0.95.
    const r = run(scheduleFreeSgd({ lr: 0.1, weightDecay: 0.5 }), 0, 1, 1);
    expect(r.z[1]).toBeCloseTo(0.95, 14);
  });

  it("state() and load() resume exactly, weights included", () => {
    const a = scheduleFreeSgd({ lr: 0.1, weightLrPower: 2, warmupSteps: 3 });
    const p = Float64Array.of(1, -2);
    const g = new Float64Array(2);
    const grad = () => { g[0] = 2 * p[0]!; g[1] = 0.5 * p[1]!; };
    for (let k = 0; k < 4; k++) { grad(); a.step(p, g); }
    const b = scheduleFreeSgd({ lr: 0.1, weightLrPower: 2, warmupSteps: 3 });
    b.load(JSON.parse(JSON.stringify(a.state())));
    const q = p.slice();
    for (let k = 0; k < 3; k++) {
      grad(); a.step(p, g);
      const h = Float64Array.of(2 * q[0]!, 0.5 * q[1]!);
      b.step(q, h);
    }
    expect(Array.from(q)).toEqual(Array.from(p));
    const xa = new Float64Array(2), xb = new Float64Array(2);
    a.averaged(xa); b.averaged(xb);
    expect(Array.from(xb)).toEqual(Array.from(xa));
  });

  it("rejects bad options, naming them", () => {
    expect(() => scheduleFreeSgd({ beta: 1 })).toThrow(/beta = 1/);
    expect(() => scheduleFreeSgd({ warmupSteps: -1 })).toThrow(/warmupSteps/);
    expect(() => scheduleFreeSgd({ weightLrPower: -2 })).toThrow(/weightLrPower/);
    expect(() => scheduleFreeSgd({ momentum: 0.9 } as never)).toThrow(/unknown option "momentum"/);
    const opt = scheduleFreeSgd();
    opt.step(Float64Array.of(1, 2), Float64Array.of(0, 0));
    expect(() => opt.averaged(new Float64Array(1))).toThrow(/out.length = 1 is invalid: expected at least 2/);
  });
});

describe("schedule-free AdamW (Defazio et al. 2024; the authors' reference implementation)", () => {
  it("two steps on f = y² match the hand computation (γ = 0.1, β = (0.9, 0.999), ε = 0)", () => {
    // t=1: g = 2, v = 0.001·4 = 0.004, v̂ = 0.004/0.001 = 4, z₂ = 1 − 0.1·2/2 = 0.9,
    //      x₂ = ½(1 + 0.9) = 0.95, y₂ = 0.1·0.9 + 0.9·0.95 = 0.945.
    // t=2: g = 1.89, v = 0.999·0.004 + 0.001·1.89², v̂ = v/(1 − 0.999²), z₃ = 0.9 − 0.1·1.89/√v̂,
    //      x₃ = (1 + 0.9 + z₃)/3, y₃ = 0.1 z₃ + 0.9 x₃.
    const r = run(scheduleFreeAdamw({ lr: 0.1, eps: 0 }), 2, 1, 2);
    expect(r.z[1]).toBeCloseTo(0.9, 14);
    expect(r.x[1]).toBeCloseTo(0.95, 14);
    expect(r.y[1]).toBeCloseTo(0.945, 14);
    const v = 0.999 * 0.004 + 0.001 * 1.89 ** 2;
    const z3 = 0.9 - (0.1 * 1.89) / Math.sqrt(v / (1 - 0.999 ** 2));
    const x3 = (1 + 0.9 + z3) / 3;
    expect(r.z[2]).toBeCloseTo(z3, 14);
    expect(r.x[2]).toBeCloseTo(x3, 14);
    expect(r.y[2]).toBeCloseTo(0.1 * z3 + 0.9 * x3, 14);
  });

  it("decoupled weight decay is taken at y before the normalised step: z₂ = 1 − γλ·1 − γ·sign(g)", () => {
    // λ_wd = 0.5, γ = 0.1: z₂ = 1 − 0.05 − 0.1 = 0.85 (the first normalised step is γ·g/|g|).
    const r = run(scheduleFreeAdamw({ lr: 0.1, eps: 0, weightDecay: 0.5 }), 2, 1, 1);
    expect(r.z[1]).toBeCloseTo(0.85, 14);
  });

  it("matches a line-by-line port of the authors' AdamWScheduleFreeReference.step (warmup 3, weight_lr_power 2, decay at y)", () => {
    // facebookresearch/schedule_free, schedulefree/adamw_schedulefree_reference.py, transcribed for
    // one coordinate: sched = (k+1)/warmup, lr_max = max(lr, lr_max), weight = lr_max², ckp1 = weight/weight_sum.
    const lr0 = 0.05, wd = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, warm = 3, lam = 2;
    let y = 1, z = 1, x = 1, v = 0, lrMax = -1, weightSum = 0;
    const opt = scheduleFreeAdamw({ lr: lr0, weightDecay: wd, warmupSteps: warm, weightLrPower: 2 });
    const p = Float64Array.of(1), out = new Float64Array(1);
    for (let k = 0; k < 8; k++) {
      const grad = lam * y;
      const lr = lr0 * (k < warm ? (k + 1) / warm : 1);
      lrMax = Math.max(lr, lrMax);
      const weight = lrMax ** 2;
      weightSum += weight;
      const ckp1 = weight / weightSum;
      z -= lr * wd * y;
      v = b2 * v + (1 - b2) * grad * grad;
      z -= (lr * grad) / (Math.sqrt(v / (1 - b2 ** (k + 1))) + eps);
      x = (1 - ckp1) * x + ckp1 * z;
      y = b1 * x + (1 - b1) * z;
      opt.step(p, Float64Array.of(lam * p[0]!));
      expect(p[0]).toBeCloseTo(y, 13);
      opt.averaged(out);
      expect(out[0]).toBeCloseTo(x, 13);
    }
  });

  it("reports the effective LR γ/(√v̂ + ε) of the z step", () => {
    const opt = scheduleFreeAdamw({ lr: 0.1, eps: 0 });
    opt.step(Float64Array.of(1), Float64Array.of(2));
    const out = new Float64Array(1);
    expect(opt.effectiveLr(out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.1 / 2, 14);
    expect(scheduleFreeSgd().effectiveLr(out)).toBe(false);
  });
});
