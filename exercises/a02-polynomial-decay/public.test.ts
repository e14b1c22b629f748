// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a02-polynomial-decay", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in T and p", () => expectExpression(ex.partC, ["T", "p"]));
  it("(d1) polynomialDecay starts at eta0", () => {
    expect(ex.polynomialDecay({ eta0: 0.1, etaEnd: 0.001, totalSteps: 1000, power: 2 }, 0)).toBeCloseTo(0.1, 12);
  });
  it("(d2) partialSums of one term is eta0 and eta0²", () => {
    const r = ex.partialSums({ eta0: 0.5, alpha: 0.7 }, 1);
    expect(r.sum).toBeCloseTo(0.5, 12);
    expect(r.sumOfSquares).toBeCloseTo(0.25, 12);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
