// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a07-cooldown", () => {
  const config = { peak: 1e-3, floor: 1e-5, warmupSteps: 10, stableSteps: 70, decaySteps: 20, shape: "linear" as const };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta_peak, eta_floor, t, t0 and D", () =>
    expectExpression(ex.partC, ["eta_peak", "eta_floor", "t", "t0", "D"]));
  it("(d1) wsd holds the peak during the stable phase", () => expect(ex.wsd(config, 50)).toBeCloseTo(1e-3, 12));
  it("(d2) cooldownMass is a positive number", () => expect(ex.cooldownMass(config)).toBeGreaterThan(0));
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
