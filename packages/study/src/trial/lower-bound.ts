/** Searching lists of trials ordered by number. */
import type { FrozenTrial } from "./frozen.js";

/**
 * Index of the first trial of `list` (ordered by number) whose number is `number` or more;
 * `list.length` when there is none. The end of the list is checked before bisecting: most
 * callers look for the trials changed since their last look, at the end.
 */
export function trialLowerBound(list: readonly FrozenTrial[], number: number): number {
  let lo = 0;
  let hi = list.length;
  if (hi === 0 || list[hi - 1]!.number < number) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.number < number) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
