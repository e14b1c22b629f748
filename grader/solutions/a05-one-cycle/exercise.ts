/**
 * Exercise A5 — The one-cycle policy (Smith).
 *
 * Conventions: steps are counted from 0; the value at step k is the LR for update k. We use the
 * lesson's two-phase, linear form (§7), ending at step T (PyTorch's OneCycleLR, which anneals with
 * a cosine by default, reaches its end one step earlier, at T − 1):
 *   LR:        η_min → η_max linearly over steps 0 … P (P = peak step), then η_max → η_min
 *              linearly over P … T, and η_min from step T on.
 *   momentum:  inverse to the LR: m_max → m_min linearly over 0 … P, then m_min → m_max over
 *              P … T, and m_max from step T on. High LR goes with low momentum and vice versa.
 *
 * Fill in every constant that is `null` and replace every `notImplemented(…)` call with your code.
 */

/** Parameters of the one-cycle policy. */
export interface OneCycleConfig {
  etaMin: number;
  etaMax: number;
  /** Step P at which the LR peaks (an integer, 1 ≤ P < T). */
  peakStep: number;
  /** Length T of the cycle (an integer ≥ 2). */
  totalSteps: number;
  /** Lowest momentum (used at the LR peak), e.g. 0.85. */
  momentumMin: number;
  /** Highest momentum (used at the start and end), e.g. 0.95. */
  momentumMax: number;
}

/**
 * (a) Which statement describes the one-cycle policy?
 *
 * A. The LR and the momentum both rise to their maxima at the middle of training and then fall back
 *    together.
 * B. The LR restarts at η_max several times during the run, each restart followed by a cosine decay
 *    to η_min.
 * C. One cycle: the LR rises from a low value to η_max and anneals back down, while momentum moves
 *    the opposite way.
 * D. The LR is held at η_max for the whole run.
 */
export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: in one-cycle the momentum moves opposite to the LR (low when the LR is high).
  // B: that is cosine annealing with warm restarts (several cycles).
  // D: the LR is not held constant; it rises and then anneals.
);

/**
 * (b) Is each schedule an instance of the one-cycle policy (true) or not (false)? Five booleans.
 *
 * 1. LR 0.004 → 0.1 over the first 30 % of steps, then down to 4e-7; momentum 0.95 → 0.85 → 0.95.
 * 2. LR 0.004 → 0.1 → 4e-7 as in 1, but momentum 0.85 → 0.95 → 0.85 (moving with the LR).
 * 3. PyTorch's OneCycleLR with its defaults (cosine annealing, pct_start 0.3).
 * 4. Warmup + cosine decay with a constant momentum of 0.9.
 * 5. A triangular cyclic LR repeated for ten cycles.
 */
export const partB: boolean[] | null = [true, false, true, false, false];

/**
 * (c) Derive the momentum m_t prescribed during the annealing phase, P ≤ t ≤ T. Write a mathjs
 * expression in `m_min`, `m_max`, `t`, `P` and `T`.
 */
export const partC: string | null = "m_min + (m_max - m_min) * (t - P) / (T - P)";

/** (d1) The learning rate and momentum at `step` (an integer ≥ 0) of the one-cycle policy above. */
export function oneCycle(config: OneCycleConfig, step: number): { lr: number; momentum: number } {
  const { etaMin, etaMax, peakStep: P, totalSteps: T, momentumMin, momentumMax } = config;
  // x: position along the cycle, 0 at the ends and 1 at the peak.
  const x = step <= P ? step / P : Math.max(0, (T - step) / (T - P));
  return { lr: etaMin + (etaMax - etaMin) * x, momentum: momentumMax - (momentumMax - momentumMin) * x };
}

/**
 * (d2) A check on a synthetic 2-D objective: heavy-ball SGD (PyTorch's SGD with momentum, no
 * dampening) on f(x, y) = ½(λ₁x² + λ₂y²) from `start`, for `steps` updates with the one-cycle LR
 * η_k and momentum m_k of `config`:  v ← m_k·v + ∇f(x, y);  [x, y] ← [x, y] − η_k·v, with v = 0
 * at the start. Return the final point [x, y].
 */
export function heavyBall(config: OneCycleConfig, curvatures: [number, number], start: [number, number], steps: number): [number, number] {
  let [x, y] = start;
  let vx = 0;
  let vy = 0;
  for (let k = 0; k < steps; k++) {
    const { lr, momentum } = oneCycle(config, k);
    vx = momentum * vx + curvatures[0] * x;
    vy = momentum * vy + curvatures[1] * y;
    x -= lr * vx;
    y -= lr * vy;
  }
  return [x, y];
}

/**
 * (e) What should you log to confirm the one-cycle policy is applied as intended?
 *
 * A. The LR and the momentum actually used at each step: they should move oppositely.
 * B. The LR only, since the momentum is a constant of the optimizer that the policy leaves alone.
 * C. The number of cycles completed so far.
 * D. The weight decay coefficient, which the one-cycle policy lowers while the LR is high.
 */
export const partE: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: the policy cycles the momentum too; a constant momentum is exactly the bug to catch.
  // C: there is one cycle in the whole run.
  // D: the policy does not change the weight decay.
);
