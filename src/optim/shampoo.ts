/** Shampoo (preview): Kronecker-factored full-matrix preconditioning for small matrices. */
import { ArgumentError, nonNegative, positive } from "../validate";
import { BaseOptimizer, optimizerOptions, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";
import { eigenWork, matmul, symmetricPower, type EigenWork } from "./linalg";

/** Options of `shampoo`. */
export interface ShampooOptions {
  /** Learning rate η or a Schedule (default 1e-1). */
  lr?: LearningRate;
  /** ε: the preconditioners start at εI (default 1e-4, as the paper). */
  eps?: number;
  /** Coupled L2 weight decay λ (default 0). */
  weightDecay?: number;
}

/** The keys of `ShampooOptions`, listed once (the compiler checks the list against the type). */
const SHAMPOO_OPTIONS: Record<keyof ShampooOptions, true> = { lr: true, eps: true, weightDecay: true };

/** Largest matrix side this preview accepts (each step eigendecomposes side×side matrices). */
export const SHAMPOO_MAX_SIDE = 256;

/**
 * Shampoo (Gupta, Koren & Singer 2018, Algorithm 1) — a teaching preview. For a matrix W (m×n)
 * with gradient G (plus λW):
 *
 *   L ← L + G Gᵀ (m×m),   R ← R + Gᵀ G (n×n),   L₀ = εIₘ, R₀ = εIₙ
 *   W ← W − η L^(−1/4) G R^(−1/4)
 *
 * A vector (shape [n], an order-1 tensor) gets full-matrix AdaGrad, the paper's k = 1 case:
 * H ← H + ggᵀ, θ ← θ − η H^(−1/2) g. Roots come from a Jacobi eigendecomposition every step;
 * production Shampoo (distributed Shampoo, SOAP) recomputes them every few hundred steps, grafts
 * the step size from Adam/AdaGrad and adds momentum — none of which is here. No framework default
 * exists; η = 0.1 and ε = 1e-4 are the paper's setting for its small experiments. Sides are
 * limited to SHAMPOO_MAX_SIDE; higher-rank tensors are rejected.
 */
export function shampoo(options: ShampooOptions = {}, groups?: readonly ParamGroup[]): Shampoo {
  return new Shampoo(options, groups);
}

/** The optimizer `shampoo` returns. */
export class Shampoo extends BaseOptimizer {
  readonly name = "shampoo";
  private readonly eps: number;
  private readonly work = new Map<Tensor, { left: EigenWork; right: EigenWork | null; lp: Float64Array; rp: Float64Array | null; g: Float64Array; tmp: Float64Array; u: Float64Array }>();

  constructor(options: ShampooOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("shampoo", options, SHAMPOO_OPTIONS);
    super(learningRate("lr", o.lr ?? 1e-1), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.eps = positive("eps", o.eps ?? 1e-4);
    void this.tensors; // resolve given groups now, so an unsupported shape fails at construction
  }

  protected config(): Record<string, OptionValue> {
    return { eps: this.eps, weightDecay: this.weightDecay };
  }

  private static sides(shape: readonly number[]): [number, number | null] {
    if (shape.length > 2) throw new ArgumentError("shape", `[${shape.join(", ")}]`, "a vector or a matrix (the Shampoo preview handles order 1 and 2)");
    for (const d of shape) {
      if (d > SHAMPOO_MAX_SIDE) throw new ArgumentError("shape", `[${shape.join(", ")}]`, `sides ≤ ${SHAMPOO_MAX_SIDE} (the preview eigendecomposes side×side matrices every step)`);
    }
    return shape.length === 2 ? [shape[0]!, shape[1]!] : [shape[0]!, null];
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    const [m, n] = Shampoo.sides(shape);
    return { left: m * m, right: n === null ? 0 : n * n };
  }

  protected initTensor(T: Tensor): void {
    const [m, n] = Shampoo.sides(T.shape);
    const L = T.slots.left!;
    for (let i = 0; i < m; i++) L[i * m + i] = this.eps;
    const R = T.slots.right;
    if (R && n !== null) for (let i = 0; i < n; i++) R[i * n + i] = this.eps;
    const size = shapeSize(T.shape);
    this.work.set(T, {
      left: eigenWork(m),
      right: n === null ? null : eigenWork(n),
      lp: new Float64Array(m * m),
      rp: n === null ? null : new Float64Array(n * n),
      g: new Float64Array(size),
      tmp: new Float64Array(size),
      u: new Float64Array(size),
    });
  }

  protected update(T: Tensor, _i: number, p: Float64Array, grad: Float64Array, off: number, lr: number): number {
    const w = this.work.get(T)!;
    const size = T.size;
    const wd = T.weightDecay;
    const G = w.g;
    for (let i = 0; i < size; i++) G[i] = grad[off + i]! + wd * p[off + i]!;
    const L = T.slots.left!;
    const R = T.slots.right;
    const m = T.shape[0]!;
    if (!R) {
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) L[i * m + j] = L[i * m + j]! + G[i]! * G[j]!;
      symmetricPower(L, -1 / 2, w.lp, w.left);
      matmul(w.lp, G, w.u, m, m, 1);
    } else {
      const n = T.shape[1]!;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += G[i * n + k]! * G[j * n + k]!;
          L[i * m + j] = L[i * m + j]! + s;
        }
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += G[k * n + i]! * G[k * n + j]!;
          R[i * n + j] = R[i * n + j]! + s;
        }
      }
      symmetricPower(L, -1 / 4, w.lp, w.left);
      symmetricPower(R, -1 / 4, w.rp!, w.right!);
      matmul(w.lp, G, w.tmp, m, m, n);
      matmul(w.tmp, w.rp!, w.u, m, n, n);
    }
    const u = w.u;
    for (let i = 0; i < size; i++) p[off + i] = p[off + i]! - lr * u[i]!;
    return 0;
  }
}
