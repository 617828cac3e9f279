/**
 * The normalized space CMA-ES works in: each numeric parameter of the relative search space
 * becomes one coordinate of [0, 1]ⁿ.
 *
 * Coordinate i is the parameter's internal value (log scale for log parameters; for integer and
 * stepped parameters the relaxed interval in which each grid value owns a cell of one step,
 * see `@tunelab/math/priors`) mapped affinely onto [0, 1]:
 *   u_i = (t_i(x_i) − lo_i) / (hi_i − lo_i),   x_i = fromInternal(lo_i + u_i (hi_i − lo_i)),
 * with [lo_i, hi_i] = internalBounds(prior_i) and fromInternal rounding to the grid. Working in
 * [0, 1]ⁿ makes σ⁽⁰⁾ the same fraction of every parameter's range, whatever its units.
 * When hi_i − lo_i overflows (a range such as [−1e308, 1e308]), the map is computed from the
 * halved bounds, u_i = (t/2 − lo_i/2)/(hi_i/2 − lo_i/2) and x_i = fromInternal(2·(lo_i/2 +
 * u_i (hi_i/2 − lo_i/2))): the same map with every intermediate finite (halving is exact at
 * such magnitudes). Ranges of finite width keep the formulas above, bit for bit.
 *
 * With margin (Hamano et al. 2022), an integer or stepped parameter with K values (not log)
 * becomes a grid coordinate: the K cell centres (k + 1/2)/K, k = 0..K−1, with step 1/K and
 * bounds [1/(2K), 1 − 1/(2K)]; CMA-ES with margin keeps each of them from fixating. Log
 * integers stay continuous coordinates (their cells are not evenly spaced in log scale) and
 * are rounded, and so are grids of more than 2^52 values (e.g. suggestInt(0, 2 ** 52),
 * suggestInt(MIN_SAFE_INTEGER, MAX_SAFE_INTEGER), a float step of 1e-300 on [0, 1]): a cell
 * of [0, 1] is then narrower than 2^−52, two doubles near 1, so near 1 its centre and its two
 * thresholds may round onto each other (up to 2^52 cells they stay distinct). At that resolution the margin, which keeps the spread of a
 * coordinate at about one cell, would change nothing that rounding does not already give.
 */
import { fromInternal, internalBounds, type Prior, toInternal, uniformSize } from "@tunelab/math/priors";
import { type Distribution, distributionToPrior, getKey, type SearchSpace } from "@tunelab/study";

/** FNV-1a (32 bits) of a string, as 8 hex digits: a short, stable name for a search space. */
export function fnv1aHex(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The canonical description of a numeric search space (names sorted). */
function describeSpace(names: readonly string[], space: SearchSpace): string {
  return JSON.stringify(
    names.map((name) => {
      const d = space[name]!;
      return d.kind === "categorical"
        ? [name, d.kind, d.choices]
        : [name, d.kind, d.low, d.high, d.log, d.step];
    }),
  );
}

/** The largest grid that becomes a margin coordinate (see the module comment): 2^52 values. */
export const MAX_GRID_VALUES: number = 2 ** 52;

/** Number of grid values of an integer or stepped distribution that is not log-scaled, else 0. */
function gridValues(d: Distribution, prior: Prior): number {
  if (d.kind === "int" && !d.log && prior.kind === "int") return (prior.high - prior.low) / prior.step + 1;
  if (d.kind === "float" && d.step !== null && prior.kind === "uniform") return uniformSize(prior);
  return 0;
}

/**
 * A numeric search space as the n coordinates of [0, 1]ⁿ that the optimizer sees.
 * Not exported from the package: the sampler's internal representation.
 */
export class CmaSpace {
  /** Parameter names, sorted (coordinate i is names[i]). */
  readonly names: readonly string[];
  /** Number of coordinates n. */
  readonly dim: number;
  /** The canonical description (names, kinds, bounds, log, step). */
  readonly key: string;
  /** {@link fnv1aHex} of `key`: stored on trials to tell which space they were sampled in. */
  readonly hash: string;
  /** Lower bounds of the coordinates (0, or 1/(2K) for margin grids). */
  readonly lower: Float64Array;
  /** Upper bounds of the coordinates (1, or 1 − 1/(2K) for margin grids). */
  readonly upper: Float64Array;
  /** Margin grid steps: 1/K for grid coordinates, 0 for continuous ones. */
  readonly steps: Float64Array;
  /** True when at least one coordinate is a margin grid. */
  readonly hasGrid: boolean;
  private readonly priors: readonly Prior[];
  /** 1, or 1/2 where hi − lo overflows: lo, width and internal values are kept times this. */
  private readonly scale: Float64Array;
  /** lo_i·scale_i. */
  private readonly lo: Float64Array;
  /** (hi_i − lo_i)·scale_i, computed as hi_i·scale_i − lo_i·scale_i (finite). */
  private readonly width: Float64Array;
  /** The distributions' low and high (external values). */
  private readonly low: Float64Array;
  private readonly high: Float64Array;

  /**
   * @param space - numeric distributions (float and int, more than one value each).
   * @param withMargin - make integer and stepped (non-log) parameters margin grid coordinates.
   * @throws RangeError if the space is empty or holds a categorical or single-valued distribution.
   */
  constructor(space: SearchSpace, withMargin: boolean) {
    const names = Object.keys(space).sort();
    if (names.length === 0) throw new RangeError("CmaSpace: the search space is empty");
    const n = names.length;
    this.names = names;
    this.dim = n;
    this.key = describeSpace(names, space);
    this.hash = fnv1aHex(this.key);
    this.lower = new Float64Array(n);
    this.upper = new Float64Array(n).fill(1);
    this.steps = new Float64Array(n);
    this.scale = new Float64Array(n);
    this.lo = new Float64Array(n);
    this.width = new Float64Array(n);
    this.low = new Float64Array(n);
    this.high = new Float64Array(n);
    const priors: Prior[] = [];
    let hasGrid = false;
    names.forEach((name, i) => {
      const d = space[name]!;
      if (d.kind === "categorical") {
        throw new RangeError(`CmaSpace: parameter "${name}" is categorical; CMA-ES models numbers only`);
      }
      const prior = distributionToPrior(d);
      const [lo, hi] = internalBounds(prior);
      if (!(hi > lo)) throw new RangeError(`CmaSpace: parameter "${name}" has a single value`);
      priors.push(prior);
      this.low[i] = d.low;
      this.high[i] = d.high;
      const scale = Number.isFinite(hi - lo) ? 1 : 0.5;
      this.scale[i] = scale;
      this.lo[i] = lo * scale;
      this.width[i] = hi * scale - lo * scale;
      const k = withMargin ? gridValues(d, prior) : 0;
      if (k >= 2 && k <= MAX_GRID_VALUES) {
        hasGrid = true;
        this.steps[i] = 1 / k;
        this.lower[i] = 0.5 / k;
        this.upper[i] = 1 - 0.5 / k;
      }
    });
    this.priors = priors;
    this.hasGrid = hasGrid;
  }

  /** The coordinate of an internal parameter value (may fall outside [0, 1] if x is off the box). */
  toUnit(i: number, internal: number): number {
    return (toInternal(this.priors[i]!, internal) * this.scale[i]! - this.lo[i]!) / this.width[i]!;
  }

  /** The internal parameter value of coordinate value u: rounded to the grid, clamped to the bounds. */
  fromUnit(i: number, u: number): number {
    const v = fromInternal(this.priors[i]!, (this.lo[i]! + u * this.width[i]!) / this.scale[i]!);
    // The prior clamps already; this second clamp to the distribution's own bounds only acts
    // where the prior's grid count rounds (more than 2^53 values: for MIN_SAFE_INTEGER..
    // MAX_SAFE_INTEGER the prior's high is 2^53, which is not a safe integer).
    const lo = this.low[i]!;
    const hi = this.high[i]!;
    return v < lo ? lo : v > hi ? hi : v;
  }

  /**
   * The coordinates of a trial's internal parameters, clamped to [lower, upper]; null when the
   * trial lacks one of the parameters.
   */
  pointOf(internalParams: Readonly<Record<string, number>>): Float64Array | null {
    const x = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) {
      const v = getKey(internalParams, this.names[i]!);
      if (v === undefined) return null;
      const u = this.toUnit(i, v);
      x[i] = u < this.lower[i]! ? this.lower[i]! : u > this.upper[i]! ? this.upper[i]! : u;
    }
    return x;
  }
}
