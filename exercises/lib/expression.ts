/**
 * Checking symbolic answers: a student writes a formula as a string ("eta0 * gamma^floor(t/S)"),
 * and these helpers say whether it is well formed and whether it equals a reference formula.
 *
 * The string is parsed with mathjs, then only an allow-listed parse tree is accepted: numbers,
 * the symbols the exercise names (plus `pi` and `e`), + − * / ^, unary minus, parentheses and a
 * short list of functions. mathjs never evaluates the string: the accepted tree is evaluated by the
 * small interpreters below. Two expressions are compared numerically at many seeded random points
 * of the valid ranges (symbolic equality gives false negatives), first with JavaScript numbers;
 * where that comparison fails or a value is not finite (a power that underflows, 0/0, ∞ − ∞,
 * digits lost to cancellation), the point is evaluated again in 40-digit decimal arithmetic
 * (mathjs `bignumber`, whose exponent range is practically unlimited) and judged there. So any
 * algebraically equal form is accepted, however it behaves in floating point, and a form that
 * really differs is rejected at the first point where the exact values disagree.
 */
import { all, create, parse, type BigNumber, type MathNode } from "mathjs";
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
  /** Evaluates the expression with the given symbol values, in JavaScript numbers. */
  evaluate(point: Record<string, number>): number;
  /** Evaluates it in 40-digit decimal arithmetic (a non-finite result is NaN or ±Infinity). */
  evaluatePrecise(point: Record<string, number>): BigNumber;
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
 *
 * A `%` is the percent sign, never the remainder: a constant answer (no symbols) may end with one
 * that applies to the whole answer, so "50.03 %", "50.03%" and "(1/2)%" read as 0.5003 and 0.005
 * (the practice header says so). Anywhere else, and in every formula, it is refused: mathjs would
 * bind it to the number just before it ("1/2 %" is 1/(2/100) = 50), which is never what is meant.
 */
export function checkSyntax(answer: unknown, symbols: Iterable<string>): CheckedExpression | Verdict {
  const allowed = new Set(symbols);
  if (answer === null || answer === undefined) return fail("no answer yet (the value is null)");
  if (typeof answer !== "string") return fail(`the answer must be a string, not a ${typeof answer}`);
  if (answer.trim() === "") return fail("the answer is an empty string");
  if (answer.length > MAX_LENGTH) {
    return fail(`the answer is ${answer.length} characters long; the limit is ${MAX_LENGTH}`);
  }
  if (answer.includes("**")) return fail("use ^ for powers (gamma^k), not ** : answers are mathjs expressions");
  let tree: MathNode;
  try {
    tree = parse(answer);
  } catch (e) {
    return fail(`could not parse the expression: ${(e as Error).message}`);
  }
  const used = new Set<string>();
  const warnings: string[] = [];
  const problem = percentProblem(tree, allowed.size === 0) ?? inspect(tree, allowed, used, warnings);
  if (problem) return fail(problem);
  return { evaluate: (point) => evaluate(tree, point), evaluatePrecise: (point) => evaluatePrecise(tree, point), symbols: used, warnings };
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
  // Values this far below the largest reference value count as zero (1e-9 of the scale).
  const absTol = 1e-9 * scale;
  const close = (a: number, r: number) => Math.abs(a - r) <= relTol * Math.max(Math.abs(a), Math.abs(r)) + absTol;
  let compared = 0;
  for (let i = 0; i < samples.length; i++) {
    const point = samples[i]!;
    const r = refValues[i]!;
    const a = mine.evaluate(point);
    // Fast path: both finite and equal in double precision.
    if (Number.isFinite(r) && Number.isFinite(a) && close(a, r)) {
      compared++;
      continue;
    }
    // Otherwise judge the point in exact-enough arithmetic: a form that underflows, overflows or
    // cancels in double precision is not a wrong answer.
    const R = ref.evaluatePrecise(point);
    if (!R.isFinite()) continue; // the reference itself is undefined here: not a test point
    compared++;
    const A = mine.evaluatePrecise(point);
    const at = describePoint(point, ranges);
    if (!A.isFinite()) return fail(`your expression is not a finite number at ${at} (it gives ${Number.isFinite(a) ? A.toString() : a}).${note}`);
    const diff = A.minus(R).abs();
    const bound = A.abs().greaterThan(R.abs()) ? A.abs() : R.abs();
    if (diff.greaterThan(bound.times(relTol).plus(absTol))) {
      const missing = [...ref.symbols].filter((s) => !mine.symbols.has(s));
      const hint = missing.length ? ` Your expression does not use ${missing.join(", ")}.` : "";
      return fail(`your expression differs at ${at} (yours gives ${fmtPrecise(A)}).${hint}${note}`);
    }
  }
  if (compared < Math.min(20, points)) throw new Error("reference expression is not finite over most of the ranges");
  return { ok: true, feedback: `correct: matches at ${compared} points.${note}` };
}

/**
 * Reads a practice-problem answer: a finite number, or a constant expression (numbers, pi, e,
 * operators, allow-listed functions) that evaluates to one, such as "5e-4 * (1 + cos(0.37*pi))".
 * A trailing `%` makes the answer a percentage: "50.03 %" and "50.03%" read as 0.5003, while
 * "50.03" is 50.03 (see checkSyntax for where a `%` is refused).
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

/**
 * How close a numeric answer must be: `sigFigs: n` accepts anything within half a unit in the n-th
 * significant figure of the exact value, so the exact value rounded to n significant figures always
 * passes (0.00023 = 2.30e-4 for 2.3026e-4) and a value off by a unit in the n-th figure does not;
 * `abs: d` accepts |answer − exact| ≤ d (counts, "±1 step").
 */
export type Precision = { sigFigs: number } | { abs: number };

/** Practice answers are graded to 3 significant figures unless a problem says otherwise. */
export const PRACTICE_PRECISION: Precision = { sigFigs: 3 };

/** The largest accepted |answer − expected| for `precision`. */
export function allowedError(expected: number, precision: Precision): number {
  if ("abs" in precision) return precision.abs;
  if (expected === 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - precision.sigFigs + 1);
  // Half a unit, plus the round-off of writing the rounded value in binary (a few ulps).
  return 0.5 * unit * (1 + 1e-9);
}

/** Checks a numeric answer (number or constant expression) against the expected value (see `Precision`). */
export function checkNumber(answer: unknown, expected: number, precision: Precision = PRACTICE_PRECISION): Verdict {
  const read = parseAnswerNumber(answer);
  if (!read.ok) return read;
  const ok = Math.abs(read.value - expected) <= allowedError(expected, precision);
  const what = "abs" in precision ? `within ${precision.abs} of the value asked for` : `the value asked for, to ${precision.sigFigs} significant figures`;
  return { ok, feedback: ok ? "correct" : `your answer (${fmt(read.value)}) is not ${what}` };
}

function isChecked(x: CheckedExpression | Verdict): x is CheckedExpression {
  return "evaluate" in x;
}

function fail(feedback: string): { ok: false; feedback: string } {
  return { ok: false, feedback };
}

/** Whether `node` is mathjs's percentage ("x%", parsed as x / 100), not a division written out. */
function isPercentage(node: MathNode): boolean {
  return node.type === "OperatorNode" && (node as MathNode & { isPercentage?: boolean }).isPercentage === true;
}

/**
 * The problem with the `%` signs of `tree`, if any: only a constant answer (`constant`) may have
 * one, and only one that applies to the whole answer (the root of the tree).
 */
function percentProblem(tree: MathNode, constant: boolean): string | undefined {
  let inner: MathNode | undefined;
  tree.traverse((node) => {
    if (!inner && isPercentage(node) && !(constant && node === tree)) inner = node;
  });
  if (!inner) return undefined;
  if (!constant) return `"%" is not allowed in a formula; write / 100 if you mean a percentage`;
  const of = (inner as MathNode & { args: MathNode[] }).args[0]!.toString();
  return `a % is accepted only at the very end of a number answer, where it makes the whole answer a percentage ("50 %" is 0.5); here it applies to ${of} only: write ${of} / 100, or put the whole answer in parentheses before the % ("(…) %")`;
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

/** Decimal arithmetic for the points double precision cannot judge (mathjs bignumber, i.e. decimal.js). */
interface BigConstructor {
  new (x: number | string): BigNumber;
  acos(x: number): BigNumber;
  min(...x: BigNumber[]): BigNumber;
  max(...x: BigNumber[]): BigNumber;
  readonly ROUND_HALF_CEIL: number;
}
const Big = (create(all, { number: "BigNumber", precision: 40 }) as unknown as { BigNumber: BigConstructor }).BigNumber;
const BIG_PI = Big.acos(-1);
const BIG_E = new Big(1).exp();
const BIG_NAN = new Big(Number.NaN);

/**
 * Arguments beyond which the decimal library's trigonometric functions would need more digits of
 * π than it holds (it would throw); double precision gives no meaningful value there either.
 */
const TRIG_LIMIT = new Big("1e300");

const BIG_FUNCTIONS: Record<string, (...x: BigNumber[]) => BigNumber> = {
  sqrt: (x) => x.sqrt(),
  exp: (x) => x.exp(),
  log: (x, base) => (base === undefined ? x.ln() : x.ln().div(base.ln())),
  log2: (x) => x.ln().div(new Big(2).ln()),
  log10: (x) => x.ln().div(new Big(10).ln()),
  sin: (x) => (x.abs().lessThan(TRIG_LIMIT) ? x.sin() : BIG_NAN),
  cos: (x) => (x.abs().lessThan(TRIG_LIMIT) ? x.cos() : BIG_NAN),
  tan: (x) => (x.abs().lessThan(TRIG_LIMIT) ? x.tan() : BIG_NAN),
  floor: (x) => x.floor(),
  ceil: (x) => x.ceil(),
  // Math.round rounds halves up (towards +∞): −2.5 → −2.
  round: (x) => x.toDecimalPlaces(0, Big.ROUND_HALF_CEIL as 7),
  abs: (x) => x.abs(),
  min: (...x) => (x.some((v) => v.isNaN()) ? BIG_NAN : Big.min(...x)),
  max: (...x) => (x.some((v) => v.isNaN()) ? BIG_NAN : Big.max(...x)),
};

const BIG_BINARY: Record<string, (a: BigNumber, b: BigNumber) => BigNumber> = {
  add: (a, b) => a.plus(b),
  subtract: (a, b) => a.minus(b),
  multiply: (a, b) => a.times(b),
  divide: (a, b) => a.div(b),
  pow: (a, b) => a.pow(b),
};

/** Evaluates an allow-listed tree in decimal arithmetic; NaN where it is undefined. */
function evaluatePrecise(node: MathNode, point: Record<string, number>): BigNumber {
  try {
    return precise(node, point);
  } catch {
    return BIG_NAN;
  }
}

function precise(node: MathNode, point: Record<string, number>): BigNumber {
  const n = node as MathNode & Record<string, any>;
  switch (node.type) {
    case "ConstantNode":
      return new Big(n.value as number);
    case "SymbolNode": {
      if (Object.hasOwn(point, n.name)) return new Big(point[n.name]!);
      if (n.name === "pi") return BIG_PI;
      if (n.name === "e") return BIG_E;
      throw new Error(`no value for ${n.name}`);
    }
    case "ParenthesisNode":
      return precise(n.content, point);
    case "OperatorNode": {
      if (n.fn === "unaryMinus") return precise(n.args[0], point).neg();
      if (n.fn === "unaryPlus") return precise(n.args[0], point);
      return BIG_BINARY[n.fn as string]!(precise(n.args[0], point), precise(n.args[1], point));
    }
    case "FunctionNode":
      return BIG_FUNCTIONS[n.fn.name as string]!(...(n.args as MathNode[]).map((a) => precise(a, point)));
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

function fmtPrecise(x: BigNumber): string {
  const v = x.toNumber();
  return Number.isFinite(v) && (v !== 0 || x.isZero()) ? fmt(v) : x.toSignificantDigits(6).toString();
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
