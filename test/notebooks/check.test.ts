// The notebooks' self-check helpers (notebooks/lib/check.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { check, checkClose } from "../../notebooks/lib/check";

describe("check helpers", () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  afterEach(() => log.mockClear());

  it("check prints one ✓ line on success and throws with the message on failure", () => {
    check(2 < 3, "two is less than three");
    expect(log.mock.calls).toEqual([["✓ two is less than three"]]);
    expect(() => check(false, "the LR decays")).toThrow(new Error("check failed: the LR decays"));
  });

  it("checkClose tolerates relative error up to relTol of |expected|", () => {
    // 6.9857e-4 against 6.98574e-4: relative error ≈ 5.7e-6.
    checkClose(6.98574e-4, 6.9857e-4, 1e-5, "worked example 1");
    expect(log.mock.calls).toEqual([["✓ worked example 1"]]);
    expect(() => checkClose(6.98574e-4, 6.9857e-4, 1e-6, "worked example 1")).toThrow(
      /^check failed: worked example 1: got 0\.000698574, expected 0\.00069857 \(relative error 5\.7\d*e-6 > tolerance 0\.000001\)$/,
    );
  });

  it("checkClose uses relTol as an absolute tolerance when expected is 0, and rejects non-finite values", () => {
    checkClose(1e-13, 0, 1e-12, "zero gradient at the minimum");
    expect(() => checkClose(1e-11, 0, 1e-12, "zero gradient")).toThrow(/check failed: zero gradient: got 1e-11, expected 0/);
    expect(() => checkClose(Number.NaN, 1, 0.5, "finite loss")).toThrow(/check failed: finite loss: got NaN/);
    expect(() => checkClose(Infinity, 1, Infinity, "finite loss")).toThrow(/relTol ≥ 0/);
    expect(() => checkClose(1, 1, -1, "bad tolerance")).toThrow(/relTol ≥ 0, got expected=1, relTol=-1/);
  });
});
