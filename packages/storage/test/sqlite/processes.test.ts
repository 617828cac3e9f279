/**
 * Several processes on one SQLite database: the multi-process suite the server backends run
 * (8 processes × 250 trials with RandomSampler and with TpeSampler; a worker SIGKILLed
 * mid-trial), and a worker SIGKILLed inside a write transaction.
 */
import { rmSync } from "node:fs";
import { SqliteStorage } from "../../src/sqlite/index.js";
import { multiProcessSuite } from "../postgres/multi-process.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath } from "./tmp.js";

if (sqliteAddon()) {
  multiProcessSuite("SqliteStorage", {
    opener: new URL("./open-storage.ts", import.meta.url).href,
    url: "",
    newNamespace: () => freshDbPath(),
    open: (path) => SqliteStorage.open(path),
    drop: async (path) => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    },
  });
}
