// One notebook cell of TypeScript, made runnable by the browser kernel (lite/src/worker.ts).
//
// tslab compiles a cell as a module whose top-level names later cells can see. The browser kernel
// gets the same behaviour from a plain evaluation, in three steps that keep every line where it was
// (so an error's line is the cell's own):
//   1. imports become `var … = __courseRequire("…")` (type-only imports vanish);
//   2. TypeScript's `transpileModule` strips the types (no type-checking: this edition does not
//      type-check, and says so in the page);
//   3. top-level declarations become assignments to names shared by every cell (the worker's global
//      object, or for a name the global already has, one scope object reached with
//      `with (__courseScope)`: see CellOptions), and the cell runs inside an async function, so
//      top-level `await` works; the value of a last expression statement is the cell's result.
// The transpile step's source map gives each line of the output its line in the cell.
import type * as TS from "typescript";

/** A compiled cell: the code to evaluate, the names it declares, and line numbers back to the cell. */
export interface CompiledCell {
  /** Code whose evaluation (indirect eval, sloppy mode) gives a promise of the cell's result. */
  code: string;
  /** Top-level names the cell declares; they must exist on the scope object before `code` runs. */
  names: string[];
  /** With `CellOptions.home`: those of `names` that live on the global object (they must exist there before `code` runs). */
  globalNames: string[];
  /** The cell's line (1-based) of a line (1-based) of `code`, or undefined where none maps. */
  cellLine(line: number): number | undefined;
}

/**
 * Where top-level names live. By default every name is on one scope object that each cell reaches
 * through `with`; but `with` makes every free name's lookup slow (a loop over a top-level variable
 * runs ~30× slower), so the worker keeps names on its global object and only a name its global
 * already has (`name`, `origin`, `postMessage`…) on the scope object: a cell runs without `with`
 * unless it mentions one of those.
 */
export interface CellOptions {
  /** Where a name the cell declares lives (the worker may record the name). */
  home(name: string): "global" | "scope";
  /** The names that live on the scope object. */
  scoped: ReadonlySet<string>;
}

/** Every identifier in `node`. */
function identifiers(ts: typeof TS, node: TS.Node, into: Set<string>): Set<string> {
  if (ts.isIdentifier(node)) into.add(node.text);
  ts.forEachChild(node, (child) => void identifiers(ts, child, into));
  return into;
}

/** A syntax error in a cell, with its 1-based line. */
export class CellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "SyntaxError";
  }
}

/** The global names the compiled code uses: the scope object and the module loader. */
export const SCOPE = "__courseScope";
export const REQUIRE = "__courseRequire";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order) to `text`. */
function applyEdits(text: string, edits: Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** `text` followed by as many newlines as `original` spans, so the lines after stay in place. */
function sameLines(text: string, original: string): string {
  return text + "\n".repeat((original.match(/\n/g) ?? []).length);
}

/** Step 1: import declarations as `var` statements calling the kernel's loader. */
function rewriteImports(ts: typeof TS, source: string): string {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  for (const st of file.statements) {
    const start = st.getStart(file);
    const original = source.slice(start, st.end);
    if (ts.isImportDeclaration(st)) {
      const spec = JSON.stringify((st.moduleSpecifier as TS.StringLiteral).text);
      const load = `${REQUIRE}(${spec})`;
      const clause = st.importClause;
      const parts: string[] = [];
      if (!clause) parts.push(`${load};`);
      else if (!clause.isTypeOnly) {
        if (clause.name) parts.push(`var ${clause.name.text} = ${REQUIRE}.default(${load});`);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) parts.push(`var ${bindings.name.text} = ${load};`);
        if (bindings && ts.isNamedImports(bindings)) {
          const names = bindings.elements
            .filter((e) => !e.isTypeOnly)
            .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
          if (names.length > 0) parts.push(`var { ${names.join(", ")} } = ${load};`);
          else if (!clause.name) parts.push(`${load};`);
        }
      }
      edits.push({ start, end: st.end, text: sameLines(parts.join(" "), original) });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && !st.isTypeOnly) {
      const spec = JSON.stringify((st.moduleReference.expression as TS.StringLiteral).text);
      edits.push({ start, end: st.end, text: sameLines(`var ${st.name.text} = ${REQUIRE}(${spec});`, original) });
    }
  }
  return applyEdits(source, edits);
}

/** Identifiers bound by a binding name (an identifier or a destructuring pattern). */
function boundNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(ts, e.name)));
}

/** Decodes a source map's "mappings": for each generated line (0-based), the first source line (0-based) it maps to. */
export function lineMap(mappings: string): (number | undefined)[] {
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const lines: (number | undefined)[] = [];
  let sourceLine = 0;
  for (const group of mappings.split(";")) {
    let first: number | undefined;
    for (const segment of group.split(",")) {
      if (segment === "") continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        first ??= sourceLine;
      }
    }
    lines.push(first);
  }
  return lines;
}

/** An edit removing a top-level statement's `export` (and `default`) modifiers, if it has any. */
function exportModifiers(ts: typeof TS, st: TS.Statement, file: TS.SourceFile): Edit | undefined {
  const modifiers = ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : [];
  const exported = modifiers.filter((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
  if (exported.length === 0) return undefined;
  const start = exported[0]!.getStart(file);
  const end = exported[exported.length - 1]!.end;
  return { start, end: end + /^[ \t]*/.exec(file.text.slice(end))![0].length, text: "" };
}

/** Grammar errors TypeScript's checker finds that are not errors in a cell: top-level await and return. */
const CELL_GRAMMAR = new Set([1108, 1375, 1378, 1431, 1432]);

/**
 * The first error of `source` that only a full parse finds (a syntax error JavaScript's own parser
 * reports without a line: `await` in a function that is not async, `break` outside a loop, a bad
 * regular expression), with its 1-based line; undefined when TypeScript finds none.
 */
export function grammarError(ts: typeof TS, source: string): CellSyntaxError | undefined {
  const name = "cell.ts";
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const host: TS.CompilerHost = {
    getSourceFile: (n) => (n === name ? file : undefined),
    writeFile: () => undefined,
    getDefaultLibFileName: () => "lib.d.ts",
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (n) => n,
    getCurrentDirectory: () => "/",
    getNewLine: () => "\n",
    fileExists: (n) => n === name,
    readFile: () => undefined,
  };
  const program = ts.createProgram([name], { noLib: true, noResolve: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }, host);
  const found = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
    .find((d) => d.code >= 1000 && d.code < 2000 && !CELL_GRAMMAR.has(d.code) && d.start !== undefined);
  if (!found) return undefined;
  return new CellSyntaxError(ts.flattenDiagnosticMessageText(found.messageText, " "), file.getLineAndCharacterOfPosition(found.start!).line + 1);
}

/**
 * Compiles one cell (see the top of this file). `ts` is the TypeScript compiler module. Throws
 * `CellSyntaxError` naming the cell's line when the cell does not parse.
 */
export function compileCell(ts: typeof TS, source: string, file = "cell.ts", options?: CellOptions): CompiledCell {
  const withImports = rewriteImports(ts, source);
  const out = ts.transpileModule(withImports, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleDetection: ts.ModuleDetectionKind.Legacy,
      sourceMap: true,
      inlineSources: false,
      removeComments: false,
    },
  });
  const syntax = (out.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const line = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start).line + 1 : 1;
    throw new CellSyntaxError(ts.flattenDiagnosticMessageText(syntax.messageText, " "), line);
  }
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const map = lineMap((JSON.parse(out.sourceMapText ?? "{}") as { mappings?: string }).mappings ?? "");

  // Step 3: top-level declarations as assignments to the shared scope.
  const parsed = ts.createSourceFile("cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const names = new Set<string>();
  const edits: Edit[] = [];
  const exported: string[] = [];
  const statements = parsed.statements;
  for (const st of statements) {
    // `export` (a cell is a module in tslab) means nothing here: the names are shared anyway.
    const exportedAt = exportModifiers(ts, st, parsed);
    if (exportedAt) edits.push(exportedAt);
    if (ts.isExportDeclaration(st)) {
      edits.push({ start: st.getStart(parsed), end: st.end, text: sameLines("", st.getText(parsed)) });
    } else if (ts.isVariableStatement(st)) {
      const list = st.declarationList;
      const keyword = list.getStart(parsed);
      const keywordEnd = list.getChildren(parsed)[0]!.end;
      edits.push({ start: keyword, end: keywordEnd, text: "" });
      for (const d of list.declarations) {
        boundNames(ts, d.name).forEach((n) => names.add(n));
        if (ts.isIdentifier(d.name)) {
          if (!d.initializer) edits.push({ start: d.name.end, end: d.name.end, text: " = void 0" });
        } else {
          edits.push({ start: d.getStart(parsed), end: d.getStart(parsed), text: "(" });
          edits.push({ start: d.end, end: d.end, text: ")" });
        }
      }
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      names.add(st.name.text);
      exported.push(st.name.text);
    } else if (ts.isClassDeclaration(st) && st.name) {
      names.add(st.name.text);
      const start = exportedAt ? exportedAt.end : st.getStart(parsed);
      edits.push({ start, end: start, text: `${st.name.text} = ` });
      edits.push({ start: st.end, end: st.end, text: ";" });
    }
  }
  const last = statements[statements.length - 1];
  if (last && ts.isExpressionStatement(last)) {
    const e = last.expression;
    edits.push({ start: e.getStart(parsed), end: e.getStart(parsed), text: "return (" });
    edits.push({ start: e.end, end: e.end, text: ")" });
  }
  const home = (n: string): "global" | "scope" => (options ? options.home(n) : "scope");
  const globalNames = [...names].filter((n) => home(n) === "global");
  const useWith = !options || [...identifiers(ts, parsed, new Set())].some((n) => options.scoped.has(n));
  // A function declaration is hoisted inside the async function; copy it to the scope first thing.
  const prefix = exported.map((n) => `${home(n) === "global" ? "globalThis" : SCOPE}.${n} = ${n};`).join(" ");
  const body = applyEdits(js, edits);
  const run = `(async () => { ${prefix}${body}\n})()`;
  const code = `${useWith ? `with (${SCOPE}) { ${run} }` : run}\n//# sourceURL=${file}`;
  return {
    code,
    names: [...names],
    globalNames,
    cellLine: (line) => {
      const mapped = map[line - 1];
      return mapped === undefined ? undefined : mapped + 1;
    },
  };
}
