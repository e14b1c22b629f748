/** Muon (preview): momentum, then Newton–Schulz orthogonalization of each matrix-shaped update. */
import { bool, integer, nonNegative, oneOf } from "../validate";
import { BaseOptimizer, optimizerOptions, beta, learningRate, shapeSize, type LearningRate, type OptionValue, type ParamGroup, type Tensor } from "./optimizer";
import { newtonSchulz, nsWork, type NsWork } from "./linalg";

/** Options of `muon` (Keller Jordan's reference names and defaults). */
export interface MuonOptions {
  /** Learning rate η or a Schedule (default 0.02). */
  lr?: LearningRate;
  /** Momentum β (default 0.95). A Schedule with `.momentum` overrides it per step. */
  momentum?: number;
  /** Nesterov-style update (default true). */
  nesterov?: boolean;
  /** Newton–Schulz iterations (default 5). */
  nsSteps?: number;
  /** Decoupled weight decay λ: θ ← θ(1 − ηλ) (default 0). */
  weightDecay?: number;
  /**
   * Shape-dependent scale of the orthogonalized update O (rows × cols):
   * "jordan" (default): max(1, rows/cols)^½, Keller Jordan's reference;
   * "moonshot": 0.2·√max(rows, cols), Moonshot's Moonlight, chosen to match AdamW's update RMS.
   */
  scale?: "jordan" | "moonshot";
}

/** The keys of `MuonOptions`, listed once (the compiler checks the list against the type). */
const MUON_OPTIONS: Record<keyof MuonOptions, true> = { lr: true, momentum: true, nesterov: true, nsSteps: true, weightDecay: true, scale: true };

/**
 * Muon (Keller Jordan 2024), a teaching preview. Per group, with the update seen as a matrix:
 *
 *   b ← β b + (1 − β) g                      (an EMA, as the reference's `lerp`)
 *   u = (1 − β) g + β b (Nesterov) or b
 *   O = NS₅(u): quintic Newton–Schulz with (a, b, c) = (3.4445, −4.7750, 2.0315), five iterations
 *   θ ← θ(1 − ηλ) − η s O,   s = max(1, rows/cols)^½ (or 0.2·√max(rows, cols), see `scale`)
 *
 * Shapes: [rows, cols] as given; a vector [n] is treated as a 1×n matrix (so O = u/‖u‖ up to the
 * NS band); higher ranks as [shape[0], rest]. The reference instead trains vectors, embeddings and
 * the output layer with AdamW; here use a separate optimizer for those if you want that. The
 * reference runs NS in bfloat16; we use float64, so the singular-value band is the exact one of
 * the polynomial (see `NS_COEFFICIENTS`).
 */
export function muon(options: MuonOptions = {}, groups?: readonly ParamGroup[]): Muon {
  return new Muon(options, groups);
}

/** The matrix view Muon takes of a shape: [rows, cols]. */
export function matrixShape(shape: readonly number[]): [number, number] {
  if (shape.length === 1) return [1, shape[0]!];
  return [shape[0]!, shapeSize(shape.slice(1))];
}

/** The optimizer `muon` returns. */
export class Muon extends BaseOptimizer {
  readonly name = "muon";
  private readonly mu: number;
  private readonly nesterov: boolean;
  private readonly nsSteps: number;
  private readonly scaleRule: "jordan" | "moonshot";
  private muNow = 0;
  private readonly work = new Map<Tensor, { ns: NsWork; u: Float64Array; o: Float64Array }>();

  constructor(options: MuonOptions, groups?: readonly ParamGroup[]) {
    const o = optimizerOptions("muon", options, MUON_OPTIONS);
    super(learningRate("lr", o.lr ?? 0.02), nonNegative("weightDecay", o.weightDecay ?? 0), groups);
    this.mu = beta("momentum", o.momentum ?? 0.95);
    this.nesterov = bool("nesterov", o.nesterov ?? true);
    this.nsSteps = integer("nsSteps", o.nsSteps ?? 5, 0, 100);
    this.scaleRule = oneOf("scale", o.scale ?? "jordan", ["jordan", "moonshot"] as const);
  }

  /** The scale s this optimizer applies to an orthogonalized rows×cols update. */
  updateScale(rows: number, cols: number): number {
    return this.scaleRule === "jordan" ? Math.sqrt(Math.max(1, rows / cols)) : 0.2 * Math.sqrt(Math.max(rows, cols));
  }

  protected config(): Record<string, OptionValue> {
    return { momentum: this.mu, nesterov: this.nesterov, nsSteps: this.nsSteps, weightDecay: this.weightDecay, scale: this.scaleRule };
  }

  protected slotSizes(shape: readonly number[]): Record<string, number> {
    return { momentum: shapeSize(shape) };
  }

  protected initTensor(T: Tensor): void {
    const [r, c] = matrixShape(T.shape);
    this.work.set(T, { ns: nsWork(r, c), u: new Float64Array(T.size), o: new Float64Array(T.size) });
  }

  protected prepare(step: number): void {
    this.muNow = this.momentumAt(step, this.mu);
    this.stats.momentum = this.muNow;
  }

  protected update(T: Tensor, _i: number, p: Float64Array, g: Float64Array, off: number, lr: number): number {
    const w = this.work.get(T)!;
    const b = T.slots.momentum!;
    const u = w.u;
    const mu = this.muNow;
    const n = T.size;
    const nesterov = this.nesterov;
    for (let i = 0; i < n; i++) {
      const gi = g[off + i]!;
      const bi = mu * b[i]! + (1 - mu) * gi;
      b[i] = bi;
      u[i] = nesterov ? (1 - mu) * gi + mu * bi : bi;
    }
    newtonSchulz(u, 0, w.o, w.ns, this.nsSteps);
    const [r, c] = matrixShape(T.shape);
    const step = lr * this.updateScale(r, c);
    const keep = 1 - lr * T.weightDecay;
    const o = w.o;
    for (let i = 0; i < n; i++) p[off + i] = p[off + i]! * keep - step * o[i]!;
    return 0;
  }
}
