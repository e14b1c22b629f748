/**
 * The float32 allowances of the hidden suites hold over every input a suite can draw, not only
 * over today's seed. For each task that draws random inputs and compares with a float32 allowance
 * (`F32` in grader/suites/a-shared.ts, `F32B` in b-shared.ts, and `TOL.FLOAT32` where its bound
 * is stated there), a faithful single-precision port of the reference solution — every input and
 * every operation rounded with Math.fround, written mechanically from the reference's source — is
 * judged by the suite's own comparison (`near`, `nearAll`, with the task's allowance and floors)
 * against the float64 reference, on the task's own draws replayed:
 *
 * - with the suite's seed,
 * - with corner generators, whose every draw lands on an end of its range (uniform 0 or 1 − 2⁻³²,
 *   an integer 0, 1, n − 2 or n − 1, a normal ±6.66, the largest Box–Muller gives, or ±1e-3),
 * - with generators that mix corners and ordinary draws, and
 * - at hand-picked worst cases named in the allowances' derivations.
 *
 * And each catalogued wrong solution of these exercises (grader/wrong/<id>.json) is still caught
 * where these allowances apply: replayed the same way in float64, a mistake whose answers on these
 * tasks differ from the reference's at all fails one of their checks (the others change only
 * functions these tasks do not call; test/exercises/hidden-suites.test.ts grades every one of them
 * through the real grader and checks each loses points).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { F32, near, shaped, TOL, U32, warmupLinearDraws } from "../../grader/suites/a-shared";
import { F32B, larsLocalDraws, lionDraws, matmul, nearAdamStep, nearAll, norm, symPow2, transpose, withSingularValues, type Numeric } from "../../grader/suites/b-shared";
import { wrongSolutions, wrongSource } from "../../grader/wrong/wrong";
import { rng, type Rng } from "../../src/random";
import { ROOT } from "./exercises";

// ————— The float32 port —————

type Fn = (...args: unknown[]) => unknown;
type Module = Record<string, Fn>;

const fr = Math.fround;
const ARITHMETIC = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.AsteriskAsteriskToken]);
const COMPOUND = new Map([
  [ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.PlusToken],
  [ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.MinusToken],
  [ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.AsteriskToken],
  [ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.SlashToken],
]);
/** Math functions whose result a float32 library rounds (min, max, abs, floor, ceil are exact). */
const ROUNDED = new Set(["sqrt", "cos", "sin", "exp", "log", "pow"]);

/**
 * Rewrites a module so that it computes in single precision: every numeric literal, Math constant,
 * arithmetic operation (compound assignments included) and rounded Math function is wrapped in
 * `__f32` (Math.fround), and Math.hypot becomes a float32 sum of squares and square root.
 */
function float32Transformer(context: ts.TransformationContext): ts.Transformer<ts.SourceFile> {
  const f = context.factory;
  const round = (e: ts.Expression) => f.createCallExpression(f.createIdentifier("__f32"), undefined, [e]);
  const isMath = (e: ts.Expression) => ts.isIdentifier(e) && e.text === "Math";
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isNumericLiteral(node)) return round(node);
    if (ts.isPropertyAccessExpression(node) && isMath(node.expression) && /^[A-Z]/.test(node.name.text)) return round(node);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isMath(node.expression.expression)) {
      const name = node.expression.name.text;
      const args = node.arguments.map((a) => ts.visitNode(a, visit) as ts.Expression);
      if (name === "hypot") return f.createCallExpression(f.createIdentifier("__hypot32"), undefined, args);
      const call = f.updateCallExpression(node, node.expression, undefined, args);
      return ROUNDED.has(name) ? round(call) : call;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      const left = ts.visitNode(node.left, visit) as ts.Expression;
      const right = ts.visitNode(node.right, visit) as ts.Expression;
      if (ARITHMETIC.has(op)) return round(f.createBinaryExpression(left, op as ts.BinaryOperator, right));
      const base = COMPOUND.get(op);
      if (base !== undefined) return f.createAssignment(node.left, round(f.createBinaryExpression(left, base as ts.BinaryOperator, right)));
      return f.updateBinaryExpression(node, left, node.operatorToken, right);
    }
    return ts.visitEachChild(node, visit, context);
  };
  return (file) => ts.visitNode(file, visit) as ts.SourceFile;
}

/** √(Σ x²) accumulated in float32. */
function hypot32(...xs: number[]): number {
  let s = 0;
  for (const x of xs) s = fr(s + fr(fr(x) * fr(x)));
  return fr(Math.sqrt(s));
}

/** Every number inside `x` rounded to float32: what a Float32Array holds. */
function round32<T>(x: T): T {
  if (typeof x === "number") return fr(x) as T;
  if (Array.isArray(x)) return x.map(round32) as T;
  if (x !== null && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round32(v)])) as T;
  return x;
}

/** An answer file's exports, in float64 as written, or ported to float32 (inputs rounded too). */
function load(source: string, float32: boolean): Module {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    transformers: float32 ? { before: [float32Transformer] } : {},
  }).outputText;
  const exports: Module = {};
  new Function("exports", "__f32", "__hypot32", js)(exports, fr, hypot32);
  if (!float32) return exports;
  return Object.fromEntries(Object.entries(exports).map(([k, fn]) => [k, typeof fn === "function" ? (...args: unknown[]) => fn(...args.map(round32)) : fn]));
}

const reference = (id: string) => readFileSync(path.join(ROOT, "grader/solutions", id, "exercise.ts"), "utf8");

// ————— The draws —————

/** The largest |normal()| of src/random: Box–Muller on a 32-bit uniform, √(−2 ln 2⁻³²) ≈ 6.66. */
const Z_MAX = Math.sqrt(-2 * Math.log(2 ** -32));
const U_MAX = 1 - 2 ** -32;

/**
 * A generator whose draws land on the ends of their ranges (each chosen by a seeded coin), or,
 * with `mix`, on an end or an ordinary draw.
 */
function cornerRng(seed: number, mix = false): Rng {
  const coin = rng(seed);
  const plain = rng(seed + 1_000_000);
  const ordinary = () => mix && coin.uniform() < 0.5;
  return {
    uniform: () => (ordinary() ? plain.uniform() : coin.uniform() < 0.5 ? 0 : U_MAX),
    normal: () => (ordinary() ? plain.normal() : [Z_MAX, -Z_MAX, Z_MAX, -Z_MAX, 1e-3, -1e-3][coin.int(6)]!),
    int: (n) => (ordinary() ? plain.int(n) : Math.min(n - 1, Math.max(0, [0, 1, n - 2, n - 1][coin.int(4)]!))),
    permutation: (n) => plain.permutation(n),
    state: () => coin.state(),
  };
}

/**
 * One comparison of a task: `run` asks a module for the answer(s), `judge` compares the answer with
 * the reference's, exactly as the suite does (it throws when the answer is outside the allowance).
 */
interface Check {
  what: string;
  run: (m: Module) => unknown;
  judge: (answer: unknown, expected: unknown) => void;
}

/** A task of a hidden suite that draws random inputs: its draws, replayed from a generator. */
interface Task {
  exercise: string;
  title: string;
  /** The seed the suite uses. */
  seed: number;
  draw: (r: Rng) => Check[];
  /** Hand-picked worst cases, beyond what the corner generators reach. */
  extra?: () => Check[];
}

const vec = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const mat = (rows: number, cols: number, draw: () => number) => Array.from({ length: rows }, () => vec(cols, draw));
const num = (x: unknown) => x as number;
type Obj = Record<string, unknown> & { [k: string]: any };

// Lesson A.

const stepDecayCases = (r: Rng): Check[] =>
  Array.from({ length: 40 }, () => {
    const eta0 = 10 ** (-4 + 3 * r.uniform());
    const gamma = 0.05 + 0.9 * r.uniform();
    const S = 1 + r.int(500);
    const k = r.int(20 * S);
    const c = { eta0, gamma, stepSize: S };
    return { what: JSON.stringify({ c, k }), run: (m) => m.stepDecay!(c, k), judge: (a, e) => near(a, num(e), F32.stepDecay(Math.floor(k / S)), `step ${k}`) };
  });

const descendCases = (r: Rng): Check[] =>
  Array.from({ length: 8 }, () => {
    const config = { eta0: 0.05 + 0.2 * r.uniform(), gamma: 0.3 + 0.6 * r.uniform(), stepSize: 1 + r.int(20) };
    const lam: [number, number] = [0.5 + r.uniform(), 2 + 5 * r.uniform()];
    const start: [number, number] = [r.normal(), r.normal()];
    const steps = 1 + r.int(80);
    return {
      what: JSON.stringify({ config, lam, start, steps }),
      run: (m) => m.descend!(config, lam, start, steps),
      judge: (a, e) => {
        const [x, y] = shaped(a, e as number[]);
        near(x, (e as number[])[0]!, F32.descend(config, lam[0], steps), "x", start[0]);
        near(y, (e as number[])[1]!, F32.descend(config, lam[1], steps), "y", start[1]);
      },
    };
  });

const polynomialCases = (r: Rng): Check[] =>
  Array.from({ length: 40 }, () => {
    const eta0 = 10 ** (-4 + 3 * r.uniform());
    const etaEnd = eta0 * 0.2 * r.uniform();
    const T = 1 + r.int(5000);
    const p = 0.3 + 3 * r.uniform();
    const k = r.int(T + 1);
    return polynomialCheck(eta0, etaEnd, T, p, k);
  });
function polynomialCheck(eta0: number, etaEnd: number, T: number, p: number, k: number): Check {
  const c = { eta0, etaEnd, totalSteps: T, power: p };
  return { what: JSON.stringify({ c, k }), run: (m) => m.polynomialDecay!(c, k), judge: (a, e) => near(a, num(e), F32.polynomialDecay(T, p), `step ${k}`, eta0) };
}

const partialSumsCheck = (eta0: number, alpha: number, n: number): Check => ({
  what: JSON.stringify({ eta0, alpha, n }),
  run: (m) => m.partialSums!({ eta0, alpha }, n),
  judge: (a, e) => {
    const got = shaped(a, { sum: 0, sumOfSquares: 0 });
    const want = e as { sum: number; sumOfSquares: number };
    near(got.sum, want.sum, F32.partialSums(n), "sum");
    near(got.sumOfSquares, want.sumOfSquares, F32.partialSums(n), "sum of squares");
  },
});
const partialSumsCases = (r: Rng): Check[] =>
  Array.from({ length: 10 }, () => {
    const eta0 = 0.01 + r.uniform();
    const alpha = 0.3 + r.uniform();
    const n = 1 + r.int(3000);
    return partialSumsCheck(eta0, alpha, n);
  });

function warmupLinearCases(r: Rng): Check[] {
  return warmupLinearDraws(r).map(({ T, ratio, peak, k }) => {
    const c = { peak, warmupRatio: ratio, totalSteps: T };
    return { what: JSON.stringify({ c, k }), run: (m) => m.warmupLinear!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`, peak) };
  });
}

const restartsCases = (r: Rng): Check[] =>
  Array.from({ length: 40 }, () => {
    const etaMax = 10 ** (-4 + 3 * r.uniform());
    const etaMin = etaMax * 0.1 * r.uniform();
    const T0 = 1 + r.int(300);
    const Tmult = 1 + r.int(3);
    const k = r.int(T0 * 40);
    const c = { etaMax, etaMin, T0, Tmult };
    return { what: JSON.stringify({ c, k }), run: (m) => m.cosineWithRestarts!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`, etaMax) };
  });

const oneCycleCases = (r: Rng): Check[] =>
  Array.from({ length: 30 }, () => {
    const T = 10 + r.int(10_000);
    const c = { etaMin: 1e-5 + 1e-3 * r.uniform(), etaMax: 0.01 + r.uniform(), peakStep: 1 + r.int(T - 1), totalSteps: T, momentumMin: 0.8 + 0.05 * r.uniform(), momentumMax: 0.9 + 0.09 * r.uniform() };
    const k = r.int(T + 5);
    return {
      what: JSON.stringify({ c, k }),
      run: (m) => m.oneCycle!(c, k),
      judge: (a, e) => {
        const want = e as { lr: number; momentum: number };
        const got = shaped(a, want);
        near(got.lr, want.lr, TOL.FLOAT32, "lr", c.etaMax);
        near(got.momentum, want.momentum, TOL.FLOAT32, "momentum");
      },
    };
  });

const heavyBallCases = (r: Rng): Check[] =>
  Array.from({ length: 6 }, () => {
    const T = 20 + r.int(60);
    const c = { etaMin: 0.002, etaMax: 0.05 + 0.1 * r.uniform(), peakStep: 1 + r.int(T - 1), totalSteps: T, momentumMin: 0.6 + 0.2 * r.uniform(), momentumMax: 0.9 + 0.09 * r.uniform() };
    const lam: [number, number] = [0.5 + r.uniform(), 2 + 3 * r.uniform()];
    const start: [number, number] = [r.normal(), r.normal()];
    const steps = 1 + r.int(T + 5);
    return {
      what: JSON.stringify({ c, lam, start, steps }),
      run: (m) => m.heavyBall!(c, lam, start, steps),
      judge: (a, e) => {
        const got = shaped(a, e as number[]);
        near(got[0], (e as number[])[0]!, F32.heavyBall(steps), "x", start[0]);
        near(got[1], (e as number[])[1]!, F32.heavyBall(steps), "y", start[1]);
      },
    };
  });

const inverseSqrtCases = (r: Rng): Check[] =>
  Array.from({ length: 40 }, () => {
    const peak = 10 ** (-5 + 3 * r.uniform());
    const w = 1 + r.int(10_000);
    const k = r.int(50 * w);
    const c = { peak, warmupSteps: w };
    return { what: JSON.stringify({ c, k }), run: (m) => m.inverseSqrt!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`, peak) };
  });

const noamCases = (r: Rng): Check[] =>
  Array.from({ length: 10 }, () => {
    const c = { dModel: 64 * (1 + r.int(32)), warmupSteps: 1 + r.int(8000) };
    const k = r.int(100_000);
    return { what: JSON.stringify({ c, k }), run: (m) => m.noam!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`) };
  });

const wsdCases = (r: Rng): Check[] => {
  const shapes = ["linear", "cosine", "1-sqrt"];
  return Array.from({ length: 40 }, () => {
    const c = { peak: 10 ** (-4 + 2 * r.uniform()), floor: 0, warmupSteps: r.int(500), stableSteps: r.int(5000), decaySteps: 1 + r.int(2000), shape: shapes[r.int(3)]! };
    c.floor = c.peak * 0.1 * r.uniform();
    const k = r.int(c.warmupSteps + c.stableSteps + c.decaySteps + 100);
    return { what: JSON.stringify({ c, k }), run: (m) => m.wsd!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`, c.peak) };
  });
};

const scaledLrCases = (r: Rng): Check[] =>
  Array.from({ length: 10 }, () => {
    const lr = 10 ** (-5 + 4 * r.uniform());
    const b = 1 + r.int(4096);
    const nb = 1 + r.int(65536);
    return {
      what: JSON.stringify({ lr, b, nb }),
      run: (m) => [m.scaledLr!("sqrt", lr, b, nb), m.scaledLr!("linear", lr, b, nb)],
      judge: (a, e) => {
        const [sq, lin] = e as number[];
        near((a as unknown[])[0], sq!, TOL.FLOAT32, "sqrt");
        near((a as unknown[])[1], lin!, TOL.FLOAT32, "linear");
      },
    };
  });

const lrAtTokensCases = (r: Rng): Check[] =>
  Array.from({ length: 30 }, () => {
    const peak = 10 ** (-4.5 + 1.5 * r.uniform());
    const floor = peak * 0.2 * r.uniform();
    const N = 1e9 * (1 + 100 * r.uniform());
    const nw = N * 0.05 * r.uniform() + 1;
    const n = N * 1.1 * r.uniform();
    const c = { peak, floor, warmupTokens: nw, totalTokens: N };
    return { what: JSON.stringify({ c, n }), run: (m) => m.lrAtTokens!(c, n), judge: (a, e) => near(a, num(e), TOL.FLOAT32, "random point", peak) };
  });

const llmScheduleCases = (r: Rng): Check[] =>
  Array.from({ length: 40 }, () => {
    const T = 100 + r.int(200_000);
    const w = 1 + r.int(Math.floor(T / 10));
    const peak = 10 ** (-5 + 3 * r.uniform());
    const minLr = peak * 0.2 * r.uniform();
    const k = r.int(T + 1);
    const c = { peak, minLr, warmupSteps: w, totalSteps: T };
    return { what: JSON.stringify({ c, k }), run: (m) => m.llmSchedule!(c, k), judge: (a, e) => near(a, num(e), TOL.FLOAT32, `step ${k}`, peak) };
  });

// Lesson B. A chain of steps starts each call from the trusted (float64 reference) state.

/** Replays a chain: `next(state, k)` draws step k's inputs and returns the check and the next trusted state. */
function chain<S>(start: S, steps: number, next: (state: S, k: number) => { check: Check; after: S }): Check[] {
  const out: Check[] = [];
  let state = start;
  for (let k = 0; k < steps; k++) {
    const { check, after } = next(state, k);
    out.push(check);
    state = after;
  }
  return out;
}

const modules = new Map<string, { ref: Module; f32: Module }>();
function modulesOf(id: string): { ref: Module; f32: Module } {
  let m = modules.get(id);
  if (!m) modules.set(id, (m = { ref: load(reference(id), false), f32: load(reference(id), true) }));
  return m;
}
const ref = (id: string) => modulesOf(id).ref;

function adagradCases(r: Rng): Check[] {
  const out: Check[] = [];
  for (let run = 0; run < 4; run++) {
    const n = 2 + r.int(4);
    const lr = 10 ** (-3 + 2 * r.uniform());
    const eps = 10 ** (-4 + 3 * r.uniform());
    const start = { params: vec(n, () => r.normal()), accum: vec(n, () => r.uniform()) };
    out.push(
      ...chain(start, 15, (state) => {
        const g = vec(n, () => r.normal() * 10 ** (2 * r.uniform() - 1));
        const check: Check = { what: JSON.stringify({ state, g, lr, eps }), run: (m) => m.adagradStep!(state, g, { lr, eps }), judge: (a, e) => nearAll(a, e as Numeric, TOL.FLOAT32, "state", { params: state.params }) };
        return { check, after: ref("b01-adagrad").adagradStep!(state, g, { lr, eps }) as typeof state };
      }),
    );
  }
  return out;
}

function firstMomentCheck(grads: number[], beta1: number): Check {
  return { what: JSON.stringify({ beta1, grads }), run: (m) => m.adamFirstMoment!(grads, beta1), judge: (a, e) => nearAll(a, e as Numeric, F32B.adamFirstMoment(beta1), "m", grads) };
}
const firstMomentCases = (r: Rng): Check[] =>
  Array.from({ length: 5 }, () => {
    const beta1 = 0.5 + 0.49 * r.uniform();
    return firstMomentCheck(vec(40, () => r.normal()), beta1);
  });

function adamStepCases(r: Rng): Check[] {
  const hq = { lr: 0.01, beta1: 0.8 + 0.19 * r.uniform(), beta2: 0.9 + 0.099 * r.uniform(), eps: 1e-6 };
  const start = { params: [r.normal(), r.normal(), r.normal()], m: [0, 0, 0], v: [0, 0, 0], t: 0 };
  return chain(start, 20, (cur) => {
    const g = [r.normal(), 5 * r.normal(), 0.1 * r.normal()];
    const check: Check = { what: JSON.stringify({ cur, g, hq }), run: (m) => m.adamStep!(cur, g, hq), judge: (a, e) => nearAdamStep(a, { ...(e as Obj) } as Obj & { params: Numeric; m: Numeric; v: Numeric }, cur, g, hq) };
    return { check, after: ref("b02-adam-first-moment").adamStep!(cur, g, hq) as typeof cur };
  });
}

const biasCorrectedCases = (r: Rng): Check[] =>
  Array.from({ length: 20 }, () => {
    const t = 1 + r.int(3000);
    const b: [number, number] = [0.5 + 0.49 * r.uniform(), 0.9 + 0.0999 * r.uniform()];
    const m = [r.normal(), r.normal()];
    const v = [r.uniform(), r.uniform()];
    return {
      what: JSON.stringify({ t, b, m, v }),
      run: (mod) => mod.biasCorrected!(m, v, t, b),
      judge: (a, e) => {
        const want = e as { mHat: number[]; vHat: number[] };
        const got = shaped(a, want);
        nearAll(got.mHat, want.mHat, F32B.biasCorrection(b[0]), "mHat");
        nearAll(got.vHat, want.vHat, F32B.biasCorrection(b[1]), "vHat");
      },
    };
  });

function amsgradCases(r: Rng): Check[] {
  const hp = { lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8 };
  const start = { params: [r.normal(), r.normal(), r.normal()], m: [0, 0, 0], v: [0, 0, 0], vMax: [0, 0, 0], t: 0 };
  return chain(start, 40, (st, k) => {
    const size = 10 * Math.exp(-k / 6) + (k === 25 ? 30 : 0);
    const g = [size * r.normal(), size * r.normal(), r.normal()];
    const check: Check = { what: JSON.stringify({ st, g }), run: (m) => m.amsgradStep!(st, g, hp), judge: (a, e) => nearAdamStep(a, { ...(e as Obj) } as Obj & { params: Numeric; m: Numeric; v: Numeric }, st, g, hp) };
    return { check, after: ref("b04-amsgrad").amsgradStep!(st, g, hp) as typeof st };
  });
}

const coupledCases = (r: Rng): Check[] =>
  Array.from({ length: 10 }, () => {
    const hp = { lr: 10 ** (-3 + 2 * r.uniform()), beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.3 * r.uniform() };
    const st = { params: [r.normal(), 3 * r.normal()], m: [0.1 * r.normal(), 0.1 * r.normal()], v: [r.uniform(), r.uniform()], t: r.int(50) };
    const g = [r.normal(), r.normal()];
    const gTerms = g.map((x, i) => Math.abs(x) + hp.weightDecay * Math.abs(st.params[i]!));
    const h0 = { ...hp, weightDecay: 0 };
    return {
      what: JSON.stringify({ hp, st, g }),
      run: (m) => [m.adamL2Step!(st, g, hp), m.adamwStep!(st, g, hp), m.adamL2Step!(st, g, h0), m.adamwStep!(st, g, h0)],
      judge: (a, e) => {
        type State = Obj & { params: number[]; m: Numeric; v: Numeric };
        const [l2, w, l20, w0] = a as State[];
        const [el2, ew, el20] = e as State[];
        nearAdamStep(l2, { ...el2! }, st, gTerms, hp, "adamL2Step");
        nearAdamStep(w, { ...ew! }, st, g, hp, "adamwStep");
        const step = Math.max(...el20!.params.map((x, i) => Math.abs(x - st.params[i]!)));
        nearAll(l20!.params, w0!.params, 2 * TOL.FLOAT32, "λ = 0", [...st.params, (F32B.adamStep(hp.beta1, hp.beta2) / TOL.FLOAT32) * step]);
      },
    };
  });

const rankOneCases = (r: Rng): Check[] =>
  Array.from({ length: 5 }, () => {
    const a = vec(3, () => 0.1 + r.uniform());
    const b = vec(4, () => 0.1 + r.uniform());
    const G = a.map((ai) => b.map((bj) => (r.uniform() < 0.5 ? -1 : 1) * Math.sqrt(ai * bj)));
    const zero = { row: [0, 0, 0], col: [0, 0, 0, 0] };
    return {
      what: JSON.stringify({ G }),
      run: (m) => m.adafactorSecondMoment!(zero, G, { beta2: 0, eps1: 0 }),
      judge: (out, e) => nearAll(shaped(out, e as { vhat: number[][] }).vhat, a.map((ai) => b.map((bj) => ai * bj)), TOL.FLOAT32, "vhat"),
    };
  });

function adafactorCases(r: Rng): Check[] {
  const out: Check[] = [];
  for (const [n, m] of [[2, 3], [4, 2], [3, 3]] as [number, number][]) {
    const start = { row: Array<number>(n).fill(0), col: Array<number>(m).fill(0) };
    out.push(
      ...chain(start, 6, (st) => {
        const G = mat(n, m, () => r.normal());
        const beta2 = 0.5 + 0.49 * r.uniform();
        const eps1 = 0.01 * r.uniform();
        const check: Check = { what: JSON.stringify({ st, G, beta2, eps1 }), run: (mod) => mod.adafactorSecondMoment!(st, G, { beta2, eps1 }), judge: (a, e) => nearAll(a, e as Numeric, F32B.adafactor(beta2), "factored") };
        const next = ref("b06-adafactor").adafactorSecondMoment!(st, G, { beta2, eps1 }) as { row: number[]; col: number[] };
        return { check, after: { row: next.row, col: next.col } };
      }),
    );
  }
  return out;
}

const larsLocalCases = (r: Rng): Check[] =>
  larsLocalDraws(r).map(({ w, g, hp, c, h0 }) => ({
    what: JSON.stringify({ w, g, hp, c }),
    run: (m) => [m.larsLocalLr!(w, g, hp), m.larsLocalLr!(w, g, h0), m.larsLocalLr!(w, g.map((x) => c * x), h0)],
    judge: (a, e) => {
      const [lr, base, scaled] = a as number[];
      near(lr, (e as number[])[0]!, TOL.FLOAT32, "local lr");
      near(scaled! * c, base!, TOL.FLOAT32, "scale invariance");
    },
  }));

function larsStepCases(r: Rng): Check[] {
  const hp = { lr: 0.5, trust: 0.01, weightDecay: 0.01, momentum: 0.9 };
  const start = { params: [vec(4, () => r.normal()), vec(2, () => r.normal()), vec(1, () => r.normal())], velocity: [[0, 0, 0, 0], [0, 0], [0]] };
  const lars = ref("b07-lars");
  return chain(start, 10, (st) => {
    const grads = st.params.map((w, l) => w.map(() => 10 ** l * r.normal()));
    const terms = st.params.map((w, l) => {
      const lr = lars.larsLocalLr!(w, grads[l]!, hp) as number;
      return st.velocity[l]!.map((u, i) => hp.momentum * Math.abs(u) + lr * (Math.abs(grads[l]![i]!) + hp.weightDecay * Math.abs(w[i]!)));
    });
    const check: Check = { what: JSON.stringify({ st, grads }), run: (m) => m.larsStep!(st, grads, hp), judge: (a, e) => nearAll(a, { ...(e as Obj) }, TOL.FLOAT32, "state", { params: [...st.params.flat(), ...terms.flat()], velocity: terms }) };
    return { check, after: lars.larsStep!(st, grads, hp) as typeof st };
  });
}

const trustRatioCases = (r: Rng): Check[] =>
  Array.from({ length: 10 }, () => {
    const n = 1 + r.int(6);
    const w = vec(n, () => r.normal());
    const u = vec(n, () => 10 ** (2 * r.uniform() - 1) * r.normal());
    const c = 10 ** (3 * r.uniform() - 1.5);
    return {
      what: JSON.stringify({ w, u, c }),
      run: (m) => [m.lambTrustRatio!(w, u), m.lambTrustRatio!(w.map((x) => c * x), u.map((x) => c * x)), m.lambTrustRatio!(w.map((x) => c * x), u)],
      judge: (a) => {
        const [base, joint, weight] = a as number[];
        near(base, norm(w) / norm(u), TOL.FLOAT32, "ratio");
        near(joint, base!, TOL.FLOAT32, "joint scaling");
        near(weight, c * base!, TOL.FLOAT32, "weight scaling");
      },
    };
  });

function lambNormCases(r: Rng): Check[] {
  const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 };
  const params = [vec(5, () => r.normal()), vec(3, () => 0.01 * r.normal()), vec(2, () => 100 * r.normal())];
  const grads = params.map((w) => w.map(() => r.normal()));
  const zeros = params.map((w) => w.map(() => 0));
  const st = { params, m: zeros, v: zeros, t: 0 };
  return [{
    what: JSON.stringify({ params, grads }),
    run: (m) => m.lambStep!(st, grads, hp),
    judge: (a, e) => shaped(a, e as { params: number[][] }).params.forEach((w, l) => near(norm(w.map((x, i) => x - params[l]![i]!)), 0.01 * norm(params[l]!), F32B.lambStepNorm(hp.lr), `layer ${l} step norm`)),
  }];
}

function lambStepCases(r: Rng): Check[] {
  const hp = { lr: 0.02, beta1: 0.9, beta2: 0.99, eps: 1e-6, weightDecay: 0.1 };
  const p0 = [vec(4, () => r.normal()), vec(2, () => r.normal())];
  const zeros = p0.map((w) => w.map(() => 0));
  return chain({ params: p0, m: zeros, v: zeros, t: 0 }, 12, (st) => {
    const grads = st.params.map((w, l) => w.map(() => 10 ** (2 * l) * r.normal()));
    const before = { params: st.params.flat(), m: st.m.flat(), v: st.v.flat() };
    const check: Check = { what: JSON.stringify({ st, grads }), run: (m) => m.lambStep!(st, grads, hp), judge: (a, e) => nearAdamStep(a, { ...(e as Obj) } as Obj & { params: Numeric; m: Numeric; v: Numeric }, before, grads.flat(), hp) };
    return { check, after: ref("b08-trust-ratio").lambStep!(st, grads, hp) as typeof st };
  });
}

/** Q(θ) diag(a, b) Q(θ)ᵀ and the suite's seeded symmetric positive-definite statistics. */
function rotated(theta: number, a: number, b: number): number[][] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [[a * c * c + b * s * s, (a - b) * c * s], [(a - b) * c * s, a * s * s + b * c * c]];
}
const spd = (draw: () => number) => rotated(3 * draw(), 0.1 + 10 * draw(), 0.1 + draw());

/** Whether a symmetric 2 × 2 matrix is a multiple of the identity to float32 precision. */
const nearlyScalar = (M: number[][]) => Math.hypot((M[0]![0]! - M[1]![1]!) / 2, M[0]![1]!) <= 1e-6 * Math.abs(M[0]![0]! + M[1]![1]!);
/** A placeholder for a draw left out: it always passes. */
const SKIP: Check = { what: "left out", run: () => 0, judge: () => undefined };

function shampooCases(r: Rng): Check[] {
  const out: Check[] = [];
  for (let run = 0; run < 3; run++) {
    const start = { W: mat(2, 2, () => r.normal()), L: spd(r.uniform), R: spd(r.uniform) };
    out.push(
      ...chain(start, 5, (st) => {
        const G = mat(2, 2, () => r.normal());
        const next = ref("b09-shampoo").shampooStep!(st, G, { lr: 0.1 }) as typeof st;
        const P = matmul(matmul(symPow2(next.L, -0.25), G), symPow2(next.R, -0.25));
        // Statistics that are a multiple of the identity to float32 precision (corners only: G Gᵀ
        // cancelling L's anisotropy exactly) are left out: there the reference's closed form
        // (f(λ₁) − f(λ₂))/(λ₁ − λ₂) is 0/0 in float32 (and, nearer still, in float64, where the
        // reference itself answers NaN), a limit of the method, not of an allowance.
        if (nearlyScalar(next.L) || nearlyScalar(next.R) || !next.W.flat().every(Number.isFinite)) return { check: SKIP, after: next };
        const check: Check = { what: JSON.stringify({ st, G }), run: (m) => m.shampooStep!(st, G, { lr: 0.1 }), judge: (a, e) => nearAll(a, { ...(e as Obj) }, F32B.shampoo(next.L, next.R), "state", { W: [...st.W.flat(), ...P.flat().map((x) => 0.1 * x)] }) };
        return { check, after: next };
      }),
    );
  }
  return out;
}

function newtonSchulzCheck(G: number[][], steps: number): Check {
  return { what: JSON.stringify({ G, steps }), run: (m) => m.newtonSchulz!(G, steps), judge: (a, e) => nearAll(a, e as Numeric, F32B.newtonSchulz(steps), `${G.length}×${G[0]!.length}`) };
}
const SHAPES: [number, number, number][] = [[3, 2, 5], [2, 3, 5], [4, 2, 3], [2, 2, 1], [2, 5, 4]];
const newtonSchulzCases = (r: Rng): Check[] => SHAPES.map(([rows, cols, steps]) => newtonSchulzCheck(mat(rows, cols, () => 3 * r.normal()), steps));

function bandCases(r: Rng): Check[] {
  const out: Check[] = [];
  for (const [rows, cols] of [[3, 2], [2, 4], [2, 2], [5, 2]] as [number, number][]) {
    for (const ratio of [1, 4, 12]) {
      const G = withSingularValues(rows, cols, [ratio * (0.5 + r.uniform()), 0.5 + r.uniform()], r.normal);
      // At corners the two random directions can coincide (every normal ±6.66): the suite's
      // construction is then undefined (0/0), and no matrix is drawn.
      if (!G.flat().every(Number.isFinite)) continue;
      // Two float32 answers compared with each other, as the suite compares the student's two.
      out.push({ what: JSON.stringify({ G }), run: (m) => [m.newtonSchulz!(G, 5), m.newtonSchulz!(transpose(G), 5)], judge: (a) => {
        const [O, Ot] = a as number[][][];
        nearAll(transpose(Ot!), O!, 2 * F32B.newtonSchulz(5), "transpose symmetry");
      } });
    }
  }
  return out;
}

const fro = (M: number[][]) => Math.sqrt(M.flat().reduce((s, x) => s + x * x, 0));
/** b11 lionStep's seeded chains, judged as the suite's nearLion: θ against |θ| + η, m against its terms. */
function lionCases(r: Rng): Check[] {
  type St = { params: number[]; m: number[] };
  type Hp = { lr: number; beta1: number; beta2: number; weightDecay: number };
  const step = (st: St, g: number[], hp: Hp) => ref("b11-lion").lionStep!(st, g, hp) as St;
  return Array.from({ length: 3 }, () => lionDraws<St, object>(r, 15, step)).flat().map(({ st, g, hp }) => ({
    what: JSON.stringify({ st, g, hp }),
    run: (m) => m.lionStep!(st, g, hp),
    judge: (a, e) => {
      const want = e as St;
      const got = shaped(a, want);
      nearAll(got.params, want.params, TOL.FLOAT32, "params", st.params.map((p) => Math.abs(p) + hp.lr));
      nearAll(got.m, want.m, F32B.lionMomentum(hp.beta2), "m", st.m.map((x, i) => hp.beta2 * Math.abs(x) + (1 - hp.beta2) * Math.abs(g[i]!)));
    },
  }));
}

function muonCases(r: Rng): Check[] {
  const out: Check[] = [];
  for (const [rows, cols] of [[3, 2], [2, 3], [2, 2]] as [number, number][]) {
    for (const nesterov of [false, true]) {
      const hp = { lr: 0.02, momentum: 0.95, nesterov, nsSteps: 5 };
      const start = { W: mat(rows, cols, r.normal), B: mat(rows, cols, () => 0) };
      out.push(
        ...chain(start, 3, (st) => {
          const G = mat(rows, cols, r.normal);
          const next = ref("b10-muon").muonStep!(st, G, hp) as typeof st;
          const terms = st.B.map((row, i) => row.map((x, j) => hp.momentum * Math.abs(x) + Math.abs(G[i]![j]!)));
          const U = nesterov ? G.map((row, i) => row.map((g, j) => g + hp.momentum * next.B[i]![j]!)) : next.B;
          const Uterms = nesterov ? G.map((row, i) => row.map((g, j) => Math.abs(g) + hp.momentum * terms[i]![j]!)) : terms;
          const floors = { W: [...st.W.flat(), hp.lr * Math.sqrt(Math.max(1, rows / cols))], B: terms };
          const check: Check = { what: JSON.stringify({ st, G, nesterov }), run: (m) => m.muonStep!(st, G, hp), judge: (a, e) => nearAll(a, { ...(e as Obj) }, F32B.muonStep(hp.nsSteps, fro(Uterms) / fro(U)), "state", floors) };
          return { check, after: next };
        }),
      );
    }
  }
  return out;
}

/** Every task of the hidden suites that draws random inputs and compares with a float32 allowance. */
const TASKS: Task[] = [
  { exercise: "a01-step-decay", title: "stepDecay: seeded random configurations and steps", seed: 101, draw: stepDecayCases },
  { exercise: "a01-step-decay", title: "descend: gradient descent with the step-decay LR", seed: 102, draw: descendCases },
  {
    exercise: "a02-polynomial-decay", title: "polynomialDecay: seeded random configurations", seed: 201, draw: polynomialCases,
    // The last step before the end with the smallest power: b = 1/T, where p·T^(1−p) peaks.
    extra: () => [0.3, 0.31, 0.5, 0.9].flatMap((p) => [1e-4, 0.037, 0.1].flatMap((eta0) => [4999, 4998, 4990].map((k) => polynomialCheck(eta0, 0, 5000, p, k)))),
  },
  {
    exercise: "a02-polynomial-decay", title: "partialSums: Σ η_t and Σ η_t²", seed: 202, draw: partialSumsCases,
    // The reviewer's case (α = 0.3, n = 3000) and the whole η₀ range at the largest n.
    extra: () => [0.3, 0.5, 1, 1.3].flatMap((alpha) => Array.from({ length: 21 }, (_, i) => partialSumsCheck(0.01 + i / 20, alpha, 3000))),
  },
  { exercise: "a03-warmup-ratio", title: "warmupLinear: seeded random configurations", seed: 301, draw: warmupLinearCases },
  { exercise: "a04-cosine-restarts", title: "cosineWithRestarts: seeded random configurations", seed: 401, draw: restartsCases },
  { exercise: "a05-one-cycle", title: "oneCycle: LR and momentum at random steps", seed: 501, draw: oneCycleCases },
  { exercise: "a05-one-cycle", title: "heavyBall: momentum SGD with the one-cycle LR and momentum", seed: 502, draw: heavyBallCases },
  { exercise: "a06-inverse-sqrt", title: "inverseSqrt: seeded random steps", seed: 601, draw: inverseSqrtCases },
  { exercise: "a06-inverse-sqrt", title: "noam: seeded random models and steps", seed: 602, draw: noamCases },
  { exercise: "a07-cooldown", title: "wsd: seeded random configurations", seed: 701, draw: wsdCases },
  { exercise: "a08-batch-scaling", title: "scaledLr: seeded random batches", seed: 801, draw: scaledLrCases },
  { exercise: "a09-token-budget", title: "lrAtTokens: seeded random points", seed: 901, draw: lrAtTokensCases },
  { exercise: "a10-llm-schedule", title: "llmSchedule: seeded random steps", seed: 1001, draw: llmScheduleCases },
  { exercise: "b01-adagrad", title: "adagradStep: seeded random sequences", seed: 2101, draw: adagradCases },
  {
    exercise: "b02-adam-first-moment", title: "adamFirstMoment: seeded random gradients", seed: 2201, draw: firstMomentCases,
    // Gradients whose signs follow ∂m/∂β₁ (the rounded β₁'s effect adds up) and a constant sign.
    extra: () => [0.5, 0.9, 0.99].flatMap((b) => [firstMomentCheck(vec(40, () => Z_MAX), b), firstMomentCheck(Array.from({ length: 40 }, (_, i) => (((40 - i) * (1 - b)) / b >= 1 ? Z_MAX : -Z_MAX)), b)]),
  },
  {
    exercise: "b02-adam-first-moment", title: "adamStep: constant gradient, then seeded random sequences", seed: 2202, draw: adamStepCases,
    // The task's first half: 12 updates with a constant gradient, each from the answer's own state.
    extra: () => {
      const hp = { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 0.01 };
      return [{
        what: "constant gradient 0.2",
        run: (m) => {
          let st: Obj = { params: [0], m: [0], v: [0], t: 0 };
          return Array.from({ length: 12 }, () => {
            const next = m.adamStep!(st, [0.2], hp) as Obj;
            const d = st.params[0] - next.params[0];
            st = next;
            return d;
          });
        },
        judge: (a) => (a as number[]).forEach((d, i) => nearAll(d, (0.05 * 0.2) / 0.21, F32B.adamStep(hp.beta1, hp.beta2) + 2 * (i + 1) * U32, `update ${i + 1}`)),
      }];
    },
  },
  {
    exercise: "b03-bias-correction", title: "biasCorrected: seeded random t", seed: 2301, draw: biasCorrectedCases,
    // The exercise's hand-computed checks, whose fixed inputs (β₂ = 0.999) need the same allowances.
    extra: () => [
      { what: "first update", run: (m) => m.biasCorrected!([0.1], [0.001], 1, [0.9, 0.999]), judge: (a) => {
        const got = shaped(a, { mHat: [1], vHat: [1] });
        nearAll(got.mHat, [1], F32B.biasCorrection(0.9), "mHat");
        nearAll(got.vHat, [1], F32B.biasCorrection(0.999), "vHat");
      } },
      { what: "fifth update", run: (m) => m.biasCorrected!([(1 - 0.8 ** 5) * 3, -(1 - 0.8 ** 5)], [(1 - 0.99 ** 5) * 9, (1 - 0.99 ** 5) * 1], 5, [0.8, 0.99]), judge: (a) => {
        const got = shaped(a, { mHat: [3, -1], vHat: [9, 1] });
        nearAll(got.mHat, [3, -1], F32B.biasCorrection(0.8), "mHat");
        nearAll(got.vHat, [9, 1], F32B.biasCorrection(0.99), "vHat");
      } },
      ...[true, false].map((biasCorrection): Check => ({ what: `first step size, correction ${biasCorrection}`, run: (m) => m.adamStepSizes!([1, 1], 1, { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-12, biasCorrection }), judge: (a) => {
        const [size] = shaped(a, [0]);
        nearAll(size, 0.01 * Math.SQRT2 * (biasCorrection ? 1 : 0.1 / Math.sqrt(0.001)), F32B.adamStep(0.9, 0.999), "size");
      } })),
    ],
  },
  { exercise: "b04-amsgrad", title: "amsgradStep: seeded random gradients", seed: 2401, draw: amsgradCases },
  { exercise: "b05-coupled-l2", title: "adamL2Step and adamwStep: seeded random states", seed: 2501, draw: coupledCases },
  { exercise: "b06-adafactor", title: "adafactorSecondMoment: rank-one G²", seed: 2601, draw: rankOneCases },
  { exercise: "b06-adafactor", title: "adafactorSecondMoment: moving averages", seed: 2602, draw: adafactorCases },
  { exercise: "b07-lars", title: "larsLocalLr: seeded random layers and scale invariance", seed: 2701, draw: larsLocalCases },
  { exercise: "b07-lars", title: "larsStep: seeded random layers", seed: 2702, draw: larsStepCases },
  { exercise: "b08-trust-ratio", title: "lambTrustRatio: seeded scalings", seed: 2801, draw: trustRatioCases },
  { exercise: "b08-trust-ratio", title: "lambStep: step norms", seed: 2802, draw: lambNormCases },
  { exercise: "b08-trust-ratio", title: "lambStep: seeded random steps", seed: 2803, draw: lambStepCases },
  { exercise: "b09-shampoo", title: "shampooStep: seeded random gradients", seed: 2901, draw: shampooCases },
  {
    exercise: "b10-muon", title: "newtonSchulz: seeded tall, wide and square matrices", seed: 3001, draw: newtonSchulzCases,
    // Matrices of rank one and nearly so: a singular value near 0 is where a rounding grows by a per step.
    extra: () => SHAPES.flatMap(([rows, cols, steps]) => [0, 1e-6, 1e-3].flatMap((e) => [1, 2, 3].map((seed) => {
      const r = rng(seed);
      const u = vec(rows, () => 3 * r.normal());
      const v = vec(cols, () => r.normal());
      return newtonSchulzCheck(u.map((x) => v.map((y) => x * y + e * r.normal())), steps);
    }))),
  },
  { exercise: "b10-muon", title: "newtonSchulz: transpose symmetry of the band check", seed: 3002, draw: bandCases },
  { exercise: "b10-muon", title: "muonStep: seeded steps", seed: 3003, draw: muonCases },
  { exercise: "b11-lion", title: "lionStep: seeded random states", seed: 3101, draw: lionCases },
];

/** The generators each task is replayed with: the suite's seed, corners, and corners mixed with ordinary draws. */
function generators(task: Task): { name: string; r: Rng }[] {
  return [
    { name: `seed ${task.seed}`, r: rng(task.seed) },
    ...Array.from({ length: 120 }, (_, i) => ({ name: `corners ${i}`, r: cornerRng(i) })),
    ...Array.from({ length: 40 }, (_, i) => ({ name: `mixed ${i}`, r: cornerRng(i, true) })),
  ];
}

/** The checks of a task, each with where its inputs came from. */
function checksOf(task: Task): { from: string; check: Check }[] {
  return [
    ...generators(task).flatMap(({ name, r }) => task.draw(r).map((check) => ({ from: name, check }))),
    ...(task.extra?.() ?? []).map((check) => ({ from: "worst case", check })),
  ];
}

/** The message of a judge's failure, or undefined when the answer is inside the allowance. */
function verdict(check: Check, answer: unknown, expected: unknown): string | undefined {
  try {
    check.judge(answer, expected);
    return undefined;
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
}

describe("float32 allowances at the corners of the suites' ranges", () => {
  for (const task of TASKS) {
    it(`${task.exercise} ${task.title}`, () => {
      const { ref: r64, f32 } = modulesOf(task.exercise);
      const failures: string[] = [];
      for (const { from, check } of checksOf(task)) {
        const problem = verdict(check, check.run(f32), check.run(r64));
        if (problem) failures.push(`${from}: ${problem} at ${check.what.slice(0, 400)}`);
      }
      expect(failures.slice(0, 5), `${failures.length} float32 answers outside the allowance`).toEqual([]);
    });
  }

  it("cover every task of the suites that draws from a seed and compares with a float32 allowance", () => {
    // The suites' seeded tasks: rng(<seed>) calls in the files that compare with TOL.FLOAT32 / F32 / F32B.
    const seeds: number[] = [];
    for (const file of ["a01-step-decay", "a02-polynomial-decay", "a03-warmup-ratio", "a04-cosine-restarts", "a05-one-cycle", "a06-inverse-sqrt", "a07-cooldown", "a08-batch-scaling", "a09-token-budget", "a10-llm-schedule", "a11-momentum", "a12-schedule-free", "b01-adagrad", "b02-adam-first-moment", "b03-bias-correction", "b04-amsgrad", "b05-coupled-l2", "b06-adafactor", "b07-lars", "b08-trust-ratio", "b09-shampoo", "b10-muon", "b11-lion"]) {
      const source = readFileSync(path.join(ROOT, "grader/suites", `${file}.hidden.test.ts`), "utf8");
      for (const [, seed] of source.matchAll(/\brng\((\d+)\)/g)) seeds.push(Number(seed));
    }
    expect(TASKS.map((t) => t.seed).sort((a, b) => a - b)).toEqual(seeds.sort((a, b) => a - b));
  });

  it("fail where they should: a float32 partialSums is outside the old fixed 2e-6 at α = 0.3…1.3, n = 3000", () => {
    // The reviewer's report: 1.56e-6 passed at today's seed, but the same code misses by more
    // elsewhere in the suite's own ranges; the derived allowance, TOL.FLOAT32 + (n − 1)u, holds.
    const { ref: r64, f32 } = modulesOf("a02-polynomial-decay");
    const worst = Math.max(...[0.3, 1, 1.3].flatMap((alpha) => Array.from({ length: 21 }, (_, i) => {
      const e = r64.partialSums!({ eta0: 0.01 + i / 20, alpha }, 3000) as { sum: number; sumOfSquares: number };
      const a = f32.partialSums!({ eta0: 0.01 + i / 20, alpha }, 3000) as { sum: number; sumOfSquares: number };
      return Math.max(Math.abs(a.sum - e.sum) / e.sum, Math.abs(a.sumOfSquares - e.sumOfSquares) / e.sumOfSquares);
    })));
    expect(worst).toBeGreaterThan(TOL.FLOAT32);
    expect(worst).toBeLessThan(F32.partialSums(3000));
  });
});

/** Whether two answers differ by more than float64 round-off (1e-9 of the larger's largest number). */
function apart(a: unknown, b: unknown): boolean {
  const numbers = (x: unknown): number[] => (typeof x === "number" ? [x] : x !== null && typeof x === "object" ? Object.values(x).flatMap(numbers) : []);
  const [xs, ys] = [numbers(a), numbers(b)];
  if (xs.length !== ys.length || JSON.stringify(a, (_, v) => (typeof v === "number" ? 0 : v)) !== JSON.stringify(b, (_, v) => (typeof v === "number" ? 0 : v))) return true;
  const scale = Math.max(0, ...xs.map(Math.abs), ...ys.map(Math.abs));
  return xs.some((x, i) => !(Math.abs(x - ys[i]!) <= 1e-9 * scale) && !(Number.isNaN(x) && Number.isNaN(ys[i])));
}

describe("the catalogued wrong solutions, under these allowances", () => {
  const ids = [...new Set(TASKS.map((t) => t.exercise))];
  for (const id of ids) {
    it(`${id}: every mistake that changes these tasks' answers fails one of their checks`, () => {
      const tasks = TASKS.filter((t) => t.exercise === id);
      const r64 = ref(id);
      const hidden: string[] = [];
      for (const w of wrongSolutions().filter((x) => x.id === id)) {
        const wrong = load(wrongSource(w), false);
        let differs = false;
        let caught = false;
        for (const task of tasks) {
          for (const { check } of checksOf(task)) {
            let answer: unknown;
            try {
              answer = check.run(wrong);
            } catch {
              caught = true; // a throwing function fails its task
              continue;
            }
            const expected = check.run(r64);
            if (apart(answer, expected)) differs = true;
            if (verdict(check, answer, expected)) caught = true;
          }
        }
        if (differs && !caught) hidden.push(w.slug);
      }
      expect(hidden, "mistakes within the float32 allowance everywhere").toEqual([]);
    });
  }
});
