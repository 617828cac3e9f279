/**
 * The unit box a population sampler (DifferentialEvolutionSampler, ParticleSwarmSampler)
 * works in: each parameter of the relative search space is one coordinate of [0, 1]^d.
 *
 * Coordinate j is the parameter's internal value (`@tunelab/math/priors`: log scale for log
 * parameters; for integers and stepped floats the relaxed interval in which each grid value owns
 * a cell of one step; for a categorical of n choices the interval [−½, n − ½], choice k owning
 * [k − ½, k + ½]) mapped affinely onto [0, 1]:
 *   u_j = (t_j(x_j) − lo_j) / (hi_j − lo_j),   x_j = fromInternal(lo_j + u_j (hi_j − lo_j)),
 * with fromInternal rounding to the grid (and to the nearest choice index). So integers are
 * rounded, log parameters move in log scale, and a categorical is an ordered index rounded to
 * the nearest choice (as QmcSampler maps them; CmaEsSampler leaves categoricals to its
 * independent sampler instead). The map is computed on halved bounds, so ranges as wide as
 * [−1e308, 1e308] stay finite; a range of zero width maps to u = ½.
 * Coordinates follow the parameter names sorted by code unit, the same in every process.
 */
import { fromInternal, internalBounds, type Prior, toInternal } from "@tunelab/math/priors";
import {
  type Distribution,
  distributionToPrior,
  type FrozenTrial,
  getKey,
  type SearchSpace,
  setKey,
} from "@tunelab/study";

/** A relative search space as coordinates of [0, 1]^d. */
export class UnitSpace {
  /** Parameter names, one per coordinate (sorted). */
  readonly names: readonly string[];
  /** A string naming the space (names and distributions): equal strings, equal maps. */
  readonly fingerprint: string;
  private readonly priors: readonly Prior[];
  private readonly halfLo: Float64Array;
  private readonly halfWidth: Float64Array;

  /** @param space - the relative search space (any key order). */
  constructor(space: SearchSpace) {
    this.names = Object.keys(space).sort();
    const ds: Distribution[] = this.names.map((n) => space[n]!);
    this.fingerprint = JSON.stringify(
      ds.map((d, j) =>
        d.kind === "categorical"
          ? [this.names[j], d.kind, d.choices]
          : [this.names[j], d.kind, d.low, d.high, d.log, d.step],
      ),
    );
    this.priors = ds.map((d) => distributionToPrior(d));
    const d = this.names.length;
    this.halfLo = new Float64Array(d);
    this.halfWidth = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const [lo, hi] = internalBounds(this.priors[j]!);
      this.halfLo[j] = lo / 2;
      this.halfWidth[j] = hi / 2 - lo / 2;
    }
  }

  /** d, the number of coordinates. */
  get dim(): number {
    return this.names.length;
  }

  /** The unit coordinates of a trial's parameters, or null when it lacks one of them. */
  encode(trial: FrozenTrial): Float64Array | null {
    const u = new Float64Array(this.names.length);
    for (let j = 0; j < u.length; j++) {
      const v = getKey(trial.internalParams, this.names[j]!);
      if (v === undefined) return null;
      const w = this.halfWidth[j]!;
      const t = toInternal(this.priors[j]!, v) / 2;
      const x = w > 0 ? (t - this.halfLo[j]!) / w : 0.5;
      u[j] = x < 0 ? 0 : x > 1 ? 1 : x;
    }
    return u;
  }

  /** The parameters (internal representation: categorical index) at unit coordinates u. */
  decode(u: ArrayLike<number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (let j = 0; j < this.names.length; j++) {
      const x = Math.min(1, Math.max(0, u[j]!));
      // + 0 turns −0 into 0 (a rounded index or grid value), which a study stores as another value.
      const v = fromInternal(this.priors[j]!, 2 * (this.halfLo[j]! + x * this.halfWidth[j]!)) + 0;
      setKey(out, this.names[j]!, v);
    }
    return out;
  }
}
