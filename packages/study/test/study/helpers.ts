import { samplePrior } from "@tunelab/math/priors";
import { Rng } from "@tunelab/math/random";
import type { Distribution } from "../../src/distributions/distribution.js";
import { distributionToPrior } from "../../src/distributions/repr.js";
import type { Sampler, SearchSpace, StudyView } from "../../src/sampler/sampler.js";
import type { FrozenTrial } from "../../src/trial/frozen.js";

/**
 * A minimal seeded sampler for the study package's own tests (the real samplers live in
 * @tunelab/samplers, above this package): draws each parameter from its prior.
 */
export class PriorSampler implements Sampler {
  calls: string[] = [];
  constructor(private readonly seed = 0) {}
  inferRelativeSearchSpace(_s: StudyView, _t: FrozenTrial): SearchSpace {
    return {};
  }
  sampleRelative(): Record<string, number> {
    return {};
  }
  sampleIndependent(_s: StudyView, trial: FrozenTrial, name: string, d: Distribution): number {
    this.calls.push(name);
    return samplePrior(distributionToPrior(d), Rng.fromSeed(this.seed).fork(trial.number).fork(name));
  }
}
