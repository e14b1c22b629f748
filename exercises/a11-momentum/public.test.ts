// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a11-momentum", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five rules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in mu and lambda", () => expectExpression(ex.partC, ["mu", "lambda"]));
  it("(d1) momentumStep: the first update copies the gradient into the buffer", () => {
    const next = ex.momentumStep({ lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false }, { params: [1, 2], buffer: [0, 0], step: 0 }, [1, -1]);
    expect(next.buffer).toEqual([1, -1]);
    expect(next.params[0]).toBeCloseTo(0.9, 12);
    expect(next.step).toBe(1);
  });
  it("(d2) runMomentum returns one number per coordinate", () => {
    expect(ex.runMomentum({ lr: 0, momentum: 0.9, dampening: 0, nesterov: false }, [1, 10], [1, 1], [0.05, 0.05])).toHaveLength(2);
  });
  it("(d3) tuned: gradient descent's rate is (κ − 1)/(κ + 1)", () => {
    expect(ex.tuned(1, 9).gd.rate).toBeCloseTo(0.8, 12);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
