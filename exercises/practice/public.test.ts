// Public tests: they check only that each answer is well formed. The graded tests check the values.
import { describe, it } from "vitest";
import { expectExpression, expectNumberAnswer } from "../lib/public";
import * as ex from "./exercise";

describe("practice", () => {
  for (const name of ["example1", "example2a", "example2b", "example3a", "example3b", "problem1", "problem3a", "problem3b", "problem4a", "problem4b", "problem5a", "problem5b"] as const) {
    it(`(${name}) is a number or a constant expression`, () => expectNumberAnswer(ex[name]));
  }
  it("(problem2a) is an expression in eta0, gamma, k, S, delta", () => expectExpression(ex.problem2a, ["eta0", "gamma", "k", "S", "delta"]));
  it("(problem2b) is an expression in gamma, t, S", () => expectExpression(ex.problem2b, ["gamma", "t", "S"]));
});
