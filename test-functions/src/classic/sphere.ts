/** The sphere function f(x) = Σ x_i². */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/**
 * The sphere function on [-5.12, 5.12]^d: f(x) = Σ x_i², minimum 0 at the origin.
 * Source: Surjanovic & Bingham, Virtual Library of Simulation Experiments (VLSE), "Sphere Function".
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example sphere(3).evaluate({ x0: 1, x1: 2, x2: 0 }) // 5
 */
export function sphere(dimension: number): BoxFunction {
  checkDimension("sphere", dimension);
  return makeBoxFunction({
    name: `sphere-${dimension}`,
    description: `Sphere function in ${dimension} dimensions: f(x) = Σ x_i².`,
    lower: filled(dimension, -5.12),
    upper: filled(dimension, 5.12),
    tags: ["unimodal", "separable"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 0)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/spheref.html",
    evaluateVector(x: Float64Array): number {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
      return s;
    },
  });
}
