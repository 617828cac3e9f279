/**
 * Log-density of a Parzen estimator at M candidates (notation in types.ts):
 *
 *   log p(x) = log Σ_k exp(ℓ_k(x)),  ℓ_k(x) = log w_k + Σ_d log K_dk(x_d),
 *
 * with log K_dk = log φ((x_d - μ_dk)/σ_dk) - log σ_dk - log Z_dk (continuous d),
 * log(Φ(b) - Φ(a)) - log Z_dk over x_d's cell [a, b] in units of σ_dk (stepped and log-int d),
 * or the log-probability of x_d's choice in component k's row (categorical d).
 *
 * Vectorized over candidates with one scratch array of length K reused for all of them: per
 * candidate, ℓ_k is accumulated over component-major Float64Arrays, then reduced by a
 * log-sum-exp that skips terms more than 50 below the maximum (each below e^-50 relative, so
 * even 10^6 of them change the sum by less than 2e-16 relative). In integer and stepped
 * dimensions, cells narrow against σ (half-width·max(1, |midpoint|) ≤ 0.1 in σ units) get
 * their exact mass from the midpoint series, in plain arithmetic; wider cells are first
 * bounded from above and below by the density at the cell's nearest and farthest points, and
 * their exact mass is computed only for components that can reach the sum.
 */
import { LN_SQRT_2PI } from "../special/constants.js";
import { expNonPositive } from "../special/fast-exp.js";
import { fastNormalLogMass } from "../special/fast-normal.js";
import { LogSumExpAccumulator } from "../special/log-space.js";
import { NARROW } from "../special/truncated-normal.js";
import { estimatorArenas, PRECISION, SCALED } from "./arena.js";
import { cellOf } from "./dimension.js";
import { Float64Scratch } from "./scratch.js";
import type { CategoricalKernels, NumericalKernels, ParzenEstimator } from "./types.js";
/** Terms further than this below the maximum are dropped from the log-sum-exp. */
export const SKIP = 50;
/**
 * log(1 + Σ_j He_{2j}(m)·h^{2j}/(2j+1)!) for a narrow cell, h·max(1, |m|) ≤ NARROW (half-width
 * h, midpoint m, in σ units; the bound of `normalLogMass`'s midpoint series, whose sum S this
 * is), with m2 = m², h2 = h²: S is below 0.0034 in magnitude there, so log1p(S) is replaced by
 * its series to S⁵ (error below S⁶/6 < 3e-16). Not `narrowLogMass` of special/: this form
 * (reciprocal factorials, no log1p call) is the hot loop's, and its last bits differ.
 */
function narrowCorrection(m2: number, h2: number): number {
  const he2 = m2 - 1;
  const he4 = m2 * (m2 - 6) + 3;
  const he6 = m2 * (m2 * (m2 - 15) + 45) - 15;
  const he8 = m2 * (m2 * (m2 * (m2 - 28) + 210) - 420) + 105;
  const he10 = m2 * (m2 * (m2 * (m2 * (m2 - 45) + 630) - 3150) + 4725) - 945;
  const s =
    h2 *
    (he2 * INV_F3 + h2 * (he4 * INV_F5 + h2 * (he6 * INV_F7 + h2 * (he8 * INV_F9 + h2 * he10 * INV_F11))));
  return s * (1 - s * (0.5 - s * (THIRD - s * (0.25 - s * 0.2))));
}

const INV_F3 = 1 / 6;
const INV_F5 = 1 / 120;
const INV_F7 = 1 / 5040;
const INV_F9 = 1 / 362880;
const INV_F11 = 1 / 39916800;
const THIRD = 1 / 3;

/**
 * log p(x) for each of M candidates.
 * @param estimator - a fitted estimator.
 * @param candidates - row-major M×D internal values. A numerical value outside the bounds, or
 *   a categorical value that is not a valid index, has density 0 (log -Infinity); stepped and
 *   log-int values are snapped to the nearest grid value; NaN gives NaN.
 * @param out - optional output array of length M.
 * @returns `out` (or a new Float64Array) holding the M log-densities.
 * @throws RangeError if the candidates' length is not a multiple of D, or `out` has the wrong length.
 * @example parzenLogPdf(est, Float64Array.of(0.1, 0.7)) // two candidates of a 1-D estimator
 */
export function parzenLogPdf(
  estimator: ParzenEstimator,
  candidates: Float64Array,
  out?: Float64Array,
): Float64Array {
  const nDims = estimator.dimensions.length;
  if (candidates.length % nDims !== 0) {
    throw new RangeError(
      `parzenLogPdf: candidates length ${candidates.length} is not a multiple of D=${nDims}`,
    );
  }
  const m = candidates.length / nDims;
  const result = out ?? new Float64Array(m);
  if (result.length !== m)
    throw new RangeError(`parzenLogPdf: out must have length ${m}, got ${result.length}`);
  if (m === 0) return result;
  const plan = evaluationPlan(estimator);
  const k = estimator.nComponents;
  const dc = plan.continuous.length;

  // Fast path: one continuous dimension (univariate TPE).
  if (nDims === 1 && dc === 1) {
    univariateContinuous(estimator, plan, candidates, result);
    return result;
  }
  // Fast path: continuous dimensions whose observation components share one σ each
  // (multivariate TPE).
  if (dc === nDims && plan.sharedPrecision !== null) {
    sharedContinuous(estimator, plan, candidates, result);
    return result;
  }

  const acc = genericAcc.take(k);
  const x = new Float64Array(dc);
  const xs = new Float64Array(dc);
  const shared = plan.sharedPrecision;
  const disc = plan.discrete.length > 0 ? new DiscreteScratch(estimator, plan, k) : null;
  const base = estimator.logBase;
  const scaled = plan.scaled;
  const precision = plan.precision;
  for (let j = 0; j < m; j++) {
    const row = j * nDims;
    let nan = false;
    for (let d = 0; d < nDims; d++) if (Number.isNaN(candidates[row + d])) nan = true;
    if (nan) {
      result[j] = Number.NaN;
      continue;
    }
    let bad = false;
    for (let c = 0; c < dc; c++) {
      const d = plan.continuous[c]!;
      const ker = estimator.kernels[d] as NumericalKernels;
      const v = candidates[row + d]!;
      if (!(v >= ker.low && v <= ker.high)) bad = true;
      x[c] = v;
    }
    if (bad) {
      result[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    // Continuous dimensions, component-major: ℓ_k = base_k - ½ Σ_c (x_c/σ_ck - μ_ck/σ_ck)².
    let first = 0;
    if (shared !== null) {
      // One σ per dimension for the observations: scale the candidate once.
      for (let c = 0; c < dc; c++) xs[c] = x[c]! * shared[c]!;
      const nObs = estimator.nObservations;
      // Two accumulators break the dependency chain of the sum (measured ~10% faster at D=10).
      const even = dc & ~1;
      for (let i = 0, o = 0; i < nObs; i++, o += dc) {
        let q0 = 0;
        let q1 = 0;
        for (let c = 0; c < even; c += 2) {
          const z0 = xs[c]! - scaled[o + c]!;
          const z1 = xs[c + 1]! - scaled[o + c + 1]!;
          q0 += z0 * z0;
          q1 += z1 * z1;
        }
        if (even < dc) {
          const z = xs[even]! - scaled[o + even]!;
          q0 += z * z;
        }
        acc[i] = base[i]! - 0.5 * (q0 + q1);
      }
      first = nObs;
    }
    for (let i = first, o = first * dc; i < k; i++, o += dc) {
      let q = 0;
      for (let c = 0; c < dc; c++) {
        const z = x[c]! * precision[o + c]! - scaled[o + c]!;
        q += z * z;
      }
      acc[i] = base[i]! - 0.5 * q;
    }
    for (const d of plan.categorical) {
      const ker = estimator.kernels[d] as CategoricalKernels;
      const v = candidates[row + d]!;
      if (!Number.isInteger(v) || v < 0 || v >= ker.n) {
        bad = true;
        break;
      }
      const lp = ker.logProbabilities;
      const c = ker.n;
      for (let i = 0, o = v; i < k; i++, o += c) acc[i] = acc[i]! + lp[o]!;
    }
    if (!bad && disc !== null) bad = !disc.accumulate(candidates, row, acc);
    result[j] = bad ? Number.NEGATIVE_INFINITY : logSumExpSkip(acc, k);
  }
  return result;
}

/** Derived arrays for evaluation, computed once per estimator and cached (internal to this folder). */
export interface EvaluationPlan {
  /** Indices of the continuous, stepped/log-int and categorical dimensions. */
  readonly continuous: Int32Array;
  readonly discrete: Int32Array;
  readonly categorical: Int32Array;
  /**
   * Component-major K×Dc arrays of 1/σ and μ/σ over the continuous dimensions (1/σ of the
   * observation components not written, and never read, when `sharedPrecision` holds it: 0
   * in a new array, stale values in an arena's).
   */
  readonly precision: Float64Array;
  readonly scaled: Float64Array;
  /**
   * When every observation component shares one σ per continuous dimension (the scaled-range
   * and Scott rules): those Dc values of 1/σ; the prior component, if any, is then evaluated
   * apart. Null otherwise.
   */
  readonly sharedPrecision: Float64Array | null;
  /** 1/σ of each discrete dimension (K each) and log σ. */
  readonly discretePrecision: readonly Float64Array[];
  readonly discreteLogSigma: readonly Float64Array[];
  /** One continuous dimension with many sorted observation centres: block bounds, else null. */
  readonly blocks: UnivariateBlocks | null;
}

/**
 * Bounds of blocks of {@link BLOCK} consecutive observation components of a 1-D estimator
 * whose centres are sorted ascending: block b covers components [b·BLOCK, min(n, (b+1)·BLOCK)),
 * with centres in [lo_b, hi_b], log-weights ℓ_k ≤ maxBase_b and precisions 1/σ_k ≥ minPrec_b,
 * so every term of the block at x is at most maxBase_b - ½(gap·minPrec_b)², gap being the
 * distance from x to [lo_b, hi_b].
 */
interface UnivariateBlocks {
  readonly count: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly maxBase: Float64Array;
  readonly minPrec: Float64Array;
  /** Over all blocks: the largest maxBase and the smallest minPrec. */
  readonly globalMaxBase: number;
  readonly globalMinPrec: number;
}

/** Components per block of the univariate blocked evaluation. */
const BLOCK = 32;
/** Observation components from which a sorted univariate estimator is evaluated by blocks. */
const BLOCKED_MIN = 256;

const plans = new WeakMap<ParzenEstimator, EvaluationPlan>();

/** The cached evaluation plan of an estimator (internal to this folder). */
export function evaluationPlan(estimator: ParzenEstimator): EvaluationPlan {
  const cached = plans.get(estimator);
  if (cached !== undefined) return cached;
  const k = estimator.nComponents;
  const nObs = estimator.nObservations;
  const continuous: number[] = [];
  const discrete: number[] = [];
  const categorical: number[] = [];
  estimator.kernels.forEach((ker, d) => {
    if (ker.kind === "categorical") categorical.push(d);
    else if (ker.dimension.kind === "continuous") continuous.push(d);
    else discrete.push(d);
  });
  const dc = continuous.length;
  // Do the observation components share one σ per continuous dimension?
  let shared: Float64Array | null = nObs > 0 ? new Float64Array(dc) : null;
  for (let c = 0; c < dc && shared !== null; c++) {
    const sig = (estimator.kernels[continuous[c]!] as NumericalKernels).sigmas;
    const s0 = sig[0]!;
    for (let i = 1; i < nObs; i++) {
      if (sig[i] !== s0) {
        shared = null;
        break;
      }
    }
    if (shared !== null) shared[c] = 1 / s0;
  }
  // An estimator built in an arena (arena.ts) takes its plan's arrays from it too.
  const arena = estimatorArenas.get(estimator);
  const scaled = arena === undefined ? new Float64Array(k * dc) : arena.f64(SCALED, 0, k * dc);
  // With shared σ only the components after the observations (the prior) need 1/σ stored.
  const precision = arena === undefined ? new Float64Array(k * dc) : arena.f64(PRECISION, 0, k * dc);
  for (let c = 0; c < dc; c++) {
    const ker = estimator.kernels[continuous[c]!] as NumericalKernels;
    const mus = ker.mus;
    const sig = ker.sigmas;
    let i = 0;
    if (shared !== null) {
      const iv = shared[c]!;
      for (; i < nObs; i++) scaled[i * dc + c] = mus[i]! * iv;
    }
    for (; i < k; i++) {
      const iv = 1 / sig[i]!;
      precision[i * dc + c] = iv;
      scaled[i * dc + c] = mus[i]! * iv;
    }
  }
  const discretePrecision: Float64Array[] = [];
  const discreteLogSigma: Float64Array[] = [];
  for (const d of discrete) {
    const sig = (estimator.kernels[d] as NumericalKernels).sigmas;
    const iv = new Float64Array(k);
    const ls = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      iv[i] = 1 / sig[i]!;
      ls[i] = Math.log(sig[i]!);
    }
    discretePrecision.push(iv);
    discreteLogSigma.push(ls);
  }
  const blocks =
    estimator.dimensions.length === 1 && dc === 1 ? univariateBlocks(estimator, precision, shared) : null;
  const plan: EvaluationPlan = {
    continuous: Int32Array.from(continuous),
    discrete: Int32Array.from(discrete),
    categorical: Int32Array.from(categorical),
    precision,
    scaled,
    sharedPrecision: shared,
    discretePrecision,
    discreteLogSigma,
    blocks,
  };
  plans.set(estimator, plan);
  return plan;
}

/** Block bounds of a 1-D continuous estimator with ≥ BLOCKED_MIN sorted centres, else null. */
function univariateBlocks(
  estimator: ParzenEstimator,
  precision: Float64Array,
  shared: Float64Array | null,
): UnivariateBlocks | null {
  const nObs = estimator.nObservations;
  if (nObs < BLOCKED_MIN) return null;
  const mus = (estimator.kernels[0] as NumericalKernels).mus;
  for (let i = 1; i < nObs; i++) if (!(mus[i]! >= mus[i - 1]!)) return null;
  const count = Math.ceil(nObs / BLOCK);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  const maxBase = new Float64Array(count);
  const minPrec = new Float64Array(count);
  const base = estimator.logBase;
  let globalMaxBase = Number.NEGATIVE_INFINITY;
  let globalMinPrec = Number.POSITIVE_INFINITY;
  for (let b = 0; b < count; b++) {
    const start = b * BLOCK;
    const end = Math.min(nObs, start + BLOCK);
    lo[b] = mus[start]!;
    hi[b] = mus[end - 1]!;
    let mb = Number.NEGATIVE_INFINITY;
    let mp = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      if (base[i]! > mb) mb = base[i]!;
      const p = shared !== null ? shared[0]! : precision[i]!;
      if (p < mp) mp = p;
    }
    maxBase[b] = mb;
    minPrec[b] = mp;
    if (mb > globalMaxBase) globalMaxBase = mb;
    if (mp < globalMinPrec) globalMinPrec = mp;
  }
  return { count, lo, hi, maxBase, minPrec, globalMaxBase, globalMinPrec };
}

/** log Σ exp(acc[i]) over i < k, dropping terms more than {@link SKIP} below the maximum. */
function logSumExpSkip(acc: Float64Array, k: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) if (acc[i]! > max) max = acc[i]!;
  if (max === Number.NEGATIVE_INFINITY) return max;
  const thr = max - SKIP;
  let s = 0;
  for (let i = 0; i < k; i++) {
    const v = acc[i]!;
    if (v > thr) s += expNonPositive(v - max);
  }
  return max + Math.log(s);
}

/** One continuous dimension: ℓ_k and the maximum in one pass, then the skipping sum. */
function univariateContinuous(
  estimator: ParzenEstimator,
  plan: EvaluationPlan,
  candidates: Float64Array,
  result: Float64Array,
): void {
  const ker = estimator.kernels[0] as NumericalKernels;
  const k = estimator.nComponents;
  const iv = plan.precision;
  const scaled = plan.scaled;
  const shared = plan.sharedPrecision;
  const nObs = estimator.nObservations;
  const base = estimator.logBase;
  const acc = univariateAcc.take(k);
  const blocks = plan.blocks;
  const lse = new LogSumExpAccumulator(SKIP);
  for (let j = 0; j < candidates.length; j++) {
    const x = candidates[j]!;
    if (Number.isNaN(x)) {
      result[j] = Number.NaN;
      continue;
    }
    if (!(x >= ker.low && x <= ker.high)) {
      result[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    if (blocks !== null) {
      result[j] = blockedLogSum(x, blocks, lse, estimator, plan);
      continue;
    }
    let max = Number.NEGATIVE_INFINITY;
    let i = 0;
    if (shared !== null) {
      const xs = x * shared[0]!;
      for (; i < nObs; i++) {
        const z = xs - scaled[i]!;
        const v = base[i]! - 0.5 * z * z;
        acc[i] = v;
        if (v > max) max = v;
      }
    }
    for (; i < k; i++) {
      const z = x * iv[i]! - scaled[i]!;
      const v = base[i]! - 0.5 * z * z;
      acc[i] = v;
      if (v > max) max = v;
    }
    const thr = max - SKIP;
    let s = 0;
    for (let i = 0; i < k; i++) {
      const v = acc[i]!;
      if (v > thr) s += expNonPositive(v - max);
    }
    result[j] = max + Math.log(s);
  }
}

/**
 * All dimensions continuous, one σ per dimension for the observation components (multivariate
 * TPE): components in cache-sized chunks, the candidates four at a time within a chunk, so
 * each scaled centre is read from memory once and used for four squared distances at a time
 * (measured about 2× faster than one candidate over all components at a time, for 10,000
 * components in 10-D); per candidate a running log-sum-exp over the chunks (terms more than
 * SKIP below the running maximum dropped, the sum rescaled when the maximum grows): the
 * chunked form of `LogSumExpAccumulator`, which merges a chunk's terms after taking their
 * maximum rather than one term at a time.
 */
function sharedContinuous(
  estimator: ParzenEstimator,
  plan: EvaluationPlan,
  candidates: Float64Array,
  result: Float64Array,
): void {
  const d = estimator.dimensions.length;
  const m = result.length;
  const k = estimator.nComponents;
  const nObs = estimator.nObservations;
  const shared = plan.sharedPrecision!;
  const scaled = plan.scaled;
  const precision = plan.precision;
  const base = estimator.logBase;
  // Valid candidates (no NaN, inside the bounds) and their scaled coordinates.
  const valid: number[] = [];
  for (let j = 0; j < m; j++) {
    let nan = false;
    let inside = true;
    for (let c = 0; c < d; c++) {
      const v = candidates[j * d + c]!;
      if (Number.isNaN(v)) nan = true;
      const ker = estimator.kernels[c] as NumericalKernels;
      if (!(v >= ker.low && v <= ker.high)) inside = false;
    }
    if (nan) result[j] = Number.NaN;
    else if (!inside) result[j] = Number.NEGATIVE_INFINITY;
    else valid.push(j);
  }
  const mv = valid.length;
  if (mv === 0) return;
  const xs = sharedXs.take(mv * d);
  for (let r = 0; r < mv; r++) {
    for (let c = 0; c < d; c++) xs[r * d + c] = candidates[valid[r]! * d + c]! * shared[c]!;
  }
  // Components in chunks small enough to stay in cache while every candidate reads them;
  // per candidate, a running log-sum-exp over the chunks (max, and the sum relative to it).
  const chunk = Math.max(1, Math.min(k, CHUNK));
  const acc = sharedAcc.take(mv * chunk);
  const max = sharedMax.take(mv).fill(Number.NEGATIVE_INFINITY, 0, mv);
  const sum = sharedSum.take(mv).fill(0, 0, mv);
  for (let start = 0; start < k; start += chunk) {
    const end = Math.min(k, start + chunk);
    const obsEnd = Math.min(end, nObs);
    const len = end - start;
    for (let r0 = 0; r0 < mv; r0 += 4) {
      // Four candidates at a time (the last one repeated when fewer are left): each scaled
      // centre is read once for four squared distances.
      const p0 = r0 * d;
      const p1 = Math.min(r0 + 1, mv - 1) * d;
      const p2 = Math.min(r0 + 2, mv - 1) * d;
      const p3 = Math.min(r0 + 3, mv - 1) * d;
      const a0 = r0 * chunk;
      const a1 = Math.min(r0 + 1, mv - 1) * chunk;
      const a2 = Math.min(r0 + 2, mv - 1) * chunk;
      const a3 = Math.min(r0 + 3, mv - 1) * chunk;
      for (let i = start, o = start * d, t = 0; i < obsEnd; i++, o += d, t++) {
        let q0 = 0;
        let q1 = 0;
        let q2 = 0;
        let q3 = 0;
        for (let c = 0; c < d; c++) {
          const sv = scaled[o + c]!;
          const z0 = xs[p0 + c]! - sv;
          const z1 = xs[p1 + c]! - sv;
          const z2 = xs[p2 + c]! - sv;
          const z3 = xs[p3 + c]! - sv;
          q0 += z0 * z0;
          q1 += z1 * z1;
          q2 += z2 * z2;
          q3 += z3 * z3;
        }
        const b = base[i]!;
        // Repeated candidates write the same value to the same place.
        acc[a3 + t] = b - 0.5 * q3;
        acc[a2 + t] = b - 0.5 * q2;
        acc[a1 + t] = b - 0.5 * q1;
        acc[a0 + t] = b - 0.5 * q0;
      }
    }
    for (let r = 0; r < mv; r++) {
      const off = r * chunk;
      // Components after the observations (the prior) have their own σ.
      if (end > nObs) {
        const row = valid[r]! * d;
        for (let i = Math.max(start, nObs), o = i * d; i < end; i++, o += d) {
          let q = 0;
          for (let c = 0; c < d; c++) {
            const z = candidates[row + c]! * precision[o + c]! - scaled[o + c]!;
            q += z * z;
          }
          acc[off + i - start] = base[i]! - 0.5 * q;
        }
      }
      let m = max[r]!;
      for (let t = 0; t < len; t++) if (acc[off + t]! > m) m = acc[off + t]!;
      if (m === Number.NEGATIVE_INFINITY) continue;
      let s = sum[r]!;
      if (m > max[r]!) {
        s = max[r] === Number.NEGATIVE_INFINITY ? 0 : s * expNonPositive(max[r]! - m);
        max[r] = m;
      }
      const thr = m - SKIP;
      for (let t = 0; t < len; t++) {
        const v = acc[off + t]!;
        if (v > thr) s += expNonPositive(v - m);
      }
      sum[r] = s;
    }
  }
  for (let r = 0; r < mv; r++) {
    result[valid[r]!] = max[r] === Number.NEGATIVE_INFINITY ? max[r]! : max[r]! + Math.log(sum[r]!);
  }
}

/** Scratch of the evaluations (scratch.ts): each written before it is read, within one call. */
const genericAcc = new Float64Scratch();
const univariateAcc = new Float64Scratch();
const sharedXs = new Float64Scratch();
const sharedAcc = new Float64Scratch();
const sharedMax = new Float64Scratch();
const sharedSum = new Float64Scratch();

/** Components per chunk of the shared-bandwidth evaluation (fits in L1/L2 with 24 candidates). */
const CHUNK = 1024;

/**
 * Adds exp(ℓ_k(x)) of the 1-D components [start, end) to a running log-sum-exp whose `drop`
 * is {@link SKIP}. `shared` > 0 is the observations' common precision 1/σ; otherwise each
 * component's is read from `precision`.
 *
 * The update of `LogSumExpAccumulator.add` (special/log-space.ts) is inlined here on local
 * copies of (max, sum): calling `acc.add` per term measured 1.2-1.4× the CPU time on the
 * blocked 1-D evaluation, the path of TPE's univariate "above" estimators from 256 trials on
 * (ten sorted 1-D estimators × 24 candidates, n = 1000 and 10,000; median and minimum of 25
 * alternating rounds, 2026-12-06, issue 19): `npm run ts -- benchmarks/micro/parzen.ts
 * --against <a tree calling acc.add here> --only blocked`.
 */
function addComponents(
  acc: LogSumExpAccumulator,
  x: number,
  start: number,
  end: number,
  precision: Float64Array,
  shared: number,
  scaled: Float64Array,
  base: Float64Array,
): void {
  let max = acc.max;
  let sum = acc.sum;
  let thr = max - SKIP;
  for (let i = start; i < end; i++) {
    const z = x * (shared > 0 ? shared : precision[i]!) - scaled[i]!;
    const v = base[i]! - 0.5 * z * z;
    if (v <= thr) continue;
    if (v > max) {
      sum = sum * expNonPositive(max - v) + 1;
      max = v;
      thr = max - SKIP;
    } else {
      sum += expNonPositive(v - max);
    }
  }
  acc.max = max;
  acc.sum = sum;
}

/**
 * log p(x) of a 1-D estimator with sorted centres, evaluating only the blocks whose bound can
 * reach the log-sum-exp: the prior, then the block nearest x, then blocks outwards, each
 * skipped when its bound is below (running maximum − SKIP); a direction stops once even the
 * global bound at that distance is. Every skipped term is below the final maximum − SKIP,
 * where the full evaluation drops terms too (the sum differs from it only in rounding).
 */
function blockedLogSum(
  x: number,
  blocks: UnivariateBlocks,
  lse: LogSumExpAccumulator,
  estimator: ParzenEstimator,
  plan: EvaluationPlan,
): number {
  const nObs = estimator.nObservations;
  const k = estimator.nComponents;
  const base = estimator.logBase;
  const precision = plan.precision;
  const scaled = plan.scaled;
  const shared = plan.sharedPrecision === null ? 0 : plan.sharedPrecision[0]!;
  lse.reset();
  // The prior (and any component after the observations) has its own precision.
  addComponents(lse, x, nObs, k, precision, 0, scaled, base);
  // First block whose upper centre is ≥ x (or the last).
  let lo = 0;
  let hi = blocks.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks.hi[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  const start = lo;
  addComponents(lse, x, start * BLOCK, Math.min(nObs, (start + 1) * BLOCK), precision, shared, scaled, base);
  const gMax = blocks.globalMaxBase;
  const gPrec = blocks.globalMinPrec;
  for (let dir = -1; dir <= 1; dir += 2) {
    for (let b = start + dir; b >= 0 && b < blocks.count; b += dir) {
      const gap = dir < 0 ? x - blocks.hi[b]! : blocks.lo[b]! - x;
      const g = gap > 0 ? gap : 0;
      const thr = lse.max - SKIP;
      const gz = g * gPrec;
      if (gMax - 0.5 * gz * gz < thr) break;
      const z = g * blocks.minPrec[b]!;
      if (blocks.maxBase[b]! - 0.5 * z * z < thr) continue;
      addComponents(lse, x, b * BLOCK, Math.min(nObs, (b + 1) * BLOCK), precision, shared, scaled, base);
    }
  }
  return lse.value();
}

/**
 * Scratch state of the stepped and log-int dimensions: their kernels, per-component log σ,
 * and per-candidate cells; `accumulate` adds Σ_d log mass to the components that matter.
 */
class DiscreteScratch {
  private readonly kernels: NumericalKernels[];
  private readonly inv: Float64Array[];
  private readonly logSigma: Float64Array[];
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly logWidth: Float64Array;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly wide: Uint8Array;
  private readonly cell = new Float64Array(2);
  private readonly dims: number[];

  constructor(estimator: ParzenEstimator, plan: EvaluationPlan, k: number) {
    const dims = Array.from(plan.discrete);
    this.dims = dims;
    this.kernels = dims.map((d) => estimator.kernels[d] as NumericalKernels);
    this.inv = plan.discretePrecision.slice();
    this.logSigma = plan.discreteLogSigma.slice();
    this.lo = new Float64Array(dims.length);
    this.hi = new Float64Array(dims.length);
    this.logWidth = new Float64Array(dims.length);
    this.upper = new Float64Array(k);
    this.lower = new Float64Array(k);
    this.wide = new Uint8Array(k);
  }

  /** Adds the log cell masses of candidate `row` to acc; false when a value is out of bounds. */
  accumulate(candidates: Float64Array, row: number, acc: Float64Array): boolean {
    const nd = this.dims.length;
    for (let j = 0; j < nd; j++) {
      const ker = this.kernels[j]!;
      if (!cellOf(ker.dimension, candidates[row + this.dims[j]!]!, this.cell)) return false;
      this.lo[j] = this.cell[0]!;
      this.hi[j] = this.cell[1]!;
      this.logWidth[j] = Math.log(this.cell[1]! - this.cell[0]!) - LN_SQRT_2PI;
    }
    const k = acc.length;
    const upper = this.upper;
    const lower = this.lower;
    const wide = this.wide;
    upper.fill(0);
    lower.fill(0);
    wide.fill(0);
    let anyWide = false;
    // Pass 1, dimension by dimension: narrow cells exactly by the midpoint series (plain
    // arithmetic); wide cells bounded by the density at their nearest and farthest points.
    for (let j = 0; j < nd; j++) {
      const mus = this.kernels[j]!.mus;
      const inv = this.inv[j]!;
      const logSigma = this.logSigma[j]!;
      const lo = this.lo[j]!;
      const hi = this.hi[j]!;
      const lwj = this.logWidth[j]!;
      for (let i = 0; i < k; i++) {
        const mu = mus[i]!;
        const iv = inv[i]!;
        const a = (lo - mu) * iv;
        const b = (hi - mu) * iv;
        const lw = lwj - logSigma[i]!;
        const h = 0.5 * (b - a);
        const m = 0.5 * (a + b);
        const am = m < 0 ? -m : m;
        if (h * (am > 1 ? am : 1) <= NARROW) {
          acc[i] = acc[i]! + lw - 0.5 * m * m + narrowCorrection(m * m, h * h);
        } else {
          const near = a > 0 ? a : b < 0 ? b : 0;
          const far = -a > b ? a : b;
          upper[i] = upper[i]! + lw - 0.5 * near * near;
          lower[i] = lower[i]! + lw - 0.5 * far * far;
          wide[i] = 1;
          anyWide = true;
        }
      }
    }
    let bestLower = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      const lb = acc[i]! + lower[i]!;
      if (lb > bestLower) bestLower = lb;
      upper[i] = acc[i]! + upper[i]!;
    }
    if (!anyWide) return true;
    // Pass 2: exact masses of the wide cells where the upper bound can reach the sum.
    const thr = bestLower - SKIP;
    for (let i = 0; i < k; i++) {
      if (!wide[i]) continue;
      if (!(upper[i]! >= thr)) {
        acc[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let v = acc[i]!;
      for (let j = 0; j < nd; j++) {
        const ker = this.kernels[j]!;
        const mu = ker.mus[i]!;
        const iv = this.inv[j]![i]!;
        const a = (this.lo[j]! - mu) * iv;
        const b = (this.hi[j]! - mu) * iv;
        const h = 0.5 * (b - a);
        const m = 0.5 * (a + b);
        const am = m < 0 ? -m : m;
        if (!(h * (am > 1 ? am : 1) <= NARROW)) v += fastNormalLogMass(a, b);
      }
      acc[i] = v;
    }
    return true;
  }
}
