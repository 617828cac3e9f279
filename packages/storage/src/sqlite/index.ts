/**
 * `@tunelab/storage/sqlite`: a storage in one SQLite database file (better-sqlite3, WAL), for
 * the worker processes of one machine.
 * @packageDocumentation
 */
export { SqliteStorageError, type SqliteStorageErrorKind } from "./errors.js";
export { classifyFileSystemType, type FileSystemVerdict } from "./file-system.js";
export type { SqliteStorageOptions } from "./options.js";
export { APPLICATION_ID, SCHEMA_VERSION } from "./schema.js";
export { SqliteStorage } from "./sqlite-storage.js";
