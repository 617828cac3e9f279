/**
 * The sampler of a study opened by a command that samples nothing (`tell`, `report`,
 * `should-prune`, `trials`, ...): loading TPE there would cost start-up time for nothing.
 * Its hooks are no-ops (a fresh sampler's `afterTrial` has nothing to forget either);
 * sampling throws, which would be a bug of the command.
 */
import type { Sampler } from "@tunelab/study";

/** A sampler that refuses to sample; for commands that only read or finish trials. */
export const READ_ONLY_SAMPLER: Sampler = {
  inferRelativeSearchSpace: () => ({}),
  sampleRelative: () => ({}),
  sampleIndependent: (_study, _trial, name) => {
    throw new Error(`internal error: this command does not sample, yet parameter "${name}" was asked for`);
  },
};
