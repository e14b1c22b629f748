/**
 * Known mistakes are named only on the evidence they were recorded on: every call answered, and
 * answered alike. Checked against the known mistakes of the real manifest.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { answersDigest } from "../../grader/harness/feedback/digest";
import { knownMistake, sameAnswers } from "../../grader/harness/feedback/explain";
import { readManifest, type ManifestTask } from "../../grader/harness/score/manifest";
import { REPO, singledOut } from "./helpers";

const manifest = readManifest(path.join(REPO, "grader", "manifest.json"));
const records = Object.values(manifest.exercises).flatMap((ex) => (ex.mistakes ?? []).flatMap((m) => Object.values(m.answers)));

describe("sameAnswers", () => {
  it("matches a known mistake's own record, and only a record with every call answered", () => {
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) expect(sameAnswers(r, r), r).toBe(!r.split(".").includes("!x"));
  });

  it("never matches when the student's later calls failed without throwing (their answered calls all right)", () => {
    // The student answered the record's first call alike, then timed out or crashed on every other.
    let tried = 0;
    for (const r of records) {
      const calls = r.split(".");
      if (calls.length < 2) continue;
      tried++;
      const student = [calls[0], ...calls.slice(1).map(() => "!x")].join(".");
      expect(sameAnswers(student, r), r).toBe(false);
    }
    expect(tried).toBeGreaterThan(50);
  });

  it("is ruled out by one disagreeing call, a missing call or an extra one", () => {
    const ok = (v: unknown) => ({ ok: true as const, value: v });
    const known = answersDigest([ok(1), ok([2, 3]), { ok: false, error: "threw: TypeError: x is undefined" }]);
    expect(sameAnswers(answersDigest([ok(1), ok([2, 3]), { ok: false, error: "threw: TypeError: other text" }]), known)).toBe(true);
    expect(sameAnswers(answersDigest([ok(1), ok([2, 4]), { ok: false, error: "threw: TypeError: x" }]), known)).toBe(false);
    expect(sameAnswers(answersDigest([ok(1), ok([2, 3])]), known)).toBe(false);
    expect(sameAnswers(answersDigest([ok(1), ok([2, 3]), { ok: false, error: "threw: TypeError: x" }, ok(5)]), known)).toBe(false);
    expect(sameAnswers(answersDigest([ok(1), ok([2, 3]), { ok: false, error: "threw: RangeError: x" }]), known)).toBe(false);
    // values equal to 4 significant figures agree (another summation order), others do not
    expect(sameAnswers(answersDigest([ok(0.1 + 0.2)]), answersDigest([ok(0.3)]))).toBe(true);
    expect(sameAnswers(answersDigest([ok(0.3001)]), answersDigest([ok(0.3)]))).toBe(false);
  });
});

describe("answersDigest", () => {
  const one = (value: unknown) => answersDigest([{ ok: true, value }]);

  it("fingerprints text answers by the value they are graded as", () => {
    // formulas: equal as functions, whatever the form
    expect(one("w * q^(-1)")).toBe(one("w / q"));
    expect(one("S * ceil(log(eta_target / eta0) / log(gamma))")).toBe(one("ceil(log(eta_target/eta0)/log(gamma)) * S"));
    expect(one("eta0 * gamma^k")).toBe(one("gamma^k*eta0"));
    expect(one("w * q^(-1)")).not.toBe(one("w * q"));
    expect(one("floor(t / S)")).not.toBe(one("ceil(t / S)"));
    // choice letters in either case, numbers written as text
    expect(one("b")).toBe(one("B"));
    expect(one(" B ")).toBe(one("B"));
    expect(one("b")).not.toBe(one("c"));
    expect(one("5e-1")).toBe(one(0.5));
    expect(one("0.25 * 2")).toBe(one(0.5));
    // formulas that agree at real points but not at whole numbers (practice problem 2b's kind)
    expect(one("gamma^(floor(t / S) - floor((t - 1) / S))")).not.toBe(one("gamma"));
    expect(one("gamma^(round((t + 1) / S) - round(t / S))")).not.toBe(one("gamma^(floor((t + 1) / S) - floor(t / S))"));
    expect(one("gamma^(ceil((t + 1) / S) - ceil(t / S))")).not.toBe(one("gamma^(floor((t + 1) / S) - floor(t / S))"));
    // text that is not a formula is its own text
    expect(one("not sure!?")).toBe(one("not sure!?"));
    expect(one("not sure!?")).not.toBe(one("not  sure!?"));
  });
});

describe("answersDigest of calls that change an argument", () => {
  it("tells which argument a call changed in place, so mutating another argument is another mistake", () => {
    const v = [1, 2];
    const d = (mutated?: number[]) => answersDigest([{ ok: true, value: v, ...(mutated ? { mutated } : {}) }]);
    expect(d([0])).not.toBe(d([1]));
    expect(d([0])).not.toBe(d());
    expect(d([0])).toBe(d([0]));
  });
});

describe("knownMistake", () => {
  /** A student whose outcomes are `m`'s: its failed tasks with its answers, the others passed. */
  const outcomeOf = (m: { answers: Record<string, string> }) => (t: ManifestTask) => {
    const answers = m.answers[`${t.part}: ${t.title}`];
    return answers === undefined ? { meta: { ...t, sub: "s" }, state: "passed" as const } : { meta: { ...t, sub: "s", answers }, state: "failed" as const, error: { name: "AssertionError", message: "x" } };
  };

  it("names a catalogued mistake for outcomes exactly its own when nothing else in the catalogue fits them, and nothing otherwise", () => {
    let named = 0;
    let unnamed = 0;
    for (const ex of Object.values(manifest.exercises)) {
      const mistakes = ex.mistakes ?? [];
      for (const m of mistakes) {
        const got = knownMistake(ex.tasks, outcomeOf(m), mistakes);
        if (singledOut(m, mistakes)) {
          named++;
          expect(got?.slug, `${m.slug}`).toBe(m.slug);
        } else {
          unnamed++;
          expect(got, m.slug).toBeNull();
        }
      }
    }
    expect(named).toBeGreaterThan(90);
    // Today every catalogued mistake is singled out (exercise:check requires it); the other branch on a
    // twin: a second mistake answering exactly alike leaves neither named.
    expect(unnamed).toBe(0);
    const ex = Object.values(manifest.exercises).find((e) => (e.mistakes ?? []).length > 0)!;
    const m = ex.mistakes![0]!;
    const twins = [m, { ...m, slug: `${m.slug}-twin` }];
    expect(singledOut(m, twins)).toBe(false);
    expect(knownMistake(ex.tasks, outcomeOf(m), twins)).toBeNull();
  });

  it("names nothing when the student also fails a task the mistake passes, or passes one it fails", () => {
    const ex = manifest.exercises["b01-adagrad"]!;
    const m = ex.mistakes!.find((w) => singledOut(w, ex.mistakes!))!;
    const failedOf = (t: ManifestTask) => m.answers[`${t.part}: ${t.title}`];
    const extra = ex.tasks.find((t) => failedOf(t) === undefined)!;
    const outcome = (t: ManifestTask, alsoFails: boolean) =>
      failedOf(t) !== undefined || (alsoFails && t === extra)
        ? { meta: { ...t, sub: "s", answers: failedOf(t) ?? "abcdef" }, state: "failed" as const, error: { name: "AssertionError", message: "x" } }
        : { meta: { ...t, sub: "s" }, state: "passed" as const };
    expect(knownMistake(ex.tasks, (t) => outcome(t, false), ex.mistakes!)?.slug).toBe(m.slug);
    expect(knownMistake(ex.tasks, (t) => outcome(t, true), ex.mistakes!)).toBeNull();
    const one = ex.tasks.find((t) => failedOf(t) !== undefined)!;
    expect(knownMistake(ex.tasks, (t) => (t === one ? { meta: { ...t, sub: "s" }, state: "passed" as const } : outcome(t, false)), ex.mistakes!)).toBeNull();
  });
});
