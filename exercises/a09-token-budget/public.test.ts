// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a09-token-budget", () => {
  const shape = { microBatch: 1, accumulationSteps: 1, workers: 1, sequenceLength: 1000 };
  const config = { peak: 1e-3, floor: 1e-4, warmupTokens: 1e6, totalTokens: 1e8 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five setups", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in N, b, A, P and L", () => expectExpression(ex.partC, ["N", "b", "A", "P", "L"]));
  it("(d1) tokensPerStep of one sequence is its length", () => expect(ex.tokensPerStep(shape)).toBe(1000));
  it("(d2) stepsForTokens returns an integer", () => expect(Number.isInteger(ex.stepsForTokens(1e6, shape))).toBe(true));
  it("(d3) lrAtTokens starts at 0", () => expect(ex.lrAtTokens(config, 0)).toBe(0));
  it("(d4) lrAtStep starts at 0", () => expect(ex.lrAtStep(config, shape, 0)).toBe(0));
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
