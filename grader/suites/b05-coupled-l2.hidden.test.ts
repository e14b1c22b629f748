import { expect } from "vitest";
import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, same, shaped, TOL } from "./a-shared";
import { F32B, nearAdamStep, nearAll } from "./b-shared";

interface State { params: number[]; m: number[]; v: number[]; t: number }
interface Hyper { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }

/** Plain bias-corrected Adam on gradient g, applied to `from` (Kingma & Ba; PyTorch's ε). */
function adamFrom(st: State, from: number[], g: number[], hp: Hyper): State {
  const t = st.t + 1;
  const m = st.m.map((x, i) => hp.beta1 * x + (1 - hp.beta1) * g[i]!);
  const v = st.v.map((x, i) => hp.beta2 * x + (1 - hp.beta2) * g[i]! ** 2);
  const params = from.map((p, i) => p - (hp.lr * m[i]! / (1 - hp.beta1 ** t)) / (Math.sqrt(v[i]! / (1 - hp.beta2 ** t)) + hp.eps));
  return { params, m, v, t };
}
/** Coupled L2 (torch.optim.Adam(weight_decay)): Adam on g + λθ. */
const l2 = (st: State, g: number[], hp: Hyper) => adamFrom(st, st.params, g.map((x, i) => x + hp.weightDecay * st.params[i]!), hp);
/** Decoupled (torch.optim.AdamW): shrink θ by (1 − ηλ), then Adam on g. */
const decoupled = (st: State, g: number[], hp: Hyper) => adamFrom(st, st.params.map((p) => p * (1 - hp.lr * hp.weightDecay)), g, hp);

const fresh = (params: number[]): State => ({ params, m: params.map(() => 0), v: params.map(() => 0), t: 0 });
/** The shape of a two-parameter state, which every answer is checked against before a field is read. */
const STATE2 = fresh([0, 0]);
const shiftedGrad = (p: number[]) => [100 * (p[0]! - 1), p[1]! - 1];

exercise("b05-coupled-l2", (s) => {
  choiceTask(s, "a", "partA", "picks the definition of coupled L2", "B");
  classifyTasks(s, "b", "partB", [true, false, true, true, false]);
  expressionTask(s, "c", "partC", "the decay part of the coupled update", "-eta * lambda * theta / (sqrt(vhat) + eps)", {
    eta: { min: 1e-4, max: 0.1, log: true },
    lambda: { min: 1e-3, max: 0.5, log: true },
    theta: { min: -3, max: 3 },
    vhat: { min: 1e-4, max: 10, log: true },
    eps: { min: 1e-3, max: 0.1, log: true },
  });

  task("d", "adamL2Step: the first update steps by about η against the sign of g + λθ (hand-computed)", 1, async () => {
    // θ = [1, −2], g = [0.5, 0.5], λ = 0.5: g + λθ = [1, −0.5], so θ moves by [−η, +η].
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 };
    const out = shaped(await s.call("adamL2Step", fresh([1, -2]), [0.5, 0.5], hp), STATE2);
    nearAll(out.params, [0.9, -1.9], TOL.FLOAT32, "params");
    nearAll(out.m, [0.1, -0.05], TOL.FLOAT32, "m");
    same(out.t, 1, "t");
  });

  task("d", "adamwStep: the first update is θ(1 − ηλ) minus about η·sign(g) (hand-computed)", 1, async () => {
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 };
    const out = shaped(await s.call("adamwStep", fresh([1, -2]), [0.5, 0.5], hp), STATE2);
    nearAll(out.params, [0.95 - 0.1, -1.9 - 0.1], TOL.FLOAT32, "params");
    nearAll(out.m, [0.05, 0.05], TOL.FLOAT32, "m");
    same(out.t, 1, "t");
  });

  task("d", "the two variants agree when λ = 0 and match their equations on seeded random states", 1, async () => {
    const r = rng(2501);
    for (let k = 0; k < 10; k++) {
      const hp = { lr: 10 ** (-3 + 2 * r.uniform()), beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.3 * r.uniform() };
      const st: State = { params: [r.normal(), 3 * r.normal()], m: [0.1 * r.normal(), 0.1 * r.normal()], v: [r.uniform(), r.uniform()], t: r.int(50) };
      const g = [r.normal(), r.normal()];
      // The moments see g + λθ, whose terms have magnitude |g| + λ|θ| (it may cancel).
      const gTerms = g.map((x, i) => Math.abs(x) + hp.weightDecay * Math.abs(st.params[i]!));
      nearAdamStep(await s.call("adamL2Step", st, g, hp), { ...l2(st, g, hp) }, st, gTerms, hp, "adamL2Step");
      nearAdamStep(await s.call("adamwStep", st, g, hp), { ...decoupled(st, g, hp) }, st, g, hp, "adamwStep");
      const h0 = { ...hp, weightDecay: 0 };
      const a = shaped(await s.call("adamL2Step", st, g, h0), STATE2);
      const b = shaped(await s.call("adamwStep", st, g, h0), STATE2);
      // Two answers, each within TOL.FLOAT32 of the parameters plus F32B.adamStep of the step.
      const step = Math.max(...l2(st, g, h0).params.map((x, i) => Math.abs(x - st.params[i]!)));
      nearAll(a.params, b.params, 2 * TOL.FLOAT32, "λ = 0", [...st.params, (F32B.adamStep(hp.beta1, hp.beta2) / TOL.FLOAT32) * step]);
    }
  });

  task("d", "adamL2Step and adamwStep: the decay on coordinates with very different past gradients", 1, async () => {
    // Late in training (t huge, so 1 − βᵗ = 1), v = [100, 1e-4] from gradients of very different
    // scale; this update's gradient is 0. With β₁ = 0, m = λθ = 0.1 for both coordinates.
    const hp = { lr: 0.01, beta1: 0, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };
    const st: State = { params: [1, 1], m: [0, 0], v: [100, 1e-4], t: 1e6 };
    const v = [0.999 * 100 + 0.001 * 0.01, 0.999 * 1e-4 + 0.001 * 0.01];
    const a = shaped(await s.call("adamL2Step", st, [0, 0], hp), STATE2);
    nearAll(a.params, v.map((vi) => 1 - (0.01 * 0.1) / (Math.sqrt(vi) + 1e-8)), TOL.FLOAT32, "coupled");
    expect(1 - a.params[0]!).toBeLessThan((1 - a.params[1]!) / 50);
    // Decoupled: θ(1 − ηλ) for both, and no Adam step since m = 0.
    const b = shaped(await s.call("adamwStep", st, [0, 0], hp), STATE2);
    nearAll(b.params, [0.999, 0.999], TOL.FLOAT32, "decoupled");
  });

  task("d", "decayTrajectories: both variants on ½(100(x − 1)² + (y − 1)²)", 1, async () => {
    // Two runs: PyTorch's default β and ε, then quite different ones.
    for (const [x0, steps, hp] of [
      [[0, 3], 60, { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.2 }],
      [[2, -1], 40, { lr: 0.1, beta1: 0.7, beta2: 0.95, eps: 0.01, weightDecay: 0.5 }],
    ] as [number[], number, Hyper][]) {
      const run = (step: typeof l2) => {
        let st = fresh(x0);
        const path = [x0];
        for (let k = 0; k < steps; k++) {
          st = step(st, shiftedGrad(st.params), hp);
          path.push(st.params);
        }
        return path;
      };
      nearAll(await s.call("decayTrajectories", x0, steps, hp), { l2: run(l2), adamw: run(decoupled) }, TOL.FLOAT32_ITERATED, "trajectories");
    }
  });

  choiceTask(s, "e", "partE", "picks the metric that shows whether weight decay acts", "C");
});
