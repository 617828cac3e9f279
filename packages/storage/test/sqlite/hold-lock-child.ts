/**
 * A process that dies in the middle of a write: it opens the database with better-sqlite3,
 * takes the write lock (`BEGIN IMMEDIATE`), changes every trial row and inserts one, prints
 * "holding" and waits, without committing, to be SIGKILLed (processes.test.ts).
 *
 *   node --conditions=@tunelab/source --import tsx hold-lock-child.ts <db path>
 */
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
const db = new Database(process.argv[2]!);
db.exec("BEGIN IMMEDIATE");
db.exec("UPDATE tunelab_trials SET body = 'torn', state = 'FAIL'");
db.exec("UPDATE tunelab_studies SET next_number = next_number + 100");
process.stdout.write("holding\n");
setInterval(() => {}, 60_000);
