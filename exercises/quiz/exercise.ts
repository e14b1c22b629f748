/**
 * Quiz: seven questions on the lesson "Learning Rate Schedules". Answer each with one letter,
 * "A" to "D", upper or lower case ("b" counts as "B"); nothing else is accepted (no spaces, no
 * "B." or "(B)"). Exactly one option of each question is right.
 * Fill in every constant that is `null`.
 */

/**
 * Q1 (cosine annealing). Cosine annealing takes the LR from η_max to η_min = 0 over T steps.
 * What is the LR at t = T/2?
 *
 * A. η_max/4    B. η_max/2    C. η_max/√2    D. 0
 */
export const q1: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q2 (linear warmup). Why does a linear warmup help at the start of training with Adam?
 *
 * A. It reduces the total number of training steps needed to reach a given loss.
 * B. It lowers the final learning rate reached at the end of the schedule.
 * C. Early moment estimates are noisy, so full-size early steps can be huge.
 * D. Without it the LR would not be a differentiable function of the step, which Adam needs.
 */
export const q2: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q3 (the linear scaling rule). SGD trains well at batch 256 with LR 0.1. You move to batch 1024
 * on four times as many GPUs. What does the linear scaling rule prescribe?
 *
 * A. LR 0.4, best reached through a short warmup.
 * B. LR 0.2.
 * C. LR 0.025, so that LR × batch stays the same after the move.
 * D. LR 0.1: the LR does not depend on the batch size.
 */
export const q3: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q4 (worked example: step decay). Step decay with η₀ = 0.1, γ = 0.5 and S = 30. What is the LR
 * for update 60 (steps counted from 0)?
 *
 * A. 0.05    B. 0.0125    C. 0.1 · 0.5^60    D. 0.025
 */
export const q4: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q5 (the linear scaling rule and the standard LLM schedule). How are they related?
 *
 * A. They are two names for the same rule, applied at different stages of the run.
 * B. The rule sets the peak LR for a batch; the schedule sets its shape over the run.
 * C. Cosine decay adapts to the batch size by itself, so the scaling rule is unnecessary with it.
 * D. The scaling rule applies only during warmup, after which the schedule takes over from it.
 */
export const q5: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q6 (a common pitfall). Which is a common pitfall when implementing a learning-rate schedule?
 *
 * A. Logging the learning rate at every step, which slows training down noticeably.
 * B. Saving the scheduler's state in each checkpoint, together with the optimizer's state.
 * C. Stepping a per-step schedule once per epoch, so it decays far too slowly.
 * D. Fixing the random seed.
 */
export const q6: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;

/**
 * Q7 (when to use step decay). When is step decay a reasonable choice?
 *
 * A. Never: cosine annealing has superseded it in every setting, from image classification to
 *    fine-tuning.
 * B. Only for LLM pretraining, where the token budget is fixed in advance.
 * C. When the LR must change smoothly at every step, as during a warmup.
 * D. With a fixed epoch budget and a proven recipe (ResNet on ImageNet: 10× drops at epochs 30, 60,
 *    80).
 */
export const q7: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;
