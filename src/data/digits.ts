/**
 * The 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", test set; CC BY 4.0;
 * committed as data/digits/digits.csv.gz with its licence): the course's one real data set.
 *
 * This module parses text and does no I/O, so it runs in Node and in a browser bundle alike: the
 * caller reads and decompresses the file (Node: `gunzipSync(readFileSync(path)).toString()`;
 * browser: `fetch` piped through `DecompressionStream("gzip")`). See data/digits/README.md.
 */
import { ArgumentError } from "../validate";
import type { ClassificationData } from "./dataset";

/** Examples in the data set (UCI's test set, optdigits.tes). */
export const DIGITS_EXAMPLES = 1797;
/** Features per example: the 8×8 pixel counts, row by row from the top left. */
export const DIGITS_FEATURES = 64;
/** Largest pixel count: each feature counts the set pixels of a 4×4 block, so lies in 0…16. */
export const DIGITS_MAX_PIXEL = 16;
/** Examples of digits 0…9, as published in UCI's optdigits.names for the test set. */
export const DIGITS_CLASS_COUNTS: readonly number[] = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

/** Options of `parseDigits`. */
export interface ParseDigitsOptions {
  /** Divide every pixel count by 16, so features lie in [0, 1] (default false: counts 0…16). */
  normalize?: boolean;
  /**
   * Check that the text is the whole published data set: 1 797 rows with the class counts of
   * `DIGITS_CLASS_COUNTS` (default true; false accepts any non-empty subset of rows, for tests
   * and excerpts).
   */
  complete?: boolean;
}

/**
 * Parses the digits CSV (no header; per line 64 pixel counts and then the label, comma-separated;
 * a final newline and CR-LF line ends are accepted) into a 10-class `ClassificationData` in file
 * order. Throws an `ArgumentError` naming the line for a row without exactly 65 fields, a pixel
 * that is not an integer in 0…16 or a label that is not an integer in 0…9, and, unless
 * `complete: false`, when the row count or the class counts differ from the published ones.
 */
export function parseDigits(csv: string, o: ParseDigitsOptions = {}): ClassificationData {
  if (typeof csv !== "string") throw new ArgumentError("csv", csv, "the decompressed text of digits.csv.gz");
  const lines = csv.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const n = lines.length;
  if (n === 0) throw new ArgumentError("csv", "", "at least one row");
  const d = DIGITS_FEATURES;
  const scale = o.normalize ? 1 / DIGITS_MAX_PIXEL : 1;
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const fields = lines[i]!.replace(/\r$/, "").split(",");
    if (fields.length !== d + 1) {
      throw new ArgumentError(`csv line ${i + 1}`, `${fields.length} fields`, `${d} pixel counts and a label (${d + 1} fields)`);
    }
    for (let j = 0; j <= d; j++) {
      const text = fields[j]!.trim();
      const v = /^\d+$/.test(text) ? Number(text) : NaN;
      const max = j < d ? DIGITS_MAX_PIXEL : 9;
      if (!(v <= max)) {
        const what = j < d ? `pixel ${j}` : "label";
        throw new ArgumentError(`csv line ${i + 1}, ${what}`, fields[j], `an integer in 0…${max}`);
      }
      if (j < d) x[i * d + j] = v * scale;
      else labels[i] = v;
    }
  }
  if (o.complete ?? true) {
    if (n !== DIGITS_EXAMPLES) throw new ArgumentError("csv rows", n, `${DIGITS_EXAMPLES} (the published data set)`);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) counts[labels[i]!]!++;
    if (counts.some((c, k) => c !== DIGITS_CLASS_COUNTS[k])) {
      throw new ArgumentError("csv class counts", counts.join(", "), `the published ${DIGITS_CLASS_COUNTS.join(", ")}`);
    }
  }
  return { kind: "classification", n, features: d, classes: 10, x, labels };
}
