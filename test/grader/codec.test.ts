/**
 * The wire between the student process and the grader: what a hostile process can send is
 * refused at its bounds while it is read, without recursion, and the refusal names the bound.
 */
import { describe, expect, it } from "vitest";
import { BeyondLimits, decode, encode, MAX_NODES, MAX_STRING, NotPlainData, parseBounded, refusedValue } from "../../grader/harness/sandbox/codec";

/** An answer line as the runtime writes it, around a raw JSON value text. */
const line = (value: string) => `{"id":7,"n":"00ff00ff00ff00ff","i":0,"ok":true,"value":${value}}`;
const nested = (depth: number, open: string, close: string, leaf = "0") => open.repeat(depth) + leaf + close.repeat(depth);

describe("parseBounded", () => {
  it("reads what encode writes at its deepest: 64 levels below the root, a tag at the bottom", () => {
    let v: unknown = NaN;
    for (let i = 0; i < 64; i++) v = [v];
    const text = line(JSON.stringify(encode(v)));
    const got = parseBounded(text) as { value: unknown };
    expect(decode(got.value)).toEqual(v);
  });

  it.each([
    ["arrays", nested(100_000, "[", "]")],
    ["objects", nested(100_000, '{"a":', "}")],
    ["mixed", nested(50_000, '[{"b":', "}]")],
    ["unclosed arrays (never valid JSON)", "[".repeat(1_000_000)],
  ])("refuses values nested 100 000 deep (%s) without overflowing the stack", (_, value) => {
    expect(() => parseBounded(line(value))).toThrow(new BeyondLimits("it is nested more than 64 deep"));
  });

  it("refuses a string longer than MAX_STRING characters, counting escapes as the characters they denote", () => {
    expect(() => parseBounded(line(JSON.stringify("x".repeat(MAX_STRING + 1))))).toThrow(/a string in it is longer than 100000 characters/);
    // 100 000 newlines are 200 000 characters of JSON text, and exactly MAX_STRING characters.
    const newlines = "\n".repeat(MAX_STRING);
    expect((parseBounded(line(JSON.stringify(newlines))) as { value: string }).value).toBe(newlines);
    const escaped = "\\u0041".repeat(MAX_STRING);
    expect((parseBounded(line(`"${escaped}"`)) as { value: string }).value).toBe("A".repeat(MAX_STRING));
    expect(() => parseBounded(line(`"${escaped}A"`))).toThrow(BeyondLimits);
    // a key is a string too
    expect(() => parseBounded(line(`{${JSON.stringify("k".repeat(MAX_STRING + 1))}:1}`))).toThrow(BeyondLimits);
  });

  it("refuses more than MAX_NODES (100 000) elements, flat or spread over objects", () => {
    expect(MAX_NODES).toBe(100_000);
    expect(() => parseBounded(line(`[${"0,".repeat(100_000)}0]`))).toThrow(/holds more than 100000 elements/);
    expect(() => parseBounded(line(`[${'{"a":1,"b":2},'.repeat(40_000)}0]`))).toThrow(BeyondLimits);
    const big = `[${"1,".repeat(99_990)}1]`;
    expect((parseBounded(line(big)) as { value: number[] }).value).toHaveLength(99_991);
  });

  it("reads brackets inside strings as text, and keys that look like tags or prototypes as data", () => {
    const v = { s: "[[[{{{", "\\": "\"]]", $: "NaN" };
    const got = parseBounded(line(JSON.stringify(encode(v)))) as { value: unknown };
    expect(decode(got.value)).toEqual(v);
    const proto = parseBounded(line('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')) as { value: Record<string, unknown> };
    expect(() => decode(proto.value)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a self-reference by name is only a string; a tag with an unknown name is refused by decode
    expect(() => decode({ $: "ref:#" })).toThrow(NotPlainData);
  });

  it("gives malformed text to JSON.parse's own error, and names the bound in the student's message", () => {
    expect(() => parseBounded(line("[1,"))).toThrow(SyntaxError);
    expect(refusedValue(new BeyondLimits("it is nested more than 64 deep"))).toBe("returned a value beyond the grader's limits (it is nested more than 64 deep)");
    expect(refusedValue(new NotPlainData("a Proxy is not plain data"))).toBe("returned a value that is not plain data (a Proxy is not plain data)");
  });
});

describe("encode", () => {
  it("refuses what parseBounded would refuse, so an honest value never crosses in part", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 66; i++) deep = [deep];
    expect(() => encode(deep)).toThrow(BeyondLimits);
    expect(() => encode("x".repeat(MAX_STRING + 1))).toThrow(BeyondLimits);
    // a shared sub-array counts once per place it appears: 2^25 leaves through 25 shared levels
    let shared: unknown = [0, 0];
    for (let i = 0; i < 25; i++) shared = [shared, shared];
    expect(() => encode(shared)).toThrow(/holds more than 100000 elements/);
  });
});
