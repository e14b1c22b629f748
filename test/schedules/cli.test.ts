// The command line: values, JSON rows, help, errors; and its defaults agree with the library's.
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { kinds } from "../../src/cli/kinds";
import { run } from "../../src/cli/schedule";
import { sample } from "../../src/schedules/index";

describe("schedule command line", () => {
  it("prints worked example 1 and one-cycle rows with momentum as JSON", () => {
    expect(run(["cosine", "--max", "1e-3", "--total-steps", "100000", "--steps", "37000"])).toMatch(/^step\tlr\tphase\n37000\t0\.000698573/);
    const rows = JSON.parse(run(["one-cycle", "--max-lr", "0.01", "--total-steps", "100000", "--pct-start", "0.3", "--div-factor", "100", "--final-div-factor", "1", "--anneal", "linear", "--steps", "30000:90000:60000", "--json"]));
    expect(rows.map((r: { step: number }) => r.step)).toEqual([30000, 90000]);
    expect(rows[0]).toMatchObject({ lr: 0.01, momentum: 0.85, phase: "anneal" });
    expect(rows[1].lr).toBeCloseTo(1.5143e-3, 7);
  });
  it("help lists every kind with its options and defaults", () => {
    const h = run(["--help"]);
    for (const k of Object.keys(kinds)) expect(h).toContain(`${k}: `);
    expect(h).toContain("--final-div-factor");
    expect(h).toMatch(/--pct-start .*\(default 0\.3\)/);
  });
  it("names the problem: unknown kind, unknown option, missing option, bad steps", () => {
    expect(() => run(["cosinus", "--steps", "1"])).toThrow(/kind = "cosinus" .*cosine/);
    expect(() => run(["cosine", "--maximum", "1", "--steps", "1"])).toThrow(/option = "--maximum" .*--max/);
    expect(() => run(["cosine", "--max", "1", "--steps", "1"])).toThrow(/--total-steps .*required for cosine/);
    expect(() => run(["cosine", "--max", "1", "--total-steps", "9", "--steps", "5:x"])).toThrow(/--steps = "5:x"/);
    expect(() => run(["cosine", "--max", "abc", "--total-steps", "9", "--steps", "1"])).toThrow(/--max = "abc" .*a number/);
  });
  it("each kind's command-line defaults are the library's own defaults", () => {
    const required: Record<string, Record<string, unknown>> = {
      constant: { value: 0.1 }, step: { initial: 0.1, stepSize: 7 }, multistep: { initial: 0.1, milestones: [3, 9] },
      exponential: { initial: 0.1, rate: 0.01 }, polynomial: { initial: 0.1, totalSteps: 20 }, linear: { initial: 0.1, totalSteps: 20 },
      "inverse-sqrt": { initial: 0.1, timescale: 5 }, cosine: { max: 0.1, totalSteps: 20 }, "cosine-restarts": { max: 0.1, T0: 4 },
      cyclic: { base: 0.01, max: 0.1, stepSizeUp: 3 }, "one-cycle": { maxLr: 0.1, totalSteps: 20 },
      "warmup-cosine": { peak: 0.1, totalSteps: 20, warmupSteps: 4 }, wsd: { peak: 0.1, warmupSteps: 2, stableSteps: 5, decaySteps: 6 },
    };
    expect(Object.keys(required).sort()).toEqual(Object.keys(kinds).sort());
    for (const [name, kind] of Object.entries(kinds)) {
      const withDefaults = { ...required[name] };
      for (const [key, spec] of Object.entries(kind.options)) if (!(key in withDefaults) && spec.default !== undefined) withDefaults[key] = spec.default;
      const a = sample(kind.build(required[name]!), 0, 25);
      const b = sample(kind.build(withDefaults), 0, 25);
      expect(b, name).toEqual(a);
    }
  });
  it("runs as an npm script, and exits 2 with the message on stderr for bad input", () => {
    const out = execFileSync("npm", ["run", "--silent", "schedule", "--", "step", "--initial", "0.1", "--step-size", "30", "--gamma", "0.5", "--steps", "29:30"], { encoding: "utf8" });
    expect(out.trim().split("\n")).toEqual(["step\tlr\tphase", "29\t0.1\tdecay", "30\t0.05\tdecay"]);
    const bad = spawnSync("npm", ["run", "--silent", "schedule", "--", "step", "--initial", "0.1", "--step-size", "0", "--steps", "1"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/stepSize = 0 is invalid: expected an integer ≥ 1/);
  });
});
