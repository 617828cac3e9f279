/** The worker side of a {@link ThreadExecutor}. */
import { parentPort } from "node:worker_threads";
import { type JobMessage, type ResultMessage, serializeError } from "./messages.js";

/**
 * Serves jobs in a worker thread: each job message is run by `handler` and answered with its
 * result or error. Call it once, at the top of the worker's entry module.
 * @throws Error when not called inside a worker thread.
 * @example
 * ```ts
 * // square-worker.ts
 * serveJobs((n: number) => n * n);
 * ```
 */
export function serveJobs<J, R>(handler: (job: J) => R | Promise<R>): void {
  if (parentPort === null) throw new Error("serveJobs: must run inside a worker thread");
  const port = parentPort;
  port.on("message", (msg: JobMessage<J>) => {
    void Promise.resolve()
      .then(() => handler(msg.job))
      .then(
        (result): ResultMessage<R> => ({ id: msg.id, kind: "result", result }),
        (error: unknown): ResultMessage<R> => ({ id: msg.id, kind: "error", error: serializeError(error) }),
      )
      .then((answer) => port.postMessage(answer));
  });
}
