/**
 * The executors of benchmark cells, built on `@tunelab/runner`'s: tunelab cells in this
 * thread or in a worker thread (`worker.ts`), Optuna cells in a Python process of the peer
 * bridge (`peers/optuna.ts`), and a stand-in that records Optuna cells as skipped when the
 * peer is not available.
 */
import { type Executor, InProcessExecutor, ThreadExecutor } from "@tunelab/runner/pool";
import { runTunelabCell } from "./run-cell.js";
import { type RunCell, type RunRecord, skippedRecord } from "./types.js";

/** Something that runs benchmark cells one at a time. */
export type CellExecutor = Executor<RunCell, RunRecord>;

/** Runs tunelab cells in the calling thread. */
export function inProcessExecutor(): CellExecutor {
  return new InProcessExecutor((cell: RunCell) => runTunelabCell(cell));
}

/**
 * Runs tunelab cells in a dedicated worker thread: the compiled `worker.js` beside this
 * module, or `worker.ts` when running from the TypeScript sources (tests, `npm run ts`).
 */
export function threadExecutor(): CellExecutor {
  const entry = import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js";
  return new ThreadExecutor<RunCell, RunRecord>(new URL(entry, import.meta.url));
}

/** Gives every cell a skipped record saying why (the Optuna side without its peer). */
export function skippingExecutor(reason: string): CellExecutor {
  return new InProcessExecutor((cell: RunCell) => skippedRecord(cell, reason));
}
