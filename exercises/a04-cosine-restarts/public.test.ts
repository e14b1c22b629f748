// Public tests: they check the basics only. The graded tests are more thorough.
import { describe, expect, it } from "vitest";
import { expectChoice, expectClassification, expectExpression } from "../lib/public";
import * as ex from "./exercise";

describe("a04-cosine-restarts", () => {
  const config = { etaMax: 0.1, etaMin: 0.001, T0: 10, Tmult: 2 };
  it("(a) is answered with one letter", () => expectChoice(ex.partA));
  it("(b) classifies the six schedules", () => expectClassification(ex.partB, 6));
  it("(c) is an expression in T0, Tmult and i", () => expectExpression(ex.partC, ["T0", "Tmult", "i"]));
  it("(d1) cosineWithRestarts starts at etaMax", () => expect(ex.cosineWithRestarts(config, 0)).toBeCloseTo(0.1, 12));
  it("(d1) cosineWithRestarts is halfway at the middle of the first cycle", () => {
    expect(ex.cosineWithRestarts(config, 5)).toBeCloseTo(0.0505, 12);
  });
  it("(d2) restartSteps: the first restart is at T0", () => expect(ex.restartSteps(config, 11)).toEqual([10]));
  it("(e) is answered with one letter", () => expectChoice(ex.partE));
});
