/** The Branin (Branin-Hoo) function on [-5, 10] × [0, 15]. */
import { type BoxFunction, makeBoxFunction } from "../box/box-function.js";

const B = 5.1 / (4 * Math.PI * Math.PI);
const C = 5 / Math.PI;
const T = 1 / (8 * Math.PI);

/** The Branin minimum 10·t = 5/(4π) ≈ 0.397887 (attained where cos x1 = -1 and the square vanishes). */
export const BRANIN_MIN: number = 5 / (4 * Math.PI);

/**
 * The Branin function with the standard constants a = 1, b = 5.1/(4π²), c = 5/π, r = 6,
 * s = 10, t = 1/(8π): f(x) = a(x2 - b x1² + c x1 - r)² + s(1 - t) cos(x1) + s on
 * x1 ∈ [-5, 10], x2 ∈ [0, 15]. Three global minimizers (-π, 12.275), (π, 2.275),
 * (3π, 2.475), value 5/(4π).
 * @example branin().evaluate({ x0: Math.PI, x1: 2.275 }) // 0.3978873577...
 */
export function branin(): BoxFunction {
  // The minimizers: x1 = (2k+1)π, x2 = b x1² - c x1 + r (the square vanishes).
  const optimizer = (x1: number): Float64Array => Float64Array.of(x1, B * x1 * x1 - C * x1 + 6);
  return makeBoxFunction({
    name: "branin",
    description: "Branin-Hoo function (2 dimensions, three global minima).",
    lower: Float64Array.of(-5, 0),
    upper: Float64Array.of(10, 15),
    tags: ["multimodal", "non-separable"],
    optimum: BRANIN_MIN,
    optimizerVectors: [optimizer(-Math.PI), optimizer(Math.PI), optimizer(3 * Math.PI)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/branin.html",
    evaluateVector(x: Float64Array): number {
      const x1 = x[0]!;
      const q = x[1]! - B * x1 * x1 + C * x1 - 6;
      return q * q + 10 * (1 - T) * Math.cos(x1) + 10;
    },
  });
}
