/** The ill-conditioned ellipsoid f(x) = Σ κ^((i-1)/(d-1)) x_i² with condition κ = 1e6. */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";

/** Options of {@link ellipsoid}. */
export interface EllipsoidOptions {
  /** Condition number κ of the Hessian (ratio of the largest to the smallest axis weight). @defaultValue 1e6 */
  readonly condition?: number;
}

/**
 * The separable ellipsoid on [-5, 5]^d: f(x) = Σ_i κ^((i-1)/(d-1)) x_i² (x_1² alone when d = 1),
 * minimum 0 at the origin. The same core as BBOB f2 (Hansen et al. 2009), without its shift,
 * oscillation and offset.
 * @throws RangeError if `dimension` is not an integer ≥ 1 or the condition is not finite and ≥ 1.
 * @example ellipsoid(2).evaluate({ x0: 1, x1: 1 }) // 1 + 1e6
 */
export function ellipsoid(dimension: number, options: EllipsoidOptions = {}): BoxFunction {
  checkDimension("ellipsoid", dimension);
  const condition = options.condition ?? 1e6;
  if (!Number.isFinite(condition) || condition < 1) {
    throw new RangeError(`ellipsoid: condition must be finite and >= 1, got ${condition}`);
  }
  const weights = new Float64Array(dimension);
  for (let i = 0; i < dimension; i++) weights[i] = dimension === 1 ? 1 : condition ** (i / (dimension - 1));
  return makeBoxFunction({
    name: condition === 1e6 ? `ellipsoid-${dimension}` : `ellipsoid-${dimension}-c${condition}`,
    description: `Ill-conditioned ellipsoid in ${dimension} dimensions, condition ${condition}.`,
    lower: filled(dimension, -5),
    upper: filled(dimension, 5),
    tags: ["unimodal", "separable", "ill-conditioned"],
    optimum: 0,
    optimizerVectors: [filled(dimension, 0)],
    source:
      "Hansen, Finck, Ros, Auger (2009), Real-Parameter Black-Box Optimization Benchmarking 2009: Noiseless Functions Definitions, INRIA RR-6829, f2 core",
    evaluateVector(x: Float64Array): number {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += weights[i]! * x[i]! * x[i]!;
      return s;
    },
  });
}
