// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a12-schedule-free", () => {
  const problem = { lambdas: [2], centers: [0] };
  const config = { lr: 0.1, beta: 0.9 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five averages", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in sigma, lambda, eta and N", () => expectExpression(ex.partC, ["sigma", "lambda", "eta", "N"]));
  it("(d1) scheduleFreeStep: the first update from x = z = 1 on f = w²", () => {
    // y₁ = 1, ∇f = 2, z₂ = 1 − 0.1·2 = 0.8, c₂ = ½, x₂ = ½(1 + 0.8) = 0.9.
    const next = ex.scheduleFreeStep(problem, config, { x: [1], z: [1], t: 1 });
    expect(next.z[0]).toBeCloseTo(0.8, 12);
    expect(next.x[0]).toBeCloseTo(0.9, 12);
    expect(next.t).toBe(2);
  });
  it("(d2) scheduleFreeRun returns x, y and z with one number per coordinate", () => {
    const r = ex.scheduleFreeRun({ lambdas: [1, 4], centers: [0, 1] }, config, [1, 1], 3);
    for (const v of [r.x, r.y, r.z]) expect(v).toHaveLength(2);
  });
  it("(d3) emaOf starts at the first iterate", () => expect(ex.emaOf([[1], [3], [7]], 0.5)[0]).toBeCloseTo(4.5, 12));
  it("(d4) swaOf of a single sampled iterate is that iterate", () => expect(ex.swaOf([[1], [2], [3]], 2, 5)).toEqual([3]));
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
