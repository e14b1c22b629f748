// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a05-one-cycle", () => {
  const config = { etaMin: 0.004, etaMax: 0.1, peakStep: 30, totalSteps: 100, momentumMin: 0.85, momentumMax: 0.95 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five schedules", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in m_min, m_max, t, P and T", () => expectExpression(ex.partC, ["m_min", "m_max", "t", "P", "T"]));
  it("(d1) oneCycle starts at etaMin with the highest momentum", () => {
    const r = ex.oneCycle(config, 0);
    expect(r.lr).toBeCloseTo(0.004, 12);
    expect(r.momentum).toBeCloseTo(0.95, 12);
  });
  it("(d2) heavyBall returns a point [x, y] and leaves it alone for 0 steps", () => {
    expect(ex.heavyBall(config, [1, 4], [1, 1], 0)).toEqual([1, 1]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
