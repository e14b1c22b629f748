// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0 };

describe("b11-lion", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five statements", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in g, beta1, beta2, t", () => expectExpression(ex.partC, ["g", "beta1", "beta2", "t"]));
  it("(d1) lionStep matches the example of the doc comment", () => {
    const next = ex.lionStep({ params: [1], m: [0] }, [2], hp);
    expect(next.params[0]).toBeCloseTo(0.9, 6);
    expect(next.m[0]).toBeCloseTo(0.02, 6);
  });
  it("(d2) lionTrajectory returns steps + 1 points starting at x0", () => {
    const path = ex.lionTrajectory([1, 1], 3, hp);
    expect(path).toHaveLength(4);
    expect(path[0]).toEqual([1, 1]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
