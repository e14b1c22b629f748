/**
 * Exercise A11 — Momentum and the learning rate.
 *
 * Conventions: PyTorch's `torch.optim.SGD` with momentum μ, dampening τ and learning rate η. The
 * step counter t counts the updates already taken (0 before the first). For update t with the
 * gradient g:
 *   b ← g                      at t = 0 (the first update copies g, without dampening),
 *   b ← μ·b + (1 − τ)·g        at t ≥ 1,
 *   d ← g + μ·b  (Nesterov)    or  d ← b  (heavy ball),
 *   θ ← θ − η·d.
 * The LR multiplies the buffer *after* it is accumulated, so a change of η acts at once.
 * On a quadratic with curvatures in [λ_min, λ_max] (κ = λ_max/λ_min), the tuned constants are
 *   gradient descent:  η = 2/(λ_max + λ_min),            contraction (κ − 1)/(κ + 1) per step;
 *   heavy ball:        η = 4/(√λ_max + √λ_min)²,
 *                      μ = ((√κ − 1)/(√κ + 1))²,         contraction (√κ − 1)/(√κ + 1) per step.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** The hyperparameters of one update. */
export interface MomentumConfig {
  /** Learning rate η ≥ 0. */
  lr: number;
  /** Momentum μ, 0 < μ < 1. */
  momentum: number;
  /** Dampening τ in [0, 1] (0 in PyTorch's default; Nesterov needs 0). */
  dampening: number;
  /** Nesterov's look-ahead form. */
  nesterov: boolean;
}

/** The optimizer's state: the parameters, the momentum buffer (zeros before the first update) and the updates taken. */
export interface MomentumState {
  params: number[];
  buffer: number[];
  /** Number of updates taken so far (0 before the first). */
  step: number;
}

/** Tuned constants on a quadratic, and the contraction per step they achieve. */
export interface Tuned {
  gd: { lr: number; rate: number };
  heavyBall: { lr: number; momentum: number; rate: number };
}

/**
 * (a) Under a constant gradient g, PyTorch's SGD with learning rate η and momentum μ (no
 * dampening) settles to steps of which size?
 *
 * A. η·g, the same as without momentum: momentum only smooths the direction of the steps, not their size.
 * B. η·g/(1 − μ): the buffer sums the geometric series 1 + μ + μ² + … of past gradients.
 * C. η·(1 − μ)·g: momentum slows each step down by the fraction it keeps.
 * D. η·g/(1 + μ): half of each step is cancelled by the previous one.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * (b) At a constant learning rate η, does each rule give exactly the same iterates as PyTorch's
 * SGD(lr = η, momentum = μ) with no dampening (true) or not (false)? All start with a zero buffer
 * (or θ₋₁ = θ₀). Five booleans.
 *
 * 1. Polyak's heavy ball: θ_{k+1} = θ_k − η·∇f(θ_k) + μ·(θ_k − θ_{k−1}).
 * 2. Sutskever et al.: v ← μ·v − η·∇f(θ);  θ ← θ + v.
 * 3. The EMA form: b ← μ·b + (1 − μ)·∇f(θ);  θ ← θ − η·b.
 * 4. The EMA form with the LR rescaled: b ← μ·b + (1 − μ)·∇f(θ);  θ ← θ − (η/(1 − μ))·b.
 * 5. PyTorch's SGD(lr = η, momentum = μ, nesterov = True).
 */
export const partB: boolean[] | null = null;

/**
 * (c) Heavy ball with constant η and μ (0 ≤ μ < 1), as in the header, on one direction of curvature
 * λ > 0 converges exactly when 0 < η < η_max. Write η_max as a mathjs expression in `mu` and `lambda`.
 */
export const partC: string | null = null;

/**
 * (d1) One update of PyTorch's SGD with momentum, as in the header. Return the new state (a new
 * object; do not modify the arguments).
 */
export function momentumStep(config: MomentumConfig, state: MomentumState, grad: number[]): MomentumState {
  return notImplemented(config, state, grad);
}

/**
 * (d2) Runs `lrs.length` updates of (d1) on f(θ) = ½ Σᵢ λᵢ θᵢ² (gradient λᵢθᵢ) from `start` with a
 * zero buffer, using the learning rate `lrs[k]` for update k and the other settings of `config`
 * (its `lr` is ignored). Return the final parameters.
 */
export function runMomentum(config: MomentumConfig, curvatures: number[], start: number[], lrs: number[]): number[] {
  return notImplemented(config, curvatures, start, lrs);
}

/**
 * (d3) The tuned constants of the header for curvatures in [lambdaMin, lambdaMax]
 * (0 < lambdaMin ≤ lambdaMax), with the contraction per step each achieves.
 */
export function tuned(lambdaMin: number, lambdaMax: number): Tuned {
  return notImplemented(lambdaMin, lambdaMax);
}

/**
 * (e) Your code used PyTorch's SGD(lr = 0.1, momentum = 0.9). You move to a library whose
 * momentum is the EMA b ← 0.9·b + 0.1·g with θ ← θ − η·b. Which η gives (nearly) the same training?
 *
 * A. η = 0.1: the learning rate means the same thing in every library, whatever form its buffer takes.
 * B. η = 1.0: the EMA's steps are (1 − μ) times PyTorch's, so η must grow by 1/(1 − μ).
 * C. η = 0.01: the EMA already averages, so the learning rate must shrink by 1 − μ.
 * D. η = 0.19: the effective rate η(1 + μ) must be matched.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
