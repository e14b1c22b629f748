/**
 * Strips the reference solutions into the student's starters (nbgrader's "strip solutions" step):
 * every exported constant becomes `null`, every exported function's body a call to
 * `notImplemented(…)` with its parameters, private helpers are dropped, and the placeholder
 * `notImplemented` is appended where a function was stubbed. Doc comments, types and question texts are kept as they are.
 *   npm run starters            rewrites exercises/<id>/exercise.ts from grader/solutions/<id>/
 *   npm run starters -- --check fails if a committed starter differs from its stripped solution
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

const PLACEHOLDER = `
/** Placeholder for the parts still to do: calling it throws "not implemented". Delete it when you are done. */
function notImplemented(..._inputs: unknown[]): never {
  throw new Error("not implemented");
}
`;

const exported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The starter for a reference solution's source text. */
export function stripSolution(source: string): string {
  const file = ts.createSourceFile("exercise.ts", source, ts.ScriptTarget.ES2022, true);
  const cuts: { from: number; to: number; text: string }[] = [];
  let stubs = 0;
  for (const st of file.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) {
      if (exported(st)) {
        const args = st.parameters.map((p) => p.name.getText(file)).join(", ");
        cuts.push({ from: st.body.getStart(file), to: st.body.end, text: `{\n  return notImplemented(${args});\n}` });
        stubs++;
      } else {
        // A private helper of the solution, with its doc comment and the blank line before it.
        cuts.push({ from: st.getFullStart(), to: st.end, text: "" });
      }
    } else if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (d.initializer) cuts.push({ from: d.initializer.getStart(file), to: d.initializer.end, text: "null" });
      }
    }
  }
  let out = source;
  for (const c of cuts.sort((a, b) => b.from - a.from)) out = out.slice(0, c.from) + c.text + out.slice(c.to);
  return stubs > 0 ? out.trimEnd() + "\n" + PLACEHOLDER : out;
}

/** Exercise ids that have a reference solution. */
export function solutionIds(): string[] {
  return readdirSync(path.join(ROOT, "grader", "solutions")).sort();
}

/** The committed starter and the stripped solution of one exercise. */
export function starterPair(id: string): { committed: string; stripped: string } {
  const solution = readFileSync(path.join(ROOT, "grader", "solutions", id, "exercise.ts"), "utf8");
  return { committed: readFileSync(path.join(ROOT, "exercises", id, "exercise.ts"), "utf8"), stripped: stripSolution(solution) };
}

if (process.argv[1] && /starters\.ts$/.test(process.argv[1])) {
  const check = process.argv.includes("--check");
  const stale = solutionIds().filter((id) => {
    const { committed, stripped } = starterPair(id);
    if (committed === stripped) return false;
    if (!check) writeFileSync(path.join(ROOT, "exercises", id, "exercise.ts"), stripped);
    return true;
  });
  if (check && stale.length) {
    console.error(`starters differ from their stripped solutions: ${stale.join(", ")} (run npm run starters)`);
    process.exitCode = 1;
  } else console.log(check ? "starters are up to date" : `rewrote ${stale.length} starter(s)`);
}
