import type { Clock, Storage } from "@tunelab/study";
import { heartbeatContract, storageContract } from "@tunelab/study/testing";
import { openRedisStorage } from "../../src/redis/index.js";
import { serviceUrl } from "../service-url.js";
import { dropPrefix, freshPrefix } from "./fresh-prefix.js";

const { url } = serviceUrl("TUNELAB_TEST_REDIS_URL", "scripts/services/redis.sh");

if (url !== null) {
  const prefixes = new WeakMap<Storage, string>();
  const open = async (clock?: Clock): Promise<Storage> => {
    const prefix = freshPrefix();
    const storage = await openRedisStorage(url, clock === undefined ? { prefix } : { prefix, clock });
    prefixes.set(storage, prefix);
    return storage;
  };
  const cleanup = async (storage: Storage): Promise<void> => {
    await storage.close();
    await dropPrefix(url, prefixes.get(storage)!);
  };
  storageContract("Redis journal", () => open(), { cleanup });
  heartbeatContract("Redis journal", (clock) => open(clock), { cleanup });
}
