/**
 * Fairness probes of a hidden suite (`npm run exercise:check`): answer files made from the
 * reference solution that a fair suite must tell from it, or must not.
 *
 * - `hardCoded(source, name)`: the function `name` answers every call with its answer to the
 *   first call (a value copied from an example). A suite that never calls it, or calls it with
 *   inputs that all share one answer, still gives full marks: it must not.
 * - `off(source, name)`: every number `name` answers is 10% too large (an answer of booleans
 *   or strings and no number throws). A suite whose tolerance is that loose (an absolute tolerance on small
 *   learning rates, say) still gives full marks: it must not.
 * - `perturbed(source, mode)`: every exported function's answer moved within the tolerance the
 *   students are promised (exercises/README.md): `"float32"` rounds every non-integer number
 *   going in and coming out to single precision (counts and steps are exact by the statement);
 *   `"tolerance"` makes every non-integer number of an answer larger by a relative
 *   `PERTURBATION` (a systematic error within the promise; it keeps the answers' order and
 *   ratios, as single-precision rounding does). A fair suite still gives full marks.
 * - `mutants(source)`: the reference with one small change in a function body (a flipped sign
 *   or operator, a boundary or index moved by one, a negated test, swapped arguments, a changed
 *   constant). A mutant the suite gives full marks "survives": a test that tells it apart is
 *   missing, unless it is equivalent.
 *
 * The probes keep the reference's own calls to the original functions, and rely on the student
 * process keeping a submission's module loaded from one call to the next (sandbox/), as it does.
 */
import ts from "typescript";

/** Relative move of the "tolerance" probe: half the 2e-6 that exercises/README.md promises for one value or one step. */
export const PERTURBATION = 1e-6;

/** How an answer is perturbed: rounded to single precision, or made larger by a relative `PERTURBATION`. */
export type Perturbation = "float32" | "tolerance";

/** One mutant of a reference: where it differs, how, and its full source. */
export interface Mutant {
  /** 1-based line of the change in the reference. */
  line: number;
  /** The enclosing function. */
  fn: string;
  kind: "sign" | "operator" | "boundary" | "condition" | "index" | "arguments" | "constant";
  /** The original text and its replacement. */
  from: string;
  to: string;
  source: string;
}

const parse = (source: string) => ts.createSourceFile("exercise.ts", source, ts.ScriptTarget.ES2022, true);

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The exported functions of an answer file, in file order. */
export function exportedFunctions(source: string): string[] {
  return parse(source)
    .statements.filter((st): st is ts.FunctionDeclaration => ts.isFunctionDeclaration(st) && !!st.name && !!st.body && isExported(st))
    .map((st) => st.name!.text);
}

/** Every exported name of an answer file (functions and constants; not types), in file order. */
export function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const st of parse(source).statements) {
    if (!isExported(st)) continue;
    if (ts.isFunctionDeclaration(st) && st.name) names.push(st.name.text);
    else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

/**
 * Exports no probe or mutant reaches, nor the starter keeps as a part to fill in: a constant
 * holding a function (`export const f = (…) => …`, made null in the starter) and a name exported
 * through a list (`export { f }`, whose declaration the starter drops); each with how it is exported.
 */
export function unprobedExports(source: string): Array<{ name: string; how: string }> {
  const out: Array<{ name: string; how: string }> = [];
  for (const st of parse(source).statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) out.push({ name: e.name.text, how: "through an export { … } list" });
    }
    if (!isExported(st) || !ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      let init = d.initializer;
      while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: d.name.text, how: "as a constant holding a function" });
    }
  }
  return out;
}

/**
 * The source with the exported functions `names` no longer exported under their own names but
 * through `wrapper`: `export { <probe> as name }`, where the probe is `wrapper(name)`, a
 * function expression calling the original. The reference's own calls still reach the original.
 */
function wrapExports(source: string, names: string[], helpers: string, wrapper: (name: string) => string): string {
  const file = parse(source);
  const cuts: { from: number; to: number }[] = [];
  for (const st of file.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name || !names.includes(st.name.text)) continue;
    const mod = (ts.getModifiers(st) ?? []).find((m) => m.kind === ts.SyntaxKind.ExportKeyword)!;
    cuts.push({ from: mod.getStart(file), to: mod.end + 1 });
  }
  let out = source;
  for (const c of cuts.sort((a, b) => b.from - a.from)) out = out.slice(0, c.from) + out.slice(c.to);
  const probes = names.map((n) => `const __probe_${n} = ${wrapper(n)};\nexport { __probe_${n} as ${n} };`).join("\n");
  return `${out.trimEnd()}\n\n// ---- probe (npm run exercise:check) ----\n${helpers}${probes}\n`;
}

/** The reference, with `name` answering every call with its answer to the first call. */
export function hardCoded(source: string, name: string): string {
  return wrapExports(
    source,
    [name],
    "let __first: { value: unknown } | undefined;\n",
    (n) => `(...args: any[]): any => (__first ??= { value: (${n} as any)(...args) }).value`,
  );
}

/** Maps every number of a plain-data value (a typed array stays one, as the codec sends it as a list). */
const MAP_NUMBERS = `function __map(v: any, f: (x: number) => number): any {
  if (typeof v === "number") return f(v);
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return (v as any).map((x: any) => __map(x, f));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, __map(x, f)]));
  return v;
}
`;

/** How far the "off" probe moves an answer: 10%, far beyond any tolerance the students are promised. */
export const OFF = 0.1;

/**
 * The reference, with every number `name` answers 10% (`OFF`) too large: a suite whose tolerance
 * is that loose gives it full marks. An answer of booleans or strings and no number has no
 * tolerance to probe, so the probe throws instead of answering as the reference does (an empty
 * or null answer, like a 0, is passed on).
 */
export function off(source: string, name: string): string {
  const helpers = `${MAP_NUMBERS}function __kinds(v: any, seen: Set<string>): Set<string> {
  if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of v as any) __kinds(x, seen);
  else if (v && typeof v === "object") for (const x of Object.values(v)) __kinds(x, seen);
  else seen.add(typeof v);
  return seen;
}
`;
  return wrapExports(source, [name], helpers, (n) => `(...args: any[]): any => {
  const answer = (${n} as any)(...args);
  const kinds = __kinds(answer, new Set());
  if (!kinds.has("number") && (kinds.has("boolean") || kinds.has("string"))) throw new Error("no number to move");
  return __map(answer, (x: number) => x * ${1 + OFF});
}`);
}

/** The reference, with `name` throwing "not implemented" as in the starter: full marks then mean no task calls it. */
export function throwing(source: string, name: string): string {
  return wrapExports(source, [name], "", () => `(..._args: any[]): any => {\n  throw new Error("not implemented");\n}`);
}

/** The reference, with every exported function's answer perturbed as `mode` says. */
export function perturbed(source: string, mode: Perturbation): string {
  const helpers =
    mode === "float32"
      ? `${MAP_NUMBERS}const __f32 = (x: number) => (Number.isInteger(x) ? x : Math.fround(x));\n`
      : `${MAP_NUMBERS}const __move = (x: number) => (Number.isInteger(x) ? x : x * ${1 + PERTURBATION});\n`;
  const wrapper =
    mode === "float32"
      ? (n: string) => `(...args: any[]): any => __map((${n} as any)(...args.map((a) => __map(a, __f32))), __f32)`
      : (n: string) => `(...args: any[]): any => __map((${n} as any)(...args), __move)`;
  return wrapExports(source, exportedFunctions(source), helpers, wrapper);
}

/** Functions whose arguments commute: swapping them makes an equivalent mutant. */
const SYMMETRIC = new Set(["Math.max", "Math.min", "Math.hypot"]);

const SIGN: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusToken]: "-",
  [ts.SyntaxKind.MinusToken]: "+",
  [ts.SyntaxKind.PlusEqualsToken]: "-=",
  [ts.SyntaxKind.MinusEqualsToken]: "+=",
};
const OPERATOR: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.AsteriskToken]: "/",
  [ts.SyntaxKind.SlashToken]: "*",
};
const CONDITION: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: "!==",
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "===",
};
const BOUNDARY: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: "<=",
  [ts.SyntaxKind.LessThanEqualsToken]: "<",
  [ts.SyntaxKind.GreaterThanToken]: ">=",
  [ts.SyntaxKind.GreaterThanEqualsToken]: ">",
};

/** A string operand makes `+` a concatenation, not arithmetic. */
const isText = (n: ts.Node) => ts.isStringLiteral(n) || ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);

/**
 * Every mutant of the bodies of the reference's functions (exported and private), in source
 * order: `a + b` ↔ `a - b` (and `+=`/`-=`), unary `-x` → `x`; `a * b` ↔ `a / b`; `<` ↔ `<=`,
 * `>` ↔ `>=`; `===` ↔ `!==`; an index `a[i]` → `a[i + 1]`; the first two arguments of a call swapped (not of Math.max/min/hypot, nor
 * equal ones); an integer constant n → n + 1, another number x → 1.1·x. Answer constants and
 * types are left alone: the starter and the wrong solutions test those.
 */
export function mutants(source: string): Mutant[] {
  const file = parse(source);
  const out: Mutant[] = [];
  const seen = new Set<string>();
  const add = (fn: string, kind: Mutant["kind"], from: number, to: number, text: string) => {
    const original = source.slice(from, to);
    const mutated = source.slice(0, from) + text + source.slice(to);
    // `a[0]` → `a[0 + 1]` and the constant 0 → 1 are one mutant.
    if (original === text || seen.has(mutated)) return;
    seen.add(mutated);
    out.push({
      line: file.getLineAndCharacterOfPosition(from).line + 1,
      fn,
      kind,
      from: original,
      to: text,
      source: mutated,
    });
  };
  const visit = (fn: string) => (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const k = node.operatorToken.kind;
      const op = node.operatorToken;
      const sign = SIGN[k];
      if (sign && !(k === ts.SyntaxKind.PlusToken && (isText(node.left) || isText(node.right)))) add(fn, "sign", op.getStart(file), op.end, sign);
      const other = OPERATOR[k];
      if (other) add(fn, "operator", op.getStart(file), op.end, other);
      const boundary = BOUNDARY[k];
      if (boundary) add(fn, "boundary", op.getStart(file), op.end, boundary);
      const condition = CONDITION[k];
      if (condition) add(fn, "condition", op.getStart(file), op.end, condition);
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && !ts.isNumericLiteral(node.operand)) {
      add(fn, "sign", node.getStart(file), node.operand.getStart(file), "");
    } else if (ts.isElementAccessExpression(node) && !ts.isStringLiteral(node.argumentExpression)) {
      const i = node.argumentExpression;
      add(fn, "index", i.getStart(file), i.end, `${i.getText(file)} + 1`);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 2 && !SYMMETRIC.has(node.expression.getText(file))) {
      const [a, b] = node.arguments as unknown as [ts.Expression, ts.Expression];
      if (!ts.isSpreadElement(a) && !ts.isSpreadElement(b) && a.getText(file) !== b.getText(file)) {
        add(fn, "arguments", a.getStart(file), b.end, `${b.getText(file)}, ${a.getText(file)}`);
      }
    } else if (ts.isNumericLiteral(node)) {
      const x = Number(node.text);
      add(fn, "constant", node.getStart(file), node.end, Number.isInteger(x) ? String(x + 1) : String(Number((1.1 * x).toPrecision(12))));
    }
    ts.forEachChild(node, visit(fn));
  };
  for (const st of file.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) ts.forEachChild(st.body, visit(st.name.text));
  }
  return out;
}
