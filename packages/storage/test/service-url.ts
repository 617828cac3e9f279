/**
 * The one rule for test suites that need a server (PostgreSQL, Redis): the server's URL comes
 * from an environment variable; when it is unset, the suite is skipped with a one-line
 * reason on a developer's machine, and FAILS under CI (`CI=true`), where `.ci/run` starts the
 * servers and a missing one is a broken run, not a reason to test less.
 *
 * ```ts
 * const pg = serviceUrl("TUNELAB_TEST_POSTGRES_URL", "scripts/services/postgres.sh");
 * describe.skipIf(pg.url === null)("PostgresStorage", () => { ... pg.url! ... });
 * ```
 */
import { it } from "vitest";

/** The URL of a test server, or null with the reason the suite is skipped. */
export interface ServiceUrl {
  readonly url: string | null;
  readonly skipReason: string;
}

/**
 * Reads the URL of a test server from `variable`.
 * @param script - the script that starts the server, named in the reason.
 * @throws Error under CI (`CI=true`) when the variable is unset, so that the run fails.
 */
export function serviceUrl(variable: string, script: string): ServiceUrl {
  const url = process.env[variable];
  if (url !== undefined && url !== "") return { url, skipReason: "" };
  const reason = `${variable} is not set: start the server with \`bash ${script} start && eval "$(bash ${script} env)"\``;
  if (process.env.CI === "true") {
    throw new Error(`CI=true but ${reason} (.ci/run starts it; a missing server fails the run)`);
  }
  // One visible line in the report instead of a silent skip.
  it.skip(`skipped: ${reason}`, () => {});
  return { url: null, skipReason: reason };
}
