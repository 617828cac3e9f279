/** Argument check for clocks. */
import type { Clock } from "./clock.js";

/** @throws TypeError unless `clock` has the methods of a {@link Clock} (now, setTimer, yield). */
export function checkClock(where: string, clock: unknown): Clock {
  if (clock === null || typeof clock !== "object") {
    throw new TypeError(
      `${where}: clock must be a Clock (now, setTimer, yield), got ${clock === null ? "null" : typeof clock}`,
    );
  }
  const missing = (["now", "setTimer", "yield"] as const).filter(
    (m) => typeof (clock as Record<string, unknown>)[m] !== "function",
  );
  if (missing.length > 0) {
    throw new TypeError(
      `${where}: clock must be a Clock (now, setTimer, yield); this object lacks ${missing.join(", ")}`,
    );
  }
  return clock as Clock;
}
