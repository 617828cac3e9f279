/**
 * Executors run jobs, one at a time: in this thread ({@link InProcessExecutor}), in a worker
 * thread (`ThreadExecutor`), or in another process (the benchmark's Optuna peer, the CLI's
 * workers), all behind one interface so that a pool can mix them.
 */

/** Something that runs jobs of type J, one at a time, giving results of type R. */
export interface Executor<J, R> {
  /** Runs one job. A job given before the previous one ended waits its turn or runs at once, as the executor says. */
  run(job: J): Promise<R>;
  /** Releases the thread, process or connection behind it. */
  close(): Promise<void>;
}

/**
 * Runs jobs with a function in the calling thread.
 * @example
 * ```ts
 * const square = new InProcessExecutor((n: number) => n * n);
 * await square.run(3); // 9
 * ```
 */
export class InProcessExecutor<J, R> implements Executor<J, R> {
  private readonly fn: (job: J) => R | Promise<R>;

  /** @param fn - runs one job (a throw or a rejection rejects `run`). */
  constructor(fn: (job: J) => R | Promise<R>) {
    this.fn = fn;
  }

  async run(job: J): Promise<R> {
    return this.fn(job);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
