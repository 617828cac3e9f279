/**
 * The rule for a test suite that needs something the machine may lack (a native addon, a
 * program, a privilege), the same rule as `service-url.ts` (servers) and `peer.ts` (Python's
 * Optuna): when it is missing, the suite is skipped with a one-line reason on a developer's
 * machine, and FAILS under CI (`CI=true`), where a missing requirement is a broken machine,
 * not a reason to test less.
 *
 * ```ts
 * const ok = requirement("the better-sqlite3 addon", problemOrNull, "run npm rebuild better-sqlite3");
 * describe.skipIf(!ok)("SqliteStorage", () => { ... });
 * ```
 */
import { it } from "vitest";

/**
 * True when `problem` is null (the requirement is met). Otherwise registers one skipped test
 * that states the reason, and returns false.
 * @param what - what is needed, e.g. "the better-sqlite3 native addon".
 * @param problem - why it is missing, or null when it is there.
 * @param fix - how to get it, shown in the reason.
 * @throws Error under CI (`CI=true`) when it is missing, so that the run fails.
 */
export function requirement(what: string, problem: string | null, fix: string): boolean {
  if (problem === null) return true;
  const reason = `${what} is missing (${problem}): ${fix}`;
  if (process.env.CI === "true") {
    throw new Error(`CI=true but ${reason} (a missing requirement fails the run)`);
  }
  it.skip(`skipped: ${reason}`, () => {});
  return false;
}
