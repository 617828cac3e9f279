/** The Levy function with w_i = 1 + (x_i - 1)/4. */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/**
 * The Levy function on [-10, 10]^d, with w_i = 1 + (x_i - 1)/4:
 * f(x) = sin²(πw_1) + Σ_{i<d} (w_i - 1)²[1 + 10 sin²(πw_i + 1)] + (w_d - 1)²[1 + sin²(2πw_d)],
 * minimum 0 at (1, ..., 1).
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example levy(2).evaluate({ x0: 1, x1: 1 }) // 0 (to rounding)
 */
export function levy(dimension: number): BoxFunction {
  checkDimension("levy", dimension);
  return makeBoxFunction({
    name: `levy-${dimension}`,
    description: `Levy function in ${dimension} dimensions.`,
    lower: filled(dimension, -10),
    upper: filled(dimension, 10),
    tags: ["multimodal", "non-separable"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 1)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/levy.html",
    evaluateVector(x: Float64Array): number {
      const d = x.length;
      const w1 = 1 + (x[0]! - 1) / 4;
      const s1 = Math.sin(Math.PI * w1);
      let s = s1 * s1;
      for (let i = 0; i + 1 < d; i++) {
        const w = 1 + (x[i]! - 1) / 4;
        const t = Math.sin(Math.PI * w + 1);
        s += (w - 1) * (w - 1) * (1 + 10 * t * t);
      }
      const wd = 1 + (x[d - 1]! - 1) / 4;
      const u = Math.sin(2 * Math.PI * wd);
      return s + (wd - 1) * (wd - 1) * (1 + u * u);
    },
  });
}
