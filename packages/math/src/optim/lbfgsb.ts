/**
 * L-BFGS-B: limited-memory quasi-Newton minimization subject to bounds l ≤ x ≤ u.
 * Byrd, Lu, Nocedal, Zhu (1995), "A limited memory algorithm for bound constrained
 * optimization", SIAM J. Sci. Comput. 16(5), 1190–1208; with the subspace step of Morales and
 * Nocedal (2011), ACM Trans. Math. Softw. 38(1), article 7; convergence tests and defaults as
 * SciPy's `scipy.optimize.minimize(method="L-BFGS-B")`.
 *
 * Notation (shapes): n dimension; x_k (n) the iterate, always inside the box; g_k = ∇f(x_k);
 * l, u (n) bounds, ±Infinity allowed; m the memory; B_k = θI − WMWᵀ the compact limited-memory
 * Hessian approximation from the last k ≤ m pairs (memory.ts).
 *
 * One iteration (the paper's §2 algorithm):
 * 1. the generalized Cauchy point x^c, the first minimizer of the quadratic model along the
 *    projected steepest-descent path (cauchy.ts);
 * 2. x̄: the model minimized over the variables that are free at x^c, projected onto the box
 *    (subspace.ts); with an empty memory x̄ = x^c;
 * 3. a Moré–Thuente line search (line-search.ts) along d = x̄ − x_k, from step 1 (or, with an
 *    empty memory and some variable not bounded on both sides, from a step of unit length),
 *    never beyond the box;
 * 4. the pair s = x_{k+1} − x_k, y = g_{k+1} − g_k enters the memory when sᵀy > ε·yᵀy
 *    (the paper's eq. (3.9) guard, which keeps B positive definite).
 *
 * It stops when ‖P(x − g) − x‖∞ ≤ pgtol, or when (f_k − f_{k+1}) ≤ ftol·max(|f_k|, |f_{k+1}|, 1)
 * (SciPy's factr·ε test), or at a limit. When the search direction is not one of descent, or
 * the line search finds no acceptable step, the memory is dropped and the iteration retried
 * along the projected steepest-descent path; if that fails too, the run ends (SciPy's
 * "ABNORMAL_TERMINATION_IN_LNSRCH"), returning the last iterate.
 *
 * Departures from the authors' code (which SciPy 1.10 wraps), each on purpose:
 * - A trial point where f or the gradient is not finite shrinks the step (halfway back to the
 *   best step so far) instead of ending the run.
 * - When the line search stops without meeting the Wolfe conditions (interval too small,
 *   trial budget spent), the best trial with sufficient decrease is taken, not the last one.
 * - maxEvaluations is never exceeded (SciPy checks maxfun only between iterations).
 * - After a memory reset, the first trial is chosen as at the first iteration (unit length
 *   unless every variable is bounded on both sides), not α = 1.
 * - The line search may go up to the edge of the box at the first iteration too (the
 *   authors' code caps the first step at α = 1 when there are bounds).
 */
import { maxFeasibleStep, projectedGradientNorm, projectInPlace } from "./bounds.js";
import { generalizedCauchyPoint, unconstrainedCauchyPoint } from "./cauchy.js";
import { MoreThuente, SearchState } from "./line-search.js";
import { subspaceMinimization } from "./subspace.js";
import {
  type BoundsKind,
  checkFunction,
  checkStart,
  fillBounds,
  integerOption,
  toleranceOption,
} from "./validate.js";
import { LbfgsbWorkspace } from "./workspace.js";

/**
 * An objective with its gradient: writes ∇f(x) into `gradOut` (every one of its n entries)
 * and returns f(x). It must not keep or modify `x`; both arrays are reused between calls.
 */
export type ObjectiveWithGradient = (x: Float64Array, gradOut: Float64Array) => number;

/** Options of {@link minimizeLbfgsb}. */
export interface LbfgsbOptions {
  /** Lower bounds (n), −Infinity for an unbounded side. @defaultValue all −Infinity */
  lower?: Float64Array;
  /** Upper bounds (n), +Infinity for an unbounded side. @defaultValue all +Infinity */
  upper?: Float64Array;
  /** Number m of correction pairs kept (SciPy's `maxcor`). @defaultValue 10 */
  memory?: number;
  /** Maximum number of iterations (accepted steps). @defaultValue 200 */
  maxIterations?: number;
  /**
   * Maximum number of objective evaluations, the start included; never exceeded.
   * @defaultValue 15000 (SciPy's `maxfun`)
   */
  maxEvaluations?: number;
  /** Stop when the projected gradient's infinity norm is at most this. @defaultValue 1e-5 (SciPy's) */
  pgtol?: number;
  /**
   * Stop when the relative reduction of f in one iteration, (f_k − f_{k+1}) /
   * max(|f_k|, |f_{k+1}|, 1), is at most this.
   * @defaultValue 2.220446049250313e-9 (SciPy's `ftol`, factr = 1e7 times machine epsilon)
   */
  ftol?: number;
  /** Maximum number of trial points per line search (SciPy's `maxls`). @defaultValue 20 */
  maxLineSearchSteps?: number;
}

/** Why a run ended. */
export type LbfgsbStatus = "pgtol" | "ftol" | "max-iterations" | "max-evaluations" | "line-search";

/** The result of {@link minimizeLbfgsb}. */
export interface LbfgsbResult {
  /** The final point (inside the box; a fresh array). */
  x: Float64Array;
  /** f(x). */
  f: number;
  /** ∇f(x) (a fresh array). */
  gradient: Float64Array;
  /** Iterations (accepted steps). */
  iterations: number;
  /** Objective evaluations, the start included. */
  evaluations: number;
  /** True when a convergence test (pgtol or ftol) ended the run. */
  converged: boolean;
  /** Why the run ended, in words. */
  message: string;
  /** Why the run ended, as a tag. */
  status?: LbfgsbStatus;
  /** ‖P(x − ∇f(x)) − x‖∞ at the final point. */
  projectedGradientNorm?: number;
}

/** Validated settings of one run. */
export interface LbfgsbSettings {
  readonly memory: number;
  readonly maxIterations: number;
  readonly maxEvaluations: number;
  readonly pgtol: number;
  readonly ftol: number;
  readonly maxLineSearchSteps: number;
}

const EPS = 2.220446049250313e-16;

/** Checks the scalar options. @throws RangeError naming the option. */
export function lbfgsbSettings(where: string, options: LbfgsbOptions): LbfgsbSettings {
  return {
    memory: integerOption(where, "memory", options.memory, 1, 10),
    maxIterations: integerOption(where, "maxIterations", options.maxIterations, 0, 200),
    maxEvaluations: integerOption(where, "maxEvaluations", options.maxEvaluations, 1, 15000),
    pgtol: toleranceOption(where, "pgtol", options.pgtol, 1e-5),
    ftol: toleranceOption(where, "ftol", options.ftol, 1e7 * EPS),
    maxLineSearchSteps: integerOption(where, "maxLineSearchSteps", options.maxLineSearchSteps, 1, 20),
  };
}

/**
 * Minimizes f(x) subject to lower ≤ x ≤ upper with L-BFGS-B.
 *
 * x0 is projected into the box first. Bounds may be infinite on either side (or omitted),
 * and lower[i] = upper[i] fixes a variable.
 *
 * @param fun - f and its gradient, see {@link ObjectiveWithGradient}
 * @param x0 - the start (n ≥ 1; not modified)
 * @param options - bounds, memory, limits and tolerances, see {@link LbfgsbOptions}
 * @returns the final point, its value and gradient, counts, and why the run ended
 * @throws TypeError if `fun` is not a function or an array is not a Float64Array;
 *   RangeError on a bad option or bound, or when f or its gradient is not finite at the
 *   projected start
 * @example
 * ```ts
 * // min (x − 3)² + (y + 1)² over [0, 2] × [0, 2]: the solution is (2, 0).
 * const r = minimizeLbfgsb(
 *   (x, g) => {
 *     g[0] = 2 * (x[0]! - 3);
 *     g[1] = 2 * (x[1]! + 1);
 *     return (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2;
 *   },
 *   Float64Array.of(1, 1),
 *   { lower: Float64Array.of(0, 0), upper: Float64Array.of(2, 2) },
 * );
 * r.x; // Float64Array [2, 0]
 * ```
 */
export function minimizeLbfgsb(
  fun: ObjectiveWithGradient,
  x0: Float64Array,
  options: LbfgsbOptions = {},
): LbfgsbResult {
  const where = "minimizeLbfgsb";
  checkFunction(where, "fun", fun);
  checkStart(where, "x0", x0);
  const settings = lbfgsbSettings(where, options);
  const ws = new LbfgsbWorkspace(x0.length, settings.memory);
  const bounds = fillBounds(where, x0.length, options.lower, options.upper, ws.lower, ws.upper);
  const result = runLbfgsb(fun, x0, ws, settings, bounds);
  if (typeof result === "string") throw new RangeError(`${where}: ${result}`);
  return result;
}

/** Copies x0 into the workspace, projects it and checks it is finite. @returns an error text or null. */
function startPoint(x0: Float64Array, ws: LbfgsbWorkspace): string | null {
  const x = ws.x;
  x.set(x0);
  projectInPlace(x, ws.lower, ws.upper);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) return `x0[${i}] = ${x0[i]} is not finite and its bounds do not make it so`;
  }
  return null;
}

/**
 * One run on a prepared workspace (bounds filled, settings checked). Returns the result, or
 * a text saying why the start is unusable (non-finite value or gradient there).
 */
export function runLbfgsb(
  fun: ObjectiveWithGradient,
  x0: Float64Array,
  ws: LbfgsbWorkspace,
  settings: LbfgsbSettings,
  bounds: BoundsKind,
): LbfgsbResult | string {
  const bad = startPoint(x0, ws);
  if (bad !== null) return bad;
  const { n, memory, lower, upper, d, xBar, sNew, yNew } = ws;
  const { maxIterations, maxEvaluations, pgtol, ftol, maxLineSearchSteps } = settings;
  const search = new MoreThuente();

  let f = fun(ws.x, ws.g);
  let evaluations = 1;
  if (!Number.isFinite(f)) return `f is ${f} at the projected start x0; it must be finite there`;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ws.g[i]))
      return `gradient[${i}] is ${ws.g[i]} at the projected start x0; it must be finite there`;
  }
  memory.reset();
  let pgNorm = projectedGradientNorm(ws.x, ws.g, lower, upper);
  let iterations = 0;
  let status: LbfgsbStatus;

  if (pgNorm <= pgtol) status = "pgtol";
  else {
    for (;;) {
      if (iterations >= maxIterations) {
        status = "max-iterations";
        break;
      }
      if (evaluations >= maxEvaluations) {
        status = "max-evaluations";
        break;
      }
      const x = ws.x;
      const g = ws.g;

      // 1-2. The Cauchy point and the subspace step give x̄.
      // Without bounds x^c = x and c = 0, so M itself is never applied (only K is factored).
      if (bounds === "none" && memory.count > 0) unconstrainedCauchyPoint(ws);
      else {
        if (memory.count > 0 && !memory.factorMiddle()) memory.reset();
        generalizedCauchyPoint(ws);
      }
      if (memory.count === 0) xBar.set(ws.xc);
      else if (!subspaceMinimization(ws)) {
        memory.reset();
        continue;
      }
      let slope = 0;
      let norm2 = 0;
      for (let i = 0; i < n; i++) {
        const di = xBar[i]! - x[i]!;
        d[i] = di;
        slope += g[i]! * di;
        norm2 += di * di;
      }
      if (!(slope < 0)) {
        if (memory.count > 0) {
          memory.reset();
          continue;
        }
        status = "line-search";
        break;
      }

      // 3. The line search on [0, stpMax], the part of the ray x + α·d inside the box.
      // The first trial is x̄ itself (α = 1), except with an empty memory on a problem that is
      // not a box: the Cauchy step of B = I is then as long as the gradient, and the first
      // trial is a step of unit length (as in the authors' code at its first iteration).
      const stpMax = maxFeasibleStep(x, d, lower, upper);
      const first =
        memory.count === 0 && bounds !== "box" ? Math.min(1 / Math.sqrt(norm2), stpMax) : Math.min(1, stpMax);
      search.start(f, slope, first, stpMax);
      let bestF = Number.POSITIVE_INFINITY;
      let accepted: 0 | 1 | 2 = 0; // 0 none, 1 the trial arrays, 2 the best arrays
      let trialF = 0;
      let steps = 0;
      let outOfBudget = false;
      for (;;) {
        if (evaluations >= maxEvaluations) {
          outOfBudget = true;
          break;
        }
        if (steps >= maxLineSearchSteps) break;
        const stp = search.stp;
        const xt = ws.xTrial;
        const gt = ws.gTrial;
        let moved = false;
        for (let i = 0; i < n; i++) {
          let v = stp === 1 ? xBar[i]! : x[i]! + stp * d[i]!;
          if (v < lower[i]!) v = lower[i]!;
          else if (v > upper[i]!) v = upper[i]!;
          xt[i] = v;
          if (v !== x[i]) moved = true;
        }
        const ft = fun(xt, gt);
        evaluations++;
        steps++;
        let gd = 0;
        for (let i = 0; i < n; i++) gd += gt[i]! * d[i]!;
        // A non-finite gradient entry makes gd NaN or infinite (∞·0 is NaN).
        if (!Number.isFinite(ft) || !Number.isFinite(gd)) {
          const lo = search.best;
          const shorter = lo + 0.5 * (stp - lo);
          if (!(shorter > lo && shorter < stp)) break;
          search.start(f, slope, shorter, shorter);
          continue;
        }
        // A step so short that x + α·d rounds to x is never accepted: f(x) ≤ f(x) + μα·φ'(0)
        // can hold in floating point once μα·φ'(0) is below half an ulp of f.
        let isBest = false;
        if (moved && ft < bestF && search.sufficientDecrease(ft)) {
          ws.xTrial = ws.xBest;
          ws.gTrial = ws.gBest;
          ws.xBest = xt;
          ws.gBest = gt;
          bestF = ft;
          isBest = true;
        }
        const state = search.next(ft, gd);
        if (state === SearchState.Continue) continue;
        if (state === SearchState.Converged && moved) {
          accepted = isBest ? 2 : 1;
          trialF = ft;
        }
        break;
      }
      if (accepted === 0 && bestF < Number.POSITIVE_INFINITY) accepted = 2;
      if (accepted === 0) {
        if (outOfBudget) {
          status = "max-evaluations";
          break;
        }
        if (memory.count > 0) {
          memory.reset();
          continue;
        }
        status = "line-search";
        break;
      }

      // 4. Accept the step and update the memory.
      const xNew = accepted === 2 ? ws.xBest : ws.xTrial;
      const gNew = accepted === 2 ? ws.gBest : ws.gTrial;
      const fNew = accepted === 2 ? bestF : trialF;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        const si = xNew[i]! - x[i]!;
        const yi = gNew[i]! - g[i]!;
        sNew[i] = si;
        yNew[i] = yi;
        sy += si * yi;
        yy += yi * yi;
      }
      if (accepted === 2) {
        ws.xBest = x;
        ws.gBest = g;
      } else {
        ws.xTrial = x;
        ws.gTrial = g;
      }
      ws.x = xNew;
      ws.g = gNew;
      const fOld = f;
      f = fNew;
      iterations++;
      pgNorm = projectedGradientNorm(xNew, gNew, lower, upper);
      if (pgNorm <= pgtol) {
        status = "pgtol";
        break;
      }
      if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
        status = "ftol";
        break;
      }
      if (sy > EPS * yy) memory.push(sNew, yNew, sy, yy);
    }
  }

  return {
    x: Float64Array.from(ws.x),
    f,
    gradient: Float64Array.from(ws.g),
    iterations,
    evaluations,
    converged: status === "pgtol" || status === "ftol",
    message: describe(status, pgNorm, settings),
    status,
    projectedGradientNorm: pgNorm,
  };
}

function describe(status: LbfgsbStatus, pgNorm: number, s: LbfgsbSettings): string {
  switch (status) {
    case "pgtol":
      return `converged: projected gradient norm ${pgNorm} <= pgtol ${s.pgtol}`;
    case "ftol":
      return `converged: relative reduction of f <= ftol ${s.ftol}`;
    case "max-iterations":
      return `stopped: maxIterations ${s.maxIterations} reached`;
    case "max-evaluations":
      return `stopped: maxEvaluations ${s.maxEvaluations} reached`;
    case "line-search":
      return "stopped: no step with sufficient decrease along the projected steepest-descent path (f is flat to rounding here, or the gradient is inconsistent with f)";
  }
}
