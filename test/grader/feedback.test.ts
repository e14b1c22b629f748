/**
 * Feedback that names the student's actual mistake (issue 10 §3), through the real suites,
 * grader and sandbox: a wrong type or shape is named before any value check (an answer of the
 * wrong shape never reads "no answer yet", though the task reads its fields), an unanswered part
 * says "no answer yet", `**` gets "use ^", a result that matches a known wrong solution names it
 * (even when written differently), and a wrong value that matches no known mistake reads "failed"
 * and nothing more: there are no fixed hints (one shown on every failure of a task points a
 * student whose mistake is another at a bug they do not have).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackHtml } from "../../grader/harness/report/report";
import { closeGraders, gradeSubmission, type GradeResult } from "../../grader/harness/run/grade";
import { wrongSource } from "../../grader/wrong/wrong";

afterAll(closeGraders);

/** Variants of the references: each replaces snippets of one exercise's reference solution. */
const VARIANTS: Record<string, { id: string; edits: [string, string][] }> = {
  unanswered: { id: "a01-step-decay", edits: [['null = ("B"', 'null = (null']] },
  power: { id: "a01-step-decay", edits: [['"S * ceil(log(eta_target / eta0) / log(gamma))"', '"S * ceil(log(eta_target / eta0) / log(gamma)) ** 1"']] },
  string: { id: "a01-step-decay", edits: [["  return config.eta0 * config.gamma ** Math.floor(step / config.stepSize);", "  return String(config.eta0 * config.gamma ** Math.floor(step / config.stepSize)) as unknown as number;"]] },
  offByPercent: { id: "a01-step-decay", edits: [["  return config.eta0 * config.gamma ** Math.floor(step / config.stepSize);", "  return 1.01 * config.eta0 * config.gamma ** Math.floor(step / config.stepSize);"]] },
  key: { id: "b01-adagrad", edits: [["  return { params, accum };\n}", "  return { params, Accum: accum } as unknown as AdagradState;\n}"]] },
  flat: { id: "b09-shampoo", edits: [["  return mul(mul(inverseFourthRoot(L), G), inverseFourthRoot(R));", "  return mul(mul(inverseFourthRoot(L), G), inverseFourthRoot(R)).flat() as unknown as number[][];"]] },
  // oneCycle answers [lr, momentum] instead of { lr, momentum } (heavyBall reads it the same way, so it stays right)
  pair: {
    id: "a05-one-cycle",
    edits: [
      ["  return { lr: etaMin + (etaMax - etaMin) * x, momentum: momentumMax - (momentumMax - momentumMin) * x };", "  return [etaMin + (etaMax - etaMin) * x, momentumMax - (momentumMax - momentumMin) * x] as unknown as { lr: number; momentum: number };"],
      ["    const { lr, momentum } = oneCycle(config, k);", "    const [lr, momentum] = oneCycle(config, k) as unknown as [number, number];"],
    ],
  },
  // the known mistake "eps-inside-sqrt" (in the code and in (c)), written differently (powers instead of sqrt)
  epsInside: {
    id: "b01-adagrad",
    edits: [
      ["(hp.lr * grad[i]!) / (Math.sqrt(accum[i]!) + hp.eps)", "(hp.lr * grad[i]!) / (accum[i]! + hp.eps) ** 0.5"],
      ["hp.lr / (Math.sqrt(G) + hp.eps)", "hp.lr * (G + hp.eps) ** -0.5"],
      ['"eta / (sqrt(t * g^2) + eps)"', '"eta * (eps + t * g^2)^(-1/2)"'],
    ],
  },
  // the known mistake "log10-mixed" (a formula answer), written in another order and spacing
  log10Reordered: { id: "a01-step-decay", edits: [['export const partC: string | null = "S * ceil(log(eta_target / eta0) / log(gamma))";', 'export const partC: string | null = "floor(log10(eta_target/eta0) / log(gamma)) * S";']] },
  // the known mistake "mutates-state", written differently
  mutates: { id: "b01-adagrad", edits: [["  const accum = state.accum.map((G, i) => G + grad[i]! * grad[i]!);", "  state.accum.forEach((G, i) => (state.accum[i] = G + grad[i]! ** 2));\n  const accum = [...state.accum];"]] },
};

const results = new Map<string, GradeResult>();
beforeAll(async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "feedback-"));
  await Promise.all(
    Object.entries(VARIANTS).map(async ([name, v]) => {
      const dir = path.join(scratch, name);
      mkdirSync(path.join(dir, v.id), { recursive: true });
      writeFileSync(path.join(dir, v.id, "exercise.ts"), wrongSource({ id: v.id, slug: name, what: name, edits: v.edits }));
      results.set(name, await gradeSubmission(dir, { only: [v.id] }));
    }),
  );
}, 300_000);

/** The outputs of the failed tasks of a variant whose names start with `prefix`. */
const failed = (name: string, prefix: string) => results.get(name)!.tests.filter((t) => t.status === "failed" && t.name.includes(prefix)).map((t) => t.output);

describe("feedback", () => {
  it("says 'no answer yet' for a null answer, with no hint", () => {
    expect(failed("unanswered", "a01-step-decay a:")).toEqual(["no answer yet (the value is null)"]);
  });

  it("says 'use ^ for powers' for ** in a symbolic answer", () => {
    expect(failed("power", "a01-step-decay c:")).toEqual(["use ^ for powers (gamma^k), not ** : answers are mathjs expressions"]);
  });

  it("names a string returned where a number is expected, before any value check, without the formula hint", () => {
    const out = failed("string", "stepDecay");
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const o of out) expect(o).toBe("returned a string where a number is expected");
  });

  it("names a misspelt key, and a flat array where a matrix is expected", () => {
    expect(failed("key", "adagradStep").every((o) => o === "missing key `accum` (a key that differs from it only in case or underscores was returned)")).toBe(true);
    // Every number in a shape message is blanked: the student's length can carry an input out, and
    // the expected size is the hidden answer's.
    expect(failed("flat", "shampooPreconditioned")).toEqual([
      "returned an array of … numbers where a … × … matrix (array of arrays) is expected",
      "returned an array of … numbers where a … × … matrix (array of arrays) is expected",
    ]);
  });

  it("names an array returned where an object is expected on every task that reads it, never 'no answer yet'", () => {
    const all = results.get("pair")!.tests.filter((t) => t.status === "failed");
    expect(all.map((t) => t.name)).toEqual([
      "a05-one-cycle d: oneCycle: practice problem 5 (LR and momentum at t = 90 000)",
      "a05-one-cycle d: oneCycle: boundaries — step 0, the peak, the step after, step T and past it",
      "a05-one-cycle d: oneCycle: LR and momentum move inversely and match the definition at random steps",
    ]);
    for (const t of all) expect(t.output).toBe("returned an array of … numbers where an object with keys `lr`, `momentum` is expected");
    expect(feedbackHtml(results.get("pair")!)).not.toContain("no answer yet");
  });

  it("says which value a failed check read, and nothing more, for a wrong value that matches no known mistake: no hint, no guess", () => {
    // the check's own name for the value ("step 3") with its numbers blanked: it can hold an input
    expect(failed("offByPercent", "stepDecay: holds η₀")).toEqual(["step … is not the expected value"]);
  });

  it("names a known mistake when the answers match it, though the code is written differently", () => {
    const out = failed("epsInside", "adagradStep");
    expect(out.length).toBeGreaterThan(0);
    for (const o of out) expect(o).toMatch(/^[^\d\n]* is not the expected value\nYour results match a known mistake: Adds ε inside the square root/);
    expect(out.join("\n")).not.toContain("Hint:");
  });

  it("names a known mistake in a formula answer by its value, however the formula is written", () => {
    const out = failed("log10Reordered", "a01-step-decay c:");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/\nYour results match a known mistake: \(c\) mixes log10 in the numerator with the natural log in the denominator, and floors instead of ceiling\.$/);
  });

  it("checks that a function promised not to modify its arguments does not, and names the mistake", () => {
    const out = failed("mutates", "adagradStep");
    expect(out).toEqual([
      "adagradStep changed its argument 1 in place; the statement says it must not modify its arguments (work on a copy)\nYour results match a known mistake: Updates the accumulator in place (state.accum is changed), although adagradStep must not modify its arguments.",
    ]);
    expect(results.get("mutates")!.score).toBe(results.get("mutates")!.max_score - 1);
  });

  it("shows a failed task's status once in feedback.html", () => {
    const html = feedbackHtml(results.get("offByPercent")!);
    expect(html).not.toMatch(/failed\s*<pre>\s*failed/);
    expect(html).toContain('<td class="fail">failed: step … is not the expected value</td>');
    expect(html).not.toContain("Hint:");
    expect(feedbackHtml(results.get("unanswered")!)).toContain("failed: no answer yet (the value is null)");
  });
});
