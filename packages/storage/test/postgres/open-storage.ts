/** The worker's opener for PostgreSQL: the namespace is the PostgreSQL schema. */
import type { Storage } from "@tunelab/study";
import { PostgresStorage } from "../../src/postgres/index.js";
import type { WorkerSpec } from "./worker.js";

export function openStorage(spec: WorkerSpec): Promise<Storage> {
  return PostgresStorage.open(spec.url, { schema: spec.namespace });
}
