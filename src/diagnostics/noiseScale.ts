/** The gradient noise scale of an objective at a point, from per-example gradients. */
import type { Batch, Objective } from "../objectives/objective";
import { gradientNoiseScale, type NoiseScale } from "../schedules/batch";
import { ArgumentError } from "../validate";

/**
 * B_simple = tr(Σ)/|G|² (McCandlish et al. 2018) at `params`, from the per-example gradients
 * ∇ℓᵢ of the examples in `examples` (each computed as `objective.grad(params, out, [i])`), with
 * the unbiased estimates of `gradientNoiseScale` in `schedules/batch`.
 */
export function measureNoiseScale(objective: Objective, params: Float64Array, examples: Batch): NoiseScale {
  if (objective.examples === undefined) {
    throw new ArgumentError("objective", objective.name, "an objective defined by a data set (with `examples`), so per-example gradients exist");
  }
  if (params.length !== objective.dim) throw new ArgumentError("params.length", params.length, `objective.dim = ${objective.dim}`);
  const samples: Float64Array[] = [];
  const one = [0];
  for (let k = 0; k < examples.length; k++) {
    const i = examples[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= objective.examples) {
      throw new ArgumentError(`examples[${k}]`, i, `an example index in 0…${objective.examples - 1}`);
    }
    one[0] = i;
    const g = new Float64Array(objective.dim);
    objective.grad(params, g, one);
    samples.push(g);
  }
  return gradientNoiseScale(samples);
}
