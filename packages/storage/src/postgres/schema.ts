/**
 * The PostgreSQL schema of tunelab's storage, versioned, with its migrations.
 *
 * Three tables, all named `tunelab_*` so that they can share a database (or a PostgreSQL
 * schema) with other applications' tables, Optuna's RDBStorage tables included:
 * - `tunelab_meta (key, value)`: `application = tunelab` and `schema_version = N`; its
 *   presence is how a database is recognized as ours;
 * - `tunelab_studies`: one row per study, with the per-study counters (`next_number` for trial
 *   numbers, `change_seq` for incremental reads) and the study's parameter distributions;
 *   every write to a study or its trials locks this row, which serializes them per study;
 * - `tunelab_trials`: one row per trial; `(study_id, number)` is unique (the index of number
 *   lookups), `(study_id, state)` and `(study_id, change_seq)` are indexed.
 *
 * Opening a storage runs {@link migrateSchema} in one transaction under an advisory lock, so
 * any number of processes may open a new database at once: one creates or upgrades the
 * tables, the others find them ready. A database whose `tunelab_*` tables were not made by
 * tunelab, or whose schema is newer than this code knows, is refused with a clear error and
 * left untouched.
 */

import { StorageError } from "@tunelab/study";
import type { PoolClient } from "pg";
import { escapeIdentifier } from "pg";

/** The qualified names of the storage's tables in one PostgreSQL schema. */
export interface Tables {
  /** The PostgreSQL schema the tables live in. */
  readonly schema: string;
  readonly meta: string;
  readonly studies: string;
  readonly trials: string;
}

/** Table names qualified by `schema` (quoted as identifiers: any name is safe). */
export function tablesIn(schema: string): Tables {
  const q = (name: string): string => `${escapeIdentifier(schema)}.${escapeIdentifier(name)}`;
  return { schema, meta: q("tunelab_meta"), studies: q("tunelab_studies"), trials: q("tunelab_trials") };
}

/** One step of the schema: the statements that bring version `version - 1` to `version`. */
export interface Migration {
  readonly version: number;
  readonly statements: (t: Tables) => readonly string[];
}

/** The application marker in `tunelab_meta`. */
export const APPLICATION = "tunelab";

/** The migrations, in order. The schema's version is the last one's. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: (t) => [
      `CREATE TABLE ${t.meta} (key text PRIMARY KEY, value text NOT NULL)`,
      `CREATE TABLE ${t.studies} (
        study_id bigserial PRIMARY KEY,
        study_name text NOT NULL UNIQUE,
        directions text NOT NULL,
        user_attrs text NOT NULL DEFAULT '{}',
        system_attrs text NOT NULL DEFAULT '{}',
        param_distributions text NOT NULL DEFAULT '{}',
        next_number integer NOT NULL DEFAULT 0,
        change_seq bigint NOT NULL DEFAULT 0,
        op_token uuid
      )`,
      `CREATE TABLE ${t.trials} (
        trial_id bigserial PRIMARY KEY,
        study_id bigint NOT NULL REFERENCES ${t.studies} (study_id) ON DELETE CASCADE,
        number integer NOT NULL,
        state text NOT NULL CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')),
        datetime_start timestamptz,
        datetime_complete timestamptz,
        body text NOT NULL,
        change_seq bigint NOT NULL,
        op_token uuid,
        UNIQUE (study_id, number)
      )`,
      `CREATE INDEX ON ${t.trials} (study_id, state)`,
      `CREATE INDEX ON ${t.trials} (study_id, change_seq)`,
    ],
  },
];

/** The names of our tables, unquoted (for the catalog lookups). */
const OUR_TABLES = ["tunelab_meta", "tunelab_studies", "tunelab_trials"] as const;

/**
 * Creates the tables, or brings them to the last version of `migrations`, in one
 * transaction under an advisory lock (so concurrent openers apply each step once).
 * @param where - the name of the caller and the URL (password masked), for messages.
 * @returns the schema version after migrating.
 * @throws StorageError when the tables exist but are not tunelab's, or the schema
 *   is newer than `migrations` knows.
 */
export async function migrateSchema(
  client: PoolClient,
  tables: Tables,
  where: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`tunelab schema ${tables.schema}`]);
    const found = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2)",
      [tables.schema, OUR_TABLES],
    );
    const present = new Set(found.rows.map((r) => r.table_name));
    let version = 0;
    if (present.has("tunelab_meta")) {
      version = await readVersion(client, tables, where);
    } else if (present.size > 0) {
      throw new StorageError(
        `${where}: the database has table(s) ${[...present].sort().join(", ")} in schema "${tables.schema}" but no tunelab_meta: they were not made by tunelab, and tunelab leaves them untouched. Use another database or the schema option`,
      );
    }
    if (version > latest) {
      throw new StorageError(
        `${where}: the tables in schema "${tables.schema}" have schema version ${version}, newer than this tunelab knows (${latest}); upgrade tunelab`,
      );
    }
    for (const m of migrations) {
      if (m.version <= version) continue;
      for (const sql of m.statements(tables)) await client.query(sql);
      version = m.version;
    }
    await client.query(
      `INSERT INTO ${tables.meta} (key, value) VALUES ('application', $1), ('schema_version', $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [APPLICATION, String(version)],
    );
    await client.query("COMMIT");
    return version;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

/** The schema version recorded in `tunelab_meta`, after checking that the table is ours. */
async function readVersion(client: PoolClient, tables: Tables, where: string): Promise<number> {
  let rows: Array<{ key: string; value: string }>;
  try {
    await client.query("SAVEPOINT read_meta");
    rows = (await client.query<{ key: string; value: string }>(`SELECT key, value FROM ${tables.meta}`)).rows;
    await client.query("RELEASE SAVEPOINT read_meta");
  } catch (e) {
    throw new StorageError(
      `${where}: the table tunelab_meta in schema "${tables.schema}" is not tunelab's (${e instanceof Error ? e.message : String(e)}); tunelab leaves it untouched`,
    );
  }
  const meta = new Map(rows.map((r) => [String(r.key), String(r.value)]));
  const version = Number(meta.get("schema_version"));
  if (meta.get("application") !== APPLICATION || !Number.isSafeInteger(version) || version < 1) {
    throw new StorageError(
      `${where}: the table tunelab_meta in schema "${tables.schema}" does not name application "${APPLICATION}" with a schema_version: it was not made by tunelab, and tunelab leaves it untouched`,
    );
  }
  return version;
}
