// The per-call watch's verdict at one tick (overLimit): which limit a call has crossed, from its
// CPU time as /proc reports it, its wall-clock time and the submission's budgets.
import { describe, expect, it } from "vitest";
import { overLimit } from "../../grader/harness/sandbox/sandbox";

const limits = { callMs: 2000, waitMs: 10_000 };
/** A tick 3 s into a call that started at wall time 1000 with 500 ms of CPU used before it. */
const tick = (over: Partial<Parameters<typeof overLimit>[0]>) =>
  overLimit({ cpu: 900, cpuMark: 500, cpuAtStart: 500, wallMark: 1000, now: 4000, deadline: 100_000, budgetMs: 60_000, limits, ...over });

describe("overLimit", () => {
  it("lets a call go on while its CPU time since the mark is within the per-call limit, however long it waited", () => {
    expect(tick({})).toBeNull(); // 400 ms of CPU in 3 s of wall time
    expect(tick({ cpu: 2500 })).toBeNull(); // exactly 2000 ms: not over
  });

  it("stops a call whose CPU time since the mark exceeds the per-call limit", () => {
    expect(tick({ cpu: 2510 })).toEqual({ reason: "timed out after 2000 ms of CPU time", timedOut: true });
  });

  it("never reads a vanished process's wall-clock time as CPU time: its exit says why it ended", () => {
    // /proc told about the process at the mark; now it is gone (it died of memory exhaustion, say),
    // 3 s of wall time after the mark under a loaded machine. Not a timeout.
    expect(tick({ cpu: null })).toBeNull();
    expect(tick({ cpu: null, now: 1000 + 9_000 })).toBeNull();
  });

  it("falls back to wall-clock time only where /proc never told the CPU time", () => {
    expect(tick({ cpu: null, cpuMark: null, cpuAtStart: null, now: 1000 + 2001 })).toEqual({ reason: "timed out after 2000 ms of CPU time", timedOut: true });
    expect(tick({ cpu: null, cpuMark: null, cpuAtStart: null, now: 1000 + 1999 })).toBeNull();
  });

  it("stops a call that waited longer than the wait limit, the submission's CPU budget, or its deadline", () => {
    expect(tick({ now: 1000 + 10_001 })).toEqual({ reason: "gave no answer within 10 s", timedOut: true });
    expect(tick({ cpu: null, now: 1000 + 10_001 })).toEqual({ reason: "gave no answer within 10 s", timedOut: true });
    expect(tick({ cpu: 1900, cpuMark: 1000, cpuAtStart: 500, budgetMs: 1000 })).toEqual({ reason: "was stopped: the submission used up its CPU time", timedOut: false });
    expect(tick({ deadline: 3999 })).toEqual({ reason: "was stopped: the submission's calls took too long in all", timedOut: false });
  });
});
