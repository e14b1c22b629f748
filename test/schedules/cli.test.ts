// The command line: values, JSON rows, specs, help, errors naming the flag typed; and its defaults agree with the library's.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/schedule";
import { fromSpec, KINDS, sample, type KindName } from "../../src/schedules/index";

describe("schedule command line", () => {
  it("prints worked example 1 and one-cycle rows with momentum as JSON", () => {
    expect(run(["cosine", "--peak", "1e-3", "--total-steps", "100000", "--steps", "37000"])).toMatch(/^step\tlr\tphase\n37000\t0\.000698573/);
    const rows = JSON.parse(run(["one-cycle", "--peak", "0.01", "--total-steps", "100000", "--pct-start", "0.3", "--div-factor", "100", "--final-div-factor", "1", "--anneal", "linear", "--steps", "30000:90000:60000", "--json"]));
    expect(rows.map((r: { step: number }) => r.step)).toEqual([30000, 90000]);
    expect(rows[0]).toMatchObject({ lr: 0.01, momentum: 0.85, phase: "anneal" });
    expect(rows[1].lr).toBeCloseTo(1.5143e-3, 7);
  });

  it("uses one flag per meaning: --peak for the top LR, --end for the final value, in every kind that has them", () => {
    for (const [name, info] of Object.entries(KINDS)) {
      const opts = Object.keys(info.options);
      for (const old of ["initial", "max", "maxLr", "min", "floor", "T0", "Tmult"]) {
        if (name !== "piecewise-constant" || old !== "initial") expect(opts, name).not.toContain(old);
      }
    }
    // cosine-restarts no longer needs "---t0": its cycle length is --cycle-steps.
    const rows = JSON.parse(run(["cosine-restarts", "--peak", "1", "--cycle-steps", "4", "--steps", "0:4", "--json"]));
    expect(rows.map((r: { lr: number }) => r.lr)).toEqual([1, 0.5 + 0.5 * Math.cos(Math.PI / 4), 0.5, 0.5 + 0.5 * Math.cos((3 * Math.PI) / 4), 1]);
  });

  it("--steps defaults to the whole schedule, 0 through its length", () => {
    const out = run(["linear", "--peak", "1", "--total-steps", "4"]).split("\n");
    expect(out).toEqual(["step\tlr\tphase", "0\t1\tdecay", "1\t0.75\tdecay", "2\t0.5\tdecay", "3\t0.25\tdecay", "4\t0\tdecay"]);
    expect(() => run(["constant", "--value", "0.1"])).toThrow(/--steps .*no end/);
  });

  it("takes a spec inline or from a file, composition included", () => {
    const spec = { warmup: { steps: 2 }, then: { join: [{ kind: "constant", value: 0.5 }, { kind: "linear", peak: 0.5, totalSteps: 2 }], boundaries: [2] } };
    // warmup 0, 0.25; constant 0.5, 0.5; linear 0.5, 0.25, 0 (steps 4…6).
    const expected = ["0\t0\twarmup", "1\t0.25\twarmup", "2\t0.5\tconstant", "3\t0.5\tconstant", "4\t0.5\tdecay", "5\t0.25\tdecay", "6\t0\tdecay"];
    expect(run(["--spec", JSON.stringify(spec)]).split("\n").slice(1)).toEqual(expected);
    const dir = mkdtempSync(join(tmpdir(), "spec-"));
    writeFileSync(join(dir, "s.json"), JSON.stringify(spec));
    expect(run(["--spec", join(dir, "s.json"), "--steps", "5"]).split("\n")[1]).toBe("5\t0.25\tdecay");
    expect(() => run(["--spec", "{not json"])).toThrow(/--spec = "\{not json" is invalid: expected valid JSON/);
    expect(() => run(["--spec", JSON.stringify({ warmup: { steps: 2 }, then: { join: [{ kind: "constant", value: 1 }, { kind: "cosine", peak: 1, totalSteps: 0 }], boundaries: [3] } })])).toThrow(
      /^then\.join\[1\]\.totalSteps = 0 is invalid: expected an integer ≥ 1/,
    );
  });

  it("help lists every kind with its options, defaults, and where it differs from PyTorch", () => {
    const h = run(["--help"]);
    for (const k of Object.keys(KINDS)) expect(h).toContain(`${k}: `);
    expect(h).toContain("--final-div-factor");
    expect(h).toMatch(/--pct-start .*\(default 0\.3\)/);
    expect(h).toMatch(/--spec/);
    const one = run(["one-cycle", "--help"]);
    expect(one).toMatch(/vs PyTorch: .*OneCycleLR .*one step earlier/);
    expect(one).not.toContain("cosine-restarts:");
  });

  it("names the flag typed: unknown kind, unknown or renamed flag, missing flag, bad value, bad steps", () => {
    expect(() => run(["cosinus", "--steps", "1"])).toThrow(/kind = "cosinus" .*did you mean "cosine"/);
    expect(() => run(["cosine", "--maximum", "1", "--steps", "1"])).toThrow(/unknown option "--maximum" for cosine/);
    expect(() => run(["cosine", "--max", "1", "--steps", "1"])).toThrow(/unknown option "--max" for cosine: did you mean "--peak"\?/);
    expect(() => run(["cosine", "--total-step", "9", "--steps", "1"])).toThrow(/did you mean "--total-steps"\?/);
    expect(() => run(["cosine", "--peak", "1", "--steps", "1"])).toThrow(/--total-steps .*required for cosine/);
    expect(() => run(["cosine", "--peak", "1", "--total-steps", "9", "--steps", "5:x"])).toThrow(/--steps = "5:x"/);
    expect(() => run(["cosine", "--peak", "abc", "--total-steps", "9", "--steps", "1"])).toThrow(/--peak = "abc" .*a number/);
    expect(() => run(["step", "--peak", "0.1", "--step-size", "2.5"])).toThrow(/^--step-size = 2.5 is invalid: expected an integer ≥ 1/);
    expect(() => run(["cosine", "--peak", "0.1", "--end", "0.2", "--total-steps", "9"])).toThrow(/^--end = 0.2 is invalid: expected a number ≤ --peak = 0.1/);
    expect(() => run(["exponential", "--peak", "0.1", "--steps", "1"])).toThrow(/^--rate\/--gamma = /);
  });

  it("each kind's command-line defaults are the library's own defaults", () => {
    const required: Record<KindName, Record<string, unknown>> = {
      constant: { value: 0.1 }, step: { peak: 0.1, stepSize: 7 }, multistep: { peak: 0.1, milestones: [3, 9] },
      "piecewise-constant": { initial: 0.1, boundaries: [3, 9], scales: [2, 0.1] },
      exponential: { peak: 0.1, rate: 0.01 }, polynomial: { peak: 0.1, totalSteps: 20 }, linear: { peak: 0.1, totalSteps: 20 },
      "inverse-sqrt": { peak: 0.1, timescale: 5 }, cosine: { peak: 0.1, totalSteps: 20 }, "cosine-restarts": { peak: 0.1, cycleSteps: 4 },
      cyclic: { base: 0.01, peak: 0.1, stepSizeUp: 3 }, "one-cycle": { peak: 0.1, totalSteps: 20 },
      "warmup-cosine": { peak: 0.1, totalSteps: 20, warmupSteps: 4 }, wsd: { peak: 0.1, warmupSteps: 2, stableSteps: 5, decaySteps: 6 },
    };
    expect(Object.keys(required).sort()).toEqual(Object.keys(KINDS).sort());
    for (const [name, info] of Object.entries(KINDS)) {
      const withDefaults = { ...required[name as KindName] };
      for (const [key, spec] of Object.entries(info.options)) if (!(key in withDefaults) && "default" in spec) withDefaults[key] = spec.default;
      const a = sample(fromSpec({ kind: name, ...required[name as KindName] }), 0, 25);
      const b = sample(fromSpec({ kind: name, ...withDefaults }), 0, 25);
      expect(b, name).toEqual(a);
    }
  });

  it("runs as an npm script, and exits 2 with the message on stderr for bad input", () => {
    const out = execFileSync("npm", ["run", "--silent", "schedule", "--", "step", "--peak", "0.1", "--step-size", "30", "--gamma", "0.5", "--steps", "29:30"], { encoding: "utf8" });
    expect(out.trim().split("\n")).toEqual(["step\tlr\tphase", "29\t0.1\tdecay", "30\t0.05\tdecay"]);
    const bad = spawnSync("npm", ["run", "--silent", "schedule", "--", "step", "--peak", "0.1", "--step-size", "0", "--steps", "1"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--step-size = 0 is invalid: expected an integer ≥ 1/);
  });
});
