import { heartbeatContract, storageContract } from "@tunelab/study/testing";
import { SqliteStorage } from "../../src/sqlite/index.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath } from "./tmp.js";

if (sqliteAddon()) {
  storageContract("SqliteStorage", () => SqliteStorage.open(freshDbPath()));
  heartbeatContract("SqliteStorage", (clock) => SqliteStorage.open({ path: freshDbPath(), clock }));
  storageContract("SqliteStorage with SQLite's own checkpoints", () =>
    SqliteStorage.open({ path: freshDbPath(), checkpoints: "inline" }),
  );
}
