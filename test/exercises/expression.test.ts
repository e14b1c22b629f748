import { describe, expect, it } from "vitest";
import { allowedError, checkExpression, checkNumber, checkSyntax, MAX_LENGTH, parseAnswerNumber, type Ranges } from "../../exercises/lib/expression";

const stepRanges: Ranges = {
  eta0: { min: 1e-4, max: 1, log: true },
  gamma: { min: 0.05, max: 0.95 },
  S: { min: 1, max: 1000, integer: true },
  t: { min: 0, max: 100000, integer: true },
};
const stepRef = "eta0 * gamma^floor(t / S)";

describe("checkExpression: equal expressions", () => {
  it("accepts the reference itself and algebraically equal rewrites", () => {
    for (const a of [stepRef, "gamma^floor(t/S)*eta0", "eta0 * exp(floor(t/S) * log(gamma))", "eta0/gamma^(-floor(t/S))"]) {
      const v = checkExpression(a, stepRef, stepRanges);
      expect(v.feedback).toMatch(/^correct/);
      expect(v.ok).toBe(true);
    }
  });

  it("accepts cosine annealing written with different term order inside cos", () => {
    const ranges: Ranges = { eta_max: { min: 1e-5, max: 1, log: true }, t: { min: 0, max: 1000 }, T: { min: 1000, max: 2000 } };
    const v = checkExpression("eta_max/2*(1+cos(t*pi/T))", "0.5*eta_max*(1+cos(pi*t/T))", ranges);
    expect(v.ok).toBe(true);
  });

  it("accepts pi and e as constants and ignores unused allowed symbols", () => {
    expect(checkExpression("log(2)/lambda", "0.693147180559945/lambda", { lambda: { min: 1e-6, max: 1, log: true }, T: { min: 1, max: 2 } }).ok).toBe(true);
    expect(checkExpression("e^x", "exp(x)", { x: { min: -3, max: 3 } }).ok).toBe(true);
  });
});

describe("checkExpression: wrong answers, with feedback naming the point", () => {
  it("rejects round for floor, naming integer step values", () => {
    const v = checkExpression("eta0 * gamma^round(t/S)", stepRef, stepRanges);
    expect(v.ok).toBe(false);
    expect(v.feedback).toMatch(/differs at eta0 = [\d.e-]+, gamma = [\d.]+, S = \d+, t = \d+ \(yours gives/);
  });

  it("rejects an off-by-one step index", () => {
    expect(checkExpression("eta0 * gamma^floor((t+1)/S)", stepRef, stepRanges).ok).toBe(false);
  });

  it("says which reference symbol the answer leaves out", () => {
    const v = checkExpression("eta0 * 0.5^floor(t/S)", stepRef, stepRanges);
    expect(v.ok).toBe(false);
    expect(v.feedback).toContain("does not use gamma");
  });

  it("rejects an answer that is not finite where the reference is", () => {
    const v = checkExpression("1/(t-t)", "t", { t: { min: 1, max: 2 } });
    expect(v.ok).toBe(false);
    expect(v.feedback).toMatch(/not a finite number at t = /);
  });

  it("detects differences of one part in a thousand but tolerates rounding noise", () => {
    const r: Ranges = { x: { min: 1, max: 2 } };
    expect(checkExpression("1.001*x", "x", r).ok).toBe(false);
    expect(checkExpression("x*(1+1e-12)", "x", r).ok).toBe(true);
  });

  it("honours `where`: compares only on the constrained region", () => {
    const r: Ranges = { t: { min: 0, max: 100, integer: true }, T: { min: 1, max: 100, integer: true } };
    // min(t, T) equals t only where t ≤ T.
    expect(checkExpression("min(t, T)", "t", r, { where: (p) => p.t! <= p.T! }).ok).toBe(true);
    expect(checkExpression("min(t, T)", "t", r).ok).toBe(false);
  });

  it("throws on an invalid reference (an instructor error, not a student one)", () => {
    expect(() => checkExpression("t", "t +", { t: { min: 0, max: 1 } })).toThrow(/invalid reference/);
  });
});

describe("checkSyntax: helpful messages", () => {
  const syms = ["eta_max", "t", "T", "T0", "Tmult"];
  const msg = (a: unknown) => {
    const r = checkSyntax(a, syms);
    expect("ok" in r && r.ok === false).toBe(true);
    return (r as { feedback: string }).feedback;
  };

  it("suggests the nearest symbol", () => {
    expect(msg("eta_mx * t")).toContain("unknown symbol eta_mx — did you mean eta_max?");
  });

  it("explains case sensitivity", () => {
    expect(checkSyntax("t/T", syms)).toHaveProperty("evaluate");
    expect(msg("t/tmult")).toContain("symbols are case-sensitive, tmult is not Tmult");
  });

  it("tells ln users to write log", () => {
    expect(msg("ln(2)")).toContain("use log(x)");
  });

  it("explains a symbol followed by parentheses", () => {
    expect(msg("T0(1 + Tmult)")).toContain("write T0 * (…)");
  });

  it("warns about implicit multiplication after a division", () => {
    const r = checkSyntax("eta_max/2 (1 + T)", syms);
    expect(r).toHaveProperty("warnings");
    expect((r as { warnings: string[] }).warnings[0]).toContain("implicit multiplication binds tighter than /");
    const v = checkExpression("eta_max/2 (1 + t)", "eta_max/2*(1+t)", { eta_max: { min: 1, max: 2 }, t: { min: 0, max: 1 } });
    expect(v.ok).toBe(false);
    expect(v.feedback).toContain("implicit multiplication");
  });

  it("rejects null, non-strings, empty strings and overlong strings", () => {
    expect(msg(null)).toContain("no answer yet");
    expect(msg(42)).toContain("must be a string");
    expect(msg("  ")).toContain("empty");
    expect(msg("t+".repeat(5000) + "t")).toContain(`the limit is ${MAX_LENGTH}`);
    expect(msg("1".repeat(MAX_LENGTH + 1))).toContain("limit");
  });

  it("reports a parse error", () => {
    expect(msg("t + * T")).toMatch(/could not parse/);
  });
});

describe("checkSyntax: attempted escapes are rejected before anything runs", () => {
  const syms = ["x"];
  const cases: [string, RegExp][] = [
    ['import({evil: 1}, {override: true})', /function import is not allowed/],
    ['createUnit("foo")', /function createUnit is not allowed/],
    ['evaluate("1+1")', /function evaluate is not allowed/],
    ['parse("x")', /function parse is not allowed/],
    ["x.constructor", /property access/],
    ['x["constructor"]', /property access or indexing/],
    ["constructor", /unknown symbol constructor/],
    ["toString(1)", /function toString is not allowed/],
    ["__proto__", /unknown symbol __proto__/],
    ["f(y) = y", /function definition/],
    ["x = 3", /assignment/],
    ["[1, 2]", /matrix or list/],
    ["{a: 1}", /an object/],
    ["1:3", /a range/],
    ["x; x", /several statements/],
    ["x > 1 ? 1 : 2", /conditional/],
    ['"abc"', /only numbers are allowed/],
    ["x == 1", /operator == is not allowed/],
    ["x!", /operator ! is not allowed/],
    ["5 cm", /unknown symbol cm/],
    ["1e400", /too large/],
    ["sqrt", /sqrt is a function/],
    ["max(x)", /max takes 2 to 8 arguments, not 1/],
  ];
  for (const [src, re] of cases) {
    it(`rejects ${src}`, () => {
      const r = checkSyntax(src, syms);
      expect(r).toHaveProperty("ok", false);
      expect((r as { feedback: string }).feedback).toMatch(re);
    });
  }

  it("evaluates huge exponents to a non-finite value, which is rejected, not a hang", () => {
    const v = checkExpression("10^10^10^10", "x", { x: { min: 1, max: 2 } });
    expect(v.ok).toBe(false);
    expect(v.feedback).toMatch(/not a finite number/);
  });

  it("rejects a 10 000-character string quickly", () => {
    const r = checkSyntax("(".repeat(5000) + "x" + ")".repeat(5000), syms);
    expect((r as { feedback: string }).feedback).toContain("10001 characters");
  });
});

describe("parseAnswerNumber and checkNumber", () => {
  it("reads numbers and constant expressions", () => {
    expect(parseAnswerNumber(0.5)).toMatchObject({ ok: true, value: 0.5 });
    const r = parseAnswerNumber("5e-4 * (1 + cos(0.37 * pi))");
    expect(r.ok).toBe(true);
    // Worked example 1 of the lesson: 6.9857e-4.
    expect((r as { value: number }).value).toBeCloseTo(6.9857e-4, 8);
    expect(parseAnswerNumber("log(2)/2.3026e-4")).toMatchObject({ ok: true });
  });

  it("rejects symbols, non-finite values and null", () => {
    expect(parseAnswerNumber("t/2").feedback).toContain("unknown symbol t");
    expect(parseAnswerNumber("1/0").feedback).toContain("Infinity");
    expect(parseAnswerNumber(Number.NaN).ok).toBe(false);
    expect(parseAnswerNumber(null).feedback).toContain("no answer yet");
  });

  it("checkNumber accepts exactly the value asked for, to 3 significant figures by default", () => {
    expect(checkNumber("2.25e-4", 2.25e-4).ok).toBe(true);
    expect(checkNumber(3010.3, 3010.2999).ok).toBe(true);
    expect(checkNumber(3100, 3010.3).ok).toBe(false);
    expect(checkNumber(0.51, 0.5).ok).toBe(false);
  });

  // The practice header promises 3 significant figures: the lesson's values rounded to 3 figures
  // pass, one unit off in the third figure fails.
  const roundings: [number, number, number][] = [
    // exact value (lesson), its 3-figure rounding, one unit off in the third figure
    [Math.log(10) / 10_000, 0.00023, 0.000231], // worked example 3: λ = 2.3026e-4
    [1.5e-4 * (1 + Math.cos((Math.PI * 48_000) / 98_000)), 1.55e-4, 1.56e-4], // worked example 2: 1.5481e-4
    [0.01 - (0.0099 * 60_000) / 70_000, 0.00151, 0.00152], // problem 5: 1.5143e-3
    [0.85 + (0.1 * 60_000) / 70_000, 0.936, 0.937], // problem 5: 0.93571
    [(Math.log(2) / Math.log(10)) * 10_000, 3010, 3020], // worked example 3: half-life 3010.3
  ];
  for (const [exact, rounded, off] of roundings) {
    it(`checkNumber: ${rounded} passes for ${exact.toPrecision(5)}, ${off} does not`, () => {
      expect(checkNumber(rounded, exact).ok).toBe(true);
      expect(checkNumber(String(rounded), exact).ok).toBe(true);
      expect(checkNumber(-rounded, -exact).ok).toBe(true);
      const v = checkNumber(off, exact);
      expect(v.ok).toBe(false);
      expect(v.feedback).toContain("3 significant figures");
    });
  }

  it("checkNumber: the boundary is half a unit in the third figure", () => {
    // 2.3026e-4: unit 1e-6, so 2.2976e-4 … 2.3076e-4 pass.
    const x = 2.3026e-4;
    expect(checkNumber(2.2977e-4, x).ok).toBe(true);
    expect(checkNumber(2.3075e-4, x).ok).toBe(true);
    expect(checkNumber(2.2975e-4, x).ok).toBe(false);
    expect(checkNumber(2.3077e-4, x).ok).toBe(false);
    // Two figures are not enough: 0.0015 for 1.5143e-3.
    expect(checkNumber(0.0015, 1.5143e-3).ok).toBe(false);
    expect(allowedError(0, { sigFigs: 3 })).toBe(0);
  });

  it("checkNumber with an absolute allowance (±1 step)", () => {
    for (const a of [25014, 25015, 25016, "25015"]) expect(checkNumber(a, 25015, { abs: 1 }).ok).toBe(true);
    for (const a of [25013, 25017, 25500]) expect(checkNumber(a, 25015, { abs: 1 }).ok).toBe(false);
  });
});

describe("checkExpression: equal forms that misbehave in floating point are accepted", () => {
  // Practice problem 2: the ratio of consecutive step-decay learning rates.
  const ratioRanges: Ranges = { gamma: { min: 0.05, max: 0.95 }, t: { min: 0, max: 2000, integer: true }, S: { min: 1, max: 50, integer: true } };
  const ratioRef = "gamma^(floor((t + 1) / S) - floor(t / S))";

  it("accepts a ratio of two powers that both underflow to 0 at large t (0/0 in double precision)", () => {
    const answer = "gamma^floor((t+1)/S) / gamma^floor(t/S)";
    // The form really is 0/0 in double precision at the range's corner (γ = 0.05, t = 2000, S = 1).
    expect(Number.isNaN(0.05 ** 2001 / 0.05 ** 2000)).toBe(true);
    const v = checkExpression(answer, ratioRef, ratioRanges, { points: 400 });
    expect(v.feedback).toMatch(/^correct/);
    // Written with eta0 on both sides, as the learning rates themselves.
    const withEta = checkExpression("(2 * gamma^floor((t+1)/S)) / (2 * gamma^floor(t/S))", ratioRef, ratioRanges, { points: 400 });
    expect(withEta.ok).toBe(true);
  });

  it("accepts powers that overflow (∞/∞) and a difference that cancels in double precision", () => {
    const r: Ranges = { x: { min: 0.001, max: 0.01 }, n: { min: 500, max: 1000, integer: true } };
    expect(checkExpression("(1/x)^(n+1) / (1/x)^n", "1/x", r).ok).toBe(true);
    // (1 − cos x)/x² = ½ at small x: the left form loses all digits to cancellation.
    const small: Ranges = { x: { min: 1e-9, max: 1e-7, log: true } };
    expect(checkExpression("(1 - cos(x)) / x^2", "2 * sin(x/2)^2 / x^2", small).ok).toBe(true);
    expect(checkExpression("log(exp(x*1e4)) / 1e4", "x", { x: { min: 0.1, max: 1 } }).ok).toBe(true);
  });

  it("still rejects forms that really differ, where double precision cannot tell them apart", () => {
    // Off by one step in both powers: the ratio is still 1 or γ, but at different t.
    const off = checkExpression("gamma^floor((t+2)/S) / gamma^floor((t+1)/S)", ratioRef, ratioRanges, { points: 400 });
    expect(off.ok).toBe(false);
    expect(off.feedback).toMatch(/differs at gamma = /);
    // One part in a thousand off, at points where both sides are 0/0 in double precision.
    const scaled = checkExpression("1.001 * gamma^floor((t+1)/S) / gamma^floor(t/S)", ratioRef, ratioRanges, { points: 400 });
    expect(scaled.ok).toBe(false);
    // Powers one apart: γ^(Δ+1) is γ times the answer, even where both underflow.
    expect(checkExpression("gamma^floor((t+1)/S) / gamma^(floor(t/S) - 1)", ratioRef, ratioRanges).ok).toBe(false);
    // An answer that is undefined where the reference is not is still rejected.
    const undef = checkExpression("gamma^floor((t+1)/S) / (gamma^floor(t/S) - gamma^floor(t/S))", ratioRef, ratioRanges);
    expect(undef.ok).toBe(false);
    expect(undef.feedback).toMatch(/not a finite number/);
  });

  it("compares in decimal arithmetic with Math's conventions (round halves up, min/max, log bases)", () => {
    const r: Ranges = { k: { min: -20, max: 20, integer: true } };
    expect(checkExpression("round(k/2) * 10^400 / 10^400", "round(k/2)", r).ok).toBe(true);
    expect(checkExpression("max(k, 0) * 1e300 * 1e300 / 1e300 / 1e300", "max(k, 0)", r).ok).toBe(true);
    expect(checkExpression("log(2^(k+2000), 2) - 2000", "k", r).ok).toBe(true);
    expect(checkExpression("log2(2^(k+2000)) - 2000", "k + 1", r).ok).toBe(false);
  });
});
