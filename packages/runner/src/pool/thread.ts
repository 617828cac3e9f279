/**
 * ThreadExecutor: runs jobs in a dedicated worker thread whose entry module calls
 * `serveJobs(handler)`.
 */
import { Worker } from "node:worker_threads";
import type { Executor } from "./executor.js";
import { deserializeError, type JobMessage, type ResultMessage } from "./messages.js";

/**
 * Starts a worker on `entry`: a compiled `.js` module as is, or, when running from the
 * TypeScript sources (tests, `npm run ts`), a `.ts` module loaded through tsx's ESM loader
 * with the `@tunelab/source` condition (a small bootstrap registers tsx inside the worker
 * first; tsx must be installed where the process runs).
 */
function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry);
  const bootstrap = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ["--conditions=@tunelab/source"] });
}

/**
 * Runs jobs in a worker thread. Jobs and results cross the thread boundary by structured
 * clone; an error thrown by the handler rejects `run` with an Error of the same name and
 * message. If the worker dies, every job in flight rejects, and so does every later `run`.
 * @example
 * ```ts
 * // worker.ts: serveJobs((n: number) => n * n);
 * const executor = new ThreadExecutor<number, number>(new URL("./worker.js", import.meta.url));
 * await executor.run(3); // 9
 * await executor.close();
 * ```
 */
export class ThreadExecutor<J, R> implements Executor<J, R> {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>();
  private failure: unknown = null;
  private closed = false;

  /** @param entry - the worker's module (it calls `serveJobs`); a `.ts` URL runs through tsx. */
  constructor(entry: URL) {
    this.worker = startWorker(entry);
    this.worker.on("message", (msg: ResultMessage<R>) => {
      const w = this.waiting.get(msg.id);
      if (w === undefined) return;
      this.waiting.delete(msg.id);
      if (msg.kind === "result") w.resolve(msg.result);
      else w.reject(deserializeError(msg.error));
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", (code) => {
      if (!this.closed) this.fail(new Error(`worker thread exited with code ${code}`));
    });
  }

  run(job: J): Promise<R> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error("ThreadExecutor.run: the executor is closed"));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const message: JobMessage<J> = { id, job };
      this.worker.postMessage(message);
    });
  }

  /** Stops the worker; jobs still in flight reject. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
    this.fail(new Error("ThreadExecutor: closed while the job was running"));
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
