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
export const q1: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: ½(1 + cos(π/2)) = ½, not ¼.
  // C: η_max/√2 would need cos(π/2) = √2 − 1.
  // D: 0 is the value at t = T, not at T/2.
);

/**
 * Q2 (linear warmup). Why does a linear warmup help at the start of training with Adam?
 *
 * A. It reduces the total number of training steps needed to reach a given loss.
 * B. It lowers the final learning rate reached at the end of the schedule.
 * C. Early moment estimates are noisy, so full-size early steps can be huge.
 * D. Without it the LR would not be a differentiable function of the step, which Adam needs.
 */
export const q2: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: warmup adds steps at a low LR; it is not about the step count.
  // B: warmup acts at the start; the final LR is set by the decay.
  // D: Adam does not differentiate the LR, and a step function is a valid schedule.
);

/**
 * Q3 (the linear scaling rule). SGD trains well at batch 256 with LR 0.1. You move to batch 1024
 * on four times as many GPUs. What does the linear scaling rule prescribe?
 *
 * A. LR 0.4, best reached through a short warmup.
 * B. LR 0.2.
 * C. LR 0.025, so that LR × batch stays the same after the move.
 * D. LR 0.1: the LR does not depend on the batch size.
 */
export const q3: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("A"
  // The other options are wrong (the starter keeps only the question):
  // B: that is the square-root rule (√4 = 2).
  // C: the opposite direction: the LR must grow with the batch.
  // D: the rule scales the LR with the batch.
);

/**
 * Q4 (worked example: step decay). Step decay with η₀ = 0.1, γ = 0.5 and S = 30. What is the LR
 * for update 60 (steps counted from 0)?
 *
 * A. 0.05    B. 0.0125    C. 0.1 · 0.5^60    D. 0.025
 */
export const q4: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: 0.05 is the LR for steps 30–59.
  // B: 0.0125 is the LR from step 90 (one interval too many).
  // C: γ^60 applies γ at every step; the exponent is ⌊60/30⌋ = 2.
);

/**
 * Q5 (the linear scaling rule and the standard LLM schedule). How are they related?
 *
 * A. They are two names for the same rule, applied at different stages of the run.
 * B. The rule sets the peak LR for a batch; the schedule sets its shape over the run.
 * C. Cosine decay adapts to the batch size by itself, so the scaling rule is unnecessary with it.
 * D. The scaling rule applies only during warmup, after which the schedule takes over from it.
 */
export const q5: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("B"
  // The other options are wrong (the starter keeps only the question):
  // A: one sets a size, the other a shape over time.
  // C: the cosine's shape does not depend on the batch.
  // D: the scaled peak applies to the whole run, warmup and decay.
);

/**
 * Q6 (a common pitfall). Which is a common pitfall when implementing a learning-rate schedule?
 *
 * A. Logging the learning rate at every step, which slows training down noticeably.
 * B. Saving the scheduler's state in each checkpoint, together with the optimizer's state.
 * C. Stepping a per-step schedule once per epoch, so it decays far too slowly.
 * D. Fixing the random seed.
 */
export const q6: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("C"
  // The other options are wrong (the starter keeps only the question):
  // A: logging the LR is good practice and costs next to nothing.
  // B: saving the scheduler state is required to resume correctly.
  // D: a schedule is deterministic anyway; fixing the seed is not a pitfall.
);

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
export const q7: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = ("D"
  // The other options are wrong (the starter keeps only the question):
  // A: well-established recipes (e.g. ResNet on ImageNet) still use it.
  // B: LLM pretraining uses warmup + cosine (or WSD), not step decay.
  // C: step decay is piecewise constant: it changes the LR only at its drops.
);
