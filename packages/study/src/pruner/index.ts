/**
 * The Pruner interface and the pruner that never prunes.
 * @packageDocumentation
 */
import type { StudyView } from "../sampler/sampler.js";
import type { FrozenTrial } from "../trial/frozen.js";

/**
 * Decides from intermediate values whether a running trial should stop early. `prune` is
 * called by `Trial.shouldPrune()` on the study's current snapshot; `trial` includes the
 * values it reported so far.
 */
export interface Pruner {
  prune(study: StudyView, trial: FrozenTrial): boolean;
}

/** A pruner that never prunes (the default). */
export class NopPruner implements Pruner {
  prune(_study: StudyView, _trial: FrozenTrial): boolean {
    return false;
  }
}
