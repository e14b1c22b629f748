/**
 * Checking symbolic answers: a student writes a formula as a string ("eta0 * gamma^floor(t/S)"),
 * and these helpers say whether it is well formed and whether it equals a reference formula.
 *
 * The string is parsed with mathjs, then only an allow-listed parse tree is accepted: numbers,
 * the symbols the exercise names (plus `pi` and `e`), + − * / ^, unary minus, parentheses and a
 * short list of functions. Nothing is ever evaluated by mathjs: the accepted tree is evaluated by
 * the small interpreter below, with JavaScript's `Math`. Two expressions are compared numerically
 * at many seeded random points of the valid ranges (symbolic equality gives false negatives).
 */
import { parse, type MathNode } from "mathjs";
import { rng } from "../../src/random";

/** Longest accepted answer, in characters. */
export const MAX_LENGTH = 300;

/** The valid values of one symbol: an interval, optionally integers only or sampled log-uniformly. */
export interface SymbolRange {
  min: number;
  max: number;
  /** Sample integers in [min, max] (for step counts and the like). */
  integer?: boolean;
  /** Sample log-uniformly (for quantities spanning decades, such as learning rates); needs min > 0. */
  log?: boolean;
}

/** The symbols an answer may use, each with its valid range: `{ t: { min: 0, max: 1e5, integer: true } }`. */
export type Ranges = Record<string, SymbolRange>;

/** Options for `checkExpression`. */
export interface CheckOptions {
  /** Number of random points compared (default 200). */
  points?: number;
  /** Seed of the random points (default 20240601). */
  seed?: number;
  /** Relative tolerance (default 1e-6). */
  relTol?: number;
  /** Keep only points where this holds (e.g. `(p) => p.t <= p.T`). */
  where?: (point: Record<string, number>) => boolean;
}

/** The verdict on an answer, with feedback a student can act on. */
export interface Verdict {
  ok: boolean;
  feedback: string;
}

/** A parsed, allow-listed expression that can be evaluated at a point. */
export interface CheckedExpression {
  /** Evaluates the expression with the given symbol values. */
  evaluate(point: Record<string, number>): number;
  /** The symbols the expression uses (excluding pi and e unless they are range symbols). */
  symbols: Set<string>;
  /** Notes on the way the expression was written (e.g. implicit multiplication after a division). */
  warnings: string[];
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...x: number[]) => number }> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  exp: { arity: [1, 1], fn: Math.exp },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  log2: { arity: [1, 1], fn: Math.log2 },
  log10: { arity: [1, 1], fn: Math.log10 },
  sin: { arity: [1, 1], fn: Math.sin },
  cos: { arity: [1, 1], fn: Math.cos },
  tan: { arity: [1, 1], fn: Math.tan },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  round: { arity: [1, 1], fn: Math.round },
  abs: { arity: [1, 1], fn: Math.abs },
  min: { arity: [2, 8], fn: Math.min },
  max: { arity: [2, 8], fn: Math.max },
};

/** Names students reach for that are not in the allow-list, with what to write instead. */
const INSTEAD: Record<string, string> = {
  ln: "use log(x) for the natural logarithm",
  arccos: "inverse trigonometric functions are not needed here",
  acos: "inverse trigonometric functions are not needed here",
  pow: "write a^b",
  Math: "write plain math, e.g. cos(x), not Math.cos(x)",
  PI: "write pi",
  π: "write pi",
  η: "write the symbol names listed in the exercise (e.g. eta0), not Greek letters",
};

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
};

/** What a student wrote that the allow-list rejects, described in their terms. */
const NODE_NAMES: Record<string, string> = {
  AccessorNode: "property access or indexing",
  ArrayNode: "a matrix or list",
  AssignmentNode: "an assignment",
  BlockNode: "several statements",
  ConditionalNode: "a conditional (a ? b : c)",
  FunctionAssignmentNode: "a function definition",
  IndexNode: "indexing",
  ObjectNode: "an object",
  RangeNode: "a range (a:b)",
  RelationalNode: "a comparison",
};

/**
 * Parses `answer` and checks that it uses only the allow-listed constructs and the given
 * symbols. Returns the checked expression, or a verdict saying what is wrong.
 */
export function checkSyntax(answer: unknown, symbols: Iterable<string>): CheckedExpression | Verdict {
  const allowed = new Set(symbols);
  if (answer === null || answer === undefined) return fail("no answer yet (the value is null)");
  if (typeof answer !== "string") return fail(`the answer must be a string, not a ${typeof answer}`);
  if (answer.trim() === "") return fail("the answer is an empty string");
  if (answer.length > MAX_LENGTH) {
    return fail(`the answer is ${answer.length} characters long; the limit is ${MAX_LENGTH}`);
  }
  let tree: MathNode;
  try {
    tree = parse(answer);
  } catch (e) {
    return fail(`could not parse the expression: ${(e as Error).message}`);
  }
  const used = new Set<string>();
  const warnings: string[] = [];
  const problem = inspect(tree, allowed, used, warnings);
  if (problem) return fail(problem);
  return { evaluate: (point) => evaluate(tree, point), symbols: used, warnings };
}

/**
 * Checks a symbolic answer against a trusted reference: both must pass the allow-list, and they
 * must agree (relative tolerance) at every one of many seeded random points of `ranges`.
 * The feedback names the first point where they differ.
 */
export function checkExpression(answer: unknown, reference: string, ranges: Ranges, options: CheckOptions = {}): Verdict {
  const names = Object.keys(ranges);
  const ref = checkSyntax(reference, names);
  if (!isChecked(ref)) throw new Error(`invalid reference expression ${JSON.stringify(reference)}: ${ref.feedback}`);
  const mine = checkSyntax(answer, names);
  if (!isChecked(mine)) return mine;
  const note = mine.warnings.length ? ` Note: ${mine.warnings.join(" ")}` : "";
  const { points = 200, seed = 20240601, relTol = 1e-6, where } = options;
  const samples = samplePoints(ranges, points, seed, where);
  const refValues = samples.map((p) => ref.evaluate(p));
  const scale = Math.max(...refValues.filter(Number.isFinite).map(Math.abs), 0);
  const absTol = 1e-9 * scale;
  let compared = 0;
  for (let i = 0; i < samples.length; i++) {
    const r = refValues[i]!;
    if (!Number.isFinite(r)) continue;
    compared++;
    const a = mine.evaluate(samples[i]!);
    const at = describePoint(samples[i]!, ranges);
    if (!Number.isFinite(a)) return fail(`your expression is not a finite number at ${at} (it gives ${a}).${note}`);
    if (Math.abs(a - r) > relTol * Math.max(Math.abs(a), Math.abs(r)) + absTol) {
      const missing = [...ref.symbols].filter((s) => !mine.symbols.has(s));
      const hint = missing.length ? ` Your expression does not use ${missing.join(", ")}.` : "";
      return fail(`your expression differs at ${at} (yours gives ${fmt(a)}).${hint}${note}`);
    }
  }
  if (compared < Math.min(20, points)) throw new Error("reference expression is not finite over most of the ranges");
  return { ok: true, feedback: `correct: matches at ${compared} points.${note}` };
}

/**
 * Reads a practice-problem answer: a finite number, or a constant expression (numbers, pi, e,
 * operators, allow-listed functions) that evaluates to one, such as "5e-4 * (1 + cos(0.37*pi))".
 */
export function parseAnswerNumber(answer: unknown): { ok: true; value: number; feedback: string } | { ok: false; feedback: string } {
  if (typeof answer === "number") {
    return Number.isFinite(answer) ? { ok: true, value: answer, feedback: "a number" } : fail(`the answer is ${answer}, not a finite number`);
  }
  const checked = checkSyntax(answer, []);
  if (!isChecked(checked)) return { ok: false, feedback: checked.feedback };
  const value = checked.evaluate({});
  if (!Number.isFinite(value)) return fail(`the expression evaluates to ${value}, not a finite number`);
  return { ok: true, value, feedback: `evaluates to ${fmt(value)}` };
}

/** Checks a numeric answer (number or constant expression) against the expected value within `relTol`. */
export function checkNumber(answer: unknown, expected: number, relTol = 1e-3): Verdict {
  const read = parseAnswerNumber(answer);
  if (!read.ok) return read;
  const ok = Math.abs(read.value - expected) <= relTol * Math.abs(expected) + 1e-15;
  return { ok, feedback: ok ? "correct" : `your answer (${fmt(read.value)}) is not the value asked for` };
}

function isChecked(x: CheckedExpression | Verdict): x is CheckedExpression {
  return "evaluate" in x;
}

function fail(feedback: string): { ok: false; feedback: string } {
  return { ok: false, feedback };
}

/** Returns a description of the first disallowed construct in `node`, or undefined if all is allowed. */
function inspect(node: MathNode, allowed: Set<string>, used: Set<string>, warnings: string[]): string | undefined {
  const n = node as MathNode & Record<string, any>;
  switch (node.type) {
    case "ConstantNode":
      if (typeof n.value !== "number") return `${JSON.stringify(n.value)} is not a number; only numbers are allowed as constants`;
      if (!Number.isFinite(n.value)) return `the constant ${node.toString()} is too large`;
      return undefined;
    case "SymbolNode":
      return symbolProblem(n.name, allowed, used);
    case "ParenthesisNode":
      return inspect(n.content, allowed, used, warnings);
    case "OperatorNode": {
      const fn: string = n.fn;
      if (fn === "unaryMinus" || fn === "unaryPlus") return inspect(n.args[0], allowed, used, warnings);
      if (!Object.hasOwn(BINARY, fn)) return `the operator ${n.op} is not allowed; use + - * / ^ and the listed functions`;
      if (fn === "divide" && isImplicit(n.args[1])) {
        warnings.push(`"${node.toString()}" reads as ${n.args[0].toString()} / (${n.args[1].toString()}) because implicit multiplication binds tighter than /; write * explicitly if you meant otherwise.`);
      }
      if (fn === "multiply" && n.implicit && isDivide(n.args[0])) {
        warnings.push(`"${node.toString()}" reads as (${n.args[0].toString()}) * ${n.args[1].toString()}; write * explicitly to be sure.`);
      }
      for (const a of n.args) {
        const p = inspect(a, allowed, used, warnings);
        if (p) return p;
      }
      return undefined;
    }
    case "FunctionNode": {
      const name: string | undefined = n.fn?.type === "SymbolNode" ? n.fn.name : undefined;
      if (name === undefined) return `"${node.toString()}" calls something that is not a function name`;
      if (allowed.has(name)) {
        return `"${node.toString()}" reads as a call of a function named ${name}; write ${name} * (…) to multiply`;
      }
      const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!f) {
        const why = Object.hasOwn(INSTEAD, name) ? ` (${INSTEAD[name]})` : "";
        return `the function ${name} is not allowed${why}; allowed: ${Object.keys(FUNCTIONS).join(", ")}`;
      }
      const [lo, hi] = f.arity;
      if (n.args.length < lo || n.args.length > hi) {
        return `${name} takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? "" : "s"}, not ${n.args.length}`;
      }
      for (const a of n.args) {
        const p = inspect(a, allowed, used, warnings);
        if (p) return p;
      }
      return undefined;
    }
    default:
      return `${Object.hasOwn(NODE_NAMES, node.type) ? NODE_NAMES[node.type] : node.type} is not allowed ("${truncate(node.toString())}"); write a single formula`;
  }
}

function symbolProblem(name: string, allowed: Set<string>, used: Set<string>): string | undefined {
  if (allowed.has(name) || Object.hasOwn(CONSTANTS, name)) {
    used.add(name);
    return undefined;
  }
  if (Object.hasOwn(INSTEAD, name)) return `unknown symbol ${name}: ${INSTEAD[name]}`;
  if (Object.hasOwn(FUNCTIONS, name)) return `${name} is a function: write ${name}(…)`;
  const list = `allowed symbols: ${[...allowed].join(", ") || "none"}, pi, e`;
  const sameCase = [...allowed].find((s) => s.toLowerCase() === name.toLowerCase());
  if (sameCase) return `unknown symbol ${name}: symbols are case-sensitive, ${name} is not ${sameCase}`;
  const near = [...allowed]
    .map((s) => ({ s, d: editDistance(s, name) }))
    .filter(({ s, d }) => d <= Math.max(1, Math.floor(Math.min(s.length, name.length) / 3)) || (name.length >= 2 && (s.startsWith(name) || name.startsWith(s))))
    .sort((a, b) => a.d - b.d);
  if (near.length) return `unknown symbol ${name} — did you mean ${near[0]!.s}? (${list})`;
  return `unknown symbol ${name} (${list})`;
}

function isImplicit(node: MathNode): boolean {
  const n = node as MathNode & Record<string, any>;
  return node.type === "OperatorNode" && n.fn === "multiply" && n.implicit === true;
}

function isDivide(node: MathNode): boolean {
  return node.type === "OperatorNode" && (node as MathNode & Record<string, any>).fn === "divide";
}

/** Evaluates an allow-listed tree (checked by `inspect`) with plain JavaScript numbers. */
function evaluate(node: MathNode, point: Record<string, number>): number {
  const n = node as MathNode & Record<string, any>;
  switch (node.type) {
    case "ConstantNode":
      return n.value as number;
    case "SymbolNode": {
      const v = Object.hasOwn(point, n.name) ? point[n.name] : Object.hasOwn(CONSTANTS, n.name) ? CONSTANTS[n.name] : undefined;
      if (v === undefined) throw new Error(`no value for ${n.name}`);
      return v;
    }
    case "ParenthesisNode":
      return evaluate(n.content, point);
    case "OperatorNode": {
      if (n.fn === "unaryMinus") return -evaluate(n.args[0], point);
      if (n.fn === "unaryPlus") return evaluate(n.args[0], point);
      return BINARY[n.fn as string]!(evaluate(n.args[0], point), evaluate(n.args[1], point));
    }
    case "FunctionNode":
      return FUNCTIONS[n.fn.name as string]!.fn(...(n.args as MathNode[]).map((a) => evaluate(a, point)));
    default:
      throw new Error(`cannot evaluate ${node.type}`);
  }
}

/** Seeded points: first the corners min/max of every range and the midpoint, then random points. */
function samplePoints(ranges: Ranges, count: number, seed: number, where?: (p: Record<string, number>) => boolean): Record<string, number>[] {
  const names = Object.keys(ranges);
  const r = rng(seed);
  const fixed = [
    Object.fromEntries(names.map((k) => [k, ranges[k]!.min])),
    Object.fromEntries(names.map((k) => [k, ranges[k]!.max])),
    Object.fromEntries(names.map((k) => [k, draw(ranges[k]!, () => 0.5)])),
  ];
  const out = fixed.filter((p) => !where || where(p));
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const p = Object.fromEntries(names.map((k) => [k, draw(ranges[k]!, r.uniform)]));
    if (!where || where(p)) out.push(p);
  }
  if (out.length < count) throw new Error("the `where` condition rejects almost every point of the ranges");
  return out;
}

function draw(range: SymbolRange, u: () => number): number {
  const { min, max } = range;
  if (range.integer) return Math.min(max, Math.floor(min + u() * (max - min + 1)));
  if (range.log) return Math.exp(Math.log(min) + u() * (Math.log(max) - Math.log(min)));
  return min + u() * (max - min);
}

function describePoint(p: Record<string, number>, ranges: Ranges): string {
  return Object.keys(ranges)
    .map((k) => `${k} = ${ranges[k]!.integer ? String(p[k]) : fmt(p[k]!)}`)
    .join(", ");
}

function fmt(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : Number(x.toPrecision(6)).toString();
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
