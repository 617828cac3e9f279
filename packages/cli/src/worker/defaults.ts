/**
 * The defaults of `tunelab worker`'s flags, apart so that the command's help loads nothing
 * else (a `tunelab` process loads only what its command line needs).
 */

/** Defaults of the worker's flags (documented in `--help` and the README). */
export const WORKER_DEFAULTS: {
  readonly heartbeatInterval: number;
  readonly maxRetry: number;
  readonly onInterrupt: "requeue" | "fail";
  readonly killGrace: number;
  readonly pruneGrace: number;
  readonly processes: number;
} = {
  heartbeatInterval: 60,
  maxRetry: 3,
  onInterrupt: "requeue",
  killGrace: 10,
  pruneGrace: 10,
  processes: 1,
};

/** The most local worker processes `--processes` starts. */
export const MAX_PROCESSES = 256;
