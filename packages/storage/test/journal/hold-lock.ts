/**
 * A process that takes a journal's lock, prints "locked", and never lets it go: the stale-lock
 * test SIGKILLs it there, as a worker killed in the middle of an append.
 *
 *   node --conditions=@tunelab/source --import tsx hold-lock.ts <journal> [symlink|open]
 */
import { systemClock } from "@tunelab/study";
import { JournalFileLock } from "../../src/journal/index.js";

const [journal, kind = "symlink"] = process.argv.slice(2);
const lock = new JournalFileLock(journal!, {
  kind: kind === "open" ? "open" : "symlink",
  graceMs: null,
  timeoutMs: 60_000,
  minDelayMs: 1,
  maxDelayMs: 32,
  clock: systemClock,
});
await lock.acquire();
process.stdout.write("locked\n");
await new Promise(() => {});
