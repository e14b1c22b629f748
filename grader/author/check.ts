/**
 * `npm run exercise:check -- [<id>]`: whether an exercise is ready, in one report. Everything is
 * graded by the real grader stages (run/runner.ts's `Grader`, score/score.ts, the sandbox),
 * with a manifest generated from the suites as they are now (score/generate.ts):
 *
 * - the reference gets full marks, the starter 0; the public tests pass on the reference and fail
 *   on the starter (scripts/check.ts);
 * - every wrong solution of grader/wrong/ loses points and the feedback names its `what` line;
 * - fairness probes (probes.ts): no function passes with a hard-coded answer or with answers
 *   10% off (a tolerance that loose); the reference in single precision, and moved by the
 *   promised tolerance, keeps full marks; mutants of the reference that keep full marks are
 *   listed as suggested tests (they may be equivalent, so they leave the exercise ready);
 * - the starter is the stripped reference (scripts/starters.ts), the manifest is current,
 *   every exported name has a doc comment (its statement), and every exported function is a
 *   function declaration (the probes reach no `export const f = (…) => …`, no `export { f }`).
 *
 * Each finding names the exercise, the task and the fix.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { runPublicTests } from "../../scripts/check";
import { starterPair } from "../../scripts/starters";
import { MISTAKE_PREFIX } from "../harness/feedback/explain";
import { Grader, REPO_ROOT, type SubmissionRef } from "../harness/run/runner";
import { generateManifest, type KnownMistake } from "../harness/score/generate";
import { DEFAULT_MANIFEST, DEFAULT_SUITES, readManifest, suiteSources, type Manifest } from "../harness/score/manifest";
import { score, type GradeResult } from "../harness/score/score";
import { wrongSolutions, wrongSource } from "../wrong/wrong";
import { exerciseFiles } from "./layout";
import { exportedFunctions, exportedNames, hardCoded, mutants, off, OFF, perturbed, PERTURBATION, throwing, unprobedExports, type Mutant, type Perturbation } from "./probes";

/** Fewest wrong solutions an exercise must have. */
export const MIN_WRONG = 2;

/** Something that keeps an exercise from being ready: the task (or part of the exercise) it concerns, what is wrong, and the fix. */
export interface Finding {
  task: string;
  problem: string;
  fix: string;
}

/** The report of one exercise. */
export interface ExerciseCheck {
  id: string;
  findings: Finding[];
  /** Counts behind the report's summary line. */
  reference?: { score: number; max: number };
  wrong: number;
  functions: number;
  mutants: number;
  /** Mutants that keep full marks: each a suggested test. */
  survivors: Mutant[];
}

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), "utf8");

/** Exported names of an answer file that have no doc comment of their own. */
export function undocumented(source: string): string[] {
  const file = ts.createSourceFile("exercise.ts", source, ts.ScriptTarget.ES2022, true);
  const documented = new Set<string>();
  for (const st of file.statements) {
    const doc = (ts.getLeadingCommentRanges(source, st.getFullStart()) ?? []).some((r) => source.slice(r.pos, r.pos + 3) === "/**");
    if (!doc) continue;
    if (ts.isFunctionDeclaration(st) && st.name) documented.add(st.name.text);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) documented.add(d.name.text);
  }
  return exportedNames(source).filter((n) => !documented.has(n));
}

/** The static checks: files present, starter current, every export documented, wrong solutions that build. */
function staticFindings(id: string): { findings: Finding[]; ready: boolean } {
  const files = exerciseFiles(id);
  const findings: Finding[] = [];
  const missing = Object.values(files).filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
  for (const f of missing) findings.push({ task: "files", problem: `${f} is missing`, fix: `create it (npm run exercise:new -- ${id} scaffolds every part of a new exercise)` });
  if (missing.includes(files.reference) || missing.includes(files.suite)) return { findings, ready: false };
  const reference = read(files.reference);
  if (!missing.includes(files.starter)) {
    const { committed, stripped } = starterPair(id);
    if (committed !== stripped) findings.push({ task: "starter", problem: `${files.starter} is not the stripped reference`, fix: "run npm run starters (never edit a starter by hand)" });
  }
  for (const { name, how } of unprobedExports(reference)) {
    findings.push({ task: name, problem: `${name} is exported ${how}: the starter does not keep it as a part to fill in, and no fairness probe or mutant reaches it`, fix: `write it as export function ${name}(…) { … } (or export const ${name} = <answer> for an answer) in ${files.reference}, then npm run starters` });
  }
  for (const name of undocumented(reference)) {
    findings.push({ task: name, problem: `the export ${name} has no doc comment, so the statement does not say what it asks`, fix: `write a /** … */ comment above ${name} in ${files.reference}, then npm run starters` });
  }
  return { findings, ready: true };
}

/** One submission to grade: its key, what it is, and its answer file. */
interface Probe {
  key: string;
  kind: "reference" | "starter" | "wrong" | "hard-coded" | "throws" | "off" | Perturbation | "mutant";
  source: string;
  /** The wrong solution, function or mutant it is about. */
  subject?: string;
  what?: string;
  mutant?: Mutant;
}

/** Grades `probes` of exercise `id` in batches of 16 with one grader; returns results by key. */
async function gradeProbes(g: Grader, manifest: Manifest, id: string, probes: Probe[], scratch: string): Promise<Map<string, GradeResult["exercises"][string] & { tests: GradeResult["tests"] }>> {
  const out = new Map<string, GradeResult["exercises"][string] & { tests: GradeResult["tests"] }>();
  for (let i = 0; i < probes.length; i += 16) {
    const refs: SubmissionRef[] = probes.slice(i, i + 16).map((p) => {
      const dir = path.join(scratch, p.key);
      fs.mkdirSync(path.join(dir, id), { recursive: true });
      fs.writeFileSync(path.join(dir, id, "exercise.ts"), p.source);
      return { key: p.key, path: dir };
    });
    const raw = await g.gradeBatch(refs);
    for (const r of refs) {
      const result = score(raw.get(r.key)!, manifest, []);
      out.set(r.key, { ...result.exercises[id]!, tests: result.tests.filter((t) => t.name.startsWith(`${id} `)) });
      fs.rmSync(r.path, { recursive: true, force: true });
    }
  }
  return out;
}

const taskName = (id: string, testName: string) => testName.slice(id.length + 1);
const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join("; ")}; and ${xs.length - 3} more` : xs.join("; "));

/** Why the feedback cannot name a wrong solution whose record is `answers`, among the exercise's `mistakes`. */
function unnamedReason(slug: string, manifest: Manifest, id: string): string {
  const mistakes = manifest.exercises[id]!.mistakes ?? [];
  const m = mistakes.find((w) => w.slug === slug);
  if (!m) return "it has no record in the manifest";
  const calls = Object.values(m.answers).flatMap((d) => d.split("."));
  if (!calls.some((c) => !c.startsWith("!"))) return "it only throws or fails without answering, and a throw is too common to name a mistake";
  const twin = mistakes.find((w) => w.slug !== slug && JSON.stringify(w.answers) === JSON.stringify(m.answers));
  if (twin) return `it answers exactly as the wrong solution ${twin.slug} on every task`;
  return "one of its calls timed out or crashed";
}

/** Options of `checkExercises`. */
export interface CheckOptions {
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

/** Checks the exercises `ids` (see the module comment); the report of each, in order. */
export async function checkExercises(ids: string[], options: CheckOptions = {}): Promise<ExerciseCheck[]> {
  const log = options.log ?? (() => undefined);
  const reports = new Map<string, ExerciseCheck>(ids.map((id) => [id, { id, findings: [], wrong: 0, functions: 0, mutants: 0, survivors: [] }]));
  const gradable: string[] = [];
  for (const id of ids) {
    const s = staticFindings(id);
    reports.get(id)!.findings.push(...s.findings);
    if (s.ready) gradable.push(id);
  }

  // Wrong solutions that build from their references.
  const mistakes: KnownMistake[] = [];
  let allWrong: ReturnType<typeof wrongSolutions> = [];
  try {
    allWrong = wrongSolutions();
  } catch (e) {
    for (const id of gradable) reports.get(id)!.findings.push({ task: "wrong solutions", problem: `grader/wrong/ cannot be read: ${(e as Error).message}`, fix: "make every grader/wrong/<id>.json a JSON list of {slug, what, edits}" });
  }
  for (const id of gradable) {
    const mine = allWrong.filter((w) => w.id === id);
    const r = reports.get(id)!;
    if (mine.length < MIN_WRONG) {
      r.findings.push({ task: "wrong solutions", problem: `${exerciseFiles(id).wrong} lists ${mine.length} wrong solution${mine.length === 1 ? "" : "s"}`, fix: `add at least ${MIN_WRONG} plausible mistakes, each {slug, what, edits} (docs/authoring.md)` });
    }
    for (const w of mine) {
      try {
        mistakes.push({ id, slug: w.slug, what: w.what, source: wrongSource(w) });
      } catch (e) {
        r.findings.push({ task: `wrong solution ${w.slug}`, problem: (e as Error).message, fix: "copy the snippet from the reference exactly (it must occur once)" });
      }
    }
  }

  // The manifest as the suites make it now, and whether the committed one is it.
  let manifest: Manifest;
  try {
    log(`collecting the tasks of ${gradable.length} exercise(s) and recording ${mistakes.length} wrong solutions`);
    manifest = await generateManifest(DEFAULT_SUITES, { exercises: gradable, mistakes });
  } catch (e) {
    const message = (e as Error).message.split("\n")[0]!;
    for (const id of gradable) reports.get(id)!.findings.push({ task: "suite", problem: message, fix: "fix the suite file the message names" });
    return [...reports.values()];
  }
  let committed: Manifest | null = null;
  try {
    committed = readManifest(DEFAULT_MANIFEST);
  } catch (e) {
    for (const id of gradable) reports.get(id)!.findings.push({ task: "manifest", problem: (e as Error).message, fix: "run npm run grade:manifest" });
  }
  if (committed) {
    const now = suiteSources(DEFAULT_SUITES);
    const shared = Object.keys(now).filter((f) => !f.endsWith(".hidden.test.ts") && committed!.sources[f] !== now[f]);
    for (const id of gradable) {
      const suite = `${id}.hidden.test.ts`;
      const stale = [...shared, ...(committed.sources[suite] !== now[suite] ? [suite] : [])].map((f) => `${f} ${f in committed!.sources ? "changed" : "added"}`);
      if (stale.length || JSON.stringify(committed.exercises[id]) !== JSON.stringify(manifest.exercises[id])) {
        reports.get(id)!.findings.push({ task: "manifest", problem: `grader/manifest.json is out of date${stale.length ? ` (${stale.join(", ")})` : " (tasks, points or known mistakes differ)"}`, fix: "run npm run grade:manifest" });
      }
    }
  }

  // Public tests: pass on the reference, fail on the starter.
  const withPublic = gradable.filter((id) => fs.existsSync(path.join(REPO_ROOT, exerciseFiles(id).publicTest)) && fs.existsSync(path.join(REPO_ROOT, exerciseFiles(id).starter)));
  if (withPublic.length) {
    log("running the public tests on the references and the starters");
    for (const t of runPublicTests(withPublic, path.join(REPO_ROOT, "grader", "solutions"))) {
      if (!t.passed) reports.get(t.exercise)!.findings.push({ task: `public test (${t.part}) ${t.title}`, problem: `fails on the reference: ${t.message}`, fix: `fix ${exerciseFiles(t.exercise).publicTest} or the reference` });
    }
    for (const t of runPublicTests(withPublic)) {
      if (t.passed) reports.get(t.exercise)!.findings.push({ task: `public test (${t.part}) ${t.title}`, problem: "passes on the starter", fix: "make it check the student's answer (it must fail while the part is not done)" });
    }
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "exercise-check-"));
  try {
    for (const id of gradable) await gradeExercise(id, manifest, reports.get(id)!, scratch, mistakes, log);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return [...reports.values()];
}

/** The graded checks of one exercise: reference, starter, wrong solutions and the fairness probes. */
async function gradeExercise(id: string, manifest: Manifest, r: ExerciseCheck, scratch: string, mistakes: KnownMistake[], log: (line: string) => void): Promise<void> {
  const files = exerciseFiles(id);
  const reference = read(files.reference);
  const fns = exportedFunctions(reference);
  const muts = mutants(reference);
  const probes: Probe[] = [
    { key: "reference", kind: "reference", source: reference },
    ...(fs.existsSync(path.join(REPO_ROOT, files.starter)) ? [{ key: "starter", kind: "starter" as const, source: read(files.starter) }] : []),
    ...mistakes.filter((w) => w.id === id).map((w, i) => ({ key: `wrong-${i}`, kind: "wrong" as const, source: w.source, subject: w.slug, what: w.what })),
    ...fns.map((f, i) => ({ key: `hard-coded-${i}`, kind: "hard-coded" as const, source: hardCoded(reference, f), subject: f })),
    ...fns.map((f, i) => ({ key: `off-${i}`, kind: "off" as const, source: off(reference, f), subject: f })),
    { key: "float32", kind: "float32", source: perturbed(reference, "float32") },
    { key: "tolerance", kind: "tolerance", source: perturbed(reference, "tolerance") },
    ...muts.map((m, i) => ({ key: `mutant-${i}`, kind: "mutant" as const, source: m.source, mutant: m })),
  ];
  r.wrong = probes.filter((p) => p.kind === "wrong").length;
  r.functions = fns.length;
  r.mutants = muts.length;
  log(`${id}: grading the reference, the starter, ${r.wrong} wrong solutions and ${probes.length - 2 - r.wrong} probes`);
  const g = await Grader.create({ exercises: [id], typeCheck: false });
  try {
    const results = await gradeProbes(g, manifest, id, probes, scratch);
    const failed = (key: string) => results.get(key)!.tests.filter((t) => t.status === "failed");
    const full = (key: string) => results.get(key)!.score >= results.get(key)!.max;
    const ref = results.get("reference")!;
    r.reference = { score: ref.score, max: ref.max };
    if (!full("reference")) {
      r.findings.push({
        task: list(failed("reference").map((t) => taskName(id, t.name))),
        problem: `the reference gets ${ref.score}/${ref.max} (${list(failed("reference").map((t) => t.output))})`,
        fix: `fix the expected value in ${files.suite}, or the reference`,
      });
      return; // every other check measures against the reference's full marks
    }
    if (results.has("starter") && results.get("starter")!.score > 0) {
      const passed = results.get("starter")!.tests.filter((t) => t.status === "passed").map((t) => taskName(id, t.name));
      r.findings.push({ task: list(passed), problem: "passes on the starter (nothing answered)", fix: "make the task check the student's answer" });
    }
    for (const p of probes.filter((q) => q.kind === "wrong")) {
      if (full(p.key)) {
        r.findings.push({ task: `wrong solution ${p.subject}`, problem: `gets full marks (${p.what})`, fix: `add a task to ${files.suite} that fails on it` });
      } else if (!failed(p.key).some((t) => t.output.includes(MISTAKE_PREFIX + p.what))) {
        r.findings.push({
          task: `wrong solution ${p.subject}`,
          problem: `is caught, but the feedback does not name it: ${unnamedReason(p.subject!, manifest, id)}`,
          fix: "make it a mistake whose answers differ from the others' (and that answers at least one call)",
        });
      }
    }
    const hardCodedPass = probes.filter((p) => p.kind === "hard-coded" && full(p.key));
    if (hardCodedPass.length) {
      // Passing with a hard-coded answer: is the function called at all?
      const again = hardCodedPass.map((p, i) => ({ key: `throws-${i}`, kind: "throws" as const, source: throwing(reference, p.subject!), subject: p.subject }));
      const thrown = await gradeProbes(g, manifest, id, again, scratch);
      for (const p of again) {
        const never = thrown.get(p.key)!.score >= thrown.get(p.key)!.max;
        r.findings.push(
          never
            ? { task: p.subject!, problem: `no task calls ${p.subject}: a ${p.subject} that throws "not implemented" still gets full marks`, fix: `add a task that calls ${p.subject} (s.call or s.callMany) and checks its answer` }
            : { task: p.subject!, problem: `a ${p.subject} that answers every call with its answer to the first call still gets full marks`, fix: `call ${p.subject} with inputs whose answers differ (another step, another configuration)` },
        );
      }
    }
    for (const p of probes.filter((q) => q.kind === "off" && full(q.key))) {
      r.findings.push({
        task: p.subject!,
        problem: `a ${p.subject} whose answers are all ${OFF * 100}% too large still gets full marks: a tolerance is far looser than the 2e-6 (relative) the students are promised`,
        fix: `compare ${p.subject}'s answers with near/nearAll and TOL.FLOAT32 (relative), not with an absolute tolerance such as toBeCloseTo on small numbers`,
      });
    }
    const perturbation: Record<Perturbation, { problem: string; fix: string }> = {
      float32: {
        problem: "the reference computed in single precision (non-integer inputs and answers rounded to float32) loses points",
        fix: "derive the allowance from the float32 error over the ranges the task draws from (F32 in a-shared.ts, F32B in b-shared.ts), and keep exact counts away from ties (docs/authoring.md, Tolerance policy)",
      },
      tolerance: {
        problem: `the reference with every answer ${PERTURBATION} (relative) too large, half the 2e-6 the students are promised, loses points`,
        fix: "judge a difference of answers (a step from two states) on the answers' scale (the scale argument of near/nearAll), and a trajectory fed its own states with TOL.FLOAT32_ITERATED: never tighter than exercises/README.md promises",
      },
    };
    for (const mode of ["float32", "tolerance"] as const) {
      if (!full(mode)) r.findings.push({ task: list(failed(mode).map((t) => taskName(id, t.name))), ...perturbation[mode] });
    }
    r.survivors = probes.filter((p) => p.kind === "mutant" && full(p.key)).map((p) => p.mutant!);
  } finally {
    await g.close();
  }
}

/** "1 mutant", "2 mutants". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The report as text: one summary line per exercise, then its findings and suggested tests. */
export function reportText(reports: ExerciseCheck[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const killed = r.mutants - r.survivors.length;
    const counts = r.reference
      ? ` (reference ${r.reference.score}/${r.reference.max}, ${count(r.wrong, "wrong solution")}, ${count(r.functions, "function")} probed, ${killed}/${count(r.mutants, "mutant")} killed)`
      : "";
    lines.push(`${r.id}: ${r.findings.length ? `NOT READY, ${count(r.findings.length, "problem")}` : "ready"}${counts}`);
    for (const f of r.findings) lines.push(`  ✗ ${r.id} ${f.task}: ${f.problem} — fix: ${f.fix}`);
    if (r.survivors.length) {
      lines.push(`  suggested tests (mutants of the reference that still get full marks; add a task that fails on each, unless it is equivalent):`);
      for (const m of r.survivors) lines.push(`    ${exerciseFiles(r.id).reference}:${m.line} in ${m.fn}: ${m.kind} ${JSON.stringify(m.from)} → ${JSON.stringify(m.to)}`);
    }
  }
  const ready = reports.filter((r) => r.findings.length === 0).length;
  lines.push(`${ready} of ${count(reports.length, "exercise")} ready`);
  return lines.join("\n");
}
