/**
 * Quiz: seven questions on the lesson "Learning Rate Schedules". Answer each with one letter.
 * Fill in every constant that is `null`.
 */

/**
 * Q1 (cosine annealing). Cosine annealing takes the LR from η_max to η_min = 0 over T steps.
 * What is the LR at t = T/2?
 *
 * A. η_max/4    B. η_max/2    C. η_max/√2    D. 0
 */
export const q1: "A" | "B" | "C" | "D" | null = null;

/**
 * Q2 (linear warmup). Why does a linear warmup help at the start of training with Adam?
 *
 * A. It reduces the total number of training steps.
 * B. It lowers the final learning rate.
 * C. Early moment estimates rest on few, large, noisy gradients, so full-size steps can be huge
 *    and destabilise training; small early LRs keep updates bounded while the statistics settle.
 * D. Without it the learning rate would not be a differentiable function of the step.
 */
export const q2: "A" | "B" | "C" | "D" | null = null;

/**
 * Q3 (the linear scaling rule). SGD trains well at batch 256 with LR 0.1. You move to batch 1024
 * on four times as many GPUs. What does the linear scaling rule prescribe?
 *
 * A. LR 0.4, best reached through a short warmup.
 * B. LR 0.2.
 * C. LR 0.025.
 * D. LR 0.1: the LR does not depend on the batch size.
 */
export const q3: "A" | "B" | "C" | "D" | null = null;

/**
 * Q4 (worked example: step decay). Step decay with η₀ = 0.1, γ = 0.5 and S = 30. What is the LR
 * for update 60 (steps counted from 0)?
 *
 * A. 0.05    B. 0.0125    C. 0.1 · 0.5^60    D. 0.025
 */
export const q4: "A" | "B" | "C" | "D" | null = null;

/**
 * Q5 (the linear scaling rule and the standard LLM schedule). How are they related?
 *
 * A. They are two names for the same rule.
 * B. The scaling rule sets the size of the peak LR for a given batch; the schedule sets how the
 *    LR varies over the run. When the batch changes, rescale the peak and recompute the step
 *    counts, keeping the warmup + cosine shape.
 * C. Cosine decay adapts to the batch size, so the scaling rule is unnecessary with it.
 * D. The scaling rule applies only during warmup.
 */
export const q5: "A" | "B" | "C" | "D" | null = null;

/**
 * Q6 (a common pitfall). Which is a common pitfall when implementing a learning-rate schedule?
 *
 * A. Logging the learning rate at every step.
 * B. Saving the scheduler's state in each checkpoint.
 * C. Stepping a schedule defined in optimizer steps once per epoch (or one defined in epochs once
 *    per batch), so the LR decays far too slowly (or too fast).
 * D. Fixing the random seed.
 */
export const q6: "A" | "B" | "C" | "D" | null = null;

/**
 * Q7 (when to use step decay). When is step decay a reasonable choice?
 *
 * A. Never: it has been superseded by cosine annealing in every setting.
 * B. Only for LLM pretraining.
 * C. When the run length is unknown and the drops should follow plateaus of the validation loss.
 * D. When a fixed epoch budget and a well-established recipe exist (e.g. ResNet on ImageNet with
 *    drops by 10× at epochs 30, 60 and 80), and the loss plateaus between drops.
 */
export const q7: "A" | "B" | "C" | "D" | null = null;
