// Self-checks for the lesson notebooks: a failed check throws (the kernel shows it on stderr, and
// the notebook test fails naming the cell); a passed check prints one short "✓ message" line.

/** Throws `Error("check failed: message")` unless `condition` holds; otherwise prints "✓ message". */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`✓ ${message}`);
}

/**
 * Checks that `actual` is within `relTol` of `expected`, relative to |expected|
 * (|actual − expected| ≤ relTol·|expected|; when expected is 0 the tolerance is the absolute relTol).
 * Throws an Error stating both values and the relative error on failure, or when `actual` is not
 * finite; prints "✓ message" on success.
 */
export function checkClose(actual: number, expected: number, relTol: number, message: string): void {
  if (!Number.isFinite(expected) || !Number.isFinite(relTol) || relTol < 0) {
    throw new Error(`checkClose(${message}): expected must be finite and relTol ≥ 0, got expected=${expected}, relTol=${relTol}`);
  }
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs(actual - expected) / scale;
  if (!Number.isFinite(actual) || !(error <= relTol)) {
    throw new Error(
      `check failed: ${message}: got ${actual}, expected ${expected} ` +
        `(relative error ${error.toExponential(2)} > tolerance ${relTol})`,
    );
  }
  console.log(`✓ ${message}`);
}
