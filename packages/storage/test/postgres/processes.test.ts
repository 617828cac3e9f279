import { PostgresStorage } from "../../src/postgres/index.js";
import { serviceUrl } from "../service-url.js";
import { dropSchema, freshSchemaName } from "./fresh-schema.js";
import { multiProcessSuite } from "./multi-process.js";

const { url } = serviceUrl("TUNELAB_TEST_POSTGRES_URL", "scripts/services/postgres.sh");

if (url !== null) {
  multiProcessSuite("PostgresStorage", {
    opener: new URL("./open-storage.ts", import.meta.url).href,
    url,
    newNamespace: freshSchemaName,
    open: (schema) => PostgresStorage.open(url, { schema }),
    drop: (schema) => dropSchema(url, schema),
  });
}
