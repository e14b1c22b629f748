/**
 * A small multilayer perceptron classifier with hand-written backpropagation: dense layers with
 * tanh or ReLU between them and a softmax cross-entropy loss on the last.
 */
import { checkDataset, type ClassificationData } from "../data/dataset";
import { rng } from "../random";
import { nonNegative, oneOf, positiveInt } from "../validate";
import { accuracy, argmax, batchLength, exampleAt, softmaxInPlace } from "./common";
import type { Batch, Layer } from "./objective";
import type { Classifier } from "./linear";

/** Options of `mlp`. */
export interface MlpOptions {
  /** Widths of the hidden layers, e.g. [16, 16] (may be empty: then it is softmax regression). */
  hidden: readonly number[];
  /** Hidden activation (default "tanh"). */
  activation?: "tanh" | "relu";
  /** L2 penalty strength λ on the weight matrices, not the biases (default 0). */
  l2?: number;
}

/**
 * An MLP classifier on `data`: widths features → hidden… → classes. Parameters are laid out layer
 * by layer, each layer's weight matrix [out, in] (row-major) then its bias [out]; `layers` names
 * them "dense0.weight", "dense0.bias", …. The loss is the batch mean of the cross-entropy
 * −log softmax(z)_y plus (λ/2) Σ‖W‖². `init(seed)`: weights N(0, g/fan_in) with g = 1 for tanh
 * (LeCun) and 2 for ReLU (He), biases 0.
 */
export function mlp(data: ClassificationData, o: MlpOptions): Classifier {
  checkDataset("data", data);
  const hidden = o.hidden.map((h, i) => positiveInt(`hidden[${i}]`, h));
  const relu = oneOf("activation", o.activation ?? "tanh", ["tanh", "relu"] as const) === "relu";
  const l2 = nonNegative("l2", o.l2 ?? 0);
  const { n, features: d, classes: k, x, labels } = data;
  const widths = [d, ...hidden, k];
  const depth = widths.length - 1;
  const layers: Layer[] = [];
  const wOff: number[] = [];
  const bOff: number[] = [];
  let dim = 0;
  for (let l = 0; l < depth; l++) {
    const [fanIn, fanOut] = [widths[l]!, widths[l + 1]!];
    wOff.push(dim);
    layers.push({ name: `dense${l}.weight`, offset: dim, shape: [fanOut, fanIn] });
    dim += fanOut * fanIn;
    bOff.push(dim);
    layers.push({ name: `dense${l}.bias`, offset: dim, shape: [fanOut] });
    dim += fanOut;
  }
  // a[l]: activations entering layer l (a[0] the input, a[depth] the softmax probabilities).
  const a = widths.map((w) => new Float64Array(w));
  const delta = widths.map((w) => new Float64Array(w));

  /** Forward pass on one input; returns logsumexp of the output scores, leaves probabilities in a[depth]. */
  const forward = (w: Float64Array, xs: ArrayLike<number>, offset: number) => {
    for (let j = 0; j < d; j++) a[0]![j] = xs[offset + j]!;
    for (let l = 0; l < depth; l++) {
      const [fanIn, fanOut, input, output] = [widths[l]!, widths[l + 1]!, a[l]!, a[l + 1]!];
      for (let r = 0; r < fanOut; r++) {
        let s = w[bOff[l]! + r]!;
        const row = wOff[l]! + r * fanIn;
        for (let c = 0; c < fanIn; c++) s += w[row + c]! * input[c]!;
        output[r] = l === depth - 1 ? s : relu ? Math.max(s, 0) : Math.tanh(s);
      }
    }
  };

  const run = (w: Float64Array, out: Float64Array | undefined, batch?: Batch) => {
    const m = batchLength(batch, n);
    if (out) out.fill(0);
    let s = 0;
    for (let t = 0; t < m; t++) {
      const i = exampleAt(batch, t, n);
      forward(w, x, i * d);
      const yi = labels[i]!;
      const scores = a[depth]!;
      const zy = scores[yi]!;
      s += softmaxInPlace(scores) - zy;
      if (!out) continue;
      for (let c = 0; c < k; c++) delta[depth]![c] = (scores[c]! - (c === yi ? 1 : 0)) / m;
      for (let l = depth - 1; l >= 0; l--) {
        const [fanIn, fanOut, input, dOut, dIn] = [widths[l]!, widths[l + 1]!, a[l]!, delta[l + 1]!, delta[l]!];
        for (let r = 0; r < fanOut; r++) {
          const g = dOut[r]!;
          const row = wOff[l]! + r * fanIn;
          for (let c = 0; c < fanIn; c++) out[row + c]! += g * input[c]!;
          out[bOff[l]! + r]! += g;
        }
        if (l === 0) break;
        for (let c = 0; c < fanIn; c++) {
          let back = 0;
          for (let r = 0; r < fanOut; r++) back += w[wOff[l]! + r * fanIn + c]! * dOut[r]!;
          const h = input[c]!;
          dIn[c] = back * (relu ? (h > 0 ? 1 : 0) : 1 - h * h);
        }
      }
    }
    let reg = 0;
    if (l2 > 0) {
      for (let l = 0; l < depth; l++) {
        for (let j = wOff[l]!; j < bOff[l]!; j++) {
          reg += w[j]! * w[j]!;
          if (out) out[j]! += l2 * w[j]!;
        }
      }
    }
    return s / m + 0.5 * l2 * reg;
  };

  return {
    name: `MLP ${widths.join("-")} (${relu ? "ReLU" : "tanh"}${l2 > 0 ? `, λ = ${l2}` : ""})`,
    dim,
    examples: n,
    layers,
    loss: (w, batch) => run(w, undefined, batch),
    grad: (w, out, batch) => run(w, out, batch),
    init(seed) {
      const r = rng(seed);
      const w = new Float64Array(dim);
      for (let l = 0; l < depth; l++) {
        const sd = Math.sqrt((relu ? 2 : 1) / widths[l]!);
        for (let j = wOff[l]!; j < bOff[l]!; j++) w[j] = sd * r.normal();
      }
      return w;
    },
    predict(w, xs) {
      forward(w, xs, 0);
      return argmax(a[depth]!);
    },
    accuracy: (w, batch) =>
      accuracy(data, batch, (i) => {
        forward(w, x, i * d);
        return argmax(a[depth]!);
      }),
  };
}
