// Reading a lesson's code cells for its figures and their key features (issue 23): every
// `show(fig, keyFeature)` call, every `live({ …, compute })` whose compute returns a figure with
// `keyFeature`, and `showComparison(…)` (whose key feature the library writes). A small scanner
// of JavaScript source: strings, template literals (with nested `${…}`), comments and brackets.

/** One figure call found in a cell: what it is, where, and its key feature's source text ("" when it has none). */
export interface FigureCall {
  kind: "show" | "live" | "showComparison";
  cell: number;
  /** The call's first line, for messages. */
  line: string;
  /** The key feature's source: show's second argument, or the expression after `keyFeature:` in a live figure. */
  keyFeature: string;
}

/** The index just past the string, template literal or comment starting at `i` (or `i` when none starts there). */
function skipLiteral(src: string, i: number): number {
  const ch = src[i];
  if (ch === "/" && src[i + 1] === "/") { const e = src.indexOf("\n", i); return e < 0 ? src.length : e; }
  if (ch === "/" && src[i + 1] === "*") { const e = src.indexOf("*/", i + 2); return e < 0 ? src.length : e + 2; }
  if (ch === '"' || ch === "'") {
    let j = i + 1;
    while (j < src.length && src[j] !== ch && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  if (ch === "`") {
    let j = i + 1;
    while (j < src.length && src[j] !== "`") {
      if (src[j] === "\\") j += 2;
      else if (src[j] === "$" && src[j + 1] === "{") j = matching(src, j + 1) + 1;
      else j += 1;
    }
    return j + 1;
  }
  return i;
}

/** The index of the bracket closing the one at `open` ("(", "[" or "{"). Throws when it is not closed. */
export function matching(src: string, open: number): number {
  const stack: string[] = [];
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  let i = open;
  while (i < src.length) {
    const next = skipLiteral(src, i);
    if (next !== i) { i = next; continue; }
    const ch = src[i]!;
    if (ch in pairs) stack.push(pairs[ch]!);
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (stack.pop() !== ch) throw new Error(`unbalanced "${ch}" at ${i}: ${src.slice(Math.max(0, i - 60), i + 1)}`);
      if (stack.length === 0) return i;
    }
    i += 1;
  }
  throw new Error(`bracket at ${open} not closed: ${src.slice(open, open + 80)}`);
}

/** The top-level comma-separated parts of `src` (an argument list or object body), trimmed. */
export function topLevelParts(src: string): string[] {
  const parts: string[] = [];
  let depth = 0, from = 0, i = 0;
  while (i < src.length) {
    const next = skipLiteral(src, i);
    if (next !== i) { i = next; continue; }
    const ch = src[i]!;
    if ("([{".includes(ch)) depth += 1;
    else if (")]}".includes(ch)) depth -= 1;
    else if (ch === "," && depth === 0) { parts.push(src.slice(from, i).trim()); from = i + 1; }
    i += 1;
  }
  const last = src.slice(from).trim();
  if (last !== "") parts.push(last);
  return parts;
}

/** The expression after the first `keyFeature:` at any depth of `src` (up to its top-level "," or closing bracket), or "". */
function keyFeatureProperty(src: string): string {
  let i = 0;
  while (i < src.length) {
    const next = skipLiteral(src, i);
    if (next !== i) { i = next; continue; }
    const m = /^keyFeature\s*:/.exec(src.slice(i, i + 40));
    if (m && !/[\w$]/.test(src[i - 1] ?? "")) {
      const from = i + m[0].length;
      let depth = 0, j = from;
      while (j < src.length) {
        const n = skipLiteral(src, j);
        if (n !== j) { j = n; continue; }
        const ch = src[j]!;
        if ("([{".includes(ch)) depth += 1;
        else if (")]}".includes(ch)) { if (depth === 0) break; depth -= 1; }
        else if (ch === "," && depth === 0) break;
        j += 1;
      }
      return src.slice(from, j).trim();
    }
    i += 1;
  }
  return "";
}

/**
 * Every `show(`, `live(` and `showComparison(` call in the code cells (not method calls, not
 * definitions). A live figure given as a variable (`live(stairLive)`) is read from that
 * variable's `const name = {…}` in the notebook.
 */
export function figureCalls(cells: readonly { cell_type: string; source: string }[]): FigureCall[] {
  const calls: FigureCall[] = [];
  const code = cells.map((c) => (c.cell_type === "code" ? c.source : "")).join("\n");
  cells.forEach((c, cell) => {
    if (c.cell_type !== "code") return;
    const src = c.source;
    let i = 0;
    while (i < src.length) {
      const next = skipLiteral(src, i);
      if (next !== i) { i = next; continue; }
      const m = /^(show|live|showComparison)\s*\(/.exec(src.slice(i, i + 20));
      const before = src.slice(Math.max(0, i - 9), i);
      if (!m || /[\w$.]$/.test(before) || /function\s*$/.test(before)) { i += 1; continue; }
      const open = i + m[0].length - 1;
      const close = matching(src, open);
      const args = topLevelParts(src.slice(open + 1, close));
      const kind = m[1] as FigureCall["kind"];
      let keyFeature = "";
      if (kind === "show") keyFeature = args[1] ?? "";
      else if (kind === "live") {
        let body = args[0] ?? "";
        if (/^[A-Za-z_$][\w$]*$/.test(body)) {
          const def = new RegExp(`(?:const|let|var)\\s+${body.replace(/\$/g, "\\$")}\\s*(?::[^=]*)?=\\s*\\{`).exec(code);
          body = def ? code.slice(def.index + def[0].length - 1, matching(code, def.index + def[0].length - 1) + 1) : "";
        }
        keyFeature = keyFeatureProperty(body);
      }
      calls.push({ kind, cell, line: src.slice(i, src.indexOf("\n", i) < 0 ? src.length : src.indexOf("\n", i)).trim(), keyFeature });
      i = close + 1;
    }
  });
  return calls;
}

/**
 * The literal text of the string and template literals in `source`, also those nested in a
 * template's substitutions (`${names.map((n) => `${n} at …`)}`), and the number of substitutions.
 */
function literalText(source: string): { literals: string[]; computed: number } {
  const literals: string[] = [];
  let computed = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (source.startsWith("//", i) || source.startsWith("/*", i)) i = skipLiteral(source, i);
    else if (ch === '"' || ch === "'") {
      const end = skipLiteral(source, i);
      literals.push(source.slice(i + 1, end - 1));
      i = end;
    } else if (ch === "`") {
      let j = i + 1, from = j;
      while (j < source.length && source[j] !== "`") {
        if (source[j] === "\\") j += 2;
        else if (source[j] === "$" && source[j + 1] === "{") {
          literals.push(source.slice(from, j));
          computed += 1;
          const end = matching(source, j + 1);
          const inner = literalText(source.slice(j + 2, end));
          literals.push(...inner.literals);
          computed += inner.computed;
          j = end + 1;
          from = j;
        } else j += 1;
      }
      literals.push(source.slice(from, j));
      i = j + 1;
    } else i += 1;
  }
  return { literals, computed };
}

/**
 * What is wrong with a key feature's source text, or null: it must be built from template
 * literals with at least one `${…}` (a value computed in the cell), and their literal text (and
 * that of strings in it) must hold no number typed by hand (a digit that does not continue a
 * word, like the 2 of "L2" or the 11 of "A11").
 */
export function keyFeatureProblem(source: string): string | null {
  if (source.trim() === "") return "no key feature";
  const { literals, computed } = literalText(source);
  if (computed === 0) return "no value computed in the cell (write it as a template string with ${…})";
  for (const text of literals) {
    const typed = /(?<![\p{L}\p{N}_])\d[\d.,]*/u.exec(text);
    if (typed) return `a number typed by hand ("${typed[0]}" in "${text}"): compute it in the cell`;
  }
  return null;
}
