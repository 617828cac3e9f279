/**
 * PostgresStorage: a study storage in a PostgreSQL database, shared by any number of worker
 * processes on any number of machines.
 *
 * How it keeps the `Storage` rules (packages/study/src/storage/storage.ts):
 * - every write is one transaction that first locks its study's row (`SELECT ... FOR
 *   UPDATE`), so the writes to one study are serialized and each is decided by the shared
 *   rules of `@tunelab/study` (`createTrialRecord`, `startWaitingTrial`, `applyTrialUpdate`,
 *   `withStudyAttr`) on the rows as they are under the lock: a study reads exactly as the
 *   in-memory storage would hold it after the same calls in the same order;
 * - trial numbers come from the study row's `next_number`, incremented in the transaction
 *   that inserts the trial: no gaps, no repeats, whatever the number of processes;
 * - incremental reads: each write takes the next value of the study's `change_seq` and stamps
 *   it on the trial it changed; `getTrials({ since })` returns the trials stamped after
 *   `since`. Because the counter is taken under the study's row lock, transactions commit in
 *   counter order, and a reader that sees a stamp also sees every smaller one;
 * - a dropped connection (a server restart, `pg_terminate_backend`, a network reset) is
 *   retried on a new connection with a growing delay. Each write carries a random token
 *   stored with the row it changes, so when a connection drops during COMMIT (the outcome is
 *   unknown) the retry first looks for its token and does not apply the write twice;
 * - only parameterized statements carry data: study names, attribute keys and values, and
 *   parameter names are values bound to `$n` placeholders, never SQL text.
 */
import { randomUUID } from "node:crypto";
import {
  applyTrialUpdate,
  bestTrialOf,
  type Clock,
  checkClock,
  checkDirections,
  checkStudyName,
  createTrialRecord,
  type Distribution,
  type DistributionJson,
  DuplicatedStudyError,
  dateOf,
  defaultStudyName,
  describeStorageUrl,
  distributionFromJson,
  distributionToJson,
  emptyRecord,
  type FrozenTrial,
  type GetTrialsOptions,
  type JsonValue,
  noteParamDistributions,
  type PostgresqlStorageUrl,
  parseStorageUrl,
  type Storage,
  StorageError,
  type StudyDirection,
  StudyNotFoundError,
  type StudyRuleContext,
  type StudySummary,
  setKey,
  startWaitingTrial,
  systemClock,
  TrialNotFoundError,
  type TrialsPage,
  type TrialUpdate,
  withStudyAttr,
} from "@tunelab/study";
import pg from "pg";
import { isRetryable } from "./retryable.js";
import { migrateSchema, type Tables, tablesIn } from "./schema.js";
import { decodeTrialRow, encodeTrialBody, type TrialRow } from "./trial-body.js";

/** Options of {@link PostgresStorage.open}. */
export interface PostgresStorageOptions {
  /** Where trial datetimes come from. @defaultValue systemClock */
  readonly clock?: Clock;
  /**
   * The PostgreSQL schema that holds the storage's tables (created when missing). Any name
   * works: it is quoted as an identifier.
   * @defaultValue the connection's current schema (`current_schema()`, usually "public")
   */
  readonly schema?: string;
  /** Connections in the pool. @defaultValue 4 */
  readonly poolSize?: number;
  /**
   * How many times an operation is retried after a lost connection, a serialization
   * failure or a deadlock, before it fails with a StorageError.
   * @defaultValue 8
   */
  readonly maxRetries?: number;
  /** The delay before the second retry, doubled at each further one up to 2 s (the first retry is immediate). @defaultValue 50 */
  readonly retryDelayMs?: number;
  /** How long a new connection may take before it counts as failed, in ms. @defaultValue 10000 */
  readonly connectTimeoutMs?: number;
  /** The `application_name` of the connections, as `pg_stat_activity` shows them. @defaultValue "tunelab" */
  readonly applicationName?: string;
}

interface StudyRow {
  readonly study_id: string;
  readonly study_name: string;
  readonly directions: string;
  readonly user_attrs: string;
  readonly system_attrs: string;
  readonly param_distributions: string;
  readonly change_seq: string;
  readonly next_number: number;
}

/** A study row, locked, with what the rules read of it. */
interface LockedStudy extends StudyRuleContext {
  readonly studyId: number;
  readonly changeSeq: number;
  readonly nextNumber: number;
  readonly paramsText: string;
}

const TRIAL_COLUMNS = "trial_id, number, state, datetime_start, datetime_complete, body";

/**
 * A storage in a PostgreSQL database (`postgresql://user:pass@host:port/db`).
 *
 * @example
 * ```ts
 * const storage = await PostgresStorage.open("postgresql://me:secret@127.0.0.1:5432/hpo");
 * const study = await createStudy({ storage, studyName: "shared", loadIfExists: true });
 * ```
 */
export class PostgresStorage implements Storage {
  /** Where trial datetimes come from. */
  readonly clock: Clock;
  /** The URL with its password masked, for messages. */
  readonly url: string;
  private readonly pool: pg.Pool;
  private readonly t: Tables;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private closed = false;

  private constructor(
    pool: pg.Pool,
    url: string,
    tables: Tables,
    clock: Clock,
    options: PostgresStorageOptions,
  ) {
    this.pool = pool;
    this.url = url;
    this.t = tables;
    this.clock = clock;
    this.maxRetries = options.maxRetries ?? 8;
    this.retryDelayMs = options.retryDelayMs ?? 50;
  }

  /**
   * Connects, checks that the database's `tunelab_*` tables are tunelab's (or creates them)
   * and migrates them to the current schema version.
   * @param url - a `postgresql://` URL or its record from `parseStorageUrl`.
   * @throws RangeError for a URL that is not `postgresql://user:pass@host:port/db`, or bad options.
   * @throws StorageError when the server cannot be reached or refuses the login (the message
   *   names the URL with its password masked), or when the tables are not tunelab's.
   */
  static async open(
    url: string | PostgresqlStorageUrl,
    options: PostgresStorageOptions = {},
  ): Promise<PostgresStorage> {
    const record = typeof url === "string" ? parseStorageUrl(url) : url;
    if (record === null || typeof record !== "object" || record.kind !== "postgresql") {
      throw new RangeError(
        `PostgresStorage.open: url must be postgresql://user:pass@host:port/db (or its parsed record), got ${typeof url === "string" ? JSON.stringify(describeStorageUrl(record)) : String((record as { kind?: unknown } | null)?.kind)}`,
      );
    }
    checkOptions(options);
    const shown = describeStorageUrl(record);
    const clock = options.clock === undefined ? systemClock : checkClock("PostgresStorage", options.clock);
    const pool = new pg.Pool({
      host: record.host,
      port: record.port,
      database: record.database,
      ...(record.user === null ? {} : { user: record.user }),
      ...(record.password === null ? {} : { password: record.password }),
      ...sslOf(record),
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? "tunelab",
      // Idle connections do not keep Node running: a script that never calls close() exits
      // when its work is done instead of waiting for the pool's 10 s idle timeout.
      allowExitOnIdle: true,
    });
    // An idle connection that the server ends (pg_terminate_backend, a restart) emits an error
    // on the pool; the pool drops it, and the next operation opens a new one.
    pool.on("error", () => {});
    // A connection that ends while checked out but between two queries emits an error on its
    // client (nobody is waiting on a query to receive it); its next query then fails with a
    // retryable error, and the operation starts again on a new connection.
    pool.on("connect", (client) => client.on("error", () => {}));
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      await pool.end().catch(() => {});
      throw new StorageError(`PostgresStorage: cannot connect to ${shown}: ${messageOf(e, record.password)}`);
    }
    try {
      const schema =
        options.schema ??
        (await client.query<{ s: string | null }>("SELECT current_schema() AS s")).rows[0]?.s ??
        null;
      if (schema === null) {
        throw new StorageError(
          `PostgresStorage: ${shown}: the connection has no current schema (search_path names none that exists); pass the schema option`,
        );
      }
      if (options.schema !== undefined) {
        // CREATE SCHEMA IF NOT EXISTS is not safe against itself: two sessions creating the
        // same schema at once can both pass the check, and one fails on pg_namespace's unique
        // index. The migration's advisory lock serializes the openers here too.
        await client.query("BEGIN");
        try {
          await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`tunelab schema ${schema}`]);
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => {});
          throw e;
        }
      }
      const tables = tablesIn(schema);
      await migrateSchema(client, tables, `PostgresStorage: ${shown}`);
      client.release();
      return new PostgresStorage(pool, shown, tables, clock, options);
    } catch (e) {
      client.release(true);
      await pool.end().catch(() => {});
      if (e instanceof StorageError) throw e;
      throw new StorageError(`PostgresStorage: ${shown}: ${messageOf(e, record.password)}`);
    }
  }

  async createStudy(directions: readonly StudyDirection[], studyName?: string): Promise<number> {
    const where = "PostgresStorage.createStudy";
    checkDirections(where, directions);
    const name = studyName ?? defaultStudyName();
    checkStudyName(where, name);
    checkStorableText(where, "studyName", name);
    return this.write(
      async (c, token) => {
        try {
          const r = await c.query<{ study_id: string }>(
            `INSERT INTO ${this.t.studies} (study_name, directions, op_token) VALUES ($1, $2, $3) RETURNING study_id`,
            [name, JSON.stringify(directions), token],
          );
          return Number(r.rows[0]!.study_id);
        } catch (e) {
          if ((e as { code?: unknown }).code === "23505") {
            throw new DuplicatedStudyError(`a study named ${JSON.stringify(name)} already exists`);
          }
          throw e;
        }
      },
      async (c, token) => {
        const r = await c.query<{ study_id: string }>(
          `SELECT study_id FROM ${this.t.studies} WHERE op_token = $1`,
          [token],
        );
        return r.rows.length === 0 ? null : { value: Number(r.rows[0]!.study_id) };
      },
    );
  }

  async deleteStudy(studyId: number): Promise<void> {
    const id = studyKey(studyId);
    await this.write(
      async (c) => {
        const r = await c.query(`DELETE FROM ${this.t.studies} WHERE study_id = $1`, [id]);
        if (r.rowCount === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
      },
      async (c) => {
        const r = await c.query(`SELECT 1 FROM ${this.t.studies} WHERE study_id = $1`, [id]);
        return r.rows.length === 0 ? { value: undefined } : null;
      },
    );
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    if (typeof studyName !== "string" || !isStorableText(studyName)) {
      throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
    }
    const rows = await this.read<{ study_id: string }>(
      `SELECT study_id FROM ${this.t.studies} WHERE study_name = $1`,
      [studyName],
    );
    if (rows.length === 0) throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
    return Number(rows[0]!.study_id);
  }

  async getStudyName(studyId: number): Promise<string> {
    return (await this.studyRow(studyId)).study_name;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    return JSON.parse((await this.studyRow(studyId)).directions) as StudyDirection[];
  }

  async getAllStudies(): Promise<StudySummary[]> {
    const studies = await this.read<StudyRow & { n_trials: string; first_start: Date | null }>(
      `SELECT s.*,
         (SELECT count(*) FROM ${this.t.trials} t WHERE t.study_id = s.study_id) AS n_trials,
         (SELECT datetime_start FROM ${this.t.trials} t WHERE t.study_id = s.study_id AND t.number = 0) AS first_start
       FROM ${this.t.studies} s ORDER BY s.study_id`,
    );
    const single = studies.filter((s) => (JSON.parse(s.directions) as unknown[]).length === 1);
    const complete = new Map<number, FrozenTrial[]>();
    if (single.length > 0) {
      const rows = await this.read<TrialRow & { study_id: string }>(
        `SELECT study_id, ${TRIAL_COLUMNS} FROM ${this.t.trials}
         WHERE study_id = ANY($1) AND state = 'COMPLETE' ORDER BY study_id, number`,
        [single.map((s) => s.study_id)],
      );
      for (const row of rows) {
        const id = Number(row.study_id);
        let list = complete.get(id);
        if (list === undefined) {
          list = [];
          complete.set(id, list);
        }
        list.push(decodeTrialRow(row));
      }
    }
    return studies.map((s) => {
      const directions = JSON.parse(s.directions) as StudyDirection[];
      const id = Number(s.study_id);
      return {
        studyId: id,
        studyName: s.study_name,
        directions,
        userAttrs: JSON.parse(s.user_attrs) as Record<string, JsonValue>,
        systemAttrs: JSON.parse(s.system_attrs) as Record<string, JsonValue>,
        nTrials: Number(s.n_trials),
        datetimeStart: s.first_start,
        bestTrial: bestTrialOf(complete.get(id) ?? [], directions),
      };
    });
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.setStudyAttr(studyId, "user_attrs", key, value);
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.setStudyAttr(studyId, "system_attrs", key, value);
  }

  async getStudyUserAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    return JSON.parse((await this.studyRow(studyId)).user_attrs) as Record<string, JsonValue>;
  }

  async getStudySystemAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    return JSON.parse((await this.studyRow(studyId)).system_attrs) as Record<string, JsonValue>;
  }

  async createTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    const id = studyKey(studyId);
    return this.write(
      async (c, token) => {
        const s = await this.lockStudy(c, id, () => new StudyNotFoundError(`no study with id ${studyId}`));
        const record = createTrialRecord(
          template,
          { number: s.nextNumber, trialId: -1 },
          s,
          dateOf(this.clock),
        );
        const known =
          template === undefined
            ? s.paramDistributions
            : noteParamDistributions(s.paramDistributions, record);
        const seq = s.changeSeq + 1;
        // One statement: the study's counters, then the trial row.
        const r = await c.query<{ trial_id: string }>(
          `WITH counters AS (${this.bumpSql(true)})
           INSERT INTO ${this.t.trials}
             (study_id, number, state, datetime_start, datetime_complete, body, change_seq, op_token)
           VALUES ($1, $4, $5, $6, $7, $8, $2, $9) RETURNING trial_id`,
          [
            id,
            seq,
            this.paramsText(s, known),
            record.number,
            record.state,
            record.datetimeStart,
            record.datetimeComplete,
            encodeTrialBody(record),
            token,
          ],
        );
        return { ...record, trialId: Number(r.rows[0]!.trial_id) };
      },
      (c, token) => this.findByToken(c, id, token),
    );
  }

  async popWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    const id = studyKey(studyId);
    return this.write(
      async (c, token) => {
        const s = await this.lockStudy(c, id, () => new StudyNotFoundError(`no study with id ${studyId}`));
        const rows = (
          await c.query<TrialRow>(
            `SELECT ${TRIAL_COLUMNS} FROM ${this.t.trials}
             WHERE study_id = $1 AND state = 'WAITING' ORDER BY number LIMIT 1`,
            [id],
          )
        ).rows;
        if (rows.length === 0) return null;
        const running = startWaitingTrial(decodeTrialRow(rows[0]!), s, dateOf(this.clock));
        if (running === null) return null;
        await this.saveTrial(c, s, running, token, s.paramDistributions);
        return running;
      },
      (c, token) => this.findByToken(c, id, token),
    );
  }

  async updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    const id = trialKey(trialId);
    const notFound = (): TrialNotFoundError => new TrialNotFoundError(`no trial with id ${trialId}`);
    return this.write(
      async (c, token) => {
        const s = await this.lockStudy(c, id, notFound, "trial");
        const rows = (
          await c.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM ${this.t.trials} WHERE trial_id = $1`, [id])
        ).rows;
        if (rows.length === 0) throw notFound();
        const next = applyTrialUpdate(decodeTrialRow(rows[0]!), update, s, dateOf(this.clock));
        const known =
          update.params === undefined
            ? s.paramDistributions
            : noteParamDistributions(s.paramDistributions, next);
        await this.saveTrial(c, s, next, token, known);
        return next;
      },
      async (c, token) => {
        const r = await c.query<TrialRow>(
          `SELECT ${TRIAL_COLUMNS} FROM ${this.t.trials} WHERE trial_id = $1 AND op_token = $2`,
          [id, token],
        );
        return r.rows.length === 0 ? null : { value: decodeTrialRow(r.rows[0]!) };
      },
    );
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const rows = await this.read<TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM ${this.t.trials} WHERE trial_id = $1`,
      [trialKey(trialId)],
    );
    if (rows.length === 0) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return decodeTrialRow(rows[0]!);
  }

  async getTrials(studyId: number, options: GetTrialsOptions = {}): Promise<TrialsPage> {
    const since = options.since === undefined || !(options.since > 0) ? 0 : Math.floor(options.since);
    const states = options.states === undefined ? null : [...options.states];
    // One statement, so the cursor and the trials come from one snapshot.
    const rows = await this.read<{ cursor: string } & { [K in keyof TrialRow]: TrialRow[K] | null }>(
      `SELECT s.change_seq AS cursor, t.trial_id, t.number, t.state, t.datetime_start, t.datetime_complete, t.body
       FROM ${this.t.studies} s
       LEFT JOIN ${this.t.trials} t
         ON t.study_id = s.study_id AND t.change_seq > $2 AND ($3::text[] IS NULL OR t.state = ANY($3::text[]))
       WHERE s.study_id = $1
       ORDER BY t.number`,
      [studyKey(studyId), since, states],
    );
    if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
    const trials: FrozenTrial[] = [];
    for (const row of rows) if (row.trial_id !== null) trials.push(decodeTrialRow(row as TrialRow));
    return { trials, cursor: Number(rows[0]!.cursor) };
  }

  /** Closes the pool's connections. Later calls fail; a second close does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async setStudyAttr(
    studyId: number,
    column: "user_attrs" | "system_attrs",
    key: string,
    value: JsonValue,
  ): Promise<void> {
    const id = studyKey(studyId);
    // Writing the same value twice is harmless, so a retry needs no token.
    await this.write(async (c) => {
      const rows = (
        await c.query<Record<string, string>>(
          `SELECT ${column} FROM ${this.t.studies} WHERE study_id = $1 FOR UPDATE`,
          [id],
        )
      ).rows;
      if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
      const attrs = withStudyAttr(JSON.parse(rows[0]![column]!) as Record<string, JsonValue>, key, value);
      await c.query(`UPDATE ${this.t.studies} SET ${column} = $2 WHERE study_id = $1`, [
        id,
        JSON.stringify(attrs),
      ]);
    });
  }

  /**
   * Locks the row of a study (by study id, or of the study holding a trial id) and reads
   * what the storage rules need.
   */
  private async lockStudy(
    c: pg.PoolClient,
    id: string,
    notFound: () => Error,
    by: "study" | "trial" = "study",
  ): Promise<LockedStudy> {
    const match =
      by === "study"
        ? "study_id = $1"
        : `study_id = (SELECT study_id FROM ${this.t.trials} WHERE trial_id = $1)`;
    const rows = (
      await c.query<StudyRow>(
        `SELECT study_id, directions, param_distributions, change_seq, next_number
         FROM ${this.t.studies} WHERE ${match} FOR UPDATE`,
        [id],
      )
    ).rows;
    const row = rows[0];
    if (row === undefined) throw notFound();
    return {
      studyId: Number(row.study_id),
      directions: JSON.parse(row.directions) as StudyDirection[],
      paramDistributions: parseDistributions(row.param_distributions),
      paramsText: row.param_distributions,
      changeSeq: Number(row.change_seq),
      nextNumber: row.next_number,
    };
  }

  /** Writes a changed trial with the next change stamp, and the study's counters. */
  private async saveTrial(
    c: pg.PoolClient,
    s: LockedStudy,
    trial: FrozenTrial,
    token: string,
    known: ReadonlyMap<string, Distribution>,
  ): Promise<void> {
    // One statement: the study's counters, then the trial row.
    await c.query(
      `WITH counters AS (${this.bumpSql(false)})
       UPDATE ${this.t.trials} SET state = $4, datetime_start = $5, datetime_complete = $6, body = $7,
         change_seq = $2, op_token = $8
       WHERE trial_id = $9`,
      [
        s.studyId,
        s.changeSeq + 1,
        this.paramsText(s, known),
        trial.state,
        trial.datetimeStart,
        trial.datetimeComplete,
        encodeTrialBody(trial),
        token,
        trial.trialId,
      ],
    );
  }

  /**
   * The UPDATE of a study's counters inside a write: $1 the study id, $2 the new change stamp,
   * $3 the study's parameter distributions; with `nextNumber`, also takes a trial number.
   */
  private bumpSql(nextNumber: boolean): string {
    return `UPDATE ${this.t.studies} SET change_seq = $2, param_distributions = $3${nextNumber ? ", next_number = next_number + 1" : ""}
      WHERE study_id = $1`;
  }

  /** The study's parameter distributions as stored: unchanged text when no name is new. */
  private paramsText(s: LockedStudy, known: ReadonlyMap<string, Distribution>): string {
    return known === s.paramDistributions ? s.paramsText : formatDistributions(known);
  }

  private async findByToken(
    c: pg.PoolClient,
    studyId: string,
    token: string,
  ): Promise<{ readonly value: FrozenTrial } | null> {
    const r = await c.query<TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM ${this.t.trials} WHERE study_id = $1 AND op_token = $2`,
      [studyId, token],
    );
    return r.rows.length === 0 ? null : { value: decodeTrialRow(r.rows[0]!) };
  }

  private async studyRow(studyId: number): Promise<StudyRow> {
    const rows = await this.read<StudyRow>(`SELECT * FROM ${this.t.studies} WHERE study_id = $1`, [
      studyKey(studyId),
    ]);
    if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return rows[0]!;
  }

  /** One read-only statement, retried on a new connection when the connection is lost. */
  private async read<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    this.checkOpen();
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.pool.query<R>(sql, values)).rows;
      } catch (e) {
        await this.afterFailure(e, attempt);
      }
    }
  }

  /**
   * Runs `body` in a transaction, retried on a new connection when the connection is lost.
   * After a lost connection the outcome of a COMMIT is unknown, so before running `body`
   * again, `recover` looks for the effect of the earlier attempt (by its token) and returns it
   * when that attempt did commit.
   */
  private async write<T>(
    body: (c: pg.PoolClient, token: string) => Promise<T>,
    recover?: (c: pg.PoolClient, token: string) => Promise<{ readonly value: T } | null>,
  ): Promise<T> {
    this.checkOpen();
    const token = randomUUID();
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient | undefined;
      try {
        client = await this.pool.connect();
        if (attempt > 0 && recover !== undefined) {
          const done = await recover(client, token);
          if (done !== null) {
            client.release();
            return done.value;
          }
        }
        await client.query("BEGIN");
        const out = await body(client, token);
        await client.query("COMMIT");
        client.release();
        return out;
      } catch (e) {
        if (client !== undefined) {
          if (isRetryable(e)) {
            client.release(true);
          } else {
            const c = client;
            await c.query("ROLLBACK").then(
              () => c.release(),
              () => c.release(true),
            );
          }
        }
        await this.afterFailure(e, attempt);
      }
    }
  }

  /** Rethrows a final error; waits before the next attempt of a retryable one. */
  private async afterFailure(e: unknown, attempt: number): Promise<void> {
    if (!isRetryable(e)) throw e;
    if (attempt >= this.maxRetries) {
      throw new StorageError(
        `PostgresStorage: lost the connection to ${this.url} and could not complete the operation after ${attempt + 1} attempts: ${messageOf(e, null)}`,
      );
    }
    if (attempt === 0) return;
    const ms = Math.min(2000, this.retryDelayMs * 2 ** (attempt - 1));
    await new Promise<void>((resolve) => this.clock.setTimer(ms, resolve));
  }

  private checkOpen(): void {
    if (this.closed) throw new StorageError(`PostgresStorage: the storage for ${this.url} is closed`);
  }
}

/** A study id as a bound value (bigint columns take it as text). */
function studyKey(studyId: number): string {
  return Number.isSafeInteger(studyId) ? String(studyId) : "-1";
}

function trialKey(trialId: number): string {
  return Number.isSafeInteger(trialId) ? String(trialId) : "-1";
}

function parseDistributions(text: string): Map<string, Distribution> {
  const json = JSON.parse(text) as Record<string, DistributionJson>;
  const out = new Map<string, Distribution>();
  for (const name of Object.keys(json)) out.set(name, distributionFromJson(json[name]!));
  return out;
}

function formatDistributions(known: ReadonlyMap<string, Distribution>): string {
  const out = emptyRecord<DistributionJson>();
  for (const [name, d] of known) setKey(out, name, distributionToJson(d));
  return JSON.stringify(out);
}

/**
 * True when PostgreSQL's `text` can hold `s` exactly: no NUL character (text cannot hold it)
 * and no unpaired surrogate (it would become U+FFFD in UTF-8).
 */
function isStorableText(s: string): boolean {
  return !s.includes("\0") && !LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkStorableText(where: string, what: string, s: string): void {
  if (!isStorableText(s)) {
    throw new RangeError(
      `${where}: ${what} ${JSON.stringify(s)} cannot be stored in PostgreSQL text: it contains a NUL character or an unpaired UTF-16 surrogate`,
    );
  }
}

function checkOptions(o: PostgresStorageOptions): void {
  const where = "PostgresStorage.open";
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  const positiveInt = (name: keyof PostgresStorageOptions, min: number): void => {
    const v = o[name];
    if (v !== undefined && !(typeof v === "number" && Number.isSafeInteger(v) && v >= min)) {
      throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  positiveInt("poolSize", 1);
  positiveInt("maxRetries", 0);
  positiveInt("retryDelayMs", 0);
  positiveInt("connectTimeoutMs", 1);
  if (o.applicationName !== undefined && typeof o.applicationName !== "string") {
    throw new TypeError(`${where}: applicationName must be a string, got ${typeof o.applicationName}`);
  }
  if (
    o.schema !== undefined &&
    (typeof o.schema !== "string" || o.schema.length === 0 || !isStorableText(o.schema))
  ) {
    throw new RangeError(
      `${where}: schema must be a non-empty string without NUL characters, got ${JSON.stringify(o.schema)}`,
    );
  }
}

/** The `ssl` option of `pg` for the URL's `sslmode` (libpq's names). */
function sslOf(url: PostgresqlStorageUrl): { ssl?: boolean | { rejectUnauthorized: boolean } } {
  const mode = url.options.sslmode;
  const known = Object.keys(url.options).filter((k) => k !== "sslmode");
  if (known.length > 0) {
    throw new RangeError(
      `PostgresStorage.open: ${describeStorageUrl(url)}: unsupported URL parameter(s) ${known.join(", ")}; supported: sslmode=disable|prefer|require|verify-ca|verify-full`,
    );
  }
  switch (mode) {
    case undefined:
    case "disable":
    case "prefer":
    case "allow":
      return {};
    case "require":
      return { ssl: { rejectUnauthorized: false } };
    case "verify-ca":
    case "verify-full":
      return { ssl: true };
    default:
      throw new RangeError(
        `PostgresStorage.open: ${describeStorageUrl(url)}: sslmode must be disable, prefer, require, verify-ca or verify-full, got ${JSON.stringify(mode)}`,
      );
  }
}

/** An error's message, with the password blanked should a driver ever echo it. */
function messageOf(e: unknown, password: string | null): string {
  const m = e instanceof Error ? e.message || String((e as { code?: unknown }).code ?? e.name) : String(e);
  return password !== null && password.length >= 3 ? m.split(password).join("***") : m;
}
