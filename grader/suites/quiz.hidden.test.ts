import { exercise } from "../harness/run/suite";
import { choiceTask } from "./a-shared";

exercise("quiz", (s) => {
  choiceTask(s, "1", "q1", "Q1: cosine annealing at mid-run", "B");
  choiceTask(s, "2", "q2", "Q2: why linear warmup", "C");
  choiceTask(s, "3", "q3", "Q3: applying the linear scaling rule", "A");
  choiceTask(s, "4", "q4", "Q4: step decay worked example", "D");
  choiceTask(s, "5", "q5", "Q5: scaling rule and LLM schedule", "B");
  choiceTask(s, "6", "q6", "Q6: a common schedule pitfall", "C");
  choiceTask(s, "7", "q7", "Q7: when to use step decay", "D");
});
