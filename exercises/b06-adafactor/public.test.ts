// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("b06-adafactor", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five parameters", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in p, q, r, s", () => expectExpression(ex.partC, ["p", "q", "r", "s"]));
  it("(d1) adafactorSecondMoment matches the example of the doc comment", () => {
    const out = ex.adafactorSecondMoment({ row: [0, 0], col: [0, 0] }, [[1, 2], [3, 4]], { beta2: 0, eps1: 0 });
    expect(out.row).toEqual([5, 25]);
    expect(out.col).toEqual([10, 20]);
    expect(out.vhat[0]![0]).toBeCloseTo(50 / 30, 12);
  });
  it("(d2) adafactorTrajectory returns steps + 1 matrices starting at W0", () => {
    const path = ex.adafactorTrajectory([[1, 1], [1, 1]], [[100, 1], [1, 1]], 2, { lr: 0.01, eps1: 1e-30 });
    expect(path).toHaveLength(3);
    expect(path[0]).toEqual([[1, 1], [1, 1]]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
