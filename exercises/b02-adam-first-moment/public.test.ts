// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

describe("b02-adam-first-moment", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five optimizers", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in g, beta1, t", () => expectExpression(ex.partC, ["g", "beta1", "t"]));
  it("(d1) adamFirstMoment matches the example of the doc comment", () => {
    const m = ex.adamFirstMoment([1, 1], 0.5);
    expect(m).toHaveLength(2);
    expect(m[0]).toBeCloseTo(0.5, 12);
    expect(m[1]).toBeCloseTo(0.75, 12);
  });
  it("(d2) adamStep counts the update and moves by about lr on the first step", () => {
    const next = ex.adamStep({ params: [0], m: [0], v: [0], t: 0 }, [2], hp);
    expect(next.t).toBe(1);
    expect(next.params[0]).toBeCloseTo(-0.1, 6);
  });
  it("(d3) adamTrajectory returns steps + 1 points starting at x0", () => {
    const path = ex.adamTrajectory([1, 1], 3, hp);
    expect(path).toHaveLength(4);
    expect(path[0]).toEqual([1, 1]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
