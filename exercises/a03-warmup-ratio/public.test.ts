// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a03-warmup-ratio", () => {
  const config = { peak: 1e-3, warmupRatio: 0.1, totalSteps: 1000 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in r, T and eta_peak", () => expectExpression(ex.partC, ["r", "T", "eta_peak"]));
  it("(d1) warmupSteps: a ratio of 0.1 of 1000 steps is 100 steps", () => expect(ex.warmupSteps(0.1, 1000)).toBe(100));
  it("(d2) warmupLinear starts at 0", () => expect(ex.warmupLinear(config, 0)).toBe(0));
  it("(d3) firstUnstableStep returns an integer step or -1", () => {
    const k = ex.firstUnstableStep(config, [1, 2]);
    expect(Number.isInteger(k) && k >= -1).toBe(true);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
