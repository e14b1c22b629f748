// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("b09-shampoo", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five optimizers", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta, g, t", () => expectExpression(ex.partC, ["eta", "g", "t"]));
  it("(d1) shampooPreconditioned matches the example of the doc comment", () => {
    const P = ex.shampooPreconditioned([[1, 1], [1, 1]], [[16, 0], [0, 1]], [[1, 0], [0, 81]]);
    expect(P[0]![0]).toBeCloseTo(0.5, 10);
    expect(P[0]![1]).toBeCloseTo(0.5 / 3, 10);
    expect(P[1]![0]).toBeCloseTo(1, 10);
    expect(P[1]![1]).toBeCloseTo(1 / 3, 10);
  });
  it("(d2) shampooStep returns 2 × 2 matrices", () => {
    const next = ex.shampooStep({ W: [[1, 0], [0, 1]], L: [[1, 0], [0, 1]], R: [[1, 0], [0, 1]] }, [[1, 0], [0, 1]], { lr: 0.1 });
    for (const M of [next.W, next.L, next.R]) expect(M.map((r) => r.length)).toEqual([2, 2]);
  });
  it("(d3) shampooTrajectory returns steps + 1 matrices starting at W0", () => {
    const I = [[1, 0], [0, 1]];
    const path = ex.shampooTrajectory([[1, 2], [3, 4]], I, I, 2, { lr: 0.1, eps: 1e-6 });
    expect(path).toHaveLength(3);
    expect(path[0]).toEqual([[1, 2], [3, 4]]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
