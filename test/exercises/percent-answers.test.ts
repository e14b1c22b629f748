/**
 * A "%" in a numeric answer: the practice statement and the check agree. A trailing "%" makes the
 * whole answer a percentage (the value divided by 100), so where a fraction is asked "50.03 %",
 * "50.03%" and "0.5003" are all right and "50.03" is not; a "%" anywhere else, or in a formula, is
 * refused with a message saying why (mathjs would bind it to the number just before it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkExpression, checkNumber, checkSyntax, parseAnswerNumber } from "../../exercises/lib/expression";
import { expectNumberAnswer } from "../../exercises/lib/public";
import { ROOT } from "./exercises";

/** Problem 3b: the fraction of the 50 000-step run above half the peak, 25 015 / 50 000. */
const FRACTION = 25_015 / 50_000;

describe("a % in a numeric answer", () => {
  it("is a percentage of the whole answer where a fraction is asked: 50.03 %, 50.03% and 0.5003 pass, 50.03 does not", () => {
    for (const answer of ["50.03 %", "50.03%", "0.5003", 0.5003, " 50.03 % ", "(25015 / 50000 * 100) %", "5.003e1%"]) {
      expect(checkNumber(answer, FRACTION), JSON.stringify(answer)).toMatchObject({ ok: true });
    }
    for (const answer of ["50.03", 50.03, "5.003 %", "50.03 %%"]) {
      expect(checkNumber(answer, FRACTION).ok, JSON.stringify(answer)).toBe(false);
    }
    expect(parseAnswerNumber("50.03 %")).toMatchObject({ ok: true, value: 0.5003 });
    expect(parseAnswerNumber("(1/2) %")).toMatchObject({ ok: true, value: 0.005 });
    expect(checkNumber("50.03", FRACTION).feedback).toBe("your answer (50.03) is not the value asked for, to 3 significant figures");
  });

  it("is refused anywhere but at the very end, with a message naming what it applies to", () => {
    // mathjs reads "1/2 %" as 1/(2 %) = 50 and "5%*2" as 0.1: both are refused, not misread.
    for (const [answer, applies] of [["1/2 %", "2"], ["5% * 2", "5"], ["1 + 50 %", "50"], ["sqrt(25 %)", "25"]] as const) {
      const r = parseAnswerNumber(answer);
      expect(r.ok, answer).toBe(false);
      expect(r.feedback, answer).toContain(`a % is accepted only at the very end of a number answer`);
      expect(r.feedback, answer).toContain(`here it applies to ${applies} only`);
    }
    // The remainder operator stays refused.
    expect(parseAnswerNumber("50 % 7").feedback).toBe("the operator % is not allowed; use + - * / ^ and the listed functions");
  });

  it("is refused in a formula, even at its end", () => {
    const r = checkSyntax("eta0 * gamma^k %", ["eta0", "gamma", "k"]);
    expect(r).toMatchObject({ ok: false, feedback: `"%" is not allowed in a formula; write / 100 if you mean a percentage` });
    expect(checkExpression("100 * x %", "x", { x: { min: 1, max: 2 } })).toMatchObject({ ok: false });
  });

  it("passes the public test's well-formedness check exactly when the grader reads it as a number", () => {
    expect(() => expectNumberAnswer("50.03 %")).not.toThrow();
    expect(() => expectNumberAnswer("50.03%")).not.toThrow();
    expect(() => expectNumberAnswer("1/2 %")).toThrow(/only at the very end/);
  });

  it("is described the same way in the practice statement, starter and reference alike", () => {
    for (const file of ["exercises/practice/exercise.ts", "grader/solutions/practice/exercise.ts"]) {
      const header = readFileSync(path.join(ROOT, file), "utf8").split("*/")[0]!.replace(/\n \* ?/g, " ");
      expect(header, file).toContain(`"50.03 %" and "50.03%" are read as 0.5003, like "0.5003", while "50.03" without the "%" is 50.03`);
      expect(header, file).not.toContain(`no "%"`);
    }
  });
});
