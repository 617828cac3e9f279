/**
 * The discrete-event simulator: a real study, driven with ask/tell on a virtual clock, over a
 * modelled cluster.
 *
 * Entities: the account's G GPUs; jobs of g GPUs with a time limit, each holding g slots (one
 * trial per GPU at a time) and running up to m trials per slot (`trialsPerTask`, the M of a
 * `tunelab slurm submit --array=0-N%K` task). A job's life: submitted → waits W (the queue
 * model) → waits for the account's GPUs and GPU-minute cap → starts (GPUs held from here) →
 * job overhead → per slot: ask, per-trial overhead, compute, reports, tell → job ends when every
 * slot has finished (or at its time limit: running trials FAIL) and releases its GPUs.
 *
 * Modes: `sequential` (one job at a time), `batch` (k jobs submitted together, the next batch
 * when all have ended), `async` (k jobs at once, a new one submitted the moment one ends).
 * With m = Infinity a job is a persistent worker that asks trials until the budget is spent.
 *
 * Events leave the queue in (time, push order) order and every handler is awaited before the
 * next event, so a run is a deterministic function of its seed. The study reads time from a
 * `ManualClock` advanced to each event's time, so trial datetimes are simulated times. A trial
 * is asked the moment its slot frees and stays RUNNING until told: samplers see exactly the
 * running trials that real workers would leave in a shared storage.
 */
import { Rng } from "@tunelab/math/random";
import { createStudy, ManualClock, type Pruner, type Sampler, type Study, type Trial } from "@tunelab/study";
import type { Evaluation, EvaluationModel } from "./evaluation.js";
import { EventQueue } from "./event-queue.js";
import { drawDuration, type OverheadModel, resolveOverhead } from "./overhead.js";
import { type QueueModel, queueWait, resolveQueueModel } from "./queue-wait.js";

/** How jobs are submitted. */
export type SimulationMode =
  | { readonly kind: "sequential" }
  /** k jobs submitted together; the next batch when every job of this one has ended. */
  | { readonly kind: "batch"; readonly size: number }
  /** k jobs at once; a new job submitted the moment one ends. */
  | { readonly kind: "async"; readonly workers: number };

/** The shape of one job. */
export interface JobShape {
  /** g, GPUs per job (one trial per GPU at a time). @defaultValue 1 */
  readonly gpus?: number;
  /** m, trials per GPU slot of a job (Infinity: a persistent worker). @defaultValue 1 */
  readonly trialsPerTask?: number;
  /** The job's time limit, seconds. @defaultValue 86400 (24 h) */
  readonly timeLimit?: number;
}

/** The cluster as the account sees it. */
export interface ClusterModel {
  /** G, GPUs the account may use at once. @defaultValue Infinity */
  readonly gpus?: number;
  /** Cap on Σ g × time limit (GPU-minutes) over running jobs. @defaultValue Infinity */
  readonly accountGpuMinutes?: number;
  /** Job and trial overheads. @defaultValue {@link DEFAULT_OVERHEAD} */
  readonly overhead?: OverheadModel;
  /** The queue-wait model. @defaultValue {@link DEFAULT_QUEUE} (load 0: no wait) */
  readonly queue?: QueueModel;
}

/** Options of {@link simulate}. */
export interface SimulationOptions {
  /** The sampler, made from a seed derived from {@link SimulationOptions.seed}. */
  readonly sampler: (seed: number) => Sampler;
  /** The pruner (a fresh one per simulation). @defaultValue none (NopPruner) */
  readonly pruner?: () => Pruner;
  /** What a trial costs and returns. */
  readonly model: EvaluationModel;
  /**
   * Trials to ask in total, integer ≥ 1. A trial whose curve turns NaN (a diverged run) FAILs
   * at that report and frees its slot; one whose final value is NaN FAILs at its end.
   */
  readonly nTrials: number;
  readonly mode: SimulationMode;
  /** @defaultValue one GPU, one trial per job, 24 h limit */
  readonly job?: JobShape;
  /** @defaultValue unlimited GPUs, default overheads, idle queue */
  readonly cluster?: ClusterModel;
  /** The seed of everything: sampler, overheads, queue waits. Safe integer. */
  readonly seed: number;
  /** Record every event in {@link SimulationResult.trace}. @defaultValue false */
  readonly trace?: boolean;
}

/** One line of the trace (times in seconds). */
export interface TraceEvent {
  readonly time: number;
  readonly kind: "submit" | "job-start" | "ask" | "report" | "prune" | "tell" | "fail" | "job-end";
  readonly job: number;
  readonly trial?: number;
  /** The value reported or told, where there is one. */
  readonly value?: number;
  /** Running trials (asked, not told) just after this event. */
  readonly running: number;
}

/** A point of the best-so-far curve, one per finished trial. */
export interface ProgressPoint {
  /** Simulated wall-clock seconds since the first submission. */
  readonly time: number;
  /** GPU-hours held by the account's jobs so far (overhead and idle slots included). */
  readonly gpuHours: number;
  /** Best COMPLETE value so far (Infinity before the first). */
  readonly best: number;
}

/** What one simulation returns. */
export interface SimulationResult {
  readonly kind: "queue-sim-result";
  readonly study: Study;
  readonly progress: readonly ProgressPoint[];
  /** Best COMPLETE value at the end. */
  readonly best: number;
  /** Wall-clock seconds from the first submission to the last job's end. */
  readonly makespan: number;
  /** GPU-hours held by jobs in total. */
  readonly gpuHours: number;
  /** Shares of the held GPU-time: computing trials, job + trial overhead, idle (slots done in a job still running). Sum 1. */
  readonly computeShare: number;
  readonly overheadShare: number;
  readonly idleShare: number;
  /** GPU-seconds by use (compute + overhead + idle = held). */
  readonly gpuSeconds: {
    readonly held: number;
    readonly compute: number;
    readonly overhead: number;
    readonly idle: number;
  };
  /** Total and mean queue wait of the jobs, seconds (including waits for the account's GPUs or cap). */
  readonly queueSeconds: number;
  readonly meanQueueSeconds: number;
  /** Jobs run, and trials by final state. */
  readonly jobs: number;
  readonly trials: { readonly complete: number; readonly pruned: number; readonly failed: number };
  /** Time-averaged share of the account's G GPUs held (NaN when G is infinite). */
  readonly utilization: number;
  readonly trace: readonly TraceEvent[];
}

interface Slot {
  done: boolean;
  asked: number;
  run: TrialRun | null;
}

interface Job {
  readonly id: number;
  readonly rng: Rng;
  readonly wait: number;
  readonly quota: number;
  readonly slots: Slot[];
  submitted: number;
  started: number;
  asked: number;
  ended: boolean;
  batch: number;
}

interface TrialRun {
  readonly trial: Trial;
  readonly job: Job;
  readonly slot: Slot;
  readonly eval: Evaluation;
  computeStart: number;
  next: number;
  alive: boolean;
}

type Ev =
  | { readonly kind: "eligible"; readonly job: Job }
  | { readonly kind: "slot-ready"; readonly job: Job; readonly slot: Slot }
  | { readonly kind: "report"; readonly run: TrialRun }
  | { readonly kind: "limit"; readonly job: Job };

function checkInt(where: string, name: string, v: unknown, min: number, allowInf = false): number {
  const ok =
    typeof v === "number" &&
    ((allowInf && v === Number.POSITIVE_INFINITY) || (Number.isSafeInteger(v) && v >= min));
  if (!ok)
    throw new RangeError(
      `${where}: ${name} must be an integer >= ${min}${allowInf ? " or Infinity" : ""}, got ${String(v)}`,
    );
  return v as number;
}

function checkPositive(where: string, name: string, v: unknown, allowInf: boolean): number {
  const ok = typeof v === "number" && v > 0 && (allowInf || Number.isFinite(v));
  if (!ok)
    throw new RangeError(
      `${where}: ${name} must be a number > 0${allowInf ? " (Infinity allowed)" : ", finite"}, got ${String(v)}`,
    );
  return v as number;
}

/**
 * Runs one simulated HPO campaign and returns its trace and metrics.
 * @throws RangeError for an invalid option, naming it and its allowed range (e.g. a job of
 *   more GPUs than the account has, or whose g × limit exceeds the GPU-minute cap).
 * @example
 * ```ts
 * const r = await simulate({
 *   sampler: (seed) => new TpeSampler({ seed }), model: llmModel(llmFinetuneLoss()),
 *   nTrials: 100, mode: { kind: "async", workers: 16 }, seed: 1,
 * });
 * r.best; r.makespan / 3600; r.gpuHours; r.overheadShare;
 * ```
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const where = "simulate";
  if (options === null || typeof options !== "object")
    throw new TypeError(`${where}: options must be an object`);
  if (typeof options.sampler !== "function")
    throw new TypeError(`${where}: sampler must be a function (seed) => Sampler`);
  if (options.model?.kind !== "evaluation-model")
    throw new TypeError(`${where}: model must be an EvaluationModel (testFunctionModel, llmModel)`);
  const nTrials = checkInt(where, "nTrials", options.nTrials, 1);
  const seed = options.seed;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed))
    throw new RangeError(`${where}: seed must be a safe integer, got ${String(seed)}`);
  const mode = options.mode;
  let parallel: number;
  switch (mode?.kind) {
    case "sequential":
      parallel = 1;
      break;
    case "batch":
      parallel = checkInt(where, "mode.size", mode.size, 1);
      break;
    case "async":
      parallel = checkInt(where, "mode.workers", mode.workers, 1);
      break;
    default:
      throw new RangeError(
        `${where}: mode.kind must be "sequential", "batch" or "async", got ${String((mode as { kind?: unknown } | undefined)?.kind)}`,
      );
  }
  const g = checkInt(where, "job.gpus", options.job?.gpus ?? 1, 1);
  const m = checkInt(where, "job.trialsPerTask", options.job?.trialsPerTask ?? 1, 1, true);
  const limit = checkPositive(where, "job.timeLimit", options.job?.timeLimit ?? 86_400, false);
  const cl = options.cluster ?? {};
  const G = checkPositive(where, "cluster.gpus", cl.gpus ?? Number.POSITIVE_INFINITY, true);
  const cap = checkPositive(
    where,
    "cluster.accountGpuMinutes",
    cl.accountGpuMinutes ?? Number.POSITIVE_INFINITY,
    true,
  );
  if (g > G) throw new RangeError(`${where}: job.gpus must be <= cluster.gpus (${G}), got ${g}`);
  const jobMinutes = (g * limit) / 60;
  if (jobMinutes > cap)
    throw new RangeError(
      `${where}: job.gpus × job.timeLimit must be <= cluster.accountGpuMinutes (${cap} GPU-minutes), got ${jobMinutes}`,
    );
  const overhead = resolveOverhead(where, cl.overhead);
  const queue = resolveQueueModel(where, cl.queue);
  const record = options.trace === true;

  // Independent streams: the sampler's seed, then one stream per job (forked by job number,
  // so a job's overheads and wait do not depend on how many draws other jobs made).
  const root = Rng.fromSeed(seed);
  const samplerSeed = root.fork("sampler").int(0, 2 ** 31 - 1);
  const jobRoot = root.fork("jobs");
  const clock = new ManualClock();
  const study = await createStudy({
    sampler: options.sampler(samplerSeed),
    ...(options.pruner !== undefined ? { pruner: options.pruner() } : {}),
    clock,
    direction: "minimize",
  });

  const events = new EventQueue<Ev>();
  const trace: TraceEvent[] = [];
  const progress: ProgressPoint[] = [];
  const pending: Job[] = [];
  let now = 0;
  let jobsMade = 0;
  let reserved = 0; // trials promised to submitted jobs (finite m)
  let asked = 0;
  let running = 0;
  let heldGpus = 0;
  let heldMinutes = 0;
  let heldSeconds = 0; // ∫ held GPUs dt
  let computeSeconds = 0;
  let overheadSeconds = 0;
  let queueSeconds = 0;
  let best = Number.POSITIVE_INFINITY;
  let batchLeft = 0;
  let lastEnd = 0;
  const counts = { complete: 0, pruned: 0, failed: 0 };

  const log = (kind: TraceEvent["kind"], job: number, trial?: number, value?: number): void => {
    if (!record) return;
    trace.push({
      time: now,
      kind,
      job,
      ...(trial !== undefined ? { trial } : {}),
      ...(value !== undefined ? { value } : {}),
      running,
    });
  };

  const advance = (t: number): void => {
    if (t > now) {
      heldSeconds += heldGpus * (t - now);
      clock.advance((t - now) * 1000);
      now = t;
    }
  };

  const budgetLeft = (): boolean => (m === Number.POSITIVE_INFINITY ? asked < nTrials : reserved < nTrials);

  const submit = (): void => {
    const id = jobsMade++;
    const rng = jobRoot.fork(id);
    const e = -Math.log(rng.randomOpen());
    const quota =
      m === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Math.min(g * m, nTrials - reserved);
    if (quota !== Number.POSITIVE_INFINITY) reserved += quota;
    const job: Job = {
      id,
      rng,
      wait: queueWait(g, limit, queue, e),
      quota,
      slots: Array.from({ length: g }, () => ({ done: false, asked: 0, run: null })),
      submitted: now,
      started: Number.NaN,
      asked: 0,
      ended: false,
      batch: 0,
    };
    log("submit", id);
    events.push(now + job.wait, { kind: "eligible", job });
  };

  const tryStart = (): void => {
    while (pending.length > 0) {
      const job = pending[0]!;
      if (heldGpus + g > G || heldMinutes + jobMinutes > cap) return;
      pending.shift();
      job.started = now;
      queueSeconds += now - job.submitted;
      heldGpus += g;
      heldMinutes += jobMinutes;
      log("job-start", job.id);
      const o =
        drawDuration(overhead.nodePreparation, job.rng) +
        drawDuration(overhead.imports, job.rng) +
        drawDuration(overhead.loading, job.rng);
      overheadSeconds += g * Math.min(o, limit);
      events.push(now + limit, { kind: "limit", job });
      for (const slot of job.slots) events.push(now + Math.min(o, limit), { kind: "slot-ready", job, slot });
    }
  };

  const endJob = (job: Job): void => {
    job.ended = true;
    heldGpus -= g;
    heldMinutes -= jobMinutes;
    lastEnd = now;
    log("job-end", job.id);
    if (job.quota !== Number.POSITIVE_INFINITY) reserved -= job.quota - job.asked; // unused quota returns
    if (mode.kind === "batch") {
      batchLeft--;
      if (batchLeft === 0) submitBatch();
    } else if (budgetLeft()) submit();
    tryStart();
  };

  const submitBatch = (): void => {
    for (let i = 0; i < parallel && budgetLeft(); i++) {
      submit();
      batchLeft++;
    }
  };

  const finishSlot = (job: Job, slot: Slot): void => {
    slot.done = true;
    slot.run = null;
    if (job.slots.every((s) => s.done)) endJob(job);
  };

  const record1 = (): void => {
    progress.push({ time: now, gpuHours: heldSeconds / 3600, best });
  };

  const finishTrial = async (run: TrialRun, how: "tell" | "prune" | "fail"): Promise<void> => {
    run.alive = false;
    running--;
    const elapsed = Math.max(0, now - run.computeStart);
    computeSeconds += Math.min(elapsed, run.eval.duration);
    if (how === "tell" && Number.isNaN(run.eval.value)) how = "fail";
    if (how === "tell") {
      await study.tell(run.trial, run.eval.value);
      counts.complete++;
      if (run.eval.value < best) best = run.eval.value;
    } else if (how === "prune") {
      await study.tell(run.trial, { state: "PRUNED" });
      counts.pruned++;
    } else {
      await study.tell(run.trial, { state: "FAIL" });
      counts.failed++;
    }
    log(how, run.job.id, run.trial.number, how === "tell" ? run.eval.value : undefined);
    record1();
  };

  const onSlotReady = async (job: Job, slot: Slot): Promise<void> => {
    slot.run = null;
    const canAsk = slot.asked < m && job.asked < job.quota && asked < nTrials;
    if (!canAsk) {
      finishSlot(job, slot);
      return;
    }
    slot.asked++;
    job.asked++;
    asked++;
    running++;
    const trial = await study.ask();
    const ev = options.model.evaluate(trial);
    log("ask", job.id, trial.number);
    const o = drawDuration(overhead.perTrial, job.rng);
    const jobEnd = job.started + limit;
    overheadSeconds += Math.max(0, Math.min(now + o, jobEnd) - now);
    const run: TrialRun = { trial, job, slot, eval: ev, computeStart: now + o, next: 0, alive: true };
    slot.run = run;
    const first =
      ev.curve !== undefined && ev.curve.values.length > 0
        ? run.computeStart + ev.duration * ev.curve.fractions[0]!
        : run.computeStart + ev.duration;
    events.push(first, { kind: "report", run });
  };

  const onReport = async (run: TrialRun): Promise<void> => {
    if (!run.alive) return;
    const curve = run.eval.curve;
    if (curve !== undefined && run.next < curve.values.length) {
      const i = run.next++;
      const v = curve.values[i]!;
      if (Number.isNaN(v)) {
        // A diverged run stops here (NaN loss ends a training script): FAIL, slot freed.
        await finishTrial(run, "fail");
        events.push(now, { kind: "slot-ready", job: run.job, slot: run.slot });
        return;
      }
      await run.trial.report(v, i);
      log("report", run.job.id, run.trial.number, v);
      if (run.trial.shouldPrune()) {
        await finishTrial(run, "prune");
        events.push(now, { kind: "slot-ready", job: run.job, slot: run.slot });
        return;
      }
      const t =
        run.next < curve.values.length
          ? run.computeStart + run.eval.duration * curve.fractions[run.next]!
          : run.computeStart + run.eval.duration;
      events.push(Math.max(now, t), { kind: "report", run });
      return;
    }
    await finishTrial(run, "tell");
    events.push(now, { kind: "slot-ready", job: run.job, slot: run.slot });
  };

  const onLimit = async (job: Job): Promise<void> => {
    if (job.ended) return;
    for (const slot of job.slots) {
      const run = slot.run;
      if (run?.alive === true) await finishTrial(run, "fail");
      slot.done = true;
      slot.run = null;
    }
    endJob(job);
  };

  if (mode.kind === "batch") submitBatch();
  else for (let i = 0; i < parallel && budgetLeft(); i++) submit();

  for (let e = events.pop(); e !== undefined; e = events.pop()) {
    const p = e.payload;
    // A job's time-limit event outlives a job that ended early, a report event a trial that
    // was killed: skip them without moving the clock.
    if ((p.kind === "limit" && p.job.ended) || (p.kind === "report" && !p.run.alive)) continue;
    advance(e.time);
    switch (p.kind) {
      case "eligible":
        pending.push(p.job);
        tryStart();
        break;
      case "slot-ready":
        if (!p.job.ended && !p.slot.done) await onSlotReady(p.job, p.slot);
        break;
      case "report":
        await onReport(p.run);
        break;
      case "limit":
        await onLimit(p.job);
        break;
    }
  }

  const idle = Math.max(0, heldSeconds - computeSeconds - overheadSeconds);
  const held = heldSeconds;
  return {
    kind: "queue-sim-result",
    study,
    progress,
    best,
    makespan: lastEnd,
    gpuHours: held / 3600,
    computeShare: held > 0 ? computeSeconds / held : 0,
    overheadShare: held > 0 ? overheadSeconds / held : 0,
    idleShare: held > 0 ? idle / held : 0,
    gpuSeconds: { held, compute: computeSeconds, overhead: overheadSeconds, idle },
    queueSeconds,
    meanQueueSeconds: jobsMade > 0 ? queueSeconds / jobsMade : 0,
    jobs: jobsMade,
    trials: counts,
    utilization: G === Number.POSITIVE_INFINITY || lastEnd === 0 ? Number.NaN : held / (G * lastEnd),
    trace,
  };
}

/**
 * The first point of a run's progress at which the best value is ≤ `target`: its wall-clock
 * seconds and GPU-hours, or null when the run never reached it.
 */
export function timeToTarget(progress: readonly ProgressPoint[], target: number): ProgressPoint | null {
  for (const p of progress) if (p.best <= target) return p;
  return null;
}
