/**
 * The cgroup helper of the default-container test (cgroup.ts): where no group can be made, it
 * gives the reason the test is skipped with; where one can, the limits asked for are in force.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { limitedGroup } from "./cgroup";
import { REPO } from "./helpers";

describe("limitedGroup", () => {
  it("says why no group can be made for a user who is not root", () => {
    const code = `import(${JSON.stringify(path.join(__dirname, "cgroup.ts"))}).then((m) => console.log((m.limitedGroup ?? m.default.limitedGroup)({ memoryBytes: 1e8, cpus: 0.5 })))`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { uid: 65534, gid: 65534, cwd: REPO, env: { PATH: process.env.PATH, HOME: "/tmp" }, encoding: "utf8" });
    expect(r.stdout.trim(), r.stderr).toBe("making cgroups needs root");
  });

  it("as root here: a group whose memory limit and CPU quota are the ones asked for, or the reason there is none", (ctx) => {
    const group = limitedGroup({ memoryBytes: 768 * 2 ** 20, cpus: 0.5 });
    if (typeof group === "string") return ctx.skip(group);
    const g = group;
    try {
      const memoryDir = path.dirname(g.procs[0]!);
      const cpuDir = path.dirname(g.procs[g.procs.length - 1]!);
      if (g.version === 1) {
        expect(fs.readFileSync(path.join(memoryDir, "memory.limit_in_bytes"), "utf8").trim()).toBe(String(768 * 2 ** 20));
        expect([fs.readFileSync(path.join(cpuDir, "cpu.cfs_quota_us"), "utf8").trim(), fs.readFileSync(path.join(cpuDir, "cpu.cfs_period_us"), "utf8").trim()]).toEqual(["50000", "100000"]);
      } else {
        expect(fs.readFileSync(path.join(memoryDir, "memory.max"), "utf8").trim()).toBe(String(768 * 2 ** 20));
        expect(fs.readFileSync(path.join(cpuDir, "cpu.max"), "utf8").trim()).toBe("50000 100000");
      }
      expect(g.peakBytes()).toBe(0); // nothing has run in it yet
    } finally {
      g.remove();
    }
    expect(fs.existsSync(path.dirname(g.procs[0]!))).toBe(false);
  });
});
