// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a01-step-decay", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta0, gamma, S, eta_target", () => expectExpression(ex.partC, ["eta0", "gamma", "S", "eta_target"]));
  it("(d1) stepDecay starts at eta0", () => {
    expect(ex.stepDecay({ eta0: 0.1, gamma: 0.5, stepSize: 30 }, 0)).toBeCloseTo(0.1, 12);
  });
  it("(d1) stepDecay matches the lesson's table at step 45", () => {
    expect(ex.stepDecay({ eta0: 0.1, gamma: 0.5, stepSize: 30 }, 45)).toBeCloseTo(0.05, 12);
  });
  it("(d2) multiStepDecay starts at eta0", () => {
    expect(ex.multiStepDecay({ eta0: 0.1, gamma: 0.1, milestones: [100, 200] }, 0)).toBeCloseTo(0.1, 12);
  });
  it("(d3) descend returns a point [x, y] and leaves it alone for 0 steps", () => {
    expect(ex.descend({ eta0: 0.1, gamma: 0.5, stepSize: 10 }, [1, 10], [1, -2], 0)).toEqual([1, -2]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
