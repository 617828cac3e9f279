/** Temporary directories for the SQLite tests, removed after each test file. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

/** A fresh directory under the system's temporary directory. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tunelab-sqlite-"));
  made.push(dir);
  return dir;
}

/** A path for a new database file in a fresh directory. */
export function freshDbPath(name = "study.db"): string {
  return path.join(tempDir(), name);
}

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
