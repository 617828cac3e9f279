/**
 * The SQLite storage's schema, as a list of migrations: migration n turns a database at
 * schema version n − 1 into version n (version 0 is an empty database). Every table is
 * prefixed `tunelab_` so that a database of another program is never mistaken for ours.
 * A database records the migrations applied to it in `tunelab_schema_version`, one row each.
 *
 * Version 1:
 * - `tunelab_studies`: one row per study: name (unique), directions and attributes as JSON
 *   text, `next_number` (the next trial number, taken inside the transaction that creates the
 *   trial) and `change_count` (bumped by every change of one of its trials: the cursor of
 *   incremental reads);
 * - `tunelab_trials`: one row per trial: its study, number (unique in the study), state, start
 *   and completion times (ms since the epoch), `changed` (the study's `change_count` after
 *   the trial's last change) and `body`, the rest of the trial as JSON text (`trial-body.ts`).
 *   A write of a trial (a report, a heartbeat, its end) rewrites one row. `trial_id` is
 *   AUTOINCREMENT so that the id of a deleted trial is never given to another;
 * - `tunelab_study_params`: the distribution each parameter name has in a study (the first
 *   one written; the storage rules keep a name to one kind of distribution per study).
 *
 * Version 2: no table changes; a trial's `body` keeps each distinct distribution of the
 * trial once (`distributions`) and its parameters name it by index (the parameters of one
 * search space usually share a few distributions, and reading a study is mostly parsing these
 * bodies: a trial of ten float parameters on one range takes 489 characters instead of
 * 1,243). Version-1 bodies are still read.
 *
 * Optuna's RDBStorage spreads a trial over six tables (optuna/storages/_rdb/models.py at
 * v3.1.0: trials, trial_params, trial_values, trial_intermediate_values,
 * trial_user_attributes, trial_system_attributes); here a trial is one row, so each of its
 * updates is one short transaction. The schema is tunelab's own: Optuna cannot open it, and
 * this storage does not open Optuna's (a journal file is the format both read).
 */

/** One step of the schema. */
export interface Migration {
  /** The schema version after this migration. */
  readonly version: number;
  /** What it changes, for the schema-version table. */
  readonly description: string;
  /** The statements (run with `exec`, inside the migration's transaction). */
  readonly sql: string;
}

/** The migrations of this tunelab, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "studies, trials (one row each, the body as JSON), study parameter distributions",
    sql: `
      CREATE TABLE tunelab_studies (
        study_id INTEGER PRIMARY KEY AUTOINCREMENT,
        study_name TEXT NOT NULL UNIQUE,
        directions TEXT NOT NULL,
        user_attrs TEXT NOT NULL DEFAULT '{}',
        system_attrs TEXT NOT NULL DEFAULT '{}',
        next_number INTEGER NOT NULL DEFAULT 0,
        change_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE tunelab_trials (
        trial_id INTEGER PRIMARY KEY AUTOINCREMENT,
        study_id INTEGER NOT NULL REFERENCES tunelab_studies (study_id),
        number INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')),
        datetime_start INTEGER,
        datetime_complete INTEGER,
        changed INTEGER NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (study_id, number)
      );
      CREATE INDEX tunelab_trials_changed ON tunelab_trials (study_id, changed);
      CREATE INDEX tunelab_trials_state ON tunelab_trials (study_id, state, number);
      CREATE TABLE tunelab_study_params (
        study_id INTEGER NOT NULL REFERENCES tunelab_studies (study_id),
        name TEXT NOT NULL,
        distribution TEXT NOT NULL,
        PRIMARY KEY (study_id, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description:
      "trial bodies keep each distinct distribution of the trial once (distributions), parameters name it by index",
    // No table changes: the body's JSON form changed (see trial-body.ts), which a tunelab that
    // knows only version 1 cannot read, so the version says so and such a tunelab refuses the
    // database (kind "newer-schema") rather than failing on a trial. Rows written at version 1
    // are read as they are.
    sql: "",
  },
];

/** The schema version this tunelab writes (the last migration's). */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * SQLite's `application_id` header field of a tunelab database: "TLab" in ASCII. `file(1)`
 * and other tools read it; this storage refuses a database whose id is another program's.
 */
export const APPLICATION_ID = 0x544c6162;

/** The table that records the migrations applied. */
export const SCHEMA_VERSION_TABLE = "tunelab_schema_version";
