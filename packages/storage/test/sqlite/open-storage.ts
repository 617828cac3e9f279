/** The worker's opener for SQLite (see ../postgres/worker.ts): the namespace is the database file. */
import type { Storage } from "@tunelab/study";
import { SqliteStorage } from "../../src/sqlite/index.js";
import type { WorkerSpec } from "../postgres/worker.js";

export function openStorage(spec: WorkerSpec): Promise<Storage> {
  return SqliteStorage.open(spec.namespace);
}
