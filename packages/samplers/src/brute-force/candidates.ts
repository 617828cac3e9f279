/**
 * The finite list of values of a discrete distribution, by index, without building it: a
 * categorical's choice indices, an int's low, low + step, ..., high, a stepped float's grid.
 * Index k ↔ internal value:
 *
 * | distribution | count | value of index k |
 * |---|---|---|
 * | categorical (n choices) | n | k (the choice index) |
 * | int [low, high] step s (log or not) | (high − low)/s + 1 | low + k·s |
 * | float [low, high] step s | ⌊(high − low)/s⌋ + 1 (tolerant) | low + k·s, snapped to the grid |
 * | float without step, low = high | 1 | low |
 *
 * A float without step and with low < high has infinitely many values: {@link candidateCount}
 * returns Infinity, and the sampler refuses it naming the parameter.
 */
import { fromInternal, uniformSize } from "@tunelab/math/priors";
import { containsInternal, type Distribution, distributionToPrior } from "@tunelab/study";

/** Number of values of `d` (Infinity for a continuous float with low < high). */
export function candidateCount(d: Distribution): number {
  switch (d.kind) {
    case "categorical":
      return d.choices.length;
    case "int":
      return (d.high - d.low) / d.step + 1;
    case "float": {
      if (d.step === null) return d.low === d.high ? 1 : Number.POSITIVE_INFINITY;
      const prior = distributionToPrior(d);
      return prior.kind === "uniform" ? uniformSize(prior) : Number.POSITIVE_INFINITY;
    }
  }
}

/** The internal value of index k (0 ≤ k < candidateCount(d)). */
export function candidateValue(d: Distribution, k: number): number {
  switch (d.kind) {
    case "categorical":
      return k;
    case "int":
      return d.low + k * d.step;
    case "float":
      if (d.step === null) return d.low;
      // The prior's grid snapping (the one RandomSampler's draws go through).
      return fromInternal(distributionToPrior(d), d.low + k * d.step);
  }
}

/** The index of an internal value of `d`, or -1 when the value is not one of its candidates. */
export function candidateIndex(d: Distribution, internal: number): number {
  if (typeof internal !== "number" || !containsInternal(d, internal)) return -1;
  switch (d.kind) {
    case "categorical":
      return internal;
    case "int":
      return (internal - d.low) / d.step;
    case "float": {
      if (d.step === null) return d.low === d.high ? 0 : -1;
      const k = Math.round((internal - d.low) / d.step);
      return k >= 0 && k < candidateCount(d) ? k : -1;
    }
  }
}
