// The browser kernel's cell compiler (lite/src/cell.ts), run here on Node with the real TypeScript:
// what a cell declares is seen by later cells, top-level await works, the last expression is the
// cell's value, and an error's line is the cell's own line.
import * as ts from "typescript";
import { beforeEach, describe, expect, it } from "vitest";
import { CellSyntaxError, compileCell, lineMap, REQUIRE, SCOPE } from "../../lite/src/cell";

const g = globalThis as unknown as Record<string, unknown>;
const modules: Record<string, unknown> = { "./src/index": { square: (x: number) => x * x, __esModule: true, default: "lib" } };

beforeEach(() => {
  g[SCOPE] = {};
  g[REQUIRE] = Object.assign((spec: string) => modules[spec], { default: (m: { __esModule?: boolean; default?: unknown }) => (m.__esModule ? m.default : m) });
});

/** Runs one cell as the worker does: its names on the scope, then its code. */
async function run(source: string, file = "cell.ts"): Promise<unknown> {
  const cell = compileCell(ts, source, file);
  const scope = g[SCOPE] as Record<string, unknown>;
  for (const name of cell.names) if (!(name in scope)) scope[name] = undefined;
  return (0, eval)(cell.code);
}

describe("compileCell", () => {
  it("shares top-level names with later cells: const, let, destructuring, functions, classes, imports", async () => {
    await run([
      'import { square, type Nothing } from "./src/index";',
      'import lib from "./src/index";',
      "import type { X } from \"./src/index\";",
      "const a: number = square(3);",
      "let { b, c: [d] } = { b: 2, c: [4] };",
      "interface Shape { n: number }",
      "function f(x: number): number { return x + a; }",
      "class K { v = 1 }",
    ].join("\n"));
    // 9 + 1 (f) + 2 + 4 + 1 = 17, and the default import is the module's default.
    expect(await run("f(1) + b + d + new K().v")).toBe(17);
    expect(await run("lib")).toBe("lib");
    expect(Object.keys(g[SCOPE] as object).sort()).toEqual(["K", "a", "b", "d", "f", "lib", "square"]);
  });

  it("runs top-level await, and a later cell may redeclare a name", async () => {
    await run("const t = await Promise.resolve(5);");
    await run("const t = 6; let u;");
    expect(await run("t")).toBe(6);
    expect(await run("u")).toBeUndefined();
  });

  it("keeps the worker's own globals out of reach: a cell's `name` or `postMessage` lives in the shared scope", async () => {
    const before = g.postMessage;
    await run("const postMessage = 3; const name = 'x';");
    expect(g.postMessage).toBe(before);
    expect((g[SCOPE] as Record<string, unknown>).postMessage).toBe(3);
  });

  it("gives no value for a cell ending in a declaration or a statement", async () => {
    expect(await run("const z = 1;")).toBeUndefined();
    expect(await run("if (z) { z + 1; }")).toBeUndefined();
  });

  it("points an error at the cell's own line, types and blank lines included", async () => {
    const source = "type T = number;\n\nconst u: T = 1;\n\nnull!.foo;\n";
    const cell = compileCell(ts, source, "cell-7.ts");
    const error = await (0, eval)(cell.code).catch((e: Error) => e);
    const line = Number(/cell-7\.ts:(\d+):\d+/.exec(String(error.stack))![1]);
    expect(cell.cellLine(line)).toBe(5);
  });

  it("reports a syntax error with its line", () => {
    expect(() => compileCell(ts, "const a = 1;\nconst b = (;\n")).toThrow(CellSyntaxError);
    try {
      compileCell(ts, "const a = 1;\nconst b = (;\n");
    } catch (e) {
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });
});

describe("lineMap", () => {
  it("decodes a source map's mappings into each generated line's first source line", () => {
    // "AAAA;AACA;;AAEA": line 0 → 0, line 1 → 1 (delta +1), line 2 unmapped, line 3 → 3 (delta +2).
    expect(lineMap("AAAA;AACA;;AAEA")).toEqual([0, 1, undefined, 3]);
  });
});
