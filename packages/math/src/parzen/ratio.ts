/**
 * The acquisition step of TPE: among candidates x_j, the one maximizing
 * log p(x_j) − log q(x_j) (Bergstra et al. 2011, eq. 4: for the l/g split this maximizes
 * expected improvement), computed exactly but without evaluating q at every candidate in
 * full when q is large.
 *
 * Bound and prune (for q with continuous dimensions and one bandwidth per dimension, the
 * multivariate TPE case, with at least {@link PROBE_MIN} observations): every mixture term
 * is positive, so the log-sum over a subset of q's components (every {@link STRIDE}-th
 * observation and the prior) is a lower bound of log q(x_j), hence
 * UB_j = log p(x_j) − log q_probe(x_j) bounds the score from above. Candidates are then
 * completed (the rest of q's components added to the same running log-sum-exp) in decreasing
 * order of UB_j, until the next bound falls below the best exact score: the skipped ones
 * cannot win. With most of q's mass spread over many components, UB_j exceeds the score by
 * about log STRIDE, so typically a few of the 24 candidates are completed (about 3× less work
 * than evaluating all of them at 10,000 components, measured in benchmarks/micro/parzen.ts).
 */
import { expNonPositive } from "../special/fast-exp.js";
import { LogSumExpAccumulator } from "../special/log-space.js";
import { evaluationPlan, parzenLogPdf, SKIP } from "./log-pdf.js";
import type { NumericalKernels, ParzenEstimator } from "./types.js";

/** Observation components of q from which the bound-and-prune evaluation is used. */
const PROBE_MIN = 1024;
/** One observation component in STRIDE is in the probe. */
const STRIDE = 8;

/** The best candidate of {@link parzenBestLogRatio}. */
export interface BestLogRatio {
  /** Index of the candidate (the first one among equal scores); -1 when no score is a number. */
  readonly index: number;
  /** Its log p − log q (NaN when index is -1). */
  readonly value: number;
}

/**
 * The candidate maximizing log p(x) − log q(x), ties to the lowest index; candidates whose
 * score is NaN (NaN coordinates, or outside the support of both) are never chosen.
 * @param numerator - p (TPE's l, fitted to the good observations).
 * @param denominator - q (TPE's g), over the same dimensions.
 * @param candidates - row-major M×D internal values.
 * @throws RangeError if the estimators have different numbers of dimensions or the
 * candidates' length is not a multiple of D.
 * @example parzenBestLogRatio(l, g, sampleParzen(l, rng, 24)).index
 */
export function parzenBestLogRatio(
  numerator: ParzenEstimator,
  denominator: ParzenEstimator,
  candidates: Float64Array,
): BestLogRatio {
  const d = numerator.dimensions.length;
  if (denominator.dimensions.length !== d) {
    throw new RangeError(
      `parzenBestLogRatio: numerator and denominator must have the same dimensions, got ${d} and ${denominator.dimensions.length}`,
    );
  }
  const lp = parzenLogPdf(numerator, candidates);
  const m = lp.length;
  const plan = evaluationPlan(denominator);
  const nObs = denominator.nObservations;
  if (plan.sharedPrecision === null || plan.continuous.length !== d || nObs < PROBE_MIN) {
    const lq = parzenLogPdf(denominator, candidates);
    let index = -1;
    let value = Number.NaN;
    for (let j = 0; j < m; j++) {
      const s = lp[j]! - lq[j]!;
      if (!Number.isNaN(s) && (index < 0 || s > value)) {
        index = j;
        value = s;
      }
    }
    return { index, value };
  }
  const k = denominator.nComponents;
  const shared = plan.sharedPrecision;
  const scaled = plan.scaled;
  const precision = plan.precision;
  const base = denominator.logBase;
  // Probe: the running log-sum-exp (max, sum) of each candidate over the prior and every
  // STRIDE-th observation; NaN / out of q's bounds handled as parzenLogPdf does.
  const max = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  const sum = new Float64Array(m);
  const ub = new Float64Array(m).fill(Number.NaN);
  const xs = new Float64Array(d);
  const lqOutside = new Float64Array(m).fill(Number.NaN);
  for (let j = 0; j < m; j++) {
    let nan = false;
    let inside = true;
    for (let c = 0; c < d; c++) {
      const v = candidates[j * d + c]!;
      if (Number.isNaN(v)) nan = true;
      const ker = denominator.kernels[c] as NumericalKernels;
      if (!(v >= ker.low && v <= ker.high)) inside = false;
    }
    if (nan) continue;
    if (!inside) {
      lqOutside[j] = Number.NEGATIVE_INFINITY;
      ub[j] = lp[j]! + Number.POSITIVE_INFINITY;
      continue;
    }
    const acc = new LogSumExpAccumulator(SKIP);
    const row = j * d;
    for (let i = nObs, o = nObs * d; i < k; i++, o += d) {
      let q = 0;
      for (let c = 0; c < d; c++) {
        const z = candidates[row + c]! * precision[o + c]! - scaled[o + c]!;
        q += z * z;
      }
      acc.add(base[i]! - 0.5 * q);
    }
    for (let c = 0; c < d; c++) xs[c] = candidates[row + c]! * shared[c]!;
    for (let i = 0, o = 0; i < nObs; i += STRIDE, o += STRIDE * d) {
      let q = 0;
      for (let c = 0; c < d; c++) {
        const z = xs[c]! - scaled[o + c]!;
        q += z * z;
      }
      acc.add(base[i]! - 0.5 * q);
    }
    max[j] = acc.max;
    sum[j] = acc.sum;
    ub[j] = lp[j]! - acc.value();
  }
  // Complete candidates by decreasing bound (NaN bounds last, never chosen), four at a time
  // so that each observation row is read once for four candidates.
  const order = Array.from({ length: m }, (_, j) => j)
    .filter((j) => !Number.isNaN(ub[j]))
    .sort((a, b) => ub[b]! - ub[a]! || a - b);
  let index = -1;
  let value = Number.NaN;
  const xs4 = new Float64Array(4 * d);
  const group: number[] = [];
  let next = 0;
  while (next < order.length) {
    group.length = 0;
    while (group.length < 4 && next < order.length) {
      const j = order[next]!;
      if (index >= 0 && ub[j]! < value - 1e-12 * Math.max(1, Math.abs(value))) {
        next = order.length;
        break;
      }
      group.push(j);
      next++;
    }
    if (group.length === 0) break;
    completeRest(denominator, plan.scaled, shared, candidates, group, max, sum, lqOutside, xs4);
    for (const j of group) {
      const lq = !Number.isNaN(lqOutside[j])
        ? lqOutside[j]!
        : max[j] === Number.NEGATIVE_INFINITY
          ? max[j]
          : max[j]! + Math.log(sum[j]!);
      const s = lp[j]! - lq;
      if (Number.isNaN(s)) continue;
      if (index < 0 || s > value || (s === value && j < index)) {
        index = j;
        value = s;
      }
    }
    // The bound of the rest of the group may now exclude them: they were completed anyway.
  }
  return { index, value };
}

/**
 * Adds the observation components outside the probe (i mod STRIDE ≠ 0) to the running
 * log-sum-exp (max, sum) of each candidate of `group` (at most four; candidates outside q's
 * bounds are skipped), reading each component row once for the whole group.
 *
 * The four updates below are `LogSumExpAccumulator.add` (special/log-space.ts) inlined on
 * local variables: four accumulator objects measured 1.15-1.25× the CPU time of
 * parzenBestLogRatio (24 candidates against a prebuilt 10-D g of 10,000 observations; median
 * and minimum of 25 alternating rounds, 2026-12-06, issue 19): `npm run ts --
 * benchmarks/micro/parzen.ts --against <a tree with accumulators here> --only ratio`.
 */
function completeRest(
  q: ParzenEstimator,
  scaled: Float64Array,
  shared: Float64Array,
  candidates: Float64Array,
  group: readonly number[],
  max: Float64Array,
  sum: Float64Array,
  outside: Float64Array,
  xs4: Float64Array,
): void {
  const d = q.dimensions.length;
  const nObs = q.nObservations;
  const base = q.logBase;
  const live = group.filter((j) => Number.isNaN(outside[j]));
  if (live.length === 0) return;
  // Pad to four with the last candidate (its updates are then applied once, below).
  const g = live.length;
  for (let t = 0; t < 4; t++) {
    const j = live[Math.min(t, g - 1)]!;
    for (let c = 0; c < d; c++) xs4[t * d + c] = candidates[j * d + c]! * shared[c]!;
  }
  let m0 = max[live[0]!]!;
  let m1 = max[live[Math.min(1, g - 1)]!]!;
  let m2 = max[live[Math.min(2, g - 1)]!]!;
  let m3 = max[live[Math.min(3, g - 1)]!]!;
  let s0 = sum[live[0]!]!;
  let s1 = sum[live[Math.min(1, g - 1)]!]!;
  let s2 = sum[live[Math.min(2, g - 1)]!]!;
  let s3 = sum[live[Math.min(3, g - 1)]!]!;
  const p1 = d;
  const p2 = 2 * d;
  const p3 = 3 * d;
  for (let b = 0; b < nObs; b += STRIDE) {
    const end = Math.min(nObs, b + STRIDE);
    for (let i = b + 1, o = (b + 1) * d; i < end; i++, o += d) {
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let c = 0; c < d; c++) {
        const sv = scaled[o + c]!;
        const z0 = xs4[c]! - sv;
        const z1 = xs4[p1 + c]! - sv;
        const z2 = xs4[p2 + c]! - sv;
        const z3 = xs4[p3 + c]! - sv;
        q0 += z0 * z0;
        q1 += z1 * z1;
        q2 += z2 * z2;
        q3 += z3 * z3;
      }
      const bi = base[i]!;
      const v0 = bi - 0.5 * q0;
      if (v0 > m0 - SKIP) {
        if (v0 > m0) {
          s0 = m0 === Number.NEGATIVE_INFINITY ? 1 : s0 * expNonPositive(m0 - v0) + 1;
          m0 = v0;
        } else s0 += expNonPositive(v0 - m0);
      }
      const v1 = bi - 0.5 * q1;
      if (v1 > m1 - SKIP) {
        if (v1 > m1) {
          s1 = m1 === Number.NEGATIVE_INFINITY ? 1 : s1 * expNonPositive(m1 - v1) + 1;
          m1 = v1;
        } else s1 += expNonPositive(v1 - m1);
      }
      const v2 = bi - 0.5 * q2;
      if (v2 > m2 - SKIP) {
        if (v2 > m2) {
          s2 = m2 === Number.NEGATIVE_INFINITY ? 1 : s2 * expNonPositive(m2 - v2) + 1;
          m2 = v2;
        } else s2 += expNonPositive(v2 - m2);
      }
      const v3 = bi - 0.5 * q3;
      if (v3 > m3 - SKIP) {
        if (v3 > m3) {
          s3 = m3 === Number.NEGATIVE_INFINITY ? 1 : s3 * expNonPositive(m3 - v3) + 1;
          m3 = v3;
        } else s3 += expNonPositive(v3 - m3);
      }
    }
  }
  const ms = [m0, m1, m2, m3];
  const ss = [s0, s1, s2, s3];
  for (let t = 0; t < g; t++) {
    max[live[t]!] = ms[t]!;
    sum[live[t]!] = ss[t]!;
  }
}
