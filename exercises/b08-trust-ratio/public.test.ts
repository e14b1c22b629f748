// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 };

describe("b08-trust-ratio", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) answers the six statements", () => expectClassification(ex.partB, 6));
  it("(c) is an expression in A, W, lambda", () => expectExpression(ex.partC, ["A", "W", "lambda"]));
  it("(d1) lambTrustRatio matches the example of the doc comment", () => {
    expect(ex.lambTrustRatio([3, 4], [0, 0.5])).toBeCloseTo(10, 12);
  });
  it("(d2) lambStep counts the update and keeps the layer shapes", () => {
    const next = ex.lambStep({ params: [[1, 2], [3]], m: [[0, 0], [0]], v: [[0, 0], [0]], t: 0 }, [[1, 1], [1]], hp);
    expect(next.t).toBe(1);
    expect(next.params.map((w) => w.length)).toEqual([2, 1]);
  });
  it("(d3) lambTrajectory returns steps + 1 entries starting at w0", () => {
    const path = ex.lambTrajectory([[1, 1], [1]], [[100, 1], [1]], 2, hp);
    expect(path).toHaveLength(3);
    expect(path[0]).toEqual([[1, 1], [1]]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
