/**
 * The progress bar of `optimize({ showProgressBar: true })`: cli-progress on the terminal
 * (stderr) in Node; nothing where there is no terminal stream (a browser). Loaded only when
 * asked for, so the study package costs nothing more otherwise.
 */

import type { Clock } from "../clock/clock.js";

/** What `optimize` needs of a progress bar. */
export interface ProgressBar {
  /** One more trial finished; `label` describes the best so far. */
  tick(label: string): void;
  /** Ends the bar (leaves the last state on screen). */
  stop(): void;
}

/** The extent of the run: a number of trials, else a time budget, else open-ended. */
export interface ProgressExtent {
  readonly nTrials: number | null;
  readonly timeout: number | null;
}

/**
 * Starts a bar: with `nTrials`, counts trials; with only `timeout`, shows elapsed seconds
 * out of the budget (on `clock`); with neither, counts trials without a total.
 * @returns null where no terminal stream exists (a browser).
 */
export async function startProgressBar(extent: ProgressExtent, clock: Clock): Promise<ProgressBar | null> {
  const proc = (globalThis as { process?: { stderr?: NodeJS.WriteStream } }).process;
  if (proc?.stderr === undefined) return null;
  const { default: cliProgress } = await import("cli-progress");
  const byTime = extent.nTrials === null && extent.timeout !== null;
  const total = extent.nTrials ?? (extent.timeout !== null ? Math.ceil(extent.timeout) : 0);
  const bar = new cliProgress.SingleBar(
    {
      stream: proc.stderr,
      format: byTime
        ? "{bar} {value}/{total} s | {trials} trials | {label}"
        : extent.nTrials === null
          ? "{trials} trials | {label}"
          : "{bar} {value}/{total} trials | eta {eta_formatted} | {label}",
      hideCursor: false,
      clearOnComplete: false,
      etaBuffer: 50,
      // Without a terminal (CI logs, pipes) it redraws every 2 s rather than not at all.
      noTTYOutput: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = clock.now();
  let trials = 0;
  bar.start(total, 0, { trials: 0, label: "" });
  return {
    tick(label: string): void {
      trials++;
      const value = byTime ? Math.min(total, Math.floor((clock.now() - started) / 1000)) : trials;
      bar.update(value, { trials, label });
    },
    stop(): void {
      bar.stop();
    },
  };
}
