/**
 * The queue-wait model: how long a job waits between submission and start on a cluster
 * shared with other users. Every parameter lives in {@link QueueModel}.
 *
 * Notation: g GPUs requested, T the time limit (hours), ρ ∈ [0, 1) the background load (the
 * share of the cluster busy with other users' work), S = g·T the requested GPU-hours, S₀ a
 * reference size, w₀ a base wait, β the size exponent.
 *
 *   mean wait  W̄(g, T, ρ) = w₀ · (1 + S/S₀)^β · ρ/(1 - ρ)
 *   one wait   W = W̄ · E,  E ~ Exponential(1)
 *
 * - ρ/(1 - ρ): the mean queueing delay of a single-server queue grows as ρ/(1 - ρ) (M/M/1,
 *   Kleinrock, "Queueing Systems", vol. 1, 1975, §3.2); a cluster is not M/M/1, but the blow-up
 *   as the load approaches 1 is the feature that matters here [D].
 * - (1 + S/S₀)^β: a backfill scheduler (SLURM's `sched/backfill`, slurm.schedmd.com
 *   sched_config) starts a job early when it fits in the holes left before the next reserved
 *   start; a hole must be both wide enough (g GPUs free at once, on one node for g ≤ 8) and
 *   long enough (T), so small, short jobs start sooner. The product S = g·T and β = 1 are a
 *   design choice [D], not a fit to a trace: change them here to match a cluster's history.
 * - Exponential draws (one per job, from the job's own random stream) make W̄ the mean; the
 *   draw E is shared by a job's variants in a scenario grid (common random numbers), so a
 *   larger request never waits less for the same E (monotone, property-tested).
 *
 * The account limit (SLURM's `GrpTRESRunMins=gres/gpu=…`) caps the GPU-minutes that running
 * jobs of the account may hold at once, counted here as g × time limit of each running job
 * (SLURM counts the remaining minutes; counting the whole limit is the conservative reading
 * [D]). A job that has waited its W and would exceed the cap, or the account's G GPUs, waits
 * further, first come first served, until running jobs end.
 */

/** Parameters of the queue-wait model (see the module header). */
export interface QueueModel {
  /** ρ, the background load, in [0, 1). @defaultValue 0 (an idle cluster: no wait) */
  readonly load?: number;
  /** w₀, seconds ≥ 0. @defaultValue 600 (10 minutes at ρ = ½ for a tiny job) */
  readonly baseWait?: number;
  /** S₀, GPU-hours > 0. @defaultValue 8 (one 8-GPU node for an hour) */
  readonly referenceGpuHours?: number;
  /** β ≥ 0. @defaultValue 1 */
  readonly sizeExponent?: number;
}

/** {@link QueueModel} with every default filled in. */
export type ResolvedQueueModel = Required<QueueModel>;

/** The defaults of {@link QueueModel}. */
export const DEFAULT_QUEUE: ResolvedQueueModel = {
  load: 0,
  baseWait: 600,
  referenceGpuHours: 8,
  sizeExponent: 1,
};

/**
 * Fills defaults and checks the fields.
 * @throws RangeError naming the field and its range.
 */
export function resolveQueueModel(where: string, model: QueueModel | undefined): ResolvedQueueModel {
  const m = { ...DEFAULT_QUEUE, ...(model ?? {}) };
  const check = (name: string, v: number, ok: boolean, range: string): void => {
    if (typeof v !== "number" || !Number.isFinite(v) || !ok)
      throw new RangeError(`${where}: queue.${name} must be ${range}, got ${String(v)}`);
  };
  check("load", m.load, m.load >= 0 && m.load < 1, "in [0, 1)");
  check("baseWait", m.baseWait, m.baseWait >= 0, "a number of seconds >= 0");
  check("referenceGpuHours", m.referenceGpuHours, m.referenceGpuHours > 0, "> 0");
  check("sizeExponent", m.sizeExponent, m.sizeExponent >= 0, ">= 0");
  return m;
}

/**
 * W̄(g, T, ρ): the mean queue wait in seconds of a job of `gpus` GPUs and a time limit of
 * `timeLimit` seconds. Non-decreasing in `gpus`, `timeLimit` and the load.
 * @example meanQueueWait(8, 4 * 3600, { ...DEFAULT_QUEUE, load: 0.8 }) // 600·(1 + 32/8)·4 = 12,000 s
 */
export function meanQueueWait(gpus: number, timeLimit: number, model: ResolvedQueueModel): number {
  const size = (gpus * timeLimit) / 3600;
  return (
    model.baseWait *
    (1 + size / model.referenceGpuHours) ** model.sizeExponent *
    (model.load / (1 - model.load))
  );
}

/** One queue wait, seconds, for the exponential variate `e` (≥ 0, from the job's stream). */
export function queueWait(gpus: number, timeLimit: number, model: ResolvedQueueModel, e: number): number {
  return meanQueueWait(gpus, timeLimit, model) * e;
}
