/**
 * `@tunelab/storage/postgres`: a study storage in PostgreSQL (`postgresql://user:pass@host:port/db`).
 * @packageDocumentation
 */
export { PostgresStorage, type PostgresStorageOptions } from "./postgres-storage.js";
export { MIGRATIONS, type Migration } from "./schema.js";
