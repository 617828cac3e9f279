/** The Styblinski-Tang function ½ Σ (x_i⁴ - 16x_i² + 5x_i). */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/**
 * The minimizer of the one-dimensional term t(x) = ½(x⁴ - 16x² + 5x) on [-5, 5]: the root of
 * t'(x) = 2x³ - 16x + 2.5 near -2.9035, by Newton's method to machine precision.
 */
function stationaryPoint(): number {
  let x = -2.9;
  for (let k = 0; k < 50; k++) {
    const step = (2 * x * x * x - 16 * x + 2.5) / (6 * x * x - 16);
    x -= step;
    if (Math.abs(step) < 1e-16) break;
  }
  return x;
}

/** The Styblinski-Tang minimizer coordinate x* ≈ -2.903534 (all coordinates equal). */
export const STYBLINSKI_TANG_X: number = stationaryPoint();
/** The Styblinski-Tang minimum per dimension, t(x*) ≈ -39.166166 (the VLSE rounds it to -39.16599). */
export const STYBLINSKI_TANG_MIN_PER_DIM: number =
  0.5 * (STYBLINSKI_TANG_X ** 4 - 16 * STYBLINSKI_TANG_X ** 2 + 5 * STYBLINSKI_TANG_X);

/**
 * The Styblinski-Tang function on [-5, 5]^d: f(x) = ½ Σ (x_i⁴ - 16x_i² + 5x_i), minimum
 * d·(-39.16616570...) at x_i = -2.903534... (off-centre).
 * @throws RangeError if `dimension` is not an integer ≥ 1.
 * @example styblinskiTang(1).evaluate({ x0: 0 }) // 0
 */
export function styblinskiTang(dimension: number): BoxFunction {
  checkDimension("styblinskiTang", dimension);
  return makeBoxFunction({
    name: `styblinski-tang-${dimension}`,
    description: `Styblinski-Tang function in ${dimension} dimensions.`,
    lower: filled(dimension, -5),
    upper: filled(dimension, 5),
    tags: ["multimodal", "separable"],
    optimum: dimension * STYBLINSKI_TANG_MIN_PER_DIM,
    optimizerVectors: [filled(dimension, STYBLINSKI_TANG_X)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/stybtang.html",
    evaluateVector(x: Float64Array): number {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        const v2 = v * v;
        s += v2 * v2 - 16 * v2 + 5 * v;
      }
      return 0.5 * s;
    },
  });
}
