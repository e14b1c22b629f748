/**
 * Exercise B11 — Lion.
 *
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2). State
 * m_0 = 0; at each update with gradient g (all operations per coordinate):
 *
 *     c = β₁ m + (1 − β₁) g                  (interpolation: the direction is its sign)
 *     θ ← θ − η (sign(c) + λ θ)              (decoupled weight decay, multiplied by η)
 *     m ← β₂ m + (1 − β₂) g                  (the momentum is updated after the sign is taken)
 *
 * with sign(x) = 1 for x > 0, −1 for x < 0 and 0 for x = 0. Defaults: β₁ = 0.9, β₂ = 0.99.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 * Run `npm run check -- b11-lion` to run the public tests.
 */

/**
 * (a) Which statement describes one Lion update?
 *
 *   A. Update the momentum m ← β₂ m + (1 − β₂) g first, then step θ ← θ − η sign(m).
 *   B. Step along sign(β₁ m + (1 − β₁) g) with weight decay ηλθ, then update m with β₂.
 *   C. Step θ ← θ − η m̂/(√v̂ + ε) with Adam's two moments, and take the sign of the result.
 *   D. Step θ ← θ − η sign(g) along the sign of the current gradient alone, keeping no state
 *      at all from one update to the next.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) With λ = 0, does each statement hold for Lion's update? `true` = it holds, `false` = it does
 * not, in order:
 *
 *   1. Every coordinate whose interpolation c is not 0 moves by exactly η.
 *   2. Doubling every gradient (from the first update on) doubles every step.
 *   3. Lion keeps one state vector per parameter tensor, the momentum m.
 *   4. A coordinate whose interpolation c is exactly 0 still moves by η.
 *   5. A coordinate can move in the direction of its current gradient (uphill), when the momentum
 *      outweighs the gradient in c.
 */
export const partB: boolean[] | null = null;

/**
 * (c) The gradient is the same number g at every update, from m_0 = 0. Give the interpolation c_t
 * of update t = 1, 2, … as a formula in g, β₁, β₂ and t.
 *
 * Allowed symbols: g, beta1, beta2, t (mathjs syntax, e.g. "g * beta1 * beta2^t").
 */
export const partC: string | null = null;

/** Lion's state: the parameters and the momentum m. */
export interface LionState {
  params: number[];
  m: number[];
}

/** Lion's hyperparameters: η, β₁, β₂ and the decoupled weight decay λ. */
export interface LionHyper {
  lr: number;
  beta1: number;
  beta2: number;
  weightDecay: number;
}

/**
 * (d1) One Lion update (equations at the top of the file): returns the new state and does not
 * modify its arguments.
 * Example: params [1], m [0], grad [2], lr 0.1, λ 0 gives params [0.9] and m [0.02] (β₂ = 0.99).
 */
export function lionStep(state: LionState, grad: number[], hp: LionHyper): LionState {
  return notImplemented(state, grad, hp);
}

/**
 * (d2) A check on a synthetic 2-D objective: run Lion from m = 0 for `steps` updates on
 *
 *     f(x, y) = ½ (100 x² + y²),     ∇f(x, y) = (100 x, y),
 *
 * starting at `x0` = [x, y]. Return the trajectory: `steps + 1` points, the first being `x0`.
 */
export function lionTrajectory(x0: number[], steps: number, hp: LionHyper): number[][] {
  return notImplemented(x0, steps, hp);
}

/**
 * (e) A model trains well with AdamW at η = 1e-3 and λ = 0.1. You switch it to Lion. Which
 * starting point follows the advice of Lion's authors?
 *
 *   A. Keep η = 1e-3 and λ = 0.1: Lion normalises its update, so the same settings carry over.
 *   B. η from 1e-4 to 3e-4 and λ from 0.3 to 1, i.e. a 3–10× smaller η and a 3–10× larger λ.
 *   C. η = 1e-2 and λ = 0.01: the sign discards the gradient's size, so η must be larger.
 *   D. η = 1e-4 and λ = 0.01: both 10× smaller than AdamW's, to keep the early part of the run
 *      stable.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
