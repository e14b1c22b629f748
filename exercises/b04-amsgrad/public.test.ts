// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

describe("b04-amsgrad", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five optimizers", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in a, G, beta2, k", () => expectExpression(ex.partC, ["a", "G", "beta2", "k"]));
  it("(d1) amsgradStep counts the update and moves by about lr on the first step", () => {
    const next = ex.amsgradStep({ params: [0], m: [0], v: [0], vMax: [0], t: 0 }, [-3], hp);
    expect(next.t).toBe(1);
    expect(next.params[0]).toBeCloseTo(0.1, 6);
    expect(next.vMax).toHaveLength(1);
  });
  it("(d2) amsgradTrajectory returns steps + 1 points and steps vMax entries", () => {
    const run = ex.amsgradTrajectory([1, 1], 3, hp);
    expect(run.params).toHaveLength(4);
    expect(run.params[0]).toEqual([1, 1]);
    expect(run.vMax).toHaveLength(3);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
