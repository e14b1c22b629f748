/**
 * Optimizer step cost against an honest memory floor.
 *
 * One step of each optimizer on one million float64 parameters, in ns per parameter (median of
 * REPS timed steps after WARMUP), next to the floor: the fastest of several kernels that stream
 * the same number of bytes the step must read and write, measured in the same run —
 *
 *   loop      a plain function looping over the arrays it is given (what a library kernel is)
 *   closure   the same loop in a closure over fixed arrays, which V8 compiles with the arrays as
 *             constants (no per-access length, bounds or pointer loads)
 *   set/fill  TypedArray.prototype.set copies (16 B per element) and fill (8 B), the engine's
 *             own memcpy/memset
 *
 *   SGD-momentum, Nesterov   reads θ g b, writes θ b                                  5 × 8 B
 *   AdaGrad, RMSProp         reads θ g s, writes θ s                                  5 × 8 B
 *   Adam, AdamW              reads θ g m v, writes θ m v                              7 × 8 B
 *   Adafactor                reads θ g (RMS θ, row/col stats), g (RMS U), θ g, writes θ   6 × 8 B
 *   LAMB                     reads θ g m v, writes m v (‖u‖, ‖θ‖); reads θ m v, writes θ  10 × 8 B
 *
 * Step and floor kernels alternate rep by rep; the ratio is the median of per-rep ratios of the
 * step to the fastest floor kernel of that rep. "in cache" is the same step on 4096 parameters,
 * which stay in the L1/L2 cache: the arithmetic alone (a square root and a division per
 * coordinate bound Adam, AdaGrad and RMSProp there). Other processes share the cores: the load
 * average is printed, and figures from a loaded machine are noisy.
 *
 * Run: npm run bench:optim
 */
import { loadavg } from "node:os";
import { adafactor, adagrad, adam, adamw, lamb, rmsprop, sgd, type Optimizer } from "../src/optim/index";
import { rng } from "../src/random";

const N = 1_000_000;
const WARMUP = 5;
const REPS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function filled(seed: number, scale: number, n = N): Float64Array {
  const r = rng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = scale * r.normal();
  return a;
}

const c = 1e-9; // keeps the streamed values bounded over many repetitions
let sink = 0;

// Floor arrays (separate from the optimizer's), shared by every floor kernel.
const fp = filled(1, 1);
const fg = filled(2, 1);
const f1 = new Float64Array(N);
const f2 = new Float64Array(N);
const f3 = new Float64Array(N);

/** A floor kernel for one byte budget: a name and a function that streams the bytes once. */
interface FloorKernel {
  name: string;
  run: () => void;
}

// "loop": plain functions given their arrays, one per pass structure.
function loop40(p: Float64Array, g: Float64Array, b: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const bi = 0.5 * b[i]! + g[i]!;
    b[i] = bi;
    p[i] = p[i]! - c * bi;
  }
}
function loop56(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const gi = g[i]!;
    const mi = 0.5 * m[i]! + gi;
    const vi = 0.5 * v[i]! + gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - c * (mi + vi);
  }
}
function loop48(p: Float64Array, g: Float64Array): void {
  let s1 = 0;
  for (let i = 0; i < N; i++) s1 += p[i]! + g[i]!;
  let s2 = 0;
  for (let i = 0; i < N; i++) s2 += g[i]!;
  for (let i = 0; i < N; i++) p[i] = p[i]! - c * g[i]!;
  sink += s1 + s2;
}
function loop80(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const gi = g[i]!;
    const mi = 0.5 * m[i]! + gi;
    const vi = 0.5 * v[i]! + gi;
    m[i] = mi;
    v[i] = vi;
    s += p[i]! + mi + vi;
  }
  for (let i = 0; i < N; i++) p[i] = p[i]! - c * (m[i]! + v[i]!);
  sink += s;
}

// "closure": the same loops over fixed arrays. Each literal is instantiated once, so V8 keeps
// compiling it with its arrays as constants.
const closure40 = ((p: Float64Array, g: Float64Array, b: Float64Array) => () => {
  for (let i = 0; i < N; i++) {
    const bi = 0.5 * b[i]! + g[i]!;
    b[i] = bi;
    p[i] = p[i]! - c * bi;
  }
})(fp, fg, f1);
const closure56 = ((p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array) => () => {
  for (let i = 0; i < N; i++) {
    const gi = g[i]!;
    const mi = 0.5 * m[i]! + gi;
    const vi = 0.5 * v[i]! + gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - c * (mi + vi);
  }
})(fp, fg, f1, f2);
const closure48 = ((p: Float64Array, g: Float64Array) => () => {
  let s1 = 0;
  for (let i = 0; i < N; i++) s1 += p[i]! + g[i]!;
  let s2 = 0;
  for (let i = 0; i < N; i++) s2 += g[i]!;
  for (let i = 0; i < N; i++) p[i] = p[i]! - c * g[i]!;
  sink += s1 + s2;
})(fp, fg);
const closure80 = ((p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array) => () => {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const gi = g[i]!;
    const mi = 0.5 * m[i]! + gi;
    const vi = 0.5 * v[i]! + gi;
    m[i] = mi;
    v[i] = vi;
    s += p[i]! + mi + vi;
  }
  for (let i = 0; i < N; i++) p[i] = p[i]! - c * (m[i]! + v[i]!);
  sink += s;
})(fp, fg, f1, f2);

/** `set` copies (16 B per element each) and at most one `fill` (8 B) adding up to `bytes` per element. */
function setFill(bytes: number): () => void {
  const copies = Math.floor(bytes / 16);
  const pairs: [Float64Array, Float64Array][] = [
    [f1, fg],
    [f2, fp],
    [f3, f1],
    [fg, f2],
    [fp, f3],
  ].slice(0, copies) as [Float64Array, Float64Array][];
  const fill = bytes % 16 === 8;
  return () => {
    for (const [to, from] of pairs) to.set(from);
    if (fill) f3.fill(1e-3);
  };
}

const floors: Record<number, FloorKernel[]> = {
  40: [{ name: "loop", run: () => loop40(fp, fg, f1) }, { name: "closure", run: closure40 }, { name: "set/fill", run: setFill(40) }],
  56: [{ name: "loop", run: () => loop56(fp, fg, f1, f2) }, { name: "closure", run: closure56 }, { name: "set/fill", run: setFill(56) }],
  48: [{ name: "loop", run: () => loop48(fp, fg) }, { name: "closure", run: closure48 }, { name: "set/fill", run: setFill(48) }],
  80: [{ name: "loop", run: () => loop80(fp, fg, f1, f2) }, { name: "closure", run: closure80 }, { name: "set/fill", run: setFill(80) }],
};

interface Row {
  name: string;
  bytes: number;
  optimizer: (n: number) => Optimizer;
}

const rows: Row[] = [
  { name: "SGD-momentum", bytes: 40, optimizer: () => sgd({ lr: 1e-3, momentum: 0.9 }) },
  { name: "Nesterov", bytes: 40, optimizer: () => sgd({ lr: 1e-3, momentum: 0.9, nesterov: true }) },
  { name: "AdaGrad", bytes: 40, optimizer: () => adagrad({ lr: 1e-3 }) },
  { name: "RMSProp", bytes: 40, optimizer: () => rmsprop({ lr: 1e-3 }) },
  { name: "Adam", bytes: 56, optimizer: () => adam({ lr: 1e-3 }) },
  { name: "AdamW", bytes: 56, optimizer: () => adamw({ lr: 1e-3 }) },
  { name: "Adafactor (matrix)", bytes: 48, optimizer: (n) => adafactor({}, [{ shape: n === N ? [1000, 1000] : [64, 64] }]) },
  { name: "LAMB", bytes: 80, optimizer: () => lamb({ lr: 1e-3 }) },
];

const time = (fn: () => void) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0);
};

/** Step and floor kernels alternate REPS times (after WARMUP of each), so all see the same machine load. */
function paired(step: () => void, kernels: FloorKernel[]): { step: number; floor: number; winner: string; ratio: number } {
  for (let i = 0; i < WARMUP; i++) {
    step();
    for (const k of kernels) k.run();
  }
  const s: number[] = [];
  const f: number[][] = kernels.map(() => []);
  const r: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const a = time(step);
    const bs = kernels.map((k, j) => {
      const b = time(k.run);
      f[j]!.push(b / N);
      return b;
    });
    s.push(a / N);
    r.push(a / Math.min(...bs));
  }
  const medians = f.map(median);
  const best = medians.indexOf(Math.min(...medians));
  return { step: median(s), floor: medians[best]!, winner: kernels[best]!.name, ratio: median(r) };
}

/** ns per parameter of one step on `n` = 4096 parameters (in cache), median of 9 runs of 500 steps. */
function inCache(make: (n: number) => Optimizer): number {
  const n = 4096;
  const opt = make(n);
  const p = filled(3, 1, n);
  const g = filled(4, 1e-3, n);
  for (let i = 0; i < 500; i++) opt.step(p, g);
  const runs: number[] = [];
  for (let r = 0; r < 9; r++) runs.push(time(() => { for (let i = 0; i < 500; i++) opt.step(p, g); }) / (500 * n));
  return median(runs);
}

const g = filled(2, 1);
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
console.log(`Optimizer step cost, ${N.toLocaleString("en")} float64 parameters, median of ${REPS} after ${WARMUP} warm-up steps (${process.version}, ${process.arch}); load average ${load()}`);
console.log("floor: the fastest of loop / closure / set+fill kernels streaming the same bytes (see the header of bench/optimizers.ts)\n");
const header = ["optimizer", "B/param", "step ns/param", "floor ns/param", "floor GB/s", "floor kernel", "ratio", "in cache ns/param"];
const out: string[][] = [];
for (const r of rows) {
  const opt = r.optimizer(N);
  const p = filled(1, 1);
  const m = paired(() => opt.step(p, g), floors[r.bytes]!);
  out.push([r.name, String(r.bytes), m.step.toFixed(2), m.floor.toFixed(2), (r.bytes / m.floor).toFixed(1), m.winner, m.ratio.toFixed(2), inCache(r.optimizer).toFixed(2)]);
}
const widths = header.map((h, j) => Math.max(h.length, ...out.map((row) => row[j]!.length)));
const line = (cells: string[]) => cells.map((x, j) => (j === 0 || j === 5 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of out) console.log(line(row));
console.log(`\ntarget: ratio ≤ 1.3 for SGD-momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW; load average now ${load()}`);
if (sink === 42) console.log(""); // keep the floor reductions observable
