/**
 * ManualClock: a clock that moves only when told to, for tests and for simulations that
 * drive a study on simulated time.
 */
import { type CancelTimer, type Clock, yieldToEventLoop } from "./clock.js";

/** Options of {@link ManualClock}. */
export interface ManualClockOptions {
  /** The starting time, in milliseconds since the Unix epoch. @defaultValue 0 (1970-01-01T00:00:00Z) */
  readonly start?: number;
}

interface PendingTimer {
  readonly due: number;
  /** Creation order: timers due at the same time fire in the order they were set. */
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A clock whose time changes only through {@link ManualClock.advance}. Timers fire inside
 * `advance`, in order of due time (ties in the order they were set), each seeing `now()` at
 * its own due time; a timer set by a callback fires in the same `advance` if it falls due
 * within it. `yield()` is one turn of the real event loop (it does not move this clock).
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const study = await createStudy({ sampler, clock });
 * // Each trial takes one simulated second; the study ends after 10 s of simulated time.
 * await study.optimize((t) => { clock.advance(1000); return t.suggestFloat("x", 0, 1); }, { timeout: 10 });
 * ```
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  /** Pending timers, ordered by (due, seq). */
  private readonly timers: PendingTimer[] = [];

  /** @throws RangeError unless `start` is a finite number. */
  constructor(options: ManualClockOptions = {}) {
    const start = options.start ?? 0;
    if (typeof start !== "number" || !Number.isFinite(start)) {
      throw new RangeError(
        `ManualClock: start must be a finite number of milliseconds, got ${String(start)}`,
      );
    }
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Sets a timer `ms` milliseconds from now (a negative or NaN delay counts as 0). */
  setTimer(ms: number, callback: () => void): CancelTimer {
    const timer: PendingTimer = { due: this.time + (ms > 0 ? ms : 0), seq: this.seq++, callback };
    // Insert after every timer due at or before it (binary search on (due, seq)).
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timers[mid]!.due <= timer.due) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  yield(): Promise<void> {
    return yieldToEventLoop();
  }

  /** Number of timers set and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** The due time of the next timer, or null when none is pending. */
  get nextTimerAt(): number | null {
    return this.timers.length === 0 ? null : this.timers[0]!.due;
  }

  /**
   * Moves time forward by `ms`, firing the timers that fall due on the way.
   * @throws RangeError unless `ms` is a finite number ≥ 0.
   */
  advance(ms: number): void {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${String(ms)}`);
    }
    const target = this.time + ms;
    while (this.timers.length > 0 && this.timers[0]!.due <= target) {
      const timer = this.timers.shift()!;
      if (timer.due > this.time) this.time = timer.due;
      timer.callback();
    }
    this.time = target;
  }
}
