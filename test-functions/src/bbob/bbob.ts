/**
 * The BBOB noiseless suite as test-function records: `bbob(f, d, { instance })`.
 */
import { type BoxFunction, checkDimension, filled, makeBoxFunction } from "../box/box-function.js";
import type { TestFunctionTag } from "../types.js";
import { BBOB_BUILDERS, bbobSeed } from "./functions.js";
import { legacyFopt } from "./legacy-random.js";

/** Names of the 24 noiseless BBOB functions, f1..f24. */
export const BBOB_NAMES: readonly string[] = [
  "sphere",
  "separable ellipsoid",
  "Rastrigin",
  "Büche-Rastrigin",
  "linear slope",
  "attractive sector",
  "step ellipsoid",
  "Rosenbrock",
  "rotated Rosenbrock",
  "ellipsoid",
  "discus",
  "bent cigar",
  "sharp ridge",
  "different powers",
  "rotated Rastrigin",
  "Weierstrass",
  "Schaffers F7",
  "Schaffers F7, moderately ill-conditioned",
  "composite Griewank-Rosenbrock F8F2",
  "Schwefel x·sin(x)",
  "Gallagher's Gaussian 101-me peaks",
  "Gallagher's Gaussian 21-hi peaks",
  "Katsuura",
  "Lunacek bi-Rastrigin",
];

function tagsOf(fid: number): TestFunctionTag[] {
  if (fid <= 5)
    return fid === 3 || fid === 4 ? ["bbob", "multimodal", "separable"] : ["bbob", "unimodal", "separable"];
  if (fid <= 9) return ["bbob", "unimodal", "non-separable"];
  if (fid <= 14) return ["bbob", "unimodal", "non-separable", "ill-conditioned"];
  if (fid === 18) return ["bbob", "multimodal", "non-separable", "ill-conditioned"];
  return ["bbob", "multimodal", "non-separable"];
}

/** Options of {@link bbob}. */
export interface BbobOptions {
  /**
   * The instance number (a positive integer): it seeds x_opt, f_opt and the rotations exactly
   * as COCO's instance of the same number. @defaultValue 1
   */
  readonly instance?: number;
}

/**
 * The BBOB noiseless function `fid` (1..24) in `dimension` ≥ 2 dimensions on [-5, 5]^d, as
 * defined by Hansen, Finck, Ros, Auger (2009), INRIA RR-6829, with COCO's instance generator:
 * instance i is the same function as COCO's `bbob_f{fid}_i{i}_d{dimension}`. The optimum f_opt
 * is attained at x_opt, which is off-centre (inside [-4, 4]^d for most functions; on the
 * boundary for f5, the linear slope).
 * @throws RangeError if `fid` is not in 1..24, `dimension` is not an integer in [2, 10000], or
 * `instance` is not an integer in [1, 100000].
 * @example
 * ```ts
 * const f = bbob(15, 10, { instance: 3 });
 * f.evaluateVector(f.optimizerVectors[0]!) === f.optimum; // true (to rounding)
 * ```
 */
export function bbob(fid: number, dimension: number, options: BbobOptions = {}): BoxFunction {
  if (!Number.isInteger(fid) || fid < 1 || fid > 24) {
    throw new RangeError(`bbob: function number must be an integer in 1..24, got ${fid}`);
  }
  checkDimension("bbob", dimension, 2);
  const instance = options.instance ?? 1;
  if (!Number.isInteger(instance) || instance < 1 || instance > 100000) {
    throw new RangeError(`bbob: instance must be an integer in [1, 100000], got ${instance}`);
  }
  const fopt = legacyFopt(fid, instance);
  const built = BBOB_BUILDERS[fid - 1]!(dimension, bbobSeed(fid, instance), fopt);
  return makeBoxFunction({
    name: `bbob-f${fid}-d${dimension}-i${instance}`,
    description: `BBOB f${fid} (${BBOB_NAMES[fid - 1]}) in ${dimension} dimensions, instance ${instance}.`,
    lower: filled(dimension, -5),
    upper: filled(dimension, 5),
    tags: tagsOf(fid),
    optimum: fopt,
    optimizerVectors: [built.xopt],
    source:
      "Hansen, Finck, Ros, Auger (2009), Real-Parameter Black-Box Optimization Benchmarking 2009: Noiseless Functions Definitions, INRIA RR-6829; instances as COCO (numbbo/coco)",
    evaluateVector: built.evaluate,
  });
}

/**
 * All 24 BBOB functions in `dimension` dimensions for one instance.
 * @example bbobSuite(10).length // 24
 */
export function bbobSuite(dimension: number, options: BbobOptions = {}): BoxFunction[] {
  const out: BoxFunction[] = [];
  for (let f = 1; f <= 24; f++) out.push(bbob(f, dimension, options));
  return out;
}
