/** The Rastrigin function 10d + Σ (x_i² - 10 cos 2πx_i). */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

const TWO_PI = 2 * Math.PI;

/**
 * The Rastrigin function on [-5.12, 5.12]^d: f(x) = 10d + Σ (x_i² - 10 cos(2π x_i)), minimum 0
 * at the origin, the centre of the box (see the BBOB versions for a shifted optimum).
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example rastrigin(2).evaluate({ x0: 0, x1: 0 }) // 0
 */
export function rastrigin(dimension: number): BoxFunction {
  checkDimension("rastrigin", dimension);
  return makeBoxFunction({
    name: `rastrigin-${dimension}`,
    description: `Rastrigin function in ${dimension} dimensions (optimum at the centre of the box).`,
    lower: filled(dimension, -5.12),
    upper: filled(dimension, 5.12),
    tags: ["multimodal", "separable"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 0)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/rastr.html",
    evaluateVector(x: Float64Array): number {
      let s = 10 * x.length;
      for (let i = 0; i < x.length; i++) s += x[i]! * x[i]! - 10 * Math.cos(TWO_PI * x[i]!);
      return s;
    },
  });
}
