/** The messages between a {@link ThreadExecutor} and its worker ({@link serveJobs}). */

/** To the worker: run `job`. */
export interface JobMessage<J> {
  readonly id: number;
  readonly job: J;
}

/** From the worker: job `id` ended with a result, or with an error. */
export type ResultMessage<R> =
  | { readonly id: number; readonly kind: "result"; readonly result: R }
  | { readonly id: number; readonly kind: "error"; readonly error: SerializedError };

/** An error as it crosses a thread boundary. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | null;
}

/** The parts of an error that survive a thread boundary. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? null };
  return { name: "Error", message: String(e), stack: null };
}

/** An Error rebuilt from a serialized one (its stack is the worker's). */
export function deserializeError(e: SerializedError): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== null) error.stack = e.stack;
  return error;
}
