/**
 * Ready-made `optimize` callbacks.
 */

import type { FrozenTrial } from "../trial/frozen.js";
import { isTrialState, type TrialState } from "../trial/state.js";
import type { Study, TrialCallback } from "./study.js";

/** Options of {@link MaxTrialsCallback}. */
export interface MaxTrialsCallbackOptions {
  /** Which trials count. @defaultValue ["COMPLETE"] */
  readonly states?: readonly TrialState[];
}

/**
 * Stops the study once it holds `nTrials` trials in the given states, counting trials of
 * every worker sharing the storage (Optuna's `MaxTrialsCallback`): with several processes
 * each running `optimize` without `nTrials`, the study as a whole stops at the total.
 *
 * @example
 * ```ts
 * await study.optimize(objective, { callbacks: [new MaxTrialsCallback(100)] });
 * ```
 */
export class MaxTrialsCallback implements TrialCallback {
  readonly nTrials: number;
  readonly states: readonly TrialState[];

  /**
   * @throws RangeError unless nTrials is an integer >= 0 and every state is a trial state.
   */
  constructor(nTrials: number, options: MaxTrialsCallbackOptions = {}) {
    if (!Number.isSafeInteger(nTrials) || nTrials < 0) {
      throw new RangeError(`MaxTrialsCallback: nTrials must be an integer >= 0, got ${String(nTrials)}`);
    }
    const states = options.states ?? ["COMPLETE"];
    if (!Array.isArray(states) || states.length === 0 || !states.every(isTrialState)) {
      throw new RangeError(
        `MaxTrialsCallback: states must be a non-empty array of RUNNING, COMPLETE, PRUNED, FAIL or WAITING, got ${JSON.stringify(states)}`,
      );
    }
    this.nTrials = nTrials;
    this.states = states.slice();
  }

  /** Stops `study` when it holds `nTrials` trials in `states` (after reading other workers' trials). */
  async onTrialFinished(study: Study, _trial: FrozenTrial): Promise<void> {
    await study.refresh();
    if (study.getTrials({ states: this.states }).length >= this.nTrials) study.stop();
  }
}
