/**
 * Issue 22, §2 and §5: an instructor who has never seen the code follows docs/authoring.md
 * literally — the commands of its `sh step=…` blocks and the files of its `file=…` blocks, read
 * from the guide's own text — to write the exercise a13-half-life, checks it (`exercise:check`
 * green), publishes a release and a Gradescope zip, grades three students and imports the
 * Canvas CSV; then makes the three classic mistakes, and `exercise:check` must catch each.
 * Everything happens in a temporary copy of the repository, so no scaffolded exercise is ever
 * left in it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, tmpDir } from "./helpers";

const GUIDE = fs.readFileSync(path.join(REPO, "docs", "authoring.md"), "utf8");
const ID = "a13-half-life";

/** The guide's files: each fenced block whose info string is `<language> file=<path>`. */
function guideFiles(): Record<string, string> {
  return Object.fromEntries([...GUIDE.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** The commands of the guide's block `sh step=<step>`, one per line. */
function guideCommands(step: string): string[] {
  const block = new RegExp(`^\`\`\`sh step=${step}\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(GUIDE);
  if (!block) throw new Error(`docs/authoring.md has no block sh step=${step}`);
  return block[1]!.trim().split("\n");
}

let copy: string;
/** Runs a shell command in the copy, as the instructor types it. */
const run = (command: string) => spawnSync("bash", ["-c", command], { cwd: copy, encoding: "utf8", maxBuffer: 64 << 20 });
const inCopy = (rel: string) => path.join(copy, rel);

/** Entry names of a zip. */
function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      const names: string[] = [];
      z.on("entry", (e: yauzl.Entry) => (names.push(e.fileName), z.readEntry()));
      z.on("end", () => resolve(names));
      z.on("error", reject);
      z.readEntry();
    });
  });
}

beforeAll(() => {
  // The working tree's files (tracked, and new ones not ignored), with the installed packages.
  copy = tmpDir("authoring-copy-");
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const rel of files) {
    const from = path.join(REPO, rel);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(inCopy(rel)), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), inCopy(rel));
    else fs.copyFileSync(from, inCopy(rel));
  }
  fs.symlinkSync(path.join(REPO, "node_modules"), inCopy("node_modules"));
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe("the authoring guide, followed literally by a newcomer", () => {
  it("names five files and the commands of each step", () => {
    expect(Object.keys(guideFiles()).sort()).toEqual([
      `exercises/${ID}/public.test.ts`,
      `grader/solutions/${ID}/exercise.ts`,
      `grader/suites/${ID}.hidden.test.ts`,
      `grader/wrong/${ID}.json`,
    ].sort());
    expect(guideCommands("new")).toEqual([`npm run exercise:new -- ${ID} --title "Half-life decay"`]);
    expect(guideCommands("check")).toEqual(["npm run starters", "npm run grade:manifest", `npm run exercise:check -- ${ID}`]);
  });

  it("exercise:new that cannot write (exercises/ read-only): one line, and nothing written", () => {
    // bubblewrap binds the copy's exercises/ read-only; the grader's folders stay writable.
    const r = spawnSync("bwrap", ["--dev-bind", "/", "/", "--ro-bind", inCopy("exercises"), inCopy("exercises"), "--chdir", copy, "bash", "-c", "npm run -s exercise:new -- zz-readonly"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(2);
    // (the code is the one the system gives: ENOENT where the folder could not be made, EROFS where the file could not)
    expect(r.stderr.trim()).toMatch(/^could not write exercises\/zz-readonly\/public\.test\.ts \((ENOENT|EROFS)\), so nothing was written: make the repository's folders writable \(and leave room on the disk\), then rerun$/);
    for (const rel of ["grader/solutions/zz-readonly", "grader/suites/zz-readonly.hidden.test.ts", "grader/wrong/zz-readonly.json", "exercises/zz-readonly"]) {
      expect(fs.existsSync(inCopy(rel)), rel).toBe(false);
    }
  }, 60_000);

  it("scaffolds the exercise, fills it in from the guide, and exercise:check finds it ready", () => {
    const t0 = Date.now();
    for (const command of guideCommands("new")) expect(run(command).status, command).toBe(0);
    // Every part is scaffolded, the starter stripped from the scaffold's reference.
    for (const rel of [`grader/solutions/${ID}/exercise.ts`, `grader/suites/${ID}.hidden.test.ts`, `exercises/${ID}/public.test.ts`, `grader/wrong/${ID}.json`, `exercises/${ID}/exercise.ts`]) {
      expect(fs.existsSync(inCopy(rel)), rel).toBe(true);
    }
    expect(fs.readFileSync(inCopy(`exercises/${ID}/exercise.ts`), "utf8")).toContain("return notImplemented(");
    expect(fs.readFileSync(inCopy(`grader/wrong/${ID}.json`), "utf8").trim()).toBe("[]");

    const scaffolded = (Date.now() - t0) / 1000;

    // The scaffold's examples are consistent: its suite gives its reference full marks (choice 1
    // point, exponentialDecay 2; one mutant, × → /); what is missing is named, with the fix.
    const first = run(`npm run -s exercise:check -- ${ID}`);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stdout).toContain(`${ID}: NOT READY, 2 problems (reference 3/3, 0 wrong solutions, 1 function probed, 1/1 mutant killed)`);
    expect(first.stdout).toContain(`✗ ${ID} wrong solutions: grader/wrong/${ID}.json lists 0 wrong solutions — fix: add at least 2 plausible mistakes`);
    expect(first.stdout).toContain(`✗ ${ID} manifest: grader/manifest.json is out of date (${ID}.hidden.test.ts added) — fix: run npm run grade:manifest`);

    const t1 = Date.now();
    for (const [rel, text] of Object.entries(guideFiles())) fs.writeFileSync(inCopy(rel), text);
    const results = guideCommands("check").map((command) => ({ command, ...run(command) }));
    const seconds = scaffolded + (Date.now() - t1) / 1000;
    console.log(`authoring loop (the guide's commands, scaffold to green exercise:check, this machine): ${seconds.toFixed(1)} s`);
    for (const r of results) expect(r.status, `${r.command}\n${r.stdout}\n${r.stderr}`).toBe(0);
    const report = results.at(-1)!.stdout;
    // The guide's suite: choice 1 point, halfLifeDecay 2 + 1, stepsToReach 2; two wrong solutions;
    // seven mutants (halfLifeDecay: × → /, − dropped, / → ×, 2 → 3; stepsToReach: 0 → 1, × → /, / → ×).
    expect(report).toContain(`${ID}: ready (reference 6/6, 2 wrong solutions, 2 functions probed, 7/7 mutants killed)`);
    expect(report).toContain("1 of 1 exercise ready");
    // The starter is the stripped reference: the answers are gone.
    const starter = fs.readFileSync(inCopy(`exercises/${ID}/exercise.ts`), "utf8");
    expect(starter).toContain('export const partA: "A" | "B" | "C" | "D" | "a" | "b" | "c" | "d" | null = null;');
    expect(starter).not.toContain("Math.log2");
  }, 600_000);

  it("publishes a release and a Gradescope zip holding the new exercise, and nothing hidden in the release", async () => {
    expect(run("npm run -s release -- --out out/release").status).toBe(0);
    expect(fs.readFileSync(inCopy(`out/release/exercises/${ID}/exercise.ts`), "utf8")).toBe(fs.readFileSync(inCopy(`exercises/${ID}/exercise.ts`), "utf8"));
    expect(fs.existsSync(inCopy(`out/release/exercises/${ID}/public.test.ts`))).toBe(true);
    expect(fs.existsSync(inCopy("out/release/grader"))).toBe(false);

    expect(run("npm run -s export-gradescope -- --out out/autograder.zip").status).toBe(0);
    const entries = await zipEntries(inCopy("out/autograder.zip"));
    expect(entries).toContain(`grader/suites/${ID}.hidden.test.ts`);
    expect(entries).toContain("grader/manifest.json");
    expect(entries.filter((e) => e.startsWith("grader/solutions/") || e.startsWith("grader/wrong/"))).toEqual([]);
  }, 300_000);

  it("grades three students: the reference, a known mistake (named in the feedback), the starter; the Canvas CSV imports them", () => {
    const files = guideFiles();
    const reference = files[`grader/solutions/${ID}/exercise.ts`]!;
    const [mistake] = JSON.parse(files[`grader/wrong/${ID}.json`]!) as Array<{ what: string; edits: [string, string][] }>;
    const students: Record<string, string> = {
      alice: reference,
      bob: mistake!.edits.reduce((src, [find, replace]) => src.replace(find, replace), reference),
      carol: fs.readFileSync(inCopy(`exercises/${ID}/exercise.ts`), "utf8"),
    };
    expect(students.bob).not.toBe(reference);
    for (const [name, text] of Object.entries(students)) {
      fs.mkdirSync(inCopy(`class/${name}/${ID}`), { recursive: true });
      fs.writeFileSync(inCopy(`class/${name}/${ID}/exercise.ts`), text);
    }
    const graded = run(`npm run -s grade-all -- class --out out/class --only ${ID} --quiet`);
    expect(graded.status, graded.stderr).toBe(0);
    const rows = fs.readFileSync(inCopy("out/class/gradebook.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    const total = (name: string) => Number(rows.find((r) => r[0] === name)![2]);
    expect([total("alice"), total("carol")]).toEqual([6, 0]);
    expect(total("bob")).toBeGreaterThan(0);
    expect(total("bob")).toBeLessThan(6);
    const bobFolder = rows.find((r) => r[0] === "bob")![4]!;
    const bob = JSON.parse(fs.readFileSync(inCopy(`out/class/students/${bobFolder}/results.json`), "utf8")) as { tests: { output: string }[] };
    expect(bob.tests.some((t) => t.output.includes(`Your results match a known mistake: ${mistake!.what}`))).toBe(true);

    // Canvas's gradebook import: the header row starts with the columns Canvas requires, in its
    // order (Student, ID, SIS User ID, SIS Login ID, Section), then one column per assignment; a
    // "Points Possible" row; students matched by SIS Login ID.
    const canvas = fs.readFileSync(inCopy("out/class/canvas.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    expect(canvas[0]!.slice(0, 5)).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]);
    expect(canvas[0]!.length).toBe(6);
    expect(canvas[1]).toEqual(["Points Possible", "", "", "", "", "6"]);
    expect(canvas.slice(2).map((r) => [r[3], r[5]]).sort()).toEqual([["alice", "6"], ["bob", String(total("bob"))], ["carol", "0"]]);
  }, 300_000);

  describe("exercise:check catches the instructor's mistakes", () => {
    const files = guideFiles();
    const suite = `grader/suites/${ID}.hidden.test.ts`;
    const wrong = `grader/wrong/${ID}.json`;
    const reference = `grader/solutions/${ID}/exercise.ts`;
    const publicTest = `exercises/${ID}/public.test.ts`;
    const starter = `exercises/${ID}/exercise.ts`;
    /** Runs exercise:check with the files `changed` (path → text), then restores them. */
    const checkWithFiles = (changed: Record<string, string>) => {
      const before = Object.fromEntries(Object.keys(changed).map((rel) => [rel, fs.readFileSync(inCopy(rel), "utf8")]));
      for (const [rel, text] of Object.entries(changed)) fs.writeFileSync(inCopy(rel), text);
      try {
        return run(`npm run -s exercise:check -- ${ID}`);
      } finally {
        for (const [rel, text] of Object.entries(before)) fs.writeFileSync(inCopy(rel), text);
      }
    };
    const checkWith = (rel: string, text: string) => checkWithFiles({ [rel]: text });
    /** `text` with `find` (which must occur once) replaced. */
    const edit = (text: string, find: string, replace: string) => {
      expect(text.split(find).length, find).toBe(2);
      return text.replace(find, replace);
    };

    it("a suite that never calls a function", () => {
      const text = files[suite]!;
      const cut = text.indexOf('  task("d", "stepsToReach');
      expect(cut).toBeGreaterThan(0);
      const r = checkWith(suite, `${text.slice(0, cut).trimEnd()}\n});\n`);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} stepsToReach: no task calls stepsToReach: a stepsToReach that throws "not implemented" still gets full marks — fix: add a task that calls stepsToReach`);
      // and the wrong solution that only stepsToReach's task caught is now uncaught
      expect(r.stdout).toContain(`✗ ${ID} wrong solution floor-not-ceil: gets full marks`);
    }, 300_000);

    it("a tolerance so loose that an answer 10% off passes", () => {
      const text = files[suite]!;
      expect(text).toContain("TOL.FLOAT32");
      const r = checkWith(suite, text.replaceAll("TOL.FLOAT32", "0.5"));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} halfLifeDecay: a halfLifeDecay whose answers are all 10% too large still gets full marks`);
      // stepsToReach is compared exactly: its answers 10% off still fail
      expect(r.stdout).not.toContain(`✗ ${ID} stepsToReach:`);
    }, 300_000);

    it("a wrong solution that passes", () => {
      const list = JSON.parse(files[wrong]!) as unknown[];
      // Without the clamp, only a target above η₀ (outside the statement's range) gives another answer.
      list.push({
        slug: "no-clamp",
        what: "forgets to clamp at step 0.",
        edits: [["Math.max(0, Math.ceil(config.halfLife * Math.log2(config.eta0 / target)))", "Math.ceil(config.halfLife * Math.log2(config.eta0 / target))"]],
      });
      const r = checkWith(wrong, JSON.stringify(list, null, 2));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} wrong solution no-clamp: gets full marks (forgets to clamp at step 0.) — fix: add a task to ${suite} that fails on it`);
    }, 300_000);

    it("a function called with one input, a task that passes on the starter, a float32-tight tolerance, a mistake that only throws", () => {
      let text = files[suite]!;
      // stepsToReach called once: a hard-coded 233 passes.
      const from = text.indexOf('    same(await s.call("stepsToReach", c, 0.1 / 3)');
      const to = text.indexOf("  });", from);
      text = `${text.slice(0, from)}${text.slice(to)}`;
      text = edit(text, 'same(await s.call("stepsToReach", c, 0.02), 233, "a fifth of η₀");', 'same(await s.call("stepsToReach", c, 0.02), 233, "a fifth of η₀");\n  });\n\n  task("d", "stepsToReach: answered", 1, async () => {\n    await s.value("partA");');
      text = edit(text, "near(got.get(i), eta0 * 0.5 ** (k / halfLife), TOL.FLOAT32", "near(got.get(i), eta0 * 0.5 ** (k / halfLife), 1e-9");
      const list = JSON.parse(files[wrong]!) as unknown[];
      list.push({ slug: "throws", what: "does not compute the decay.", edits: [["return config.eta0 * 2 ** (-step / config.halfLife);", 'throw new Error("todo");']] });
      const r = checkWithFiles({ [suite]: text, [wrong]: JSON.stringify(list) });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} stepsToReach: a stepsToReach that answers every call with its answer to the first call still gets full marks — fix: call stepsToReach with inputs whose answers differ`);
      expect(r.stdout).toContain(`✗ ${ID} d: stepsToReach: answered: passes on the starter (nothing answered) — fix: make the task check the student's answer`);
      expect(r.stdout).toContain(`✗ ${ID} d: halfLifeDecay: seeded random configurations: the reference computed in single precision (non-integer inputs and answers rounded to float32) loses points — fix: derive the allowance`);
      expect(r.stdout).toContain(`✗ ${ID} d: halfLifeDecay: seeded random configurations: the reference with every answer 0.000001 (relative) too large`);
      expect(r.stdout).toContain(`✗ ${ID} wrong solution throws: is caught, but the feedback does not name it: it only throws`);
    }, 300_000);

    it("an export without a doc comment, a starter edited by hand, a public test that passes on the starter", () => {
      const r = checkWithFiles({
        [reference]: edit(files[reference]!, "/**\n * (d2) The first step", "/*\n * (d2) The first step"),
        [starter]: `${fs.readFileSync(inCopy(starter), "utf8")}\n// a note\n`,
        [publicTest]: edit(files[publicTest]!, "\n});\n", '\n  it("(d2) holds", () => expect(1).toBe(1));\n});\n'),
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} stepsToReach: the export stepsToReach has no doc comment, so the statement does not say what it asks — fix: write a /** … */ comment above stepsToReach in ${reference}, then npm run starters`);
      expect(r.stdout).toContain(`✗ ${ID} starter: ${starter} is not the stripped reference — fix: run npm run starters`);
      expect(r.stdout).toContain(`✗ ${ID} public test (d2) holds: passes on the starter — fix: make it check the student's answer`);
    }, 300_000);

    it("a suite that does not load (a part that is not a letter): one line from exercise:check and from grade:manifest", () => {
      const broken = edit(files[suite]!, 'task("d", "stepsToReach', 'task("d2", "stepsToReach');
      const r = checkWith(suite, broken);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${ID} suite: the hidden suite ${suite} does not load: task part must be a letter a…z or a number, got "d2" — fix: fix the suite file the message names`);
      fs.writeFileSync(inCopy(suite), broken);
      try {
        const m = run("npm run -s grade:manifest");
        expect(m.status).toBe(2);
        expect(m.stderr.trim()).toBe(`the hidden suite ${suite} does not load: task part must be a letter a…z or a number, got "d2"`);
      } finally {
        fs.writeFileSync(inCopy(suite), files[suite]!);
      }
    }, 300_000);

    it("a suite whose expected value is wrong: the reference loses points, and nothing else is judged against it", () => {
      const r = checkWith(suite, edit(files[suite]!, '0.02), 233, "a fifth', '0.02), 234, "a fifth'));
      expect(r.status).toBe(1);
      // the stepsToReach task is worth 2 of the 6 points
      expect(r.stdout).toContain(`✗ ${ID} d: stepsToReach: the first step at or below the target: the reference gets 4/6 (a fifth of η₀ is not the expected value) — fix: fix the expected value in ${suite}, or the reference`);
      expect(r.stdout).toContain(`${ID}: NOT READY, 2 problems`); // and the manifest, which no longer matches the suite
    }, 300_000);
  });
});
