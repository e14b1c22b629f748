// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

const hp = { lr: 1, trust: 0.001, weightDecay: 0, momentum: 0.9 };

describe("b07-lars", () => {
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the five optimizers", () => expectClassification(ex.partB, 5));
  it("(c) is an expression in eta, tau, h, beta, W", () => expectExpression(ex.partC, ["eta", "tau", "h", "beta", "W"]));
  it("(d1) larsLocalLr matches the example of the doc comment", () => {
    expect(ex.larsLocalLr([3, 4], [0.6, 0.8], hp)).toBeCloseTo(0.005, 12);
  });
  it("(d2) larsStep returns one weight vector and one velocity per layer", () => {
    const next = ex.larsStep({ params: [[1, 2], [3]], velocity: [[0, 0], [0]] }, [[1, 1], [1]], hp);
    expect(next.params.map((w) => w.length)).toEqual([2, 1]);
    expect(next.velocity.map((u) => u.length)).toEqual([2, 1]);
  });
  it("(d3) larsTrajectory returns steps + 1 entries starting at w0", () => {
    const path = ex.larsTrajectory([[1, 1], [1]], [[100, 1], [1]], 2, hp);
    expect(path).toHaveLength(3);
    expect(path[0]).toEqual([[1, 1], [1]]);
  });
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
