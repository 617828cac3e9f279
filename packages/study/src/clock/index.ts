/**
 * The clock the study and its storages read time from (`createStudy({ clock })`), the
 * system clock, and a manual clock for tests and simulations.
 * @packageDocumentation
 */

export { checkClock } from "./check.js";
export { type CancelTimer, type Clock, dateOf, systemClock } from "./clock.js";
export { ManualClock, type ManualClockOptions } from "./manual.js";
export { sleep } from "./sleep.js";
