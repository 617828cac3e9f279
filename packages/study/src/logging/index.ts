/**
 * A minimal logger for the study layer: a line per finished trial ("Trial 7 finished with
 * value: … Best is trial 3 with value: …", at info, as Optuna prints by default) and
 * warnings such as a failed trial's reason go through it, so applications can silence or
 * redirect them. The starting level is "info", or the `TUNELAB_LOG_LEVEL` environment
 * variable when it names a level.
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

function initialLevel(): LogLevel {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.TUNELAB_LOG_LEVEL;
  return v !== undefined && Object.hasOwn(ORDER, v) ? (v as LogLevel) : "info";
}

let currentLevel: LogLevel = initialLevel();
let currentHandler: LogHandler = defaultHandler;

/**
 * Sets the minimum level that is emitted.
 * @param level - @defaultValue "info" at start-up (or `TUNELAB_LOG_LEVEL`)
 */
export function setLogLevel(level: LogLevel): void {
  if (typeof level !== "string" || !Object.hasOwn(ORDER, level))
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

/** True when records at `level` are emitted (check it before building an expensive message). */
export function isLogEnabled(level: Exclude<LogLevel, "silent">): boolean {
  return ORDER[level] >= ORDER[currentLevel];
}

/** Emits a record if `level` passes the current level. */
export function log(level: Exclude<LogLevel, "silent">, message: string): void {
  if (ORDER[level] >= ORDER[currentLevel]) currentHandler(level, message);
}
