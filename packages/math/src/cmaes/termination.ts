/**
 * The standard termination criteria of CMA-ES: Hansen (2016), Appendix B, "Termination
 * criteria", and the stagnation rule of Hansen (2009), "Benchmarking a BI-Population CMA-ES
 * on the BBOB-2009 Function Testbed", GECCO workshop, §2.
 *
 * Notation: g generation, σ step size, m mean, C covariance with eigenvalues D_i² and
 * eigenvectors b_i, p_c the covariance path, f values of the recent generation, and
 * h = 10 + ⌈30n/λ⌉ the length of the function-value history.
 */
import { median, type QuantileOptions, quantileSorted } from "../stats/quantile.js";

/** Medians as the mean of the two middle values, (a + b) / 2, as these criteria were written. */
const MIDPOINT: QuantileOptions = { method: "midpoint" };

/** Names of the termination criteria. */
export type TerminationKind =
  | "tolX"
  | "tolFun"
  | "tolFunHist"
  | "conditionCov"
  | "noEffectAxis"
  | "noEffectCoord"
  | "stagnation"
  | "tolXUp"
  | "maxEvaluations";

/** Which criterion fired, with the value that triggered it. */
export interface TerminationReason {
  /** The criterion. */
  readonly kind: TerminationKind;
  /** The measured quantity compared to the threshold (e.g. the condition number). */
  readonly value: number;
  /** The threshold. */
  readonly threshold: number;
}

/** Thresholds of the termination criteria. */
export interface CmaTerminationOptions {
  /** Stop when σ√C_ii and σ|p_c,i| are below tolX for all i. @defaultValue 1e-12 × σ₀ */
  readonly tolX?: number;
  /** Stop when the range of the last h best values and of the recent generation is below tolFun. @defaultValue 1e-12 */
  readonly tolFun?: number;
  /**
   * Stop when the range of the best values of the last h generations is ≤ tolFunHist; the
   * default 0 is Hansen's "EqualFunValues". @defaultValue 0
   */
  readonly tolFunHist?: number;
  /** Stop when the condition number of C exceeds this. @defaultValue 1e14 */
  readonly tolConditionCov?: number;
  /** Stop when σ·max(D) has grown by more than this factor since the start. @defaultValue 1e4 */
  readonly tolXUp?: number;
  /** Stop after this many told solutions (used by the restart strategies). @defaultValue Infinity */
  readonly maxEvaluations?: number;
  /** Criteria to switch off. @defaultValue [] */
  readonly disabled?: readonly TerminationKind[];
}

/** Resolved thresholds (every field present). */
export interface ResolvedTermination {
  /** See {@link CmaTerminationOptions.tolX}. */
  readonly tolX: number;
  /** See {@link CmaTerminationOptions.tolFun}. */
  readonly tolFun: number;
  /** See {@link CmaTerminationOptions.tolFunHist}. */
  readonly tolFunHist: number;
  /** See {@link CmaTerminationOptions.tolConditionCov}. */
  readonly tolConditionCov: number;
  /** See {@link CmaTerminationOptions.tolXUp}. */
  readonly tolXUp: number;
  /** See {@link CmaTerminationOptions.maxEvaluations}. */
  readonly maxEvaluations: number;
  /** See {@link CmaTerminationOptions.disabled}. */
  readonly disabled: readonly TerminationKind[];
}

const KINDS: readonly TerminationKind[] = [
  "tolX",
  "tolFun",
  "tolFunHist",
  "conditionCov",
  "noEffectAxis",
  "noEffectCoord",
  "stagnation",
  "tolXUp",
  "maxEvaluations",
];

/**
 * Fills in defaults and checks the thresholds.
 * @throws RangeError naming `where` on a negative or NaN threshold or an unknown kind.
 */
export function resolveTermination(
  where: string,
  options: CmaTerminationOptions | undefined,
  sigma0: number,
): ResolvedTermination {
  const o = options ?? {};
  const num = (name: string, v: number | undefined, dflt: number, min: number): number => {
    const x = v ?? dflt;
    if (typeof x !== "number" || Number.isNaN(x) || x < min) {
      throw new RangeError(`${where}: termination.${name} must be a number >= ${min}, got ${x}`);
    }
    return x;
  };
  const disabled = o.disabled ?? [];
  for (const k of disabled) {
    if (!KINDS.includes(k))
      throw new RangeError(`${where}: termination.disabled has an unknown criterion ${String(k)}`);
  }
  return {
    tolX: num("tolX", o.tolX, 1e-12 * sigma0, 0),
    tolFun: num("tolFun", o.tolFun, 1e-12, 0),
    tolFunHist: num("tolFunHist", o.tolFunHist, 0, 0),
    tolConditionCov: num("tolConditionCov", o.tolConditionCov, 1e14, 1),
    tolXUp: num("tolXUp", o.tolXUp, 1e4, 1),
    maxEvaluations: num("maxEvaluations", o.maxEvaluations, Number.POSITIVE_INFINITY, 1),
    disabled: [...disabled],
  };
}

/** The state a termination check reads (a view of the optimizer, nothing copied). */
export interface TerminationView {
  /** Generations told so far. */
  readonly generation: number;
  /** Solutions told so far. */
  readonly evaluations: number;
  /** Step size σ. */
  readonly sigma: number;
  /** σ₀·max(D₀) at the start, for tolXUp. */
  readonly initialScale: number;
  /** Mean m. */
  readonly mean: Float64Array;
  /** Diagonal of C. */
  readonly diagC: Float64Array;
  /** Covariance path p_c. */
  readonly pc: Float64Array;
  /** D: square roots of the eigenvalues of C (of the last decomposition). */
  readonly d: Float64Array;
  /** Eigenvectors of C as columns of a row-major n×n matrix, or null when C is diagonal. */
  readonly b: Float64Array | null;
}

/** Serialized {@link FunctionHistory}. */
export interface FunctionHistoryState {
  /** Best value of each of the last h generations, oldest first. */
  readonly best: readonly number[];
  /** Best and worst value of the recent generation. */
  readonly recent: readonly [number, number] | null;
  /** Stagnation window: best value per generation, oldest first. */
  readonly stagBest: readonly number[];
  /** Stagnation window: median value per generation, oldest first. */
  readonly stagMedian: readonly number[];
}

/**
 * Histories of function values for tolFun, tolFunHist and stagnation. `record` is called
 * once per generation with the sorted values.
 */
export class FunctionHistory {
  /** h = 10 + ⌈30n/λ⌉ (Hansen 2016, Appendix B). */
  readonly length: number;
  /** Minimum stagnation window 120 + 30n/λ (Hansen 2009). */
  readonly stagMin: number;
  private best: number[] = [];
  private recent: [number, number] | null = null;
  private stagBest: number[] = [];
  private stagMedian: number[] = [];

  /** A history for dimension n and population λ. */
  constructor(n: number, lambda: number) {
    this.length = 10 + Math.ceil((30 * n) / lambda);
    this.stagMin = Math.ceil(120 + (30 * n) / lambda);
  }

  /** Adds one generation; `sorted` are its function values in ascending order. */
  record(sorted: Float64Array, generation: number): void {
    const lo = sorted[0]!;
    const hi = sorted[sorted.length - 1]!;
    const mid = quantileSorted(sorted, 0.5, MIDPOINT);
    this.recent = [lo, hi];
    this.best.push(lo);
    if (this.best.length > this.length) this.best.shift();
    this.stagBest.push(lo);
    this.stagMedian.push(mid);
    // Hansen (2009): the window is the last 20% of generations, at least 120 + 30n/λ and at
    // most 20000; its start only moves forward, so older entries can be dropped.
    const window = Math.min(20000, Math.max(this.stagMin, Math.ceil(0.2 * generation)));
    const drop = this.stagBest.length - window;
    if (drop > 0) {
      this.stagBest.splice(0, drop);
      this.stagMedian.splice(0, drop);
    }
  }

  /** Range of the best values of the last h generations, or null before h generations. */
  bestRange(): number | null {
    if (this.best.length < this.length) return null;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of this.best) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return hi - lo;
  }

  /** Range over the last h best values and the recent generation, or null before h generations. */
  funRange(): number | null {
    const r = this.bestRange();
    if (r === null || this.recent === null) return null;
    let lo = this.recent[0];
    let hi = this.recent[1];
    for (const v of this.best) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return hi - lo;
  }

  /**
   * Hansen (2009): the medians of the most recent 30% of both the best and the median
   * histories are not better than the medians of the first 30%. Returns the relative
   * progress of the best-value medians (≤ 0 means stagnation) or null if not enough data.
   */
  stagnation(): number | null {
    const len = this.stagBest.length;
    if (len < this.stagMin) return null;
    const k = Math.max(1, Math.floor(0.3 * len));
    const firstBest = medianOf(this.stagBest, 0, k);
    const lastBest = medianOf(this.stagBest, len - k, len);
    const firstMed = medianOf(this.stagMedian, 0, k);
    const lastMed = medianOf(this.stagMedian, len - k, len);
    if (lastBest >= firstBest && lastMed >= firstMed) return firstBest - lastBest;
    return null;
  }

  /** A JSON-safe copy of the histories. */
  getState(): FunctionHistoryState {
    return {
      best: [...this.best],
      recent: this.recent === null ? null : [this.recent[0], this.recent[1]],
      stagBest: [...this.stagBest],
      stagMedian: [...this.stagMedian],
    };
  }

  /** Restores histories from {@link FunctionHistory.getState}. */
  setState(s: FunctionHistoryState): void {
    this.best = [...s.best];
    this.recent = s.recent === null ? null : [s.recent[0], s.recent[1]];
    this.stagBest = [...s.stagBest];
    this.stagMedian = [...s.stagMedian];
  }
}

function medianOf(a: readonly number[], from: number, to: number): number {
  return median(a.slice(from, to), MIDPOINT);
}

/**
 * Evaluates the criteria in a fixed order and returns the first that fires, or null.
 * Hansen (2016), Appendix B: NoEffectAxis, NoEffectCoord, ConditionCov, EqualFunValues
 * (tolFunHist = 0), TolFun, TolX, TolXUp; Hansen (2009): Stagnation.
 */
export function checkTermination(
  v: TerminationView,
  hist: FunctionHistory,
  t: ResolvedTermination,
): TerminationReason | null {
  const on = (k: TerminationKind): boolean => !t.disabled.includes(k);
  const n = v.mean.length;
  const { sigma, mean, diagC, pc, d } = v;

  if (on("maxEvaluations") && v.evaluations >= t.maxEvaluations) {
    return { kind: "maxEvaluations", value: v.evaluations, threshold: t.maxEvaluations };
  }

  let dMax = 0;
  let dMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (d[i]! > dMax) dMax = d[i]!;
    if (d[i]! < dMin) dMin = d[i]!;
  }

  // TolXUp: σ·max(D) grew by more than tolXUp (a too small σ₀ or divergence).
  if (on("tolXUp") && sigma * dMax > t.tolXUp * v.initialScale) {
    return { kind: "tolXUp", value: (sigma * dMax) / v.initialScale, threshold: t.tolXUp };
  }

  // ConditionCov: cond(C) = max D² / min D².
  if (on("conditionCov")) {
    const cond = dMin > 0 ? (dMax / dMin) ** 2 : Number.POSITIVE_INFINITY;
    if (cond > t.tolConditionCov) return { kind: "conditionCov", value: cond, threshold: t.tolConditionCov };
  }

  // NoEffectCoord: adding 0.2 standard deviations in some coordinate leaves m unchanged.
  if (on("noEffectCoord")) {
    for (let i = 0; i < n; i++) {
      if (mean[i] === mean[i]! + 0.2 * sigma * Math.sqrt(diagC[i]!)) {
        return { kind: "noEffectCoord", value: i, threshold: 0.2 };
      }
    }
  }

  // NoEffectAxis: adding 0.1 standard deviations along principal axis i = g mod n leaves m
  // unchanged (one axis per generation, as pycma does).
  if (on("noEffectAxis") && v.generation > 0) {
    const i = v.generation % n;
    const s = 0.1 * sigma * d[i]!;
    let unchanged = true;
    for (let k = 0; k < n && unchanged; k++) {
      const bki = v.b === null ? (k === i ? 1 : 0) : v.b[k * n + i]!;
      if (mean[k] !== mean[k]! + s * bki) unchanged = false;
    }
    if (unchanged) return { kind: "noEffectAxis", value: i, threshold: 0.1 };
  }

  // EqualFunValues / TolFunHist.
  if (on("tolFunHist")) {
    const r = hist.bestRange();
    if (r !== null && r <= t.tolFunHist) return { kind: "tolFunHist", value: r, threshold: t.tolFunHist };
  }

  // TolFun.
  if (on("tolFun")) {
    const r = hist.funRange();
    if (r !== null && r < t.tolFun) return { kind: "tolFun", value: r, threshold: t.tolFun };
  }

  // TolX: every σ√C_ii and σ|p_c,i| below tolX.
  if (on("tolX")) {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      worst = Math.max(worst, sigma * Math.sqrt(diagC[i]!), sigma * Math.abs(pc[i]!));
    }
    if (worst < t.tolX) return { kind: "tolX", value: worst, threshold: t.tolX };
  }

  // Stagnation (Hansen 2009).
  if (on("stagnation")) {
    const s = hist.stagnation();
    if (s !== null) return { kind: "stagnation", value: s, threshold: 0 };
  }
  return null;
}
