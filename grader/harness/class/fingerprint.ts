/**
 * Normalized token streams and winnowed fingerprints of TypeScript source, the building blocks of
 * the similarity report.
 *
 * Normalization (with the TypeScript compiler's own scanner, so comments, whitespace and line
 * breaks never reach the tokens) erases what students trivially change: every identifier becomes
 * one token (except a property name after `.`, which a rename of one's own variables leaves
 * alone; contextual keywords such as `type`, `of` or `number` count as identifiers), every
 * numeric literal another, every string, template or regular-expression literal another; `let`,
 * `const` and `var` are one token, and semicolons are dropped (automatic semicolon insertion
 * makes them optional).
 *
 * Fingerprints are selected by winnowing: Schleimer, Wilkerson and Aiken, "Winnowing: local
 * algorithms for document fingerprinting", SIGMOD 2003 (the algorithm of MOSS). Every k-gram of
 * tokens is hashed; in each window of `w` consecutive hashes the minimum is kept, recorded once
 * while it stays in the window; on a tie the one already chosen stays, else the rightmost
 * minimum (the paper's "robust winnowing"). Two streams that share a run of at least
 * `k + w - 1` tokens are then guaranteed to share a fingerprint, and runs shorter than `k`
 * tokens never match.
 */
import ts from "typescript";

/** One normalized token: its interned kind and where it sits in the source (UTF-16 offsets). */
export interface Token {
  id: number;
  start: number;
  end: number;
}

/** A selected fingerprint: the k-gram hash (53 bits) and the index of the k-gram's first token. */
export interface Fingerprint {
  hash: number;
  pos: number;
}

const interned = new Map<string, number>();

/** A small integer per normalized token kind, shared by every stream of the process. */
function intern(key: string): number {
  let id = interned.get(key);
  if (id === undefined) {
    id = interned.size + 1;
    interned.set(key, id);
  }
  return id;
}

const K = ts.SyntaxKind;
/** Tokens after which a `/` is division; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  K.Identifier, K.PrivateIdentifier, K.NumericLiteral, K.BigIntLiteral, K.StringLiteral, K.NoSubstitutionTemplateLiteral,
  K.TemplateTail, K.RegularExpressionLiteral, K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken,
  K.ThisKeyword, K.SuperKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword, K.PlusPlusToken, K.MinusMinusToken,
]);

/**
 * A keyword only in some contexts (`type`, `out`, `of`, `number`, …), which is also a valid
 * variable name: the scanner cannot tell which, so it counts as an identifier, else renaming a
 * variable to `out` would change the tokens.
 */
function isContextualKeyword(kind: ts.SyntaxKind): boolean {
  return kind > K.LastFutureReservedWord && kind <= K.LastKeyword;
}

/** The normalized key of one scanned token, or null for a token that is dropped. */
function keyOf(kind: ts.SyntaxKind, text: string, previous: ts.SyntaxKind | undefined): string | null {
  switch (kind) {
    case K.SemicolonToken:
      return null;
    case K.Identifier:
    case K.PrivateIdentifier:
      return previous === K.DotToken || previous === K.QuestionDotToken ? `.${text}` : "id";
    case K.NumericLiteral:
    case K.BigIntLiteral:
      return "num";
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.RegularExpressionLiteral:
      return "str";
    case K.TemplateHead:
    case K.TemplateMiddle:
    case K.TemplateTail:
      return "tpl";
    case K.LetKeyword:
    case K.ConstKeyword:
    case K.VarKeyword:
      return "decl";
    default:
      return isContextualKeyword(kind) ? keyOf(K.Identifier, text, previous) : String(kind);
  }
}

/** The normalized tokens of a TypeScript source (never throws: unknown characters become tokens too). */
export function normalize(source: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const tokens: Token[] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if (kind === K.OpenBraceToken) depth++;
    else if (kind === K.CloseBraceToken) {
      if (templateDepths.length && templateDepths[templateDepths.length - 1] === depth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === K.TemplateTail) templateDepths.pop();
      } else depth--;
    } else if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && (previous === undefined || !ENDS_EXPRESSION.has(previous))) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === K.TemplateHead) templateDepths.push(depth);
    const key = keyOf(kind, scanner.getTokenText(), previous);
    if (key !== null) tokens.push({ id: intern(key), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    previous = kind;
  }
  return tokens;
}

/** Finalizes a 32-bit hash (MurmurHash3's fmix32), so window minima are spread evenly. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash of tokens[i, i + k): two independent 32-bit lanes combined into 53 bits. */
function kgramHash(tokens: Token[], i: number, k: number): number {
  let a = 0x9747b28c;
  let b = 0x1b873593;
  for (let j = i; j < i + k; j++) {
    a = Math.imul(a ^ tokens[j]!.id, 0x01000193);
    b = Math.imul(b + tokens[j]!.id, 0x5bd1e995) ^ (b >>> 15);
  }
  return mix(a) * 0x200000 + (mix(b) >>> 11);
}

/** The hash of every k-gram of `k` tokens, in order (none for a stream shorter than `k`). */
export function kgramHashes(tokens: Token[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= tokens.length; i++) out.push(kgramHash(tokens, i, k));
  return out;
}

/**
 * The winnowed fingerprints of a sequence of k-gram hashes with windows of `w` hashes, in
 * increasing position. A sequence shorter than a window keeps its minimum.
 */
export function winnow(hashes: number[], w: number): Fingerprint[] {
  const n = hashes.length;
  const out: Fingerprint[] = [];
  if (n === 0) return out;
  const width = Math.min(w, n);
  let chosen = -1;
  for (let end = width; end <= n; end++) {
    const start = end - width;
    if (chosen < start) {
      chosen = start;
      for (let i = start + 1; i < end; i++) if (hashes[i]! <= hashes[chosen]!) chosen = i;
      out.push({ hash: hashes[chosen]!, pos: chosen });
    } else if (hashes[end - 1]! < hashes[chosen]!) {
      chosen = end - 1;
      out.push({ hash: hashes[chosen]!, pos: chosen });
    }
  }
  return out;
}
