/**
 * The pool: jobs run over slots, each with its own executors (this thread, worker threads,
 * other processes).
 * @packageDocumentation
 */
export { type Executor, InProcessExecutor } from "./executor.js";
export type { JobMessage, ResultMessage, SerializedError } from "./messages.js";
export { type PoolOptions, runPool } from "./pool.js";
export { serveJobs } from "./serve.js";
export { ThreadExecutor } from "./thread.js";
