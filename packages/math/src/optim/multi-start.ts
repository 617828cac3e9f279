/**
 * Multi-start L-BFGS-B: one local run from each start, the best result kept. This is how
 * acquisition functions and GP marginal likelihoods, which have several local optima, are
 * optimized (e.g. BoTorch's `optimize_acqf` with `num_restarts`, Optuna's GP sampler).
 */
import {
  type LbfgsbOptions,
  type LbfgsbResult,
  lbfgsbSettings,
  type ObjectiveWithGradient,
  runLbfgsb,
} from "./lbfgsb.js";
import { checkFunction, checkStart, fillBounds } from "./validate.js";
import { LbfgsbWorkspace } from "./workspace.js";

/** The result of {@link minimizeMultiStart}: the best run, and totals over all runs. */
export interface MultiStartResult extends LbfgsbResult {
  /** Index in `starts` of the run that gave the result. */
  startIndex: number;
  /** Evaluations summed over every run. */
  totalEvaluations: number;
  /** Iterations summed over every run. */
  totalIterations: number;
  /** Starts skipped because f or its gradient was not finite there (after projection). */
  skippedStarts: number;
}

/**
 * Runs {@link minimizeLbfgsb} from every start (each projected into the box) with the same
 * options, and returns the run with the lowest f (the first one on ties). The options' limits
 * apply to each run. Starts where f or its gradient is not finite are skipped (counted in
 * `skippedStarts`); one workspace serves every run.
 *
 * @param fun - f and its gradient
 * @param starts - one or more starts, all of the same length n ≥ 1 (not modified)
 * @param options - as for {@link minimizeLbfgsb}
 * @returns the best run, with `startIndex` and totals
 * @throws TypeError / RangeError on bad arguments (as {@link minimizeLbfgsb}), on an empty
 *   `starts`, on starts of different lengths, or when no start has a finite f and gradient
 * @example
 * ```ts
 * // f(x) = (x² − 1)² has minima at ±1 (f = 0); with a tilt + 0.1x the one at −1 is lower.
 * const fun: ObjectiveWithGradient = (x, g) => {
 *   const v = x[0]!;
 *   g[0] = 4 * v * (v * v - 1) + 0.1;
 *   return (v * v - 1) ** 2 + 0.1 * v;
 * };
 * minimizeMultiStart(fun, [Float64Array.of(2), Float64Array.of(-2)]).startIndex; // 1
 * ```
 */
export function minimizeMultiStart(
  fun: ObjectiveWithGradient,
  starts: readonly Float64Array[],
  options: LbfgsbOptions = {},
): MultiStartResult {
  const where = "minimizeMultiStart";
  checkFunction(where, "fun", fun);
  // `as unknown`: Array.isArray would narrow the readonly array to any[].
  if (!Array.isArray(starts as unknown) || starts.length === 0) {
    throw new RangeError(`${where}: starts must be a non-empty array of Float64Arrays`);
  }
  const first = checkStart(where, "starts[0]", starts[0]);
  const n = first.length;
  for (let s = 1; s < starts.length; s++) {
    const x = checkStart(where, `starts[${s}]`, starts[s]);
    if (x.length !== n)
      throw new RangeError(`${where}: starts[${s}] has length ${x.length}, starts[0] has ${n}`);
  }
  const settings = lbfgsbSettings(where, options);
  const ws = new LbfgsbWorkspace(n, settings.memory);
  const bounds = fillBounds(where, n, options.lower, options.upper, ws.lower, ws.upper);

  let best: LbfgsbResult | null = null;
  let startIndex = -1;
  let totalEvaluations = 0;
  let totalIterations = 0;
  let skippedStarts = 0;
  let firstProblem = "";
  for (let s = 0; s < starts.length; s++) {
    const r = runLbfgsb(fun, starts[s]!, ws, settings, bounds);
    if (typeof r === "string") {
      skippedStarts++;
      if (firstProblem === "") firstProblem = `starts[${s}]: ${r}`;
      // A non-finite start still costs its one evaluation (none if x0 itself was not finite).
      if (!r.startsWith("x0")) totalEvaluations++;
      continue;
    }
    totalEvaluations += r.evaluations;
    totalIterations += r.iterations;
    if (best === null || r.f < best.f) {
      best = r;
      startIndex = s;
    }
  }
  if (best === null) throw new RangeError(`${where}: no start has a finite f and gradient (${firstProblem})`);
  return { ...best, startIndex, totalEvaluations, totalIterations, skippedStarts };
}
