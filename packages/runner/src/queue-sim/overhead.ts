/**
 * Job and trial overheads: the minutes a SLURM job spends before its first trial computes.
 *
 * The defaults are the figures of issue 15 (from practice on shared GPU clusters): preparing a
 * node 0-5 minutes, importing the Python packages about 1 minute, loading the model and/or
 * data set 1-30 minutes. Each is a distribution (a tagged record, drawn with an explicit
 * `Rng`); a job's overhead is the sum of one draw of each, paid once per job before any of its
 * trials starts; the per-trial overhead is paid before each trial (e.g. re-reading a data
 * shard, building the model for new hyperparameters).
 */
import type { Rng } from "@tunelab/math/random";

/** A distribution of a duration in seconds (never negative). */
export type DurationDistribution =
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  /** Log-uniform on [low, high], low > 0: as many draws in 1-3 minutes as in 10-30. */
  | { readonly kind: "log-uniform"; readonly low: number; readonly high: number }
  /** Normal, truncated at 0 by redrawing (at most 64 tries, then 0). */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number };

/** The overheads of a job. Every field is in seconds. */
export interface OverheadModel {
  /** Node preparation (allocation, container, prolog). @defaultValue uniform 0-300 s */
  readonly nodePreparation?: DurationDistribution;
  /** Importing the Python packages. @defaultValue normal, mean 60 s, sd 15 s */
  readonly imports?: DurationDistribution;
  /** Loading the model and/or data set. @defaultValue log-uniform 60-1800 s */
  readonly loading?: DurationDistribution;
  /** Paid before every trial of a job. @defaultValue constant 0 */
  readonly perTrial?: DurationDistribution;
}

/** The defaults of {@link OverheadModel} (issue 15's figures). */
export const DEFAULT_OVERHEAD: Required<OverheadModel> = {
  nodePreparation: { kind: "uniform", low: 0, high: 300 },
  imports: { kind: "normal", mean: 60, sd: 15 },
  loading: { kind: "log-uniform", low: 60, high: 1800 },
  perTrial: { kind: "constant", value: 0 },
};

/** No overhead at all: the idealized workers of most HPO papers. */
export const NO_OVERHEAD: Required<OverheadModel> = {
  nodePreparation: { kind: "constant", value: 0 },
  imports: { kind: "constant", value: 0 },
  loading: { kind: "constant", value: 0 },
  perTrial: { kind: "constant", value: 0 },
};

/** A fixed per-job overhead of `seconds` (node preparation only), nothing per trial. */
export function fixedJobOverhead(seconds: number): Required<OverheadModel> {
  return { ...NO_OVERHEAD, nodePreparation: { kind: "constant", value: seconds } };
}

const fin = (x: number): boolean => typeof x === "number" && Number.isFinite(x);

/**
 * Checks a distribution: finite, non-negative parameters, low ≤ high (low > 0 for log-uniform).
 * @throws RangeError naming `where` and the field.
 */
export function checkDurationDistribution(where: string, d: DurationDistribution): DurationDistribution {
  const bad = (msg: string): never => {
    throw new RangeError(`${where}: ${msg}`);
  };
  if (d === null || typeof d !== "object") bad(`must be a duration distribution record, got ${String(d)}`);
  switch (d.kind) {
    case "constant":
      if (!fin(d.value) || d.value < 0) bad(`value must be a finite number of seconds >= 0, got ${d.value}`);
      break;
    case "uniform":
      if (!fin(d.low) || !fin(d.high) || d.low < 0 || d.high < d.low)
        bad(`uniform needs 0 <= low <= high, finite, got low=${d.low} high=${d.high}`);
      break;
    case "log-uniform":
      if (!fin(d.low) || !fin(d.high) || d.low <= 0 || d.high < d.low)
        bad(`log-uniform needs 0 < low <= high, finite, got low=${d.low} high=${d.high}`);
      break;
    case "normal":
      if (!fin(d.mean) || !fin(d.sd) || d.sd < 0)
        bad(`normal needs a finite mean and sd >= 0, got mean=${d.mean} sd=${d.sd}`);
      break;
    default:
      bad(
        `kind must be "constant", "uniform", "log-uniform" or "normal", got ${String((d as { kind: unknown }).kind)}`,
      );
  }
  return d;
}

/** One draw of a duration distribution, seconds. */
export function drawDuration(d: DurationDistribution, rng: Rng): number {
  switch (d.kind) {
    case "constant":
      return d.value;
    case "uniform":
      return rng.uniform(d.low, d.high);
    case "log-uniform":
      return Math.exp(rng.uniform(Math.log(d.low), Math.log(d.high)));
    case "normal": {
      for (let i = 0; i < 64; i++) {
        const x = rng.normal(d.mean, d.sd);
        if (x >= 0) return x;
      }
      return 0;
    }
  }
}

/** The mean of a duration distribution (the truncated normal's by its closed form is not needed: mean ≥ 3 sd in the defaults). */
export function meanDuration(d: DurationDistribution): number {
  switch (d.kind) {
    case "constant":
      return d.value;
    case "uniform":
      return 0.5 * (d.low + d.high);
    case "log-uniform":
      return d.high === d.low ? d.low : (d.high - d.low) / Math.log(d.high / d.low);
    case "normal":
      return Math.max(0, d.mean);
  }
}

/** The overhead model with defaults filled in and every field checked. @throws RangeError */
export function resolveOverhead(where: string, model: OverheadModel | undefined): Required<OverheadModel> {
  const m = model ?? {};
  const out = { ...DEFAULT_OVERHEAD, ...m };
  for (const key of ["nodePreparation", "imports", "loading", "perTrial"] as const) {
    checkDurationDistribution(`${where}: overhead.${key}`, out[key]);
  }
  return out;
}
