/**
 * The clock a study and its storage read time from, injected as the random stream is: the
 * system clock by default, a {@link ManualClock} in tests, a simulator's virtual clock when a
 * resource queue is simulated (time is then a parameter, and a study can run hours of
 * simulated trials in a second).
 */

/** A cancellation handle of {@link Clock.setTimer}: calling it again does nothing. */
export type CancelTimer = () => void;

/**
 * Where time comes from. Everything the study and the in-memory storage do with time goes
 * through one: trial datetimes (`datetimeStart`, `datetimeComplete`, hence `duration`), the
 * `timeout` and `trialTimeout` of `optimize`, and the moments `optimize` lets other work run.
 */
export interface Clock {
  /** The current time in milliseconds since the Unix epoch (may have a fraction). */
  now(): number;
  /**
   * Calls `callback` once, when `ms` milliseconds have passed on this clock.
   * @returns a function that cancels the call if it has not happened yet.
   */
  setTimer(ms: number, callback: () => void): CancelTimer;
  /**
   * Resolves once pending work outside the caller has had a chance to run: on the system
   * clock, one turn of the event loop (timers, signals, I/O). `optimize` calls it when its
   * last call is 10 ms or more in the past on this clock.
   */
  yield(): Promise<void>;
}

/** Lets the event loop run pending macrotasks (timers, signals, I/O) once. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * The real clock: `Date.now()`, `setTimeout`, and a turn of the event loop (`setImmediate`
 * where it exists). The default of `createStudy` and `InMemoryStorage`.
 */
export const systemClock: Clock = Object.freeze({
  now: (): number => Date.now(),
  setTimer(ms: number, callback: () => void): CancelTimer {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  yield: yieldToEventLoop,
});

/** The moment `clock.now()` as a Date. */
export function dateOf(clock: Clock): Date {
  return new Date(clock.now());
}
