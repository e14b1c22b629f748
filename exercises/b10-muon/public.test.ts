// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("b10-muon", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five parameters", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in a, b, c, x", () => expectExpression(ex.partC, ["a", "b", "c", "x"]));
  it("(d1) newtonSchulz keeps the shape of a tall matrix", () => {
    const X = ex.newtonSchulz([[1, 2], [3, 4], [5, 7]], 5);
    expect(X.map((r) => r.length)).toEqual([2, 2, 2]);
  });
  it("(d1) newtonSchulz matches the example of the doc comment", () => {
    const x = 2 / Math.sqrt(8);
    const p = 3.4445 * x - 4.775 * x ** 3 + 2.0315 * x ** 5;
    const X = ex.newtonSchulz([[2, 0], [0, 2]], 1);
    expect(X[0]![0]).toBeCloseTo(p, 5);
    expect(X[0]![1]).toBeCloseTo(0, 10);
  });
  it("(d2) muonStep keeps the shapes", () => {
    const next = ex.muonStep({ W: [[0, 0, 0], [0, 0, 0]], B: [[0, 0, 0], [0, 0, 0]] }, [[1, 0, 0], [0, 1, 0]], { lr: 0.02, momentum: 0.95, nesterov: true, nsSteps: 5 });
    expect(next.W.map((r) => r.length)).toEqual([3, 3]);
    expect(next.B.map((r) => r.length)).toEqual([3, 3]);
  });
  it("(d3) muonTrajectory returns steps + 1 matrices starting at W0", () => {
    const path = ex.muonTrajectory([[1, 0], [0, 1]], [[0, 1], [1, 0]], 2, { lr: 0.1, momentum: 0.9, nesterov: false, nsSteps: 5 });
    expect(path).toHaveLength(3);
    expect(path[0]).toEqual([[1, 0], [0, 1]]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
