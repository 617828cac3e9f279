/** Waiting on a clock. */
import type { Clock } from "./clock.js";

/**
 * Resolves after `ms` milliseconds on `clock`, or rejects with the signal's reason when
 * `signal` aborts first (at once if it already has). An objective that sleeps through the
 * study's clock runs on simulated time when the study does.
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   await sleep(clock, 60_000, trial.signal); // one (simulated) minute of training
 *   return trial.suggestFloat("x", 0, 1);
 * });
 * ```
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
