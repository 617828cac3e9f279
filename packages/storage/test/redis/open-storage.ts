/** The worker's opener for the Redis journal: the namespace is the key prefix. */
import type { Storage } from "@tunelab/study";
import { openRedisStorage } from "../../src/redis/index.js";
import type { WorkerSpec } from "../postgres/worker.js";

export function openStorage(spec: WorkerSpec): Promise<Storage> {
  return openRedisStorage(spec.url, { prefix: spec.namespace });
}
