// The browser edition's submission.zip writer (lite/src/zip.ts): CRC-32's published check value,
// and an archive that unzip tests, lists and extracts exactly (the grader's own reading of one is in
// test/site/lite.test.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crc32, zipFiles } from "../../lite/src/zip";

describe("zipFiles", () => {
  it("computes CRC-32 with the standard check value: crc32('123456789') = 0xCBF43926", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("writes an archive unzip tests, lists in order and extracts byte for byte (UTF-8 included)", () => {
    const files: [string, string][] = [["a01-step-decay/exercise.ts", "export const x = 1;\n"], ["b02-adam/exercise.ts", "// η₀ · γ^⌊k/S⌋\n"]];
    const dir = mkdtempSync(join(tmpdir(), "zip-"));
    try {
      const zip = join(dir, "submission.zip");
      writeFileSync(zip, zipFiles(files));
      execFileSync("unzip", ["-tq", zip]);
      expect(execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n")).toEqual(files.map(([n]) => n));
      for (const [name, text] of files) expect(execFileSync("unzip", ["-p", zip, name], { encoding: "utf8" })).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the same bytes for the same files (entries dated 1980-01-01)", () => {
    const files: [string, string][] = [["q/exercise.ts", "x"]];
    expect(Buffer.from(zipFiles(files)).equals(Buffer.from(zipFiles(files)))).toBe(true);
  });
});
