// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a08-batch-scaling", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five changes", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta, B and B_new", () => expectExpression(ex.partC, ["eta", "B", "B_new"]));
  it("(d1) scaledLr leaves the LR alone when the batch is unchanged", () => {
    expect(ex.scaledLr("linear", 0.1, 256, 256)).toBeCloseTo(0.1, 12);
    expect(ex.scaledLr("sqrt", 0.1, 256, 256)).toBeCloseTo(0.1, 12);
  });
  it("(d2) effectiveBatch of a single micro-batch on one worker is the micro-batch", () => {
    expect(ex.effectiveBatch({ microBatch: 32, accumulationSteps: 1, workers: 1 })).toBe(32);
  });
  it("(d3) optimizerSteps returns an integer", () => {
    expect(Number.isInteger(ex.optimizerSteps({ microBatch: 32, accumulationSteps: 1, workers: 1 }, 1000, 1))).toBe(true);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
