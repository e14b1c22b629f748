// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("b01-adagrad", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five states", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta, eps, g, t", () => expectExpression(ex.partC, ["eta", "eps", "g", "t"]));
  it("(d1) adagradStep: the first step from a zero accumulator moves each coordinate by about lr", () => {
    const next = ex.adagradStep({ params: [1, 1], accum: [0, 0] }, [3, -0.5], { lr: 0.1, eps: 1e-10 });
    expect(next.accum).toHaveLength(2);
    expect(next.params[0]).toBeCloseTo(0.9, 8);
    expect(next.params[1]).toBeCloseTo(1.1, 8);
  });
  it("(d2) effectiveLr returns one rate per coordinate", () => {
    expect(ex.effectiveLr([0, 4, 9], { lr: 1, eps: 0 })).toHaveLength(3);
  });
  it("(d3) adagradTrajectory returns steps + 1 points starting at x0", () => {
    const path = ex.adagradTrajectory([1, 1], 3, { lr: 0.1, eps: 1e-10 });
    expect(path).toHaveLength(4);
    expect(path[0]).toEqual([1, 1]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
