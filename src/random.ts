/**
 * Seeded pseudo-random numbers. Nothing in the library or its tests uses `Math.random`: every
 * experiment takes a seed, so a run is reproducible bit for bit.
 */
import { integer } from "./validate";

/** A seeded generator: uniforms in [0, 1), standard normals, integers and shuffles. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller, one draw per pair of uniforms so `state()` is exact). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A random permutation of 0…n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array;
  /** The generator's internal state, to save and later restore with `rng(seed, state)`. */
  state(): number;
}

/**
 * A mulberry32 generator seeded with a 32-bit integer. Pass a saved `state()` as the second
 * argument to continue an earlier stream exactly.
 */
export function rng(seed: number, state?: number): Rng {
  integer("seed", seed, 0, 0xffffffff);
  let a = state ?? seed;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal() {
      const u = 1 - uniform();
      const v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(uniform() * integer("n", n, 1)),
    permutation(n) {
      const p = new Int32Array(integer("n", n, 0));
      for (let i = 0; i < n; i++) p[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const t = p[i]!;
        p[i] = p[j]!;
        p[j] = t;
      }
      return p;
    },
    state: () => a,
  };
}
