/**
 * The similarity report: normalization and winnowing checked against hand-derived and published
 * values, then a generated class where the answer is known by construction (a renamed,
 * reformatted copy; an independent implementation of the same algorithm; starters; the reference).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { kgramHashes, normalize, winnow, type Token } from "../../grader/harness/class/fingerprint";
import { similarityReport, type SimilarityResult } from "../../grader/harness/class/similarity";
import { REPO_ROOT } from "../../grader/harness/run/runner";
import { rng } from "../../src/random";

const ids = (src: string) => normalize(src).map((t) => t.id);

describe("normalize", () => {
  it("ignores comments, whitespace, semicolons, identifier names, literal values and let/const/var", () => {
    const a = "let total = 0.5; // running sum\nfor (const x of xs) { total += x * 2; }\nreturn `sum ${total}`;";
    const b = "/* sum */ var acc=.50\nfor(let item of values){\n  acc+=item*2.0 }\nreturn `total: ${acc}`";
    expect(ids(a)).toEqual(ids(b));
    // contextual keywords are valid names: a rename to one changes nothing either
    expect(ids("const restarts: number[] = []; restarts.push(1)")).toEqual(ids("const out: number[] = []; out.push(1)"));
  });

  it("keeps the code's shape: operators, keywords and property names after a dot", () => {
    expect(ids("a = b + c")).not.toEqual(ids("a = b - c"));
    expect(ids("while (x) y()")).not.toEqual(ids("if (x) y()"));
    expect(ids("Math.cos(t)")).not.toEqual(ids("Math.sin(t)"));
  });

  it("scans regular expressions and nested templates as single tokens", () => {
    const text = "const r = /a+b/g.test(s); const t = `x${a + `y${b}`}z`; q = a / b / c;";
    const spans = normalize(text).map((t) => text.slice(t.start, t.end));
    // decl r = /a+b/g . test ( s ) decl t = `x${ a + `y${ b }` }z` q = a / b / c
    expect(spans).toEqual(["const", "r", "=", "/a+b/g", ".", "test", "(", "s", ")", "const", "t", "=", "`x${", "a", "+", "`y${", "b", "}`", "}z`", "q", "=", "a", "/", "b", "/", "c"]);
  });
});

describe("winnow", () => {
  it("selects the paper's fingerprints on its example (Schleimer et al. 2003, figure 2)", () => {
    const hashes = [77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98];
    expect(winnow(hashes, 4)).toEqual([
      { hash: 17, pos: 3 },
      { hash: 17, pos: 6 },
      { hash: 8, pos: 8 },
      { hash: 39, pos: 11 },
      { hash: 17, pos: 15 },
    ]);
  });

  it("keeps the chosen minimum on a tie (robust winnowing) and the minimum of a short sequence", () => {
    // Windows (5 1 3), (1 3 1), (3 1 1), (1 1 1), (1 1 4): 1@1 is kept until it leaves, then the
    // rightmost 1 (@4) is kept; plain winnowing would move to 1@3 and 1@5 as well.
    expect(winnow([5, 1, 3, 1, 1, 1, 4], 3)).toEqual([{ hash: 1, pos: 1 }, { hash: 1, pos: 4 }]);
    expect(winnow([9, 4, 6], 8)).toEqual([{ hash: 4, pos: 1 }]);
  });

  it("always finds a shared run of k + w - 1 tokens, wherever it sits (the guarantee threshold)", () => {
    const k = 12, w = 8;
    const r = rng(14);
    const stream = (n: number): Token[] => Array.from({ length: n }, () => ({ id: 1 + r.int(40), start: 0, end: 0 }));
    for (let trial = 0; trial < 200; trial++) {
      const common = stream(k + w - 1);
      const a = [...stream(r.int(60)), ...common, ...stream(r.int(60))];
      const b = [...stream(r.int(60)), ...common, ...stream(r.int(60))];
      const inB = new Set(winnow(kgramHashes(b, k), w).map((f) => f.hash));
      expect(winnow(kgramHashes(a, k), w).some((f) => inB.has(f.hash))).toBe(true);
    }
  });
});

const ID = "a04-cosine-restarts";
const OTHER = "a06-inverse-sqrt";
const starter = (id: string) => fs.readFileSync(path.join(REPO_ROOT, "exercises", id, "exercise.ts"), "utf8");
const reference = (id: string) => fs.readFileSync(path.join(REPO_ROOT, "grader", "solutions", id, "exercise.ts"), "utf8");

/** The reference of A4 with its two functions (parts d1 and d2) replaced by `body`. */
function withFunctions(body: string): string {
  const ref = reference(ID);
  const from = ref.indexOf("/** (d1)");
  const to = ref.indexOf("/**\n * (e)");
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return ref.slice(0, from) + body + "\n" + ref.slice(to);
}

/** Ana's own implementation (not the reference's code). */
const ANA = `/** (d1) SGDR. */
export function cosineWithRestarts(config: RestartsConfig, step: number): number {
  // walk forward cycle by cycle until the step falls inside one
  let cycleStart = 0;
  let cycleLen = config.T0;
  for (;;) {
    if (step < cycleStart + cycleLen) break;
    cycleStart = cycleStart + cycleLen;
    cycleLen = cycleLen * config.Tmult;
  }
  const progress = (step - cycleStart) / cycleLen;
  const cosine = Math.cos(Math.PI * progress);
  return config.etaMin + ((config.etaMax - config.etaMin) * (1 + cosine)) / 2;
}

/** (d2) restarts */
export function restartSteps(config: RestartsConfig, totalSteps: number): number[] {
  const restarts: number[] = [];
  let next = config.T0;
  let len = config.T0;
  while (true) {
    if (next >= totalSteps) break;
    restarts.push(next);
    len = len * config.Tmult;
    next = next + len;
  }
  return restarts;
}
`;

/** Ben's copy of Ana's: every local renamed, comments changed (one is markup), reformatted, no semicolons, literals rewritten. */
const BEN = `// my solution for part d
export function cosineWithRestarts(config: RestartsConfig, step: number): number {
    let begin = 0
    let span = config.T0
    for (;;) { if (step < begin + span) break
        begin = begin + span; span = span * config.Tmult }
    const frac = (step - begin) / span // </pre><script>alert(1)</script>
    const c = Math.cos(Math.PI * frac)
    return config.etaMin + ((config.etaMax - config.etaMin) * (1 + c)) / 2.0
}
/* list the restart steps */
export function restartSteps(config: RestartsConfig, totalSteps: number): number[] {
    const out: number[] = []
    let at = config.T0
    var size = config.T0
    while (true) {
        if (at >= totalSteps) break
        out.push(at)
        size = size * config.Tmult
        at = at + size
    }
    return out
}
`;

/** Cleo's independent implementation of the same algorithm. */
const CLEO = `/** (d1) SGDR */
export function cosineWithRestarts(config: RestartsConfig, step: number): number {
  const { etaMax, etaMin, T0, Tmult } = config;
  let t = step;
  let Ti = T0;
  while (t >= Ti) {
    t -= Ti;
    Ti *= Tmult;
  }
  return etaMin + ((etaMax - etaMin) / 2) * (1 + Math.cos((Math.PI * t) / Ti));
}

/** (d2) */
export function restartSteps(config: RestartsConfig, totalSteps: number): number[] {
  const steps: number[] = [];
  for (let s = config.T0, T = config.T0 * config.Tmult; s < totalSteps; s += T, T *= config.Tmult) steps.push(s);
  return steps;
}
`;

async function writeZip(file: string, entries: Record<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  await new Promise<void>((res, rej) => zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", res).on("error", rej));
  fs.writeFileSync(file, Buffer.concat(chunks));
}

describe("similarityReport on a generated class", () => {
  let dir: string;
  let classDir: string;
  let out: string;
  let result: SimilarityResult;
  /** Shared tokens of a pair (0 when the pair is not listed: it shares no fingerprint). */
  const tokens = (x: string, y: string) => result.pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x))?.tokens ?? 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "similarity-class-"));
    out = path.join(dir, "out");
    classDir = path.join(dir, "class");
    const students: Record<string, Record<string, string>> = {
      ana: { [ID]: withFunctions(ANA), [OTHER]: starter(OTHER) },
      cleo: { [ID]: withFunctions(CLEO), [OTHER]: reference(OTHER) },
      dan: { [ID]: starter(ID), [OTHER]: starter(OTHER) },
      eve: { [ID]: starter(ID), [OTHER]: starter(OTHER) },
      finn: { [ID]: reference(ID), [OTHER]: reference(OTHER) },
      gus: { [ID]: reference(ID).replace(/\n\n/g, "\n\n\n").replace(/config/g, "cfg"), [OTHER]: reference(OTHER) },
    };
    for (const [name, files] of Object.entries(students)) {
      for (const [id, text] of Object.entries(files)) {
        fs.mkdirSync(path.join(classDir, name, "exercises", id), { recursive: true });
        fs.writeFileSync(path.join(classDir, name, "exercises", id, "exercise.ts"), text);
      }
    }
    // Ben hands in a zip with his copy and the starter of the other exercise.
    await writeZip(path.join(classDir, "ben.zip"), { [`exercises/${ID}/exercise.ts`]: withFunctions(BEN), [`exercises/${OTHER}/exercise.ts`]: starter(OTHER) });
    result = await similarityReport(classDir, out, { only: [ID, OTHER], minTokens: 0 });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads every submission, the zip included", () => {
    expect(result.students).toBe(7);
    expect(result.notes).toEqual([]);
  });

  it("ranks the renamed, reformatted copy first, far above the independent implementation", () => {
    expect([result.pairs[0]!.a, result.pairs[0]!.b]).toEqual(["ana", "ben"]);
    const copied = tokens("ana", "ben");
    const independent = Math.max(tokens("ana", "cleo"), tokens("ben", "cleo"));
    // Ana's two function bodies are about 150 normalized tokens; the copy keeps nearly all of them.
    expect(copied).toBeGreaterThan(120);
    expect(result.pairs[0]!.fraction).toBeGreaterThan(0.9);
    expect(copied).toBeGreaterThan(5 * independent);
  });

  it("scores near zero what is only starter code or the reference, even renamed", () => {
    for (const [x, y] of [["dan", "eve"], ["dan", "finn"], ["finn", "gus"], ["eve", "gus"], ["ana", "dan"]]) expect(tokens(x!, y!)).toBeLessThanOrEqual(12);
  });

  it("writes the ranked page, which says it accuses no one, with the copy's regions side by side", () => {
    const html = fs.readFileSync(path.join(out, "similarity.html"), "utf8");
    expect(html).toContain("it does not accuse anyone");
    const section = html.slice(html.indexOf('id="pair-1"'));
    expect(section).toContain("1. ana and ben");
    // Ana's and Ben's own lines face each other in one region.
    const region = section.slice(section.indexOf('<div class="pair">'), section.indexOf("</div></div>", section.indexOf('<div class="pair">')) + 12);
    expect(region).toContain("cycleStart = cycleStart + cycleLen");
    expect(region).toContain("begin = begin + span");
    // Ben's comment is shown as text, never as markup.
    expect(region).toContain("// &lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("ignores passages found in more than commonLimit submissions (MOSS's -m)", async () => {
    // Ana's and Ben's code is in exactly two submissions: a limit of 2 keeps it, a limit of 1 drops it.
    const keep = await similarityReport(classDir, path.join(dir, "limit2"), { only: [ID, OTHER], minTokens: 0, commonLimit: 2 });
    expect(keep.pairs[0]!.tokens).toBe(tokens("ana", "ben"));
    const drop = await similarityReport(classDir, path.join(dir, "limit1"), { only: [ID, OTHER], minTokens: 0, commonLimit: 1 });
    expect(drop.pairs).toEqual([]);
  });

  it("writes one CSV row per listed pair, best first", () => {
    const rows = fs.readFileSync(path.join(out, "similarity.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toBe("rank,student_a,student_b,shared_tokens,share,exercises");
    expect(rows.length).toBe(result.pairs.length + 1);
    expect(rows[1]!.startsWith(`1,ana,ben,${tokens("ana", "ben")},`)).toBe(true);
  });
});
