/**
 * Runs cells over `parallel` slots. Each slot takes the next cell from a shared queue and
 * hands it to its own executor for the cell's side (created on first use): a worker thread
 * for tunelab cells (or this thread when `parallel` is 1 and threads are not forced), a
 * Python process for Optuna cells. Records arrive in completion order through `onRecord`.
 */
import { type Executor, InProcessExecutor, ThreadExecutor } from "./executors.js";
import { type RunCell, type RunRecord, skippedRecord } from "./types.js";

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Slots running at once. @defaultValue 1 */
  readonly parallel?: number;
  /** Use worker threads even with one slot. @defaultValue false */
  readonly threads?: boolean;
  /** Builds the executor of the Optuna side for one slot (null: Optuna cells are skipped). */
  readonly optunaExecutor?: (() => Executor) | null;
  /** Called with each record as it completes. */
  readonly onRecord?: (record: RunRecord) => void;
}

/**
 * Runs every cell and resolves with the records in completion order.
 * @throws RangeError if `parallel` is not an integer ≥ 1.
 */
export async function runPool(cells: readonly RunCell[], options: PoolOptions = {}): Promise<RunRecord[]> {
  const parallel = options.parallel ?? 1;
  if (!Number.isSafeInteger(parallel) || parallel < 1) {
    throw new RangeError(`runPool: parallel must be an integer >= 1, got ${parallel}`);
  }
  const useThreads = options.threads === true || parallel > 1;
  const out: RunRecord[] = [];
  let next = 0;
  const slot = async (): Promise<void> => {
    let tunelab: Executor | null = null;
    let optuna: Executor | null = null;
    try {
      for (;;) {
        const i = next++;
        if (i >= cells.length) return;
        const cell = cells[i]!;
        let record: RunRecord;
        if (cell.side === "optuna") {
          if (options.optunaExecutor === undefined || options.optunaExecutor === null) {
            record = skippedRecord(cell, "the Optuna peer is not available");
          } else {
            optuna ??= options.optunaExecutor();
            record = await optuna.run(cell);
          }
        } else {
          tunelab ??= useThreads ? new ThreadExecutor() : new InProcessExecutor();
          record = await tunelab.run(cell);
        }
        out.push(record);
        options.onRecord?.(record);
      }
    } finally {
      await Promise.all([tunelab?.close(), optuna?.close()]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, Math.max(cells.length, 1)) }, slot));
  return out;
}
