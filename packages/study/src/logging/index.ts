/**
 * A minimal logger for the study layer: warnings such as "trial 3 failed: the objective
 * returned NaN" go through it, so applications can silence or redirect them.
 * @packageDocumentation
 */

/** Severity of a log record, from most to least verbose. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Receives log records that pass the current level. */
export type LogHandler = (level: Exclude<LogLevel, "silent">, message: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const defaultHandler: LogHandler = (level, message) => {
  const line = `[tunelab ${level}] ${message}`;
  if (level === "error" || level === "warn") console.warn(line);
  else console.info(line);
};

let currentLevel: LogLevel = "warn";
let currentHandler: LogHandler = defaultHandler;

/**
 * Sets the minimum level that is emitted.
 * @param level - @defaultValue "warn" at start-up
 */
export function setLogLevel(level: LogLevel): void {
  if (!(level in ORDER))
    throw new RangeError(`setLogLevel: level must be one of ${Object.keys(ORDER).join(", ")}`);
  currentLevel = level;
}

/** The current minimum level. */
export function getLogLevel(): LogLevel {
  return currentLevel;
}

/** Replaces where records go (pass `null` to restore the console handler). */
export function setLogHandler(handler: LogHandler | null): void {
  currentHandler = handler ?? defaultHandler;
}

/** Emits a record if `level` passes the current level. */
export function log(level: Exclude<LogLevel, "silent">, message: string): void {
  if (ORDER[level] >= ORDER[currentLevel]) currentHandler(level, message);
}
