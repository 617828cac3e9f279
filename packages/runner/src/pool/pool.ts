/**
 * runPool: runs jobs over `parallel` slots. Each slot takes the next job from a shared queue
 * and hands it to its own executor for the job's kind, made on the slot's first job of that
 * kind (a worker thread, a process, this thread) and closed when the queue is empty. Results
 * arrive in completion order through `onResult`.
 */
import type { Executor } from "./executor.js";

/** Options of {@link runPool}. */
export interface PoolOptions<J, R> {
  /** Slots running at once. @defaultValue 1 */
  readonly parallel?: number;
  /**
   * The kind of executor a job needs (e.g. "tunelab" or "optuna" in the benchmark).
   * @defaultValue one kind for every job, "default"
   */
  readonly kindOf?: (job: J) => string;
  /** Makes one slot's executor for a kind of job. */
  readonly makeExecutor: (kind: string) => Executor<J, R>;
  /** Called with each result as it completes, before the slot takes its next job. */
  readonly onResult?: (result: R, job: J) => void;
}

/**
 * Runs every job and resolves with the results in completion order. A job whose executor
 * rejects rejects the pool (after every slot has stopped and closed its executors).
 * @throws RangeError if `parallel` is not an integer ≥ 1.
 * @example
 * ```ts
 * const squares = await runPool([1, 2, 3], {
 *   parallel: 2,
 *   makeExecutor: () => new InProcessExecutor((n: number) => n * n),
 * });
 * ```
 */
export async function runPool<J, R>(jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  const parallel = options.parallel ?? 1;
  if (!Number.isSafeInteger(parallel) || parallel < 1) {
    throw new RangeError(`runPool: parallel must be an integer >= 1, got ${parallel}`);
  }
  const kindOf = options.kindOf ?? (() => "default");
  const out: R[] = [];
  let next = 0;
  let failed = false;
  const slot = async (): Promise<void> => {
    const executors = new Map<string, Executor<J, R>>();
    try {
      for (;;) {
        if (failed) return;
        const i = next++;
        if (i >= jobs.length) return;
        const job = jobs[i]!;
        const kind = kindOf(job);
        let executor = executors.get(kind);
        if (executor === undefined) {
          executor = options.makeExecutor(kind);
          executors.set(kind, executor);
        }
        const result = await executor.run(job);
        out.push(result);
        options.onResult?.(result, job);
      }
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      await Promise.all([...executors.values()].map((e) => e.close()));
    }
  };
  const slots = Array.from({ length: Math.min(parallel, Math.max(jobs.length, 1)) }, slot);
  const settled = await Promise.allSettled(slots);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return out;
}
