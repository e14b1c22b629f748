// The committed digits file (data/digits/digits.csv.gz) read through the library's parser, checked
// against UCI's published description: 1 797 examples, 64 features in 0…16, labels 0…9, and the
// class counts of optdigits.names for the test set. Expected values are typed in from those
// sources and from the file itself (zcat | head), not taken from the code under test.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseDigits, trainTestSplit } from "../../src/data/index";

const FILE = join(__dirname, "..", "..", "data", "digits", "digits.csv.gz");
const bytes = readFileSync(FILE);
const text = gunzipSync(bytes).toString("utf8");

describe("data/digits/digits.csv.gz", () => {
  it("is the file of Debian's python3-sklearn 1.2.1 (checksum in data/digits/README.md), with its licence beside it", () => {
    expect(createHash("sha256").update(bytes).digest("hex")).toBe("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a");
    const licence = readFileSync(join(FILE, "..", "LICENCE"), "utf8");
    expect(licence).toMatch(/CC BY 4\.0/);
    expect(licence).toMatch(/Alpaydin/);
  });

  it("parses to 1 797 examples of 64 integer features in 0…16 with labels 0…9", () => {
    const d = parseDigits(text);
    expect([d.kind, d.n, d.features, d.classes]).toEqual(["classification", 1797, 64, 10]);
    expect(d.x.length).toBe(1797 * 64);
    expect(d.x.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    expect(d.labels.every((v) => v >= 0 && v <= 9)).toBe(true);
    // Every value 0…16 occurs somewhere (the counts use the whole range).
    expect(new Set(d.x).size).toBe(17);
  });

  it("has the class counts published for UCI's test set", () => {
    const d = parseDigits(text);
    const counts = new Array(10).fill(0);
    for (const y of d.labels) counts[y]++;
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it("keeps the file's order: the first and last rows as zcat prints them", () => {
    const d = parseDigits(text);
    const first = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
      0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0];
    expect(Array.from(d.x.subarray(0, 64))).toEqual(first);
    expect(d.labels[0]).toBe(0);
    expect(d.labels[1]).toBe(1);
    const last = [0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0,
      0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0];
    expect(Array.from(d.x.subarray(1796 * 64))).toEqual(last);
    expect(d.labels[1796]).toBe(8);
  });

  it("normalize divides every count by 16", () => {
    const raw = parseDigits(text);
    const unit = parseDigits(text, { normalize: true });
    expect(unit.x[3]).toBe(13 / 16);
    expect(unit.x.every((v, i) => v === raw.x[i]! / 16)).toBe(true);
    expect(Math.max(...unit.x)).toBe(1);
  });

  it("splits 449 / 1 348 (round(0.25 · 1797) = 449 held out), the two parts adding up to the class counts", () => {
    const { train, test } = trainTestSplit(parseDigits(text), { testFraction: 0.25, seed: 0 });
    expect([test.n, train.n]).toEqual([449, 1348]);
    const counts = new Array(10).fill(0);
    for (const y of [...train.labels, ...test.labels]) counts[y]++;
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });
});

describe("parseDigits rejects what is not the published data set", () => {
  const row = (label: number, pixel = 3) => [...new Array(64).fill(pixel), label].join(",");

  it("accepts excerpts with complete: false, with CR-LF and without a final newline", () => {
    const d = parseDigits(`${row(7)}\r\n${row(2, 16)}`, { complete: false });
    expect([d.n, d.labels[0], d.labels[1], d.x[0], d.x[64]]).toEqual([2, 7, 2, 3, 16]);
  });

  it("names the line and field of a malformed row", () => {
    expect(() => parseDigits(`${row(1)}\n${row(1, 17)}\n`, { complete: false })).toThrow(/line 2, pixel 0 = "17".*0…16/);
    expect(() => parseDigits(`${row(10)}\n`, { complete: false })).toThrow(/line 1, label = "10".*0…9/);
    expect(() => parseDigits(`${row(1, 2.5)}\n`, { complete: false })).toThrow(/line 1, pixel 0 = "2.5"/);
    expect(() => parseDigits(`${row(1)},0\n`, { complete: false })).toThrow(/line 1 = "66 fields"/);
    expect(() => parseDigits(`${row(1).replace("3,", ",")}\n`, { complete: false })).toThrow(/line 1, pixel 0 = ""/);
    expect(() => parseDigits("", { complete: false })).toThrow(/at least one row/);
  });

  it("refuses a truncated file or changed class counts unless complete: false", () => {
    const lines = text.split("\n").filter(Boolean);
    expect(() => parseDigits(lines.slice(0, 1796).join("\n"))).toThrow(/csv rows = 1796/);
    const relabelled = [...lines];
    relabelled[0] = relabelled[0]!.replace(/,0$/, ",1"); // first row is a 0: now 177 zeros, 183 ones
    expect(() => parseDigits(relabelled.join("\n"))).toThrow(/177, 183, 177/);
    expect(parseDigits(relabelled.join("\n"), { complete: false }).n).toBe(1797);
  });
});
