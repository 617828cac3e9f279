/**
 * Where the CMA-ES of `CmaEsSampler` starts, as a tagged record: the centre of the normalized
 * space [0, 1]ⁿ (`space.ts`), a point given by parameter name, or a warm start from the
 * trials of an earlier, similar study (WS-CMA-ES, Nomura et al. 2021, through
 * `warmStartDistribution` of `@tunelab/math/cmaes`). Each record holds the settings only that
 * start has: σ⁽⁰⁾ for the centre and a point, γ and α for the warm start, which sets m⁽⁰⁾,
 * σ⁽⁰⁾ and C⁽⁰⁾ itself.
 */
import {
  type CmaSolution,
  resolveWarmStartOptions,
  type WarmStartOptions,
  warmStartDistribution,
} from "@tunelab/math/cmaes";
import { type FrozenTrial, getKey, hasKey } from "@tunelab/study";
import type { CmaSpace } from "./space.js";

/** Start at the centre of every parameter's range (in log scale for log parameters). */
export interface CmaEsCentreStart {
  /** Start tag. */
  readonly kind: "centre";
  /**
   * Initial step size σ⁽⁰⁾ in the normalized space, where every parameter's range is 1
   * (Optuna's `sigma0` divided by the range).
   * @defaultValue 1/6 (Optuna's min(range)/6)
   */
  readonly sigma0?: number;
}

/** Start at a given point. */
export interface CmaEsPointStart {
  /** Start tag. */
  readonly kind: "point";
  /**
   * Initial mean, as external parameter values by name, each inside its parameter's range;
   * parameters it does not name start at the centre of their range.
   */
  readonly x0: Readonly<Record<string, number>>;
  /** σ⁽⁰⁾, as for {@link CmaEsCentreStart}. @defaultValue 1/6 */
  readonly sigma0?: number;
}

/**
 * Warm start (WS-CMA-ES, Nomura et al. 2021): m⁽⁰⁾, σ⁽⁰⁾ and C⁽⁰⁾ from the best fraction γ of
 * the finished trials of a similar earlier study, in the normalized space (so α = 0.1 is a
 * tenth of every range). Only trials holding every parameter of the search space are used;
 * γ is raised to 1/N when fewer than 1/γ of them are usable, so that at least one is selected.
 * Needs the full covariance (`variant: { kind: "full" }`, the default).
 */
export interface CmaEsWarmStart extends WarmStartOptions {
  /** Start tag. */
  readonly kind: "warm";
  /** The trials to start from (COMPLETE ones; PRUNED ones too with `considerPrunedTrials`). */
  readonly sourceTrials: readonly FrozenTrial[];
}

/** Where CMA-ES starts. */
export type CmaEsStart = CmaEsCentreStart | CmaEsPointStart | CmaEsWarmStart;

/** The initial distribution of an optimizer: m⁽⁰⁾, σ⁽⁰⁾ and C⁽⁰⁾ (null: the identity). */
export interface InitialDistribution {
  readonly mean: Float64Array;
  readonly sigma: number;
  readonly cov: Float64Array | null;
}

/**
 * Checks a start record (for callers without types).
 * @throws TypeError / RangeError naming `where` and the field: an unknown kind, σ⁽⁰⁾ not a
 *   finite number > 0, x0 not a record, sourceTrials not an array, γ or α out of range, or a
 *   warm start with the separable variant.
 */
export function checkStart(where: string, start: CmaEsStart, variant: "full" | "separable"): void {
  if (start === null || typeof start !== "object") {
    throw new TypeError(`${where}: start must be a record { kind: "centre" | "point" | "warm" }`);
  }
  const kind = start.kind;
  if (kind === "warm") {
    if (!Array.isArray(start.sourceTrials)) {
      throw new TypeError(`${where}: start.sourceTrials must be an array of FrozenTrial`);
    }
    resolveWarmStartOptions(where, start, "start.");
    if (variant === "separable") {
      throw new RangeError(
        `${where}: start { kind: "warm" } needs variant { kind: "full" } (the warm start estimates a full covariance)`,
      );
    }
    return;
  }
  if (kind !== "centre" && kind !== "point") {
    throw new RangeError(
      `${where}: start.kind must be "centre", "point" or "warm", got ${JSON.stringify(kind)}`,
    );
  }
  const s = start.sigma0;
  if (s !== undefined && !(typeof s === "number" && s > 0 && Number.isFinite(s))) {
    throw new RangeError(`${where}: start.sigma0 must be a finite number > 0, got ${String(s)}`);
  }
  if (kind === "point" && (start.x0 === null || typeof start.x0 !== "object")) {
    throw new TypeError(`${where}: start.x0 must be a record of parameter values by name`);
  }
}

/**
 * The initial distribution of a new optimizer of `space`.
 * @param sign - +1 to minimize, −1 to maximize (source values are multiplied by it).
 * @param considerPruned - whether PRUNED source trials count, with their last intermediate value.
 * @throws RangeError when an x0 value lies outside its parameter's range, or no source trial
 *   fits the space (both fail the trial that initializes the optimizer).
 */
export function initialDistribution(
  space: CmaSpace,
  start: CmaEsStart,
  sign: 1 | -1,
  considerPruned: boolean,
): InitialDistribution {
  if (start.kind === "warm") return warmStart(space, start, sign, considerPruned);
  const n = space.dim;
  const mean = new Float64Array(n);
  for (let i = 0; i < n; i++) mean[i] = (space.lower[i]! + space.upper[i]!) / 2;
  if (start.kind === "point") applyX0(space, mean, start.x0);
  return { mean, sigma: start.sigma0 ?? 1 / 6, cov: null };
}

function applyX0(space: CmaSpace, mean: Float64Array, x0: Readonly<Record<string, number>>): void {
  for (let i = 0; i < space.dim; i++) {
    const name = space.names[i]!;
    if (!hasKey(x0, name)) continue;
    const v = x0[name];
    const u = typeof v === "number" && Number.isFinite(v) ? space.toUnit(i, v) : Number.NaN;
    // A value inside [low, high] maps inside [0, 1] (cells widen the range of discrete ones).
    if (!(u >= -1e-12 && u <= 1 + 1e-12)) {
      throw new RangeError(
        `CmaEsSampler: start.x0.${name} must be a number inside the parameter's range, got ${String(v)}`,
      );
    }
    mean[i] = Math.min(Math.max(u, space.lower[i]!), space.upper[i]!);
  }
}

function warmStart(
  space: CmaSpace,
  start: CmaEsWarmStart,
  sign: 1 | -1,
  considerPruned: boolean,
): InitialDistribution {
  const solutions: CmaSolution[] = [];
  for (const t of start.sourceTrials) {
    if (t === null || typeof t !== "object") continue;
    let value: number | null = null;
    if (t.state === "COMPLETE") value = t.value;
    else if (t.state === "PRUNED" && considerPruned && t.intermediateValues.size > 0) {
      value = t.intermediateValues.get(Math.max(...t.intermediateValues.keys())) ?? null;
    }
    if (value === null || !Number.isFinite(value)) continue;
    let compatible = true;
    for (const name of space.names) {
      const d = getKey(t.distributions, name);
      if (d === undefined || d.kind === "categorical") compatible = false;
    }
    if (!compatible) continue;
    const x = space.pointOf(t.internalParams);
    if (x === null) continue;
    solutions.push({ x, value: sign * value });
  }
  if (solutions.length === 0) {
    throw new RangeError(
      `CmaEsSampler: no source trial is usable for the warm start (each needs a finite value and every parameter of ${space.names.join(", ")})`,
    );
  }
  // γ as given (the paper's 0.1 by default), but at least one solution (⌊γN⌋ = 0 for N < 1/γ).
  const gamma = Math.max(start.gamma ?? 0.1, 1 / solutions.length);
  return warmStartDistribution(solutions, { gamma, alpha: start.alpha ?? 0.1 });
}
