// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a10-llm-schedule", () => {
  const config = { peak: 3e-4, minLr: 3e-5, warmupSteps: 2000, totalSteps: 100000 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five configurations", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta_max, eta_min, t, w and T", () => expectExpression(ex.partC, ["eta_max", "eta_min", "t", "w", "T"]));
  it("(d1) llmSchedule: worked example 2, step 1500 of the warmup", () => {
    expect(ex.llmSchedule({ peak: 3e-4, minLr: 0, warmupSteps: 2000, totalSteps: 100000 }, 1500)).toBeCloseTo(2.25e-4, 12);
  });
  it("(d2) designSchedule returns the four fields", () => {
    const c = ex.designSchedule({ totalTokens: 4e9, tokensPerStep: 4e6, warmupTokens: 4e7, peak: 3e-4, minLrRatio: 0.1 });
    expect(Object.keys(c).sort()).toEqual(["minLr", "peak", "totalSteps", "warmupSteps"]);
  });
  it("(d3) firstDeviation returns -1 for an empty log", () => expect(ex.firstDeviation(config, [])).toBe(-1));
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
