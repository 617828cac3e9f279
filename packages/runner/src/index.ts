/**
 * `@tunelab/runner`: how trials become jobs. Today the pool that runs jobs over slots in this
 * thread, worker threads or processes (the benchmark's runner); the CLI's local workers and
 * the resource-queue simulator build on it.
 * @packageDocumentation
 */
export * from "./pool/index.js";
