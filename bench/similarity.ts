/**
 * `tsx bench/similarity.ts`: times the similarity report on a generated class. Per exercise each
 * student hands in the starter, the reference, a wrong solution or their "own" code (the reference
 * with randomly generated statements inserted, so no two own answers agree); one student in ten
 * copies a classmate's whole submission, renamed and reformatted (locals renamed, comments changed,
 * re-indented, semicolons dropped). Prints the class size, the run time (wall and CPU), the load
 * average, and where the planted copies rank.
 * Options: --n <students> (default 1000), --seed <int> (default 1), --keep (leave the class and report in /tmp).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { similarityReport } from "../grader/harness/class/similarity";
import { REPO_ROOT } from "../grader/harness/run/runner";
import { wrongSolutions, wrongSource, type WrongSolution } from "../grader/wrong/wrong";
import { rng, type Rng } from "../src/random";

const { values } = parseArgs({ options: { n: { type: "string" }, seed: { type: "string" }, keep: { type: "boolean" } } });
const N = Number(values.n ?? 1000);
const r = rng(Number(values.seed ?? 1));
const pick = <T>(xs: T[], g: Rng = r): T => xs[g.int(xs.length)]!;

const ids = fs.readdirSync(path.join(REPO_ROOT, "exercises")).filter((d) => fs.existsSync(path.join(REPO_ROOT, "exercises", d, "exercise.ts"))).sort();
const read = (...p: string[]) => fs.readFileSync(path.join(REPO_ROOT, ...p), "utf8");
const starters = new Map(ids.map((id) => [id, read("exercises", id, "exercise.ts")]));
const references = new Map(ids.map((id) => [id, read("grader", "solutions", id, "exercise.ts")]));
/** A wrong solution's text, or null while it does not apply to the reference (a test reports that; the bench skips it). */
const applied = (w: WrongSolution): string | null => {
  try {
    return wrongSource(w);
  } catch {
    return null;
  }
};
const wrongs = new Map(ids.map((id) => [id, wrongSolutions().filter((w) => w.id === id).map(applied).filter((t): t is string => t !== null)]));

/** A random statement: an arithmetic expression of random shape over locals and Math calls. */
function statement(): string {
  const term = () => (r.uniform() < 0.4 ? `Math.${pick(["abs", "sqrt", "exp", "log", "cos", "min", "max", "floor"])}(x${r.int(9)})` : r.uniform() < 0.5 ? `x${r.int(9)}` : String(r.int(100)));
  let expr = term();
  for (let i = 1 + r.int(4); i > 0; i--) expr = r.uniform() < 0.3 ? `(${expr} ${pick(["+", "-", "*", "/"])} ${term()})` : `${expr} ${pick(["+", "-", "*", "/", "%"])} ${term()}`;
  return pick([`const v${r.int(99)} = ${expr};`, `if (${expr} > ${term()}) v${r.int(9)}++;`, `let w${r.int(99)} = [${expr}, ${term()}];`]);
}

/** The reference with a few random statements inserted after statements of its exported functions. */
function ownAnswer(id: string): string {
  const lines = references.get(id)!.split("\n");
  let inFunction = false;
  const spots = lines
    .map((l, i) => {
      if (/^export function /.test(l)) inFunction = true;
      else if (l === "}") inFunction = false;
      return inFunction && /^ {2,}\S.*;$/.test(l) ? i : -1;
    })
    .filter((i) => i >= 0);
  for (let k = 0; k < 4 && spots.length; k++) {
    const at = pick(spots);
    const indent = lines[at]!.match(/^ */)![0];
    lines.splice(at + 1, 0, indent + statement());
    spots.splice(spots.indexOf(at), 1);
  }
  return lines.join("\n");
}

/** A renamed, reformatted copy: locals renamed, `//` comments replaced, 4-space indents, no semicolons at line ends. */
function disguise(text: string): string {
  const locals = new Set([...text.matchAll(/\b(?:const|let)\s+([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  let out = text;
  for (const name of locals) out = out.replace(new RegExp(`(?<![.\\w])${name}\\b`, "g"), `${name}Renamed`);
  return out
    .replace(/\/\/.*$/gm, "// my note")
    .replace(/^( +)/gm, (s) => s + s)
    .replace(/;$/gm, "")
    .replace(/\n\n/g, "\n\n\n");
}

type Submission = Map<string, string>;

/**
 * Builds the class folder; returns the planted pairs (copier, original) whose original has own
 * code, and each submission's original (itself unless it is a copy).
 */
function makeClass(dir: string): { planted: Array<[string, string]>; original: Map<string, string> } {
  const subs: Submission[] = [];
  const planted: Array<[string, string]> = [];
  const original = new Map<string, string>();
  const sources: number[] = [];
  const name = (i: number) => `s${String(i).padStart(4, "0")}`;
  let owns = 0;
  for (let i = 0; i < N; i++) {
    let sub: Submission;
    if (sources.length && r.uniform() < 0.1) {
      const from = pick(sources);
      original.set(name(i), name(from));
      sub = new Map([...subs[from]!].map(([id, t]) => [id, disguise(t)]));
      if ([...subs[from]!].some(([id, t]) => t !== starters.get(id) && t !== references.get(id) && !wrongs.get(id)!.includes(t))) planted.push([name(i), name(from)]);
    } else {
      sources.push(i);
      original.set(name(i), name(i));
      sub = new Map();
      for (const id of ids) {
        const u = r.uniform();
        const w = wrongs.get(id)!;
        const text = u < 0.2 ? starters.get(id)! : u < 0.4 ? references.get(id)! : u < 0.6 && w.length ? pick(w) : ownAnswer(id);
        if (text !== starters.get(id) && text !== references.get(id) && !w.includes(text)) owns++;
        sub.set(id, text);
      }
    }
    subs.push(sub);
    for (const [id, text] of sub) {
      fs.mkdirSync(path.join(dir, name(i), id), { recursive: true });
      fs.writeFileSync(path.join(dir, name(i), id, "exercise.ts"), text);
    }
  }
  console.log(`generated ${N} submissions × ${ids.length} exercises (${owns} own answers), ${planted.length} planted copies of submissions with own code`);
  return { planted, original };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "similarity-bench-"));
  try {
    const t0 = performance.now();
    const { planted, original } = makeClass(path.join(dir, "class"));
    console.log(`generation: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const load0 = os.loadavg();
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const res = await similarityReport(path.join(dir, "class"), path.join(dir, "out"));
    const wall = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const rank = new Map(res.pairs.map((p, i) => [`${p.a} ${p.b}`, i + 1]));
    const ranks = planted.map(([x, y]) => rank.get(x < y ? `${x} ${y}` : `${y} ${x}`) ?? Infinity);
    // Copies of one original are related to each other too; the first unrelated pair is the bar to clear.
    const firstUnrelated = res.pairs.findIndex((p) => original.get(p.a) !== original.get(p.b));
    const bar = firstUnrelated < 0 ? Infinity : firstUnrelated + 1;
    console.log(`similarity report: ${res.students} students, ${res.exercises.length} exercises in ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ${res.pairs.length} pairs listed`);
    const unrelated = firstUnrelated < 0 ? "none" : `rank ${bar}, ${res.pairs[firstUnrelated]!.tokens} shared tokens`;
    console.log(`planted copies ranked above every unrelated pair: ${ranks.filter((k) => k < bar).length} of ${planted.length}; first unrelated pair: ${unrelated}; worst rank of a planted copy: ${Math.max(...ranks)}`);
    console.log(`load average (1/5/15 min) before ${load0.map((x) => x.toFixed(2)).join(" ")}, after ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} cores; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
    if (values.keep) console.log(`kept ${dir}`);
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
