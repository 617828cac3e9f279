/**
 * Whether the better-sqlite3 native addon loads here (it is compiled when installed). Suites
 * of the SQLite storage call {@link sqliteAddon} and run only when it is true: skipped with the
 * reason on a developer's machine, failing under CI (see `../requirement.ts`).
 */
import { createRequire } from "node:module";
import { requirement } from "../requirement.js";

/** Why the addon does not load, or null when it does. */
function addonProblem(): string | null {
  try {
    const Database = createRequire(import.meta.url)("better-sqlite3") as new (
      path: string,
    ) => { close(): void };
    new Database(":memory:").close();
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0]!;
  }
}

/** True when the addon loads; otherwise one skipped test with the reason (a failure under CI). */
export function sqliteAddon(): boolean {
  return requirement(
    "the better-sqlite3 native addon",
    addonProblem(),
    "run `npm rebuild better-sqlite3` (needs python3, make and g++; about 70 s of CPU)",
  );
}
