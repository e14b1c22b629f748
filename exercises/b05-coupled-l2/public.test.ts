// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 };

describe("b05-coupled-l2", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five setups", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta, lambda, theta, vhat, eps", () => expectExpression(ex.partC, ["eta", "lambda", "theta", "vhat", "eps"]));
  it("(d1) adamL2Step counts the update", () => {
    const next = ex.adamL2Step({ params: [1, -2], m: [0, 0], v: [0, 0], t: 0 }, [0.5, 0.5], hp);
    expect(next.t).toBe(1);
    expect(next.params).toHaveLength(2);
  });
  it("(d2) adamwStep matches the example of the doc comment", () => {
    const next = ex.adamwStep({ params: [1, -2], m: [0, 0], v: [0, 0], t: 0 }, [0.5, 0.5], hp);
    expect(next.params[0]).toBeCloseTo(0.85, 6);
    expect(next.params[1]).toBeCloseTo(-2.0, 6);
  });
  it("(d3) decayTrajectories returns two paths of steps + 1 points", () => {
    const { l2, adamw } = ex.decayTrajectories([0, 0], 3, hp);
    expect(l2).toHaveLength(4);
    expect(adamw).toHaveLength(4);
    expect(l2[0]).toEqual([0, 0]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
