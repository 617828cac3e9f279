/**
 * The planner: which number of workers, trials per task and GPUs per job reach a target
 * soonest (or with the fewest GPU-hours), judged by simulating every combination over seeds.
 *
 * It is a grid search over the simulator, nothing cleverer: each candidate is a full
 * asynchronous job-array campaign (k jobs at once, m trials per GPU slot, g GPUs per job)
 * simulated on every seed, and the recommendation is the candidate with the lowest median
 * hours (or GPU-hours) to the target among those that reach it on at least half the seeds;
 * ties go to the lower value of the other measure, then to the earlier candidate. The whole
 * table is returned beside it, since a recommendation from a model is only as good as the
 * model (`queue-wait.ts` and `overhead.ts` say what is assumed).
 */
import { type SimulationOptions, type SimulationResult, simulate } from "./simulate.js";
import { renderQueueTable, type ScenarioSummary, summarizeScenario } from "./summary.js";

/** Options of {@link planCampaign}. */
export interface PlanOptions {
  /** Everything but the mode, the job shape and the seed, for a seed (the model may depend on it). */
  readonly base: (seed: number) => Omit<SimulationOptions, "mode" | "job" | "seed">;
  /** Candidate numbers of jobs at once (k of `--array=0-N%k`), integers ≥ 1. */
  readonly workers: readonly number[];
  /** Candidate trials per GPU slot of a job (m), integers ≥ 1. @defaultValue [1] */
  readonly trialsPerTask?: readonly number[];
  /** Candidate GPUs per job (g), integers ≥ 1. @defaultValue [1] */
  readonly gpus?: readonly number[];
  /** The job time limit in seconds, or a function of (m, g). @defaultValue 86400 */
  readonly timeLimit?: number | ((trialsPerTask: number, gpus: number) => number);
  /** The value to reach (minimized objective: reached when best ≤ target). */
  readonly target: number;
  /** What to minimize: median wall-clock hours or GPU-hours to the target. @defaultValue "hours" */
  readonly minimize?: "hours" | "gpu-hours";
  /** Seeds to simulate each candidate on. @defaultValue 1..5 */
  readonly seeds?: readonly number[];
}

/** One candidate of a plan. */
export interface PlanCandidate {
  readonly workers: number;
  readonly trialsPerTask: number;
  readonly gpus: number;
  readonly summary: ScenarioSummary;
}

/** What {@link planCampaign} returns. */
export interface CampaignPlan {
  readonly kind: "queue-sim-plan";
  /** The best candidate, or null when none reaches the target on half the seeds. */
  readonly recommended: PlanCandidate | null;
  /** Every candidate, best first (unreached ones last). */
  readonly candidates: readonly PlanCandidate[];
  /** The candidates as a terminal table, best first. */
  readonly table: string;
}

function intList(name: string, xs: readonly number[] | undefined, def: readonly number[]): readonly number[] {
  const v = xs ?? def;
  if (!Array.isArray(v as unknown) || v.length === 0 || v.some((x) => !Number.isSafeInteger(x) || x < 1)) {
    throw new RangeError(
      `planCampaign: ${name} must be a non-empty list of integers >= 1, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/**
 * Simulates every (workers, trialsPerTask, gpus) candidate on every seed and recommends one.
 * @throws RangeError for empty or invalid candidate lists, a non-finite target, an unknown
 *   `minimize`, and whatever {@link simulate} throws for a candidate.
 * @example
 * ```ts
 * const plan = await planCampaign({
 *   base: (seed) => ({ sampler: (s) => new TpeSampler({ seed: s }), model: llmModel(llmFinetuneLoss({ seed })), nTrials: 128,
 *     cluster: { overhead: fixedJobOverhead(1200), queue: { load: 0.5 } } }),
 *   workers: [4, 8, 16], trialsPerTask: [1, 4, 16], target: 0.79,
 * });
 * console.log(plan.table); plan.recommended;
 * ```
 */
export async function planCampaign(options: PlanOptions): Promise<CampaignPlan> {
  if (typeof options?.base !== "function")
    throw new TypeError("planCampaign: base must be a function (seed) => options");
  const workers = intList("workers", options.workers, []);
  const ms = intList("trialsPerTask", options.trialsPerTask, [1]);
  const gs = intList("gpus", options.gpus, [1]);
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  if (!Array.isArray(seeds as unknown) || seeds.length === 0 || seeds.some((s) => !Number.isSafeInteger(s))) {
    throw new RangeError(
      `planCampaign: seeds must be a non-empty list of safe integers, got ${JSON.stringify(seeds)}`,
    );
  }
  const target = options.target;
  if (typeof target !== "number" || !Number.isFinite(target)) {
    throw new RangeError(`planCampaign: target must be a finite number, got ${String(target)}`);
  }
  const minimize = options.minimize ?? "hours";
  if (minimize !== "hours" && minimize !== "gpu-hours") {
    throw new RangeError(`planCampaign: minimize must be "hours" or "gpu-hours", got ${String(minimize)}`);
  }
  const limitOf = (m: number, g: number): number =>
    typeof options.timeLimit === "function" ? options.timeLimit(m, g) : (options.timeLimit ?? 86_400);

  const candidates: PlanCandidate[] = [];
  for (const g of gs) {
    for (const m of ms) {
      for (const k of workers) {
        const runs: SimulationResult[] = [];
        for (const seed of seeds) {
          runs.push(
            await simulate({
              ...options.base(seed),
              mode: { kind: "async", workers: k },
              job: { gpus: g, trialsPerTask: m, timeLimit: limitOf(m, g) },
              seed,
            }),
          );
        }
        candidates.push({
          workers: k,
          trialsPerTask: m,
          gpus: g,
          summary: summarizeScenario(`k=${k} m=${m} g=${g}`, runs, target),
        });
      }
    }
  }
  const key = (c: PlanCandidate): [number, number] =>
    minimize === "hours"
      ? [c.summary.hoursToTarget, c.summary.gpuHoursToTarget]
      : [c.summary.gpuHoursToTarget, c.summary.hoursToTarget];
  const order = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const [a0, a1] = key(a.c);
      const [b0, b1] = key(b.c);
      return a0 - b0 || a1 - b1 || a.i - b.i || 0;
    })
    .map((x) => x.c);
  // Infinity - Infinity is NaN: unreached candidates keep their order at the end.
  const sorted = [
    ...order.filter((c) => Number.isFinite(key(c)[0])),
    ...candidates.filter((c) => !Number.isFinite(key(c)[0])),
  ];
  const best = sorted[0];
  return {
    kind: "queue-sim-plan",
    recommended: best !== undefined && Number.isFinite(key(best)[0]) ? best : null,
    candidates: sorted,
    table: renderQueueTable(sorted.map((c) => c.summary)),
  };
}
