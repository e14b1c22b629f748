import { rng } from "../../src/random";
import { exercise, task } from "../harness/run/suite";
import { choiceTask, classifyTasks, expressionTask, near, same, TOL } from "./a-shared";

exercise("a08-batch-scaling", (s) => {
  choiceTask(s, "a", "partA", "picks the linear scaling rule", "A");
  classifyTasks(s, "b", "partB", [false, true, false, true, true]);
  expressionTask(s, "c", "partC", "LR that keeps the update variance when the batch changes", "eta * sqrt(B_new / B)", {
    eta: { min: 1e-5, max: 1, log: true },
    B: { min: 1, max: 4096, integer: true },
    B_new: { min: 1, max: 65536, integer: true },
  });

  task("d", "scaledLr: the linear rule, including practice problem 4", 1, async () => {
    const calls = await s.callMany("scaledLr", [["linear", 0.1, 256, 2048], ["linear", 0.1, 256, 8192], ["linear", 3e-4, 1024, 256]]);
    near(calls.get(0), 0.8, TOL.FLOAT32, "256 → 2048");
    near(calls.get(1), 3.2, TOL.FLOAT32, "256 → 8192");
    near(calls.get(2), 7.5e-5, TOL.FLOAT32, "a smaller batch");
  });

  task("d", "scaledLr: the square-root rule", 1, async () => {
    near(await s.call("scaledLr", "sqrt", 1e-3, 256, 1024), 2e-3, TOL.FLOAT32, "×4 batch");
    near(await s.call("scaledLr", "sqrt", 1e-3, 1024, 256), 5e-4, TOL.FLOAT32, "÷4 batch");
    const r = rng(801);
    const cases = Array.from({ length: 10 }, () => {
      const lr = 10 ** (-5 + 4 * r.uniform()), b = 1 + r.int(4096), nb = 1 + r.int(65536);
      return { lr, b, nb };
    });
    // Two calls per case, in the order the checks read them.
    const got = await s.callMany("scaledLr", cases.flatMap(({ lr, b, nb }) => [["sqrt", lr, b, nb], ["linear", lr, b, nb]]));
    cases.forEach(({ lr, b, nb }, i) => {
      near(got.get(2 * i), lr * Math.sqrt(nb / b), TOL.FLOAT32, "random");
      near(got.get(2 * i + 1), (lr * nb) / b, TOL.FLOAT32, "random");
    });
  });

  task("d", "effectiveBatch: micro-batch × accumulation × workers", 0.5, async () => {
    same(await s.call("effectiveBatch", { microBatch: 16, accumulationSteps: 8, workers: 32 }), 4096);
    same(await s.call("effectiveBatch", { microBatch: 4, accumulationSteps: 1, workers: 8 }), 32);
  });

  task("d", "optimizerSteps: counts optimizer steps, not micro-batches, dropping incomplete batches", 1.5, async () => {
    // 50 000 examples, effective batch 32·4·2 = 256: ⌊50 000/256⌋ = 195 steps per epoch.
    const calls2 = await s.callMany("optimizerSteps", [[{ microBatch: 32, accumulationSteps: 4, workers: 2 }, 50_000, 3], [{ microBatch: 10, accumulationSteps: 1, workers: 1 }, 100, 2], [{ microBatch: 8, accumulationSteps: 16, workers: 4 }, 1_281_167, 90], [{ microBatch: 64, accumulationSteps: 2, workers: 1 }, 100, 5]]);
    same(calls2.get(0), 585);
    same(calls2.get(1), 20);
    same(calls2.get(2), 90 * Math.floor(1_281_167 / 512));
    same(calls2.get(3), 0);
  });

  choiceTask(s, "e", "partE", "picks the quantity that locates the critical batch size", "B");
});
