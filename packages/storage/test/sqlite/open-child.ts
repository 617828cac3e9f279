/**
 * Opens an SQLite storage in a child process and prints the outcome as one JSON line
 * (`{"ok":true}` or `{"kind":…,"message":…}`): the read-only tests run it as an unprivileged
 * user when the tests run as root (root may write any file).
 *
 *   node --conditions=@tunelab/source --import tsx open-child.ts <db path>
 */
import { SqliteStorage, SqliteStorageError } from "../../src/sqlite/index.js";

try {
  const storage = await SqliteStorage.open(process.argv[2]!);
  await storage.close();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (e) {
  process.stdout.write(
    `${JSON.stringify(e instanceof SqliteStorageError ? { kind: e.kind, message: e.message } : { kind: "other", message: String(e) })}\n`,
  );
}
