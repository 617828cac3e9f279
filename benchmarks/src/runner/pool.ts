/**
 * Runs benchmark cells over `parallel` slots of `@tunelab/runner`'s pool. Each slot hands a
 * cell to its own executor for the cell's side (created on first use): a worker thread for
 * tunelab cells (or this thread when `parallel` is 1 and threads are not forced), a Python
 * process for Optuna cells. Records arrive in completion order through `onRecord`.
 */
import { runPool as runJobs } from "@tunelab/runner/pool";
import { type CellExecutor, inProcessExecutor, skippingExecutor, threadExecutor } from "./executors.js";
import type { RunCell, RunRecord } from "./types.js";

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Slots running at once. @defaultValue 1 */
  readonly parallel?: number;
  /** Use worker threads even with one slot. @defaultValue false */
  readonly threads?: boolean;
  /** Builds the executor of the Optuna side for one slot (null: Optuna cells are skipped). */
  readonly optunaExecutor?: (() => CellExecutor) | null;
  /** Called with each record as it completes. */
  readonly onRecord?: (record: RunRecord) => void;
}

/**
 * Runs every cell and resolves with the records in completion order.
 * @throws RangeError if `parallel` is not an integer ≥ 1.
 */
export function runPool(cells: readonly RunCell[], options: PoolOptions = {}): Promise<RunRecord[]> {
  const parallel = options.parallel ?? 1;
  const useThreads = options.threads === true || parallel > 1;
  const optuna = options.optunaExecutor ?? null;
  return runJobs(cells, {
    parallel,
    kindOf: (cell) => cell.side,
    makeExecutor: (side): CellExecutor => {
      if (side === "optuna")
        return optuna === null ? skippingExecutor("the Optuna peer is not available") : optuna();
      return useThreads ? threadExecutor() : inProcessExecutor();
    },
    ...(options.onRecord === undefined ? {} : { onResult: (record: RunRecord) => options.onRecord!(record) }),
  });
}
