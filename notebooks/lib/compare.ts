// A student's schedule beside the shared module's, in a lesson notebook: one figure and one line
// of text saying whether they agree.
import { sample, type Figure, type Schedule } from "../src/index";
import { show } from "./plot";
import { line } from "./traces";

/** A student's schedule values at steps 0, 1, …: learning rates, or LR and momentum pairs. */
export type StudentSchedule = readonly number[] | readonly { lr: number; momentum: number }[];

/** Largest difference allowed for "matches" (relative, see `largestGap`). */
export const MATCH_TOLERANCE = 1e-9;

/** |a − b| / max(|a|, |b|), 0 when both are 0; Infinity when either is not a finite number. */
function relativeDifference(a: unknown, b: number): number {
  if (typeof a !== "number" || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/**
 * The largest relative difference |mine − ref| / max(|mine|, |ref|) between the student's values
 * and the reference at steps 0…mine.length−1 (LR and, for pairs, momentum), with the first step
 * where it occurs; Infinity where the student's value is missing or not finite.
 */
export function largestGap(reference: Schedule, mine: StudentSchedule): { gap: number; step: number } {
  let gap = 0;
  let step = 0;
  mine.forEach((v, k) => {
    const d = typeof v === "object" && v !== null
      ? Math.max(relativeDifference(v.lr, reference(k)), relativeDifference(v.momentum, reference.momentum ? reference.momentum(k) : NaN))
      : relativeDifference(v, reference(k));
    if (d > gap) [gap, step] = [d, k];
  });
  return { gap, step };
}

/**
 * The reference's learning rate (thick) and the student's (dashed) over steps 0…mine.length−1;
 * for LR and momentum pairs also both momenta, on a second axis.
 */
export function compareFigure(title: string, reference: Schedule, mine: StudentSchedule): Figure {
  const s = sample(reference, 0, mine.length - 1);
  const pairs = mine.length > 0 && typeof mine[0] === "object";
  const lr = pairs ? (mine as readonly { lr: number }[]).map((v) => v.lr) : (mine as readonly number[]);
  const data = [
    line(pairs ? "LR, shared module" : "shared module", s.steps, s.lr, 0, { width: 4 }),
    line(pairs ? "LR, yours" : "yours", s.steps, lr, 1, { width: 2, dash: "dash" }),
  ];
  if (pairs) {
    const momentum = (mine as readonly { momentum: number }[]).map((v) => v.momentum);
    data.push(
      { ...line("momentum, shared module", s.steps, s.momentum ?? [], 2, { width: 4 }), yaxis: "y2" },
      { ...line("momentum, yours", s.steps, momentum, 3, { width: 2, dash: "dash" }), yaxis: "y2" },
    );
  }
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "step" } },
      yaxis: { title: { text: "learning rate" } },
      ...(pairs ? { yaxis2: { title: { text: "momentum" }, overlaying: "y", side: "right" } } : {}),
      height: 380,
    },
  };
}

/**
 * Shows `compareFigure`, with whether they agree as its key feature, and prints one line: "✓ … matches the reference" when the largest
 * relative difference is at most `MATCH_TOLERANCE`, else "✗ …" with the first step where it is
 * largest and both values there (6 significant digits).
 */
export function showComparison(title: string, reference: Schedule, mine: StudentSchedule): void {
  const { gap, step } = largestGap(reference, mine);
  const last = Math.max(0, mine.length - 1);
  show(compareFigure(title, reference, mine), gap <= MATCH_TOLERANCE
    ? `Yours matches the shared module at every step from 0 to ${last} (largest relative difference ${gap.toExponential(1)})`
    : `Yours differs from the shared module: the largest relative difference, ${Number.isFinite(gap) ? gap.toExponential(1) : "a missing or non-finite value"}, is at step ${step}`);
  if (gap <= MATCH_TOLERANCE) {
    console.log(`✓ yours matches the reference (largest relative difference ${gap.toExponential(1)})`);
  } else {
    const num = (x: unknown) => (typeof x === "number" ? String(Number(x.toPrecision(6))) : String(x));
    const v = mine[step];
    const pair = typeof v === "object" && v !== null;
    const yours = pair ? `LR ${num(v.lr)}, momentum ${num(v.momentum)}` : num(v);
    const ref = pair ? `LR ${num(reference(step))}, momentum ${num(reference.momentum?.(step))}` : num(reference(step));
    console.log(`✗ yours differs from the reference: relative difference ${gap.toExponential(1)} at step ${step} (yours ${yours}, reference ${ref}) — run the exercise's public tests`);
  }
}
