/**
 * Correct answers written differently must get full marks (issue 10, part 1): edits of the
 * reference solutions that a careful instructor would accept — single-precision arithmetic,
 * −0 for 0, algebraically equal formulas that misbehave in double precision, practice answers
 * rounded to the 3 significant figures the header asks for, lowercase letters. Each is graded by
 * the real grader and sandbox on its own exercise.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeGraders, gradeSubmission } from "../../grader/harness/run/grade";
import { ROOT } from "./exercises";

interface Variant {
  id: string;
  slug: string;
  /** [snippet of the reference, its replacement]; each snippet occurs exactly once. */
  edits: [string, string][];
}

/** Rounds every number of a result to single precision, as a Float32Array would store it. */
const F32 = "const f32 = (xs: number[]): number[] => Array.from(new Float32Array(xs));\n";

const VARIANTS: Variant[] = [
  {
    id: "a01-step-decay",
    slug: "float32-every-operation",
    edits: [
      [
        "  return config.eta0 * config.gamma ** Math.floor(step / config.stepSize);\n",
        "  const f = Math.fround;\n  return f(f(config.eta0) * f(f(config.gamma) ** Math.floor(step / config.stepSize)));\n",
      ],
    ],
  },
  {
    id: "a10-llm-schedule",
    slug: "float32-result",
    edits: [
      [
        "  return minLr + 0.5 * (peak - minLr) * (1 + Math.cos(Math.PI * x));\n",
        "  return Math.fround(Math.fround(minLr) + Math.fround(0.5 * Math.fround(peak - minLr) * Math.fround(1 + Math.fround(Math.cos(Math.PI * x)))));\n",
      ],
    ],
  },
  {
    id: "a03-warmup-ratio",
    slug: "negative-zero",
    // −⌊−x⌋ is ⌈x⌉, but gives −0 for a ratio of 0.
    edits: [["  return Math.ceil(warmupRatio * totalSteps);\n", "  return -Math.floor(-warmupRatio * totalSteps);\n"]],
  },
  {
    id: "b01-adagrad",
    slug: "float32-state",
    edits: [
      ["  return { params, accum };\n", `  ${F32}  return { params: f32(params), accum: f32(accum) };\n`],
    ],
  },
  {
    id: "b02-adam-first-moment",
    slug: "float32-state",
    edits: [["  return { params, m, v, t };\n", `  ${F32}  return { params: f32(params), m: f32(m), v: f32(v), t };\n`]],
  },
  {
    id: "practice",
    slug: "three-figures-and-underflowing-ratio",
    edits: [
      ['export const example2b: number | string | null = "1.5e-4 * (1 + cos(pi * 48000 / 98000))";', "export const example2b: number | string | null = 1.55e-4;"],
      ['export const example3a: number | string | null = "log(10) / 10000";', "export const example3a: number | string | null = 0.00023;"],
      ['export const example3b: number | string | null = "10000 * log(2) / log(10)";', "export const example3b: number | string | null = 3010;"],
      ['export const problem5a: number | string | null = "0.01 - (0.01 - 1e-4) * (90000 - 30000) / (100000 - 30000)";', "export const problem5a: number | string | null = 0.00151;"],
      ['export const problem5b: number | string | null = "0.85 + 0.1 * (90000 - 30000) / (100000 - 30000)";', "export const problem5b: number | string | null = 0.936;"],
      ['export const problem2b: number | string | null = "gamma^(floor((t + 1) / S) - floor(t / S))";', 'export const problem2b: number | string | null = "gamma^floor((t + 1) / S) / gamma^floor(t / S)";'],
      ["export const problem3a: number | string | null = 25015;", "export const problem3a: number | string | null = 25016;"],
    ],
  },
];

/** The reference with the edits applied; throws if a snippet is not found exactly once. */
function variantSource(v: Variant): string {
  let src = readFileSync(path.join(ROOT, "grader/solutions", v.id, "exercise.ts"), "utf8");
  for (const [find, replace] of v.edits) {
    const at = src.indexOf(find);
    if (at < 0 || src.indexOf(find, at + 1) >= 0) throw new Error(`${v.id}/${v.slug}: ${JSON.stringify(find.slice(0, 60))} must occur exactly once`);
    src = src.slice(0, at) + replace + src.slice(at + find.length);
  }
  return src;
}

/** Every letter answer of an answer file, lowercased ("B" → "b"). */
function lowercaseLetters(src: string): string {
  return src.replace(/(export const (?:part[AE]|q\d): [^=]*= \(?)"([A-D])"/g, (_, head: string, letter: string) => `${head}"${letter.toLowerCase()}"`);
}

const scratch = mkdtempSync(path.join(tmpdir(), "fair-solutions-"));

afterAll(async () => {
  await closeGraders();
  rmSync(scratch, { recursive: true, force: true });
});

async function grade(id: string, slug: string, source: string): Promise<{ score: number; max: number }> {
  const dir = path.join(scratch, `${id}--${slug}`);
  mkdirSync(path.join(dir, id), { recursive: true });
  writeFileSync(path.join(dir, id, "exercise.ts"), source);
  // One grader for every variant (one vitest instance, not one per exercise).
  const r = await gradeSubmission(dir);
  return r.exercises[id]!;
}

describe("correct answers written differently", () => {
  it("get full marks: single precision, −0, equal formulas, 3 significant figures", async () => {
    const results = await Promise.all(VARIANTS.map(async (v) => ({ name: `${v.id}/${v.slug}`, ...(await grade(v.id, v.slug, variantSource(v))) })));
    expect(results.filter((r) => r.score < r.max).map((r) => `${r.name}: ${r.score}/${r.max}`)).toEqual([]);
  }, 600_000);

  it("get full marks with every letter answer in lowercase (quiz and every exercise's parts (a) and (e))", async () => {
    const ids = ["quiz", "a01-step-decay", "a05-one-cycle", "b04-amsgrad", "b10-muon"];
    const results = await Promise.all(
      ids.map(async (id) => {
        const ref = readFileSync(path.join(ROOT, "grader/solutions", id, "exercise.ts"), "utf8");
        const lower = lowercaseLetters(ref);
        expect(lower, id).not.toBe(ref);
        return { id, ...(await grade(id, "lowercase", lower)) };
      }),
    );
    expect(results.filter((r) => r.score < r.max).map((r) => `${r.id}: ${r.score}/${r.max}`)).toEqual([]);
  }, 600_000);
});
