/** Trial states and study directions. */

/**
 * The state of a trial. `WAITING` trials are enqueued and not yet started; `RUNNING` ones
 * are being evaluated; the other three are final.
 */
export const TrialState = {
  RUNNING: "RUNNING",
  COMPLETE: "COMPLETE",
  PRUNED: "PRUNED",
  FAIL: "FAIL",
  WAITING: "WAITING",
} as const;

/** One of the {@link TrialState} values. */
export type TrialState = (typeof TrialState)[keyof typeof TrialState];

/** True when `x` is one of the five trial states (a guard for values from users or files). */
export function isTrialState(x: unknown): x is TrialState {
  return x === "RUNNING" || x === "COMPLETE" || x === "PRUNED" || x === "FAIL" || x === "WAITING";
}

/** True for COMPLETE, PRUNED and FAIL. */
export function isFinished(state: TrialState): boolean {
  return state === "COMPLETE" || state === "PRUNED" || state === "FAIL";
}

/** Whether an objective is minimized or maximized. */
export type StudyDirection = "minimize" | "maximize";

/** A JSON-serializable value (attributes are stored as JSON). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
