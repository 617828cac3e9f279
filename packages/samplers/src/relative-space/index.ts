/**
 * The relative search space a model-based sampler works on, kept stable: the study's
 * intersection search space is a new object whenever a trial finishes, and a sampler that
 * prepares per-space work (CMA-ES's space, NSGA-II's genes) should keep the previous space
 * object, and that work, while the content is unchanged.
 * @packageDocumentation
 */
import {
  type Distribution,
  distributionsEqual,
  getKey,
  isSingleValue,
  type SearchSpace,
  setKey,
} from "@tunelab/study";

/** The relative space of one study: the intersection's parameters that `keep` accepts. */
export class StableRelativeSpace {
  private lastIntersection: SearchSpace | null = null;
  private lastRelative: SearchSpace = {};

  /**
   * @param keep - whether a (non-single-valued) distribution of the intersection is modelled
   *   relatively. @defaultValue every one
   */
  constructor(private readonly keep: (d: Distribution) => boolean = () => true) {}

  /**
   * The relative space for the intersection `full`: the same object as last time when
   * `full` is the same object, or has the same content.
   */
  update(full: SearchSpace): SearchSpace {
    if (full === this.lastIntersection) return this.lastRelative;
    this.lastIntersection = full;
    const out: Record<string, Distribution> = {};
    let count = 0;
    let same = true;
    for (const name of Object.keys(full)) {
      const d = full[name]!;
      if (isSingleValue(d) || !this.keep(d)) continue;
      setKey(out, name, d);
      count++;
      const before = getKey(this.lastRelative, name);
      if (before === undefined || !distributionsEqual(before, d)) same = false;
    }
    if (!same || count !== Object.keys(this.lastRelative).length) this.lastRelative = out;
    return this.lastRelative;
  }
}
