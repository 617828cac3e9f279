import { openRedisStorage } from "../../src/redis/index.js";
import { multiProcessSuite } from "../postgres/multi-process.js";
import { serviceUrl } from "../service-url.js";
import { dropPrefix, freshPrefix } from "./fresh-prefix.js";

const { url } = serviceUrl("TUNELAB_TEST_REDIS_URL", "scripts/services/redis.sh");

if (url !== null) {
  multiProcessSuite("Redis journal", {
    opener: new URL("./open-storage.ts", import.meta.url).href,
    url,
    newNamespace: freshPrefix,
    open: (prefix) => openRedisStorage(url, { prefix }),
    drop: (prefix) => dropPrefix(url, prefix),
  });
}
