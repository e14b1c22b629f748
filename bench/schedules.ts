/**
 * Benchmark: sampling one million steps of every schedule kind (values, momentum and phase runs).
 * Prints the median of 7 timed runs after 2 warm-ups, per kind. Run with `npm run bench:schedules`.
 */
import { performance } from "node:perf_hooks";
import * as S from "../src/schedules/index";

const N = 1_000_000;
const kinds: [string, S.Schedule][] = [
  ["constant", S.constant({ value: 0.1 })],
  ["step", S.stepDecay({ peak: 0.1, stepSize: 1000 })],
  ["multistep", S.multistep({ peak: 0.1, milestones: [300_000, 600_000, 900_000] })],
  ["piecewise-constant", S.piecewiseConstant({ initial: 0.1, boundaries: [300_000, 600_000, 900_000], scales: [0.5, 0.2, 0.1] })],
  ["exponential", S.exponential({ peak: 0.1, rate: 1e-6, transitionBegin: 1000 })],
  ["polynomial", S.polynomial({ peak: 0.1, power: 2, totalSteps: N })],
  ["inverse-sqrt", S.inverseSqrt({ peak: 0.1, timescale: 1e4, warmupSteps: 1e4 })],
  ["cosine", S.cosine({ peak: 0.1, totalSteps: N, exponent: 2 })],
  ["cosine-restarts", S.cosineRestarts({ peak: 0.1, cycleSteps: 1000, cycleMult: 2 })],
  ["cyclic", S.cyclic({ base: 0.01, peak: 0.1, stepSizeUp: 2000 })],
  ["one-cycle", S.oneCycle({ peak: 0.1, totalSteps: N })],
  ["warmup-cosine", S.warmupCosine({ peak: 0.1, warmupSteps: 10_000, totalSteps: N })],
  ["wsd", S.wsd({ peak: 0.1, warmupSteps: 10_000, stableSteps: 790_000, decaySteps: 200_000, shape: "1-sqrt" })],
  ["join+scale+rewind", S.rewind(S.scale(S.join([S.constant({ value: 0.1 }), S.cosine({ peak: 0.1, totalSteps: N })], [1000]), 2), 500)],
  ["from spec", S.fromSpec({ warmup: { steps: 10_000 }, then: { join: [{ kind: "constant", value: 0.1 }, { kind: "cosine", peak: 0.1, totalSteps: 890_000 }], boundaries: [100_000] } })],
  ["from-tokens", S.fromTokens(S.warmupCosine({ peak: 0.1, warmupSteps: 1e8, totalSteps: 1e10 }), 10_000)],
];

console.log(`sampling ${N.toLocaleString("en")} steps (lr, momentum where defined, phase runs); median of 7\n`);
console.log("kind                 ms      ns/step");
let worst = 0;
for (const [name, s] of kinds) {
  const times: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    S.sample(s, 0, N - 1);
    if (r >= 2) times.push(performance.now() - t0);
  }
  const ms = times.sort((a, b) => a - b)[3]!;
  worst = Math.max(worst, ms);
  console.log(`${name.padEnd(18)} ${ms.toFixed(1).padStart(6)}  ${((ms * 1e6) / N).toFixed(1).padStart(8)}`);
}
console.log(`\nslowest kind: ${worst.toFixed(1)} ms per million steps (target: well under 100 ms)`);
