/**
 * `@tunelab/storage`: persistent storages behind the study's `Storage` interface, each on its
 * own subpath so that an application loads only the driver it uses:
 * `@tunelab/storage/journal` (a journal file in Optuna's JournalStorage format),
 * `@tunelab/storage/sqlite`, `@tunelab/storage/postgres` and `@tunelab/storage/redis` (a
 * journal kept in Redis). The `tunelab` facade resolves storage URLs to them.
 * @packageDocumentation
 */
export {};
