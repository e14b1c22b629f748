// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a06-inverse-sqrt", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in w and q", () => expectExpression(ex.partC, ["w", "q"]));
  it("(d1) inverseSqrt starts at 0 and reaches the peak at the end of warmup", () => {
    expect(ex.inverseSqrt({ peak: 1e-3, warmupSteps: 100 }, 0)).toBe(0);
    expect(ex.inverseSqrt({ peak: 1e-3, warmupSteps: 100 }, 100)).toBeCloseTo(1e-3, 12);
  });
  it("(d2) noam returns a positive number at step 0", () => {
    expect(ex.noam({ dModel: 512, warmupSteps: 4000 }, 0)).toBeGreaterThan(0);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
