/** The Griewank function Σ x_i²/4000 - Π cos(x_i/√i) + 1. */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/**
 * The Griewank function on [-600, 600]^d: f(x) = Σ x_i²/4000 - Π cos(x_i/√i) + 1 (i from 1),
 * minimum 0 at the origin (the centre of the box).
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example griewank(1).evaluate({ x0: 0 }) // 0
 */
export function griewank(dimension: number): BoxFunction {
  checkDimension("griewank", dimension);
  const invSqrt = new Float64Array(dimension);
  for (let i = 0; i < dimension; i++) invSqrt[i] = 1 / Math.sqrt(i + 1);
  return makeBoxFunction({
    name: `griewank-${dimension}`,
    description: `Griewank function in ${dimension} dimensions (optimum at the centre of the box).`,
    lower: filled(dimension, -600),
    upper: filled(dimension, 600),
    tags: ["multimodal", "non-separable"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 0)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/griewank.html",
    evaluateVector(x: Float64Array): number {
      let s = 0;
      let p = 1;
      for (let i = 0; i < x.length; i++) {
        s += x[i]! * x[i]!;
        p *= Math.cos(x[i]! * invSqrt[i]!);
      }
      return s / 4000 - p + 1;
    },
  });
}
