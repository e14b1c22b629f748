/**
 * Optimizer step cost against the memory-bandwidth floor.
 *
 * One step of SGD-momentum, Adam, AdamW, Adafactor (1000×1000 matrix, factored) and LAMB on one
 * million parameters, in ns per parameter (median of REPS timed steps after WARMUP steps), next to
 * a streaming kernel measured in the same run that touches the same arrays in the same passes with
 * trivial arithmetic (no sqrt, no division): the bytes the optimizer must read and write.
 * Step and floor alternate rep by rep; the ratio is the median of the per-rep ratios.
 *
 *   SGD-momentum  reads θ g b, writes θ b                                  5 × 8 B
 *   Adam, AdamW   reads θ g m v, writes θ m v                              7 × 8 B
 *   Adafactor     reads θ g (RMS θ, row/col stats), g (RMS U), θ g, writes θ   6 × 8 B
 *   LAMB          reads θ g m v, writes m v (‖u‖, ‖θ‖); reads θ m v, writes θ  10 × 8 B
 *
 * (LAMB cannot write θ before ‖u‖ is known, so it needs two passes; one pass would be 7 × 8 B.)
 * Every optimizer also reads g once to reject NaN/Inf gradients before touching any state;
 * that read is part of the measured step but not of the floor.
 *
 * Run: npm run bench:optim
 */
import { adafactor, adam, adamw, lamb, sgd, type Optimizer } from "../src/optim/index";
import { rng } from "../src/random";

const N = 1_000_000;
const WARMUP = 5;
const REPS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ts.push(Number(process.hrtime.bigint() - t0));
  }
  return median(ts) / N;
}

function filled(seed: number, scale: number): Float64Array {
  const r = rng(seed);
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = scale * r.normal();
  return a;
}

const c = 1e-9; // keeps the streamed values bounded over many repetitions

function floorSgd(p: Float64Array, g: Float64Array, b: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const bi = 0.5 * b[i]! + g[i]!;
    b[i] = bi;
    p[i] = p[i]! - c * bi;
  }
}

function floorAdam(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const gi = g[i]!;
    const mi = 0.5 * m[i]! + gi;
    const vi = 0.5 * v[i]! + gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - c * (mi + vi);
  }
}

let sink = 0;
function floorAdafactor(p: Float64Array, g: Float64Array): void {
  let s1 = 0;
  for (let i = 0; i < N; i++) s1 += p[i]! + g[i]!;
  let s2 = 0;
  for (let i = 0; i < N; i++) s2 += g[i]!;
  for (let i = 0; i < N; i++) p[i] = p[i]! - c * g[i]!;
  sink += s1 + s2;
}

function floorLamb(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
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

function triadGBs(): number {
  const a = new Float64Array(N);
  const b = filled(11, 1);
  const d = filled(12, 1);
  const ns = time(() => {
    for (let i = 0; i < N; i++) a[i] = b[i]! + 0.5 * d[i]!;
  });
  return 24 / ns; // bytes per ns = GB/s
}

interface Row {
  name: string;
  bytes: number;
  optimizer: () => Optimizer;
  floor: (p: Float64Array, g: Float64Array, s1: Float64Array, s2: Float64Array) => void;
}

const rows: Row[] = [
  { name: "SGD-momentum", bytes: 40, optimizer: () => sgd({ lr: 1e-3, momentum: 0.9 }), floor: (p, g, s1) => floorSgd(p, g, s1) },
  { name: "Adam", bytes: 56, optimizer: () => adam({ lr: 1e-3 }), floor: floorAdam },
  { name: "AdamW", bytes: 56, optimizer: () => adamw({ lr: 1e-3 }), floor: floorAdam },
  { name: "Adafactor 1000×1000", bytes: 48, optimizer: () => adafactor({}, [{ shape: [1000, 1000] }]), floor: (p, g) => floorAdafactor(p, g) },
  { name: "LAMB", bytes: 80, optimizer: () => lamb({ lr: 1e-3 }), floor: floorLamb },
];

/** Alternates optimizer step and floor kernel REPS times (after WARMUP of each), so both see the same machine load. */
function paired(step: () => void, floor: () => void): { step: number; floor: number; ratio: number } {
  for (let i = 0; i < WARMUP; i++) {
    step();
    floor();
  }
  const s: number[] = [];
  const f: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < REPS; i++) {
    let t0 = process.hrtime.bigint();
    step();
    const a = Number(process.hrtime.bigint() - t0);
    t0 = process.hrtime.bigint();
    floor();
    const b = Number(process.hrtime.bigint() - t0);
    s.push(a / N);
    f.push(b / N);
    r.push(a / b);
  }
  return { step: median(s), floor: median(f), ratio: median(r) };
}

const g = filled(2, 1);
console.log(`Optimizer step cost, ${N.toLocaleString("en")} parameters, median of ${REPS} after ${WARMUP} warm-up steps (${process.version}, ${process.arch})`);
console.log(`streaming triad a = b + s·c over 3 × ${N * 8 / 1e6} MB: ${triadGBs().toFixed(1)} GB/s\n`);
const header = ["optimizer", "B/param", "step ns/param", "floor ns/param", "floor GB/s", "ratio"];
const out: string[][] = [];
for (const r of rows) {
  const opt = r.optimizer();
  const p = filled(1, 1);
  const q = filled(1, 1);
  const s1 = new Float64Array(N);
  const s2 = new Float64Array(N);
  const m = paired(() => opt.step(p, g), () => r.floor(q, g, s1, s2));
  out.push([r.name, String(r.bytes), m.step.toFixed(2), m.floor.toFixed(2), (r.bytes / m.floor).toFixed(1), m.ratio.toFixed(2)]);
}
const widths = header.map((h, j) => Math.max(h.length, ...out.map((row) => row[j]!.length)));
const line = (cells: string[]) => cells.map((x, j) => (j === 0 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of out) console.log(line(row));
if (sink === 42) console.log(""); // keep the floor reductions observable
