import type { Storage } from "@tunelab/study";
import { storageContract } from "@tunelab/study/testing";
import { serviceUrl } from "../service-url.js";
import { dropSchema, openFresh } from "./fresh-schema.js";

const { url } = serviceUrl("TUNELAB_TEST_POSTGRES_URL", "scripts/services/postgres.sh");

if (url !== null) {
  const cleanup = async (storage: Storage): Promise<void> => {
    await storage.close();
    await dropSchema(url, (storage as Storage & { schema: string }).schema);
  };
  storageContract("PostgresStorage", () => openFresh(url), { cleanup });
}
