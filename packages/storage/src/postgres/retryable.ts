/**
 * Which errors of `pg` mean "try again on a new connection": the connection was lost (the
 * server restarted, the backend was terminated by `pg_terminate_backend`, a network reset),
 * or PostgreSQL asks for a retry (a serialization failure, a deadlock it broke). Every other
 * error (a constraint, a bad statement, the storage rules' own errors) is final.
 */

/** SQLSTATE codes after which the same transaction may succeed on a new attempt. */
const RETRY_SQLSTATES: ReadonlySet<string> = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the server is starting up
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

/** Node socket error codes of a lost or refused connection. */
const SOCKET_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** Messages `pg` gives to a client whose connection ended under it. */
const LOST_CONNECTION =
  /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect|terminating connection/i;

/** True when `e` is an error after which the operation may be retried on a new connection. */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string") {
    // Class 08: connection exception.
    if (code.startsWith("08") || RETRY_SQLSTATES.has(code) || SOCKET_CODES.has(code)) return true;
  }
  return LOST_CONNECTION.test(e.message);
}
