/**
 * The wire format between the trusted grader and the student process: JSON, plus tags for the
 * plain-data values JSON cannot carry (NaN, ±Infinity, undefined). −0 travels as 0: it is the
 * same answer as 0 (`Math.ceil(-1e-9)` is a correct 0), so no comparison downstream can tell them
 * apart. Only plain data encodes: numbers, strings, booleans, null, arrays (typed arrays become arrays) and objects whose
 * prototype is `Object.prototype` or `null`, with data properties only. This module has no
 * imports, so the grader also compiles it into the student sandbox's runtime.
 *
 * Tags are objects with the single key "$"; object keys that start with "$" are escaped with a
 * second "$" so a student object can never read as a tag.
 */

/** A JSON value as produced by `encode`. */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** Thrown by `encode`/`decode` when a value is not plain data; the message is student-safe. */
export class NotPlainData extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NotPlainData";
  }
}

/** Thrown when a value is plain data but beyond the wire's bounds (depth, size, string length). */
export class BeyondLimits extends NotPlainData {
  constructor(reason: string) {
    super(reason);
    this.name = "BeyondLimits";
  }
}

/** The student-safe sentence for a returned value the wire refused. */
export function refusedValue(e: NotPlainData): string {
  return e instanceof BeyondLimits ? `returned a value beyond the grader's limits (${e.message})` : `returned a value that is not plain data (${e.message})`;
}

/** The deepest nesting `encode` writes (a value at depth 64 may itself be an array, object or tag). */
const MAX_DEPTH = 64;
/**
 * The most values (elements, properties, scalars) in one encoded value: far above any answer of
 * the course (a few hundred), low enough that comparing and diffing one stays cheap for the
 * grader's shared workers.
 */
export const MAX_NODES = 100_000;
/** The longest string, in characters, that crosses from the student process. */
export const MAX_STRING = 100_000;
const TOO_DEEP = `it is nested more than ${MAX_DEPTH} deep`;
const TOO_MANY = `it holds more than ${MAX_NODES} elements`;
const TOO_LONG = `a string in it is longer than ${MAX_STRING} characters`;

const TAGS: Record<string, unknown> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, undefined: undefined };

/**
 * Encodes a plain-data value, or throws `NotPlainData`. `isProxy` lets the caller pass
 * `util.types.isProxy` (the runtime does; the trusted side only encodes its own arguments).
 */
export function encode(value: unknown, isProxy: (v: unknown) => boolean = () => false): Wire {
  let nodes = 0;
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): Wire => {
    if (++nodes > MAX_NODES) throw new BeyondLimits(TOO_MANY);
    if (depth > MAX_DEPTH) throw new BeyondLimits(TOO_DEEP);
    switch (typeof v) {
      case "number":
        if (Number.isNaN(v)) return { $: "NaN" };
        if (v === Infinity) return { $: "Infinity" };
        if (v === -Infinity) return { $: "-Infinity" };
        if (v === 0) return 0;
        return v;
      case "string":
        if (v.length > MAX_STRING) throw new BeyondLimits(TOO_LONG);
        return v;
      case "boolean":
        return v;
      case "undefined":
        return { $: "undefined" };
      case "object": {
        if (v === null) return null;
        if (isProxy(v)) throw new NotPlainData("a Proxy is not plain data");
        if (seen.has(v)) throw new NotPlainData("the value contains a cycle");
        seen.add(v);
        try {
          if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
            return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => walk(x, depth + 1));
          }
          const proto = Object.getPrototypeOf(v);
          if (Array.isArray(v) && proto === Array.prototype) {
            const out: Wire[] = [];
            for (let i = 0; i < v.length; i++) {
              const d = Object.getOwnPropertyDescriptor(v, i);
              if (d && !("value" in d)) throw new NotPlainData("an array element is a getter");
              out.push(walk(d ? d.value : undefined, depth + 1));
            }
            return out;
          }
          if (proto !== Object.prototype && proto !== null) {
            const name = typeof proto?.constructor?.name === "string" ? proto.constructor.name : "?";
            throw new NotPlainData(`an instance of ${name} is not plain data`);
          }
          if (Object.getOwnPropertySymbols(v).length > 0) throw new NotPlainData("an object with symbol keys is not plain data");
          const out: { [key: string]: Wire } = {};
          for (const key of Object.keys(v)) {
            const d = Object.getOwnPropertyDescriptor(v, key)!;
            if (!("value" in d)) throw new NotPlainData(`property ${JSON.stringify(key.slice(0, 40))} is a getter`);
            const k = key.startsWith("$") ? "$" + key : key;
            Object.defineProperty(out, k, { value: walk(d.value, depth + 1), enumerable: true, writable: true, configurable: true });
          }
          return out;
        } finally {
          seen.delete(v);
        }
      }
      default:
        throw new NotPlainData(`a ${typeof v} is not plain data`);
    }
  };
  return walk(value, 0);
}

/** Decodes a parsed wire value back to plain data, or throws `NotPlainData` if it is malformed. */
export function decode(wire: unknown): unknown {
  let nodes = 0;
  const walk = (w: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES) throw new BeyondLimits(TOO_MANY);
    if (depth > MAX_DEPTH) throw new BeyondLimits(TOO_DEEP);
    if (w === null || typeof w === "boolean" || typeof w === "string") return w;
    if (typeof w === "number") {
      if (!Number.isFinite(w)) throw new NotPlainData("malformed number");
      return w;
    }
    if (Array.isArray(w)) return w.map((x) => walk(x, depth + 1));
    if (typeof w !== "object") throw new NotPlainData("malformed value");
    const keys = Object.keys(w);
    const obj = w as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === "$") {
      const tag = obj.$;
      if (typeof tag !== "string" || !Object.prototype.hasOwnProperty.call(TAGS, tag)) throw new NotPlainData("malformed tag");
      return TAGS[tag];
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (key.startsWith("$") && !key.startsWith("$$")) throw new NotPlainData("malformed key");
      const k = key.startsWith("$") ? key.slice(1) : key;
      Object.defineProperty(out, k, { value: walk(obj[key], depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return walk(wire, 0);
}

/**
 * Parses one JSON text from the student process (an answer line: an envelope object whose fields
 * hold one encoded value), refusing with `NotPlainData` a text whose brackets nest deeper than an
 * encoded value in its envelope can, that holds more than `MAX_NODES` values, or a string longer
 * than `MAX_STRING` characters. The bounds are checked by an iterative scan before `JSON.parse`
 * builds anything, so no text can exhaust the stack or the heap of the grader that reads it.
 */
export function parseBounded(text: string): unknown {
  const maxNesting = MAX_DEPTH + 2;
  let nesting = 0;
  let nodes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let chars = 0;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c /* \ */) i += text.charCodeAt(i + 1) === 0x75 /* u */ ? 5 : 1;
        if (++chars > MAX_STRING) throw new BeyondLimits(TOO_LONG);
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++nesting > maxNesting) throw new BeyondLimits(TOO_DEEP);
      nodes++;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      nesting--;
    } else if (c === 0x2c /* , */) {
      nodes++;
    }
    if (nodes > MAX_NODES) throw new BeyondLimits(TOO_MANY);
  }
  return JSON.parse(text);
}
