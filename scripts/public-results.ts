// What `npm run check` says about public tests, as plain text: shared by the command (scripts/check.ts)
// and the browser edition's Check command (lite/), so both say the same words. No Node modules here.

/** One public test's outcome. */
export interface PublicResult {
  exercise: string;
  /** The part named at the start of the test title, e.g. "d1" for "(d1) stepDecay starts at eta0". */
  part: string;
  title: string;
  passed: boolean;
  /** First line of the failure message. */
  message: string;
}

/** A test's outcome from its full title and its failure message ("" when it passed). */
export function publicResult(exercise: string, fullTitle: string, passed: boolean, failure: string): PublicResult {
  return {
    exercise,
    part: /^\((\w+)\)/.exec(fullTitle)?.[1] ?? "?",
    title: fullTitle.replace(/^\(\w+\)\s*/, ""),
    passed,
    message: firstLine(failure),
  };
}

/** The first non-blank line of a failure message, without a leading "Error: " or "AssertionError: ". */
export function firstLine(s: string): string {
  const line = s.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.replace(/^(Error|AssertionError): /, "").trim();
}

/** The report's lines, grouped by exercise, and the number of failing tests. */
export function resultLines(results: PublicResult[]): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  const byExercise = new Map<string, PublicResult[]>();
  for (const r of results) byExercise.set(r.exercise, [...(byExercise.get(r.exercise) ?? []), r]);
  for (const [id, rs] of byExercise) {
    const bad = rs.filter((r) => !r.passed);
    failed += bad.length;
    lines.push(`${bad.length ? "✗" : "✓"} ${id}: ${rs.length - bad.length}/${rs.length} public tests pass`);
    for (const r of bad) {
      const why = r.message === "not implemented" ? "not implemented yet" : r.message;
      lines.push(`    ${r.part === "?" ? "" : `part (${r.part}) `}${r.title}: ${why}`);
    }
  }
  return { lines, failed };
}

/** The lines after the report: what public tests are, and what to do when some fail (`again`: how to re-run). */
export function closingLines(failed: number, again = "run npm run check again"): string[] {
  return [
    "",
    "Public tests only; the graded tests are more thorough.",
    ...(failed ? [`${failed} public test${failed === 1 ? "" : "s"} fail: fix the parts named above, then ${again}.`] : []),
  ];
}
