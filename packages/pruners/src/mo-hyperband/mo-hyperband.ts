/**
 * MoHyperbandPruner: Hyperband for several objectives. The brackets, their shares of the
 * trials and the CRC-32 assignment of trials to brackets are {@link HyperbandPruner}'s (Li et
 * al. 2018, JMLR, Algorithm 1, run asynchronously); each bracket is a
 * {@link MoSuccessiveHalvingPruner} (rungs ranked by non-domination rank, then crowding
 * distance; Schmucker et al. 2021) instead of a single-objective one. With `maxResource:
 * "auto"`, R is the largest reported step of the study's COMPLETE trials plus one (vectors in a
 * multi-objective study), per study. With one objective it decides as `HyperbandPruner` with
 * `bootstrapCount` 0. There is no `bootstrapCount`.
 */
import { type FrozenTrial, intermediateVectors, type Pruner, type StudyView } from "@tunelab/study";
import { HyperbandPruner, type HyperbandPrunerOptions } from "../hyperband/hyperband.js";
import { MoSuccessiveHalvingPruner } from "../mo-successive-halving/mo-successive-halving.js";

/** Options of {@link MoHyperbandPruner}: {@link HyperbandPrunerOptions} without `bootstrapCount`. */
export type MoHyperbandPrunerOptions = Omit<HyperbandPrunerOptions, "bootstrapCount">;

/**
 * Hyperband whose brackets are multi-objective successive halving.
 * @example
 * ```ts
 * const pruner = new MoHyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
 * const study = await createStudy({ directions: ["minimize", "minimize"], sampler, pruner });
 * ```
 */
export class MoHyperbandPruner extends HyperbandPruner {
  /** @throws RangeError for invalid options (as {@link HyperbandPruner}). */
  constructor(options: MoHyperbandPrunerOptions = {}) {
    super({ ...options, bootstrapCount: 0 });
  }

  protected override makeBracketPruner(minEarlyStoppingRate: number): Pruner {
    return new MoSuccessiveHalvingPruner({
      minResource: this.minResource,
      reductionFactor: this.reductionFactor,
      minEarlyStoppingRate,
    });
  }

  protected override lastReportedStep(trial: FrozenTrial): number | null {
    let last = -1;
    for (const s of intermediateVectors(trial).keys()) if (s > last) last = s;
    return last < 0 ? null : last;
  }

  /** Any number of objectives. */
  protected override checkStudy(_study: StudyView): void {}
}
