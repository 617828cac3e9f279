/** The Rosenbrock function Σ 100(x_{i+1} - x_i²)² + (x_i - 1)². */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/**
 * The Rosenbrock function on [-5, 10]^d (d ≥ 2): f(x) = Σ_{i<d} 100(x_{i+1} - x_i²)² + (x_i - 1)²,
 * minimum 0 at (1, ..., 1). Domain as in the VLSE (and BoTorch); the Optuna 3.1 baselines of
 * this project were measured on it (checked by test/fixtures/optuna_qmc_domains.py).
 * @throws RangeError if `dimension` is not an integer ≥ 2.
 * @example rosenbrock(2).evaluate({ x0: 0, x1: 0 }) // 1
 */
export function rosenbrock(dimension: number): BoxFunction {
  checkDimension("rosenbrock", dimension, 2);
  return makeBoxFunction({
    name: `rosenbrock-${dimension}`,
    description: `Rosenbrock function in ${dimension} dimensions.`,
    lower: filled(dimension, -5),
    upper: filled(dimension, 10),
    tags: ["unimodal", "non-separable", "ill-conditioned"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 1)],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/rosen.html",
    evaluateVector(x: Float64Array): number {
      let s = 0;
      for (let i = 0; i + 1 < x.length; i++) {
        const a = x[i + 1]! - x[i]! * x[i]!;
        const b = x[i]! - 1;
        s += 100 * a * a + b * b;
      }
      return s;
    },
  });
}
