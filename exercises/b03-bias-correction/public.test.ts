// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("b03-bias-correction", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five states", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in beta1, beta2, t", () => expectExpression(ex.partC, ["beta1", "beta2", "t"]));
  it("(d1) biasCorrected matches the example of the doc comment", () => {
    const { mHat, vHat } = ex.biasCorrected([0.1], [0.001], 1, [0.9, 0.999]);
    expect(mHat[0]).toBeCloseTo(1, 10);
    expect(vHat[0]).toBeCloseTo(1, 10);
  });
  it("(d2) adamStepSizes returns one size per update", () => {
    const sizes = ex.adamStepSizes([1, 1], 4, { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, biasCorrection: true });
    expect(sizes).toHaveLength(4);
    expect(sizes.every((x) => x > 0)).toBe(true);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
