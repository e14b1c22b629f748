// Public tests: they check only that each question is answered with one letter.
import { describe, it } from "vitest";
import { expectChoice } from "../lib/public";
import * as ex from "./exercise";

describe("quiz", () => {
  for (const name of ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] as const) {
    it(`(${name}) is answered with one letter`, () => expectChoice(ex[name]));
  }
});
