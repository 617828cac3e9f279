/**
 * `@tunelab/storage/redis`: a journal kept in Redis, in Optuna's key layout, so that tunelab
 * and Python Optuna workers share a study (`redis://host:port/db`).
 * @packageDocumentation
 */
export { APPEND_SCRIPT } from "./append-script.js";
export { openRedisStorage, type RedisStorageOptions } from "./open.js";
export { RedisJournalBackend, type RedisJournalBackendOptions } from "./redis-backend.js";
