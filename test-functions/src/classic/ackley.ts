/** The Ackley function with a = 20, b = 0.2, c = 2π. */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

const TWO_PI = 2 * Math.PI;

/**
 * The Ackley function on [-32.768, 32.768]^d:
 * f(x) = -20 exp(-0.2 √(Σx_i²/d)) - exp(Σ cos(2π x_i)/d) + 20 + e, minimum 0 at the origin
 * (the centre of the box).
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example ackley(2).evaluate({ x0: 0, x1: 0 }) // 0 (to rounding)
 */
export function ackley(dimension: number): BoxFunction {
  checkDimension("ackley", dimension);
  return makeBoxFunction({
    name: `ackley-${dimension}`,
    description: `Ackley function in ${dimension} dimensions (optimum at the centre of the box).`,
    lower: filled(dimension, -32.768),
    upper: filled(dimension, 32.768),
    tags: ["multimodal", "non-separable"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 0)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/ackley.html",
    evaluateVector(x: Float64Array): number {
      const d = x.length;
      let sq = 0;
      let cs = 0;
      for (let i = 0; i < d; i++) {
        sq += x[i]! * x[i]!;
        cs += Math.cos(TWO_PI * x[i]!);
      }
      return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cs / d) + 20 + Math.E;
    },
  });
}
