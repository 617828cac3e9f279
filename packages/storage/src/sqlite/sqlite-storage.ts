/**
 * SqliteStorage: a study database in one SQLite file, shared by the worker processes of one
 * machine. Every write is one short transaction that takes the write lock first
 * (`BEGIN IMMEDIATE`), reads what it changes, applies the study package's storage rules
 * (`createTrialRecord`, `startWaitingTrial`, `applyTrialUpdate`, `withStudyAttr`, the same
 * functions `InMemoryStorage` applies, so a study reads the same in both) and writes the
 * result; so a trial number is taken inside the transaction that creates the trial, a
 * finished trial cannot be changed by a racing worker, and a WAITING trial goes to one worker.
 * Reads run in a read transaction (a consistent snapshot) and never wait for the writer (WAL).
 *
 * better-sqlite3 is synchronous: each call runs to its end on the caller's thread. The
 * transactions are kept short (one row of a study, one row of a trial, a few index entries),
 * and decoding trials happens after the read transaction ends, in slices. A process that
 * finds the write lock held waits asynchronously (see `busy.ts`), and WAL checkpoints, whose
 * fsync would block the event loop, run in a worker thread (see `checkpoint.ts`).
 */
import { Rng } from "@tunelab/math/random";
import {
  applyTrialUpdate,
  bestTrialOf,
  type Clock,
  checkDirections,
  checkStudyName,
  createTrialRecord,
  type Distribution,
  DuplicatedStudyError,
  dateOf,
  defaultStudyName,
  distributionFromJson,
  distributionToJson,
  type FrozenTrial,
  type GetTrialsOptions,
  type JsonValue,
  type Storage,
  type StudyDirection,
  StudyNotFoundError,
  type StudySummary,
  startWaitingTrial,
  TrialNotFoundError,
  type TrialsPage,
  type TrialUpdate,
  withStudyAttr,
} from "@tunelab/study";
import type BetterSqlite3 from "better-sqlite3";
import { type BusyRetryPolicy, retryWhileBusy } from "./busy.js";
import { Checkpointer } from "./checkpoint.js";
import { SqliteStorageError, sqliteCode } from "./errors.js";
import { busyTimeout, openDatabase, sqliteFailure } from "./open.js";
import { resolveSqliteOptions, type SqliteStorageOptions } from "./options.js";
import { decodeTrialRow, encodeTrialBody, type TrialRow, timeOf } from "./trial-body.js";

/** A trial row with its study. */
interface TrialRowWithStudy extends TrialRow {
  readonly study_id: number;
}

/** A row of `tunelab_studies`. */
interface StudyRow {
  readonly study_id: number;
  readonly study_name: string;
  readonly directions: string;
  readonly user_attrs: string;
  readonly system_attrs: string;
  readonly next_number: number;
  readonly change_count: number;
}

const TRIAL_COLUMNS = "trial_id, number, state, datetime_start, datetime_complete, body";
const NO_DISTRIBUTIONS: ReadonlyMap<string, Distribution> = new Map();

/**
 * Rows decoded between two turns of the event loop in a large read (about 2 ms of work at
 * ten parameters a trial: see the README's figures).
 */
const DECODE_SLICE = 256;

/** The prepared statements of one connection. */
function prepareStatements(db: BetterSqlite3.Database) {
  const trialsOf = (where: string) =>
    db.prepare<unknown[], TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM tunelab_trials WHERE study_id = ?${where} ORDER BY number`,
    );
  const inStates = " AND state IN (SELECT value FROM json_each(?))";
  return {
    begin: db.prepare("BEGIN IMMEDIATE"),
    beginRead: db.prepare("BEGIN DEFERRED"),
    commit: db.prepare("COMMIT"),
    rollback: db.prepare("ROLLBACK"),
    insertStudy: db.prepare<[string, string]>(
      "INSERT INTO tunelab_studies (study_name, directions) VALUES (?, ?)",
    ),
    studyIdByName: db
      .prepare<[string], number>("SELECT study_id FROM tunelab_studies WHERE study_name = ?")
      .pluck(),
    study: db.prepare<[number], StudyRow>("SELECT * FROM tunelab_studies WHERE study_id = ?"),
    allStudies: db.prepare<[], StudyRow>("SELECT * FROM tunelab_studies ORDER BY study_id"),
    deleteTrials: db.prepare<[number]>("DELETE FROM tunelab_trials WHERE study_id = ?"),
    deleteParams: db.prepare<[number]>("DELETE FROM tunelab_study_params WHERE study_id = ?"),
    deleteStudy: db.prepare<[number]>("DELETE FROM tunelab_studies WHERE study_id = ?"),
    setUserAttrs: db.prepare<[string, number]>(
      "UPDATE tunelab_studies SET user_attrs = ? WHERE study_id = ?",
    ),
    setSystemAttrs: db.prepare<[string, number]>(
      "UPDATE tunelab_studies SET system_attrs = ? WHERE study_id = ?",
    ),
    takeNumber: db.prepare<[number], { number: number; change_count: number; directions: string }>(
      "UPDATE tunelab_studies SET next_number = next_number + 1, change_count = change_count + 1 WHERE study_id = ? " +
        "RETURNING next_number - 1 AS number, change_count, directions",
    ),
    bumpChange: db.prepare<[number], { change_count: number; directions: string }>(
      "UPDATE tunelab_studies SET change_count = change_count + 1 WHERE study_id = ? RETURNING change_count, directions",
    ),
    nextTrialId: db
      .prepare<[], number>(
        "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tunelab_trials'), 0) + 1",
      )
      .pluck(),
    insertTrial: db.prepare<[number, number, number, string, number | null, number | null, number, string]>(
      "INSERT INTO tunelab_trials (trial_id, study_id, number, state, datetime_start, datetime_complete, changed, body) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    updateTrial: db.prepare<[string, number | null, number | null, number, string, number]>(
      "UPDATE tunelab_trials SET state = ?, datetime_start = ?, datetime_complete = ?, changed = ?, body = ? WHERE trial_id = ?",
    ),
    trial: db.prepare<[number], TrialRowWithStudy>(
      `SELECT study_id, ${TRIAL_COLUMNS} FROM tunelab_trials WHERE trial_id = ?`,
    ),
    oldestWaiting: db.prepare<[number], TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM tunelab_trials WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1`,
    ),
    anyWaiting: db
      .prepare<[number], number>(
        "SELECT 1 FROM tunelab_trials WHERE study_id = ? AND state = 'WAITING' LIMIT 1",
      )
      .pluck(),
    studyParams: db.prepare<[number], { name: string; distribution: string }>(
      "SELECT name, distribution FROM tunelab_study_params WHERE study_id = ?",
    ),
    insertParam: db.prepare<[number, string, string]>(
      "INSERT OR IGNORE INTO tunelab_study_params (study_id, name, distribution) VALUES (?, ?, ?)",
    ),
    changeCount: db
      .prepare<[number], number>("SELECT change_count FROM tunelab_studies WHERE study_id = ?")
      .pluck(),
    trialsAll: trialsOf(""),
    trialsSince: trialsOf(" AND changed > ?"),
    trialsAllIn: trialsOf(inStates),
    trialsSinceIn: trialsOf(` AND changed > ?${inStates}`),
    firstStart: db
      .prepare<[number], number | null>(
        "SELECT datetime_start FROM tunelab_trials WHERE study_id = ? AND number = 0",
      )
      .pluck(),
    completeTrials: db.prepare<[number], TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM tunelab_trials WHERE study_id = ? AND state = 'COMPLETE' ORDER BY number`,
    ),
  };
}

/**
 * A storage in one SQLite database file, for the worker processes of one machine (its file
 * must be on a local disk: see {@link SqliteStorageOptions.allowNetworkFileSystem}). Open it
 * with {@link SqliteStorage.open}; the `tunelab` facade opens `sqlite:./study.db` URLs with it.
 *
 * @example
 * ```ts
 * const storage = await SqliteStorage.open({ path: "./study.db" });
 * const study = await createStudy({ storage, studyName: "demo", sampler, loadIfExists: true });
 * await study.optimize(objective, { nTrials: 100 });
 * await storage.close();
 * ```
 */
export class SqliteStorage implements Storage {
  /** Where trial datetimes come from. */
  readonly clock: Clock;
  /** The database file, absolute. */
  readonly path: string;
  private readonly db: BetterSqlite3.Database;
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly busy: Omit<BusyRetryPolicy, "onTimeout">;
  /**
   * The distribution of each parameter name by study, as read from `tunelab_study_params`
   * (committed rows only). A row never changes once written and a study id is never reused,
   * so an entry stays true; a name missing here is looked up in the database.
   */
  private readonly knownParams = new Map<number, Map<string, Distribution>>();
  /** Cache entries to add once the current transaction commits. */
  private pendingParams: Array<[number, string, Distribution]> = [];
  private closed = false;
  /** Runs the WAL checkpoints in a worker thread (see `checkpoint.ts`); null when SQLite runs them inline. */
  private readonly checkpointer: Checkpointer | null;

  private constructor(
    db: BetterSqlite3.Database,
    path: string,
    clock: Clock,
    busy: Omit<BusyRetryPolicy, "onTimeout">,
    checkpoints: "thread" | "inline",
  ) {
    this.db = db;
    this.path = path;
    this.clock = clock;
    this.busy = busy;
    this.sql = prepareStatements(db);
    this.checkpointer = checkpoints === "thread" ? new Checkpointer(db, path) : null;
  }

  /**
   * Opens (creating when missing) the database at `options.path`, or at the path given as a
   * string.
   * @throws SqliteStorageError naming the file: a missing directory, a file or directory that
   *   is not writable, a file that is not an SQLite database or not tunelab's, a schema of a
   *   newer tunelab, a network file system (see {@link SqliteStorageErrorKind}).
   * @throws TypeError / RangeError for invalid options.
   */
  static async open(options: SqliteStorageOptions | string): Promise<SqliteStorage> {
    const o = resolveSqliteOptions(typeof options === "string" ? { path: options } : options);
    const busy = { timeoutMs: o.busyTimeout, rng: Rng.fromSeed(`sqlite-busy-${process.pid}`) };
    const { db, path } = await openDatabase(o, busy.rng);
    return new SqliteStorage(db, path, o.clock, busy, o.checkpoints);
  }

  async createStudy(directions: readonly StudyDirection[], studyName?: string): Promise<number> {
    checkDirections("SqliteStorage.createStudy", directions);
    const name = studyName ?? defaultStudyName();
    checkStudyName("SqliteStorage.createStudy", name);
    const text = JSON.stringify(directions);
    return this.write("createStudy", () => {
      if (this.sql.studyIdByName.get(name) !== undefined) {
        throw new DuplicatedStudyError(`a study named "${name}" already exists`);
      }
      return Number(this.sql.insertStudy.run(name, text).lastInsertRowid);
    });
  }

  async deleteStudy(studyId: number): Promise<void> {
    await this.write("deleteStudy", () => {
      this.studyRow(studyId);
      this.sql.deleteTrials.run(studyId);
      this.sql.deleteParams.run(studyId);
      this.sql.deleteStudy.run(studyId);
    });
    this.knownParams.delete(studyId);
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    const id = await this.read("getStudyIdFromName", () => this.sql.studyIdByName.get(studyName));
    if (id === undefined) throw new StudyNotFoundError(`no study named "${studyName}"`);
    return id;
  }

  async getStudyName(studyId: number): Promise<string> {
    return (await this.read("getStudyName", () => this.studyRow(studyId))).study_name;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    const row = await this.read("getStudyDirections", () => this.studyRow(studyId));
    return JSON.parse(row.directions) as StudyDirection[];
  }

  async getAllStudies(): Promise<StudySummary[]> {
    const found = await this.readSnapshot("getAllStudies", () =>
      this.sql.allStudies.all().map((s) => {
        const directions = JSON.parse(s.directions) as StudyDirection[];
        return {
          s,
          directions,
          firstStart: this.sql.firstStart.get(s.study_id) ?? null,
          complete: directions.length === 1 ? this.sql.completeTrials.all(s.study_id) : [],
        };
      }),
    );
    const out: StudySummary[] = [];
    for (const { s, directions, firstStart, complete } of found) {
      out.push({
        studyId: s.study_id,
        studyName: s.study_name,
        directions,
        userAttrs: JSON.parse(s.user_attrs) as Record<string, JsonValue>,
        systemAttrs: JSON.parse(s.system_attrs) as Record<string, JsonValue>,
        nTrials: s.next_number,
        datetimeStart: firstStart === null ? null : new Date(firstStart),
        bestTrial: bestTrialOf(await this.decode(complete), directions),
      });
    }
    return out;
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write("setStudyUserAttr", () => {
      const attrs = JSON.parse(this.studyRow(studyId).user_attrs) as Record<string, JsonValue>;
      this.sql.setUserAttrs.run(JSON.stringify(withStudyAttr(attrs, key, value)), studyId);
    });
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write("setStudySystemAttr", () => {
      const attrs = JSON.parse(this.studyRow(studyId).system_attrs) as Record<string, JsonValue>;
      this.sql.setSystemAttrs.run(JSON.stringify(withStudyAttr(attrs, key, value)), studyId);
    });
  }

  async getStudyUserAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    const row = await this.read("getStudyUserAttrs", () => this.studyRow(studyId));
    return JSON.parse(row.user_attrs) as Record<string, JsonValue>;
  }

  async getStudySystemAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    const row = await this.read("getStudySystemAttrs", () => this.studyRow(studyId));
    return JSON.parse(row.system_attrs) as Record<string, JsonValue>;
  }

  async createTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    return this.write("createTrial", () => {
      const taken = this.sql.takeNumber.get(studyId);
      if (taken === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
      const trialId = this.sql.nextTrialId.get()!;
      const names = template === undefined ? [] : Object.keys(template.distributions);
      const study = {
        directions: JSON.parse(taken.directions) as StudyDirection[],
        paramDistributions: this.paramDistributions(studyId, names),
      };
      const trial = createTrialRecord(template, { number: taken.number, trialId }, study, dateOf(this.clock));
      this.sql.insertTrial.run(
        trialId,
        studyId,
        trial.number,
        trial.state,
        timeOf(trial.datetimeStart),
        timeOf(trial.datetimeComplete),
        taken.change_count,
        encodeTrialBody(trial),
      );
      this.noteParams(studyId, names, study.paramDistributions, trial);
      return trial;
    });
  }

  async popWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    // Most calls find no WAITING trial (a worker asks before every trial): they read, without
    // taking the write lock. A trial enqueued after this read is one the caller asked too
    // early for, as if it had called a moment before.
    const waiting = await this.read("popWaitingTrial", () => {
      const found = this.sql.anyWaiting.get(studyId);
      if (found === undefined) this.studyRow(studyId);
      return found !== undefined;
    });
    if (!waiting) return null;
    return this.write("popWaitingTrial", () => {
      const row = this.sql.oldestWaiting.get(studyId);
      if (row === undefined) {
        this.studyRow(studyId);
        return null;
      }
      const bumped = this.sql.bumpChange.get(studyId)!;
      const study = {
        directions: JSON.parse(bumped.directions) as StudyDirection[],
        paramDistributions: NO_DISTRIBUTIONS,
      };
      const running = startWaitingTrial(decodeTrialRow(row, this.path), study, dateOf(this.clock));
      // The row was selected as WAITING inside this transaction, so the rule cannot refuse it.
      this.writeTrial(running!, bumped.change_count);
      return running;
    });
  }

  async updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    return this.write("updateTrial", () => {
      const row = this.sql.trial.get(trialId);
      if (row === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
      const bumped = this.sql.bumpChange.get(row.study_id)!;
      const names = update.params === undefined ? [] : Object.keys(update.params);
      const study = {
        directions: JSON.parse(bumped.directions) as StudyDirection[],
        paramDistributions: this.paramDistributions(row.study_id, names),
      };
      const next = applyTrialUpdate(decodeTrialRow(row, this.path), update, study, dateOf(this.clock));
      this.writeTrial(next, bumped.change_count);
      this.noteParams(row.study_id, names, study.paramDistributions, next);
      return next;
    });
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const row = await this.read("getTrial", () => this.sql.trial.get(trialId));
    if (row === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return decodeTrialRow(row, this.path);
  }

  async getTrials(studyId: number, options: GetTrialsOptions = {}): Promise<TrialsPage> {
    const since = options.since;
    const states = options.states === undefined ? null : JSON.stringify(options.states);
    const { cursor, rows } = await this.readSnapshot("getTrials", () => {
      const cursor = this.sql.changeCount.get(studyId);
      if (cursor === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
      const all = since === undefined || since <= 0;
      const rows = all
        ? states === null
          ? this.sql.trialsAll.all(studyId)
          : this.sql.trialsAllIn.all(studyId, states)
        : states === null
          ? this.sql.trialsSince.all(studyId, since)
          : this.sql.trialsSinceIn.all(studyId, since, states);
      return { cursor, rows };
    });
    return { trials: await this.decode(rows), cursor };
  }

  /** Closes the database (later calls throw a SqliteStorageError of kind "closed"). Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.checkpointer?.close();
    this.db.close();
  }

  /**
   * The trials of rows read in one snapshot. Decoding is most of a large read's time (parsing
   * each row's JSON), and it needs no transaction: it runs after the read, in slices of
   * {@link DECODE_SLICE} rows with a turn of the event loop (`clock.yield()`) between them, so
   * loading a study of many trials does not hold up timers and I/O for the whole read.
   */
  private async decode(rows: readonly TrialRow[]): Promise<FrozenTrial[]> {
    const out: FrozenTrial[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % DECODE_SLICE === 0) await this.clock.yield();
      out.push(decodeTrialRow(rows[i]!, this.path));
    }
    return out;
  }

  /** The study's row. @throws StudyNotFoundError */
  private studyRow(studyId: number): StudyRow {
    const row = this.sql.study.get(studyId);
    if (row === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return row;
  }

  /** Rewrites a trial's row. */
  private writeTrial(t: FrozenTrial, changed: number): void {
    this.sql.updateTrial.run(
      t.state,
      timeOf(t.datetimeStart),
      timeOf(t.datetimeComplete),
      changed,
      encodeTrialBody(t),
      t.trialId,
    );
  }

  /**
   * The study's parameter distributions the rules need to check `names` (all of the study's
   * when one of them is not cached yet; read inside the write transaction, so current).
   */
  private paramDistributions(studyId: number, names: readonly string[]): ReadonlyMap<string, Distribution> {
    if (names.length === 0) return NO_DISTRIBUTIONS;
    let known = this.knownParams.get(studyId);
    if (known === undefined) {
      known = new Map();
      this.knownParams.set(studyId, known);
    }
    if (names.every((n) => known.has(n))) return known;
    for (const { name, distribution } of this.sql.studyParams.all(studyId)) {
      if (!known.has(name)) known.set(name, distributionFromJson(distribution));
    }
    return known;
  }

  /** Records the distributions of names the study did not know (cached after the commit). */
  private noteParams(
    studyId: number,
    names: readonly string[],
    known: ReadonlyMap<string, Distribution>,
    trial: FrozenTrial,
  ): void {
    for (const name of names) {
      if (known.has(name)) continue;
      const d = trial.distributions[name]!;
      this.sql.insertParam.run(studyId, name, JSON.stringify(distributionToJson(d)));
      this.pendingParams.push([studyId, name, d]);
    }
  }

  /** Runs `fn` in one write transaction (`BEGIN IMMEDIATE`), retried while the lock is busy. */
  private async write<T>(what: string, fn: () => T): Promise<T> {
    this.checkOpen(what);
    try {
      return await retryWhileBusy(() => {
        this.sql.begin.run();
        this.pendingParams = [];
        try {
          const result = fn();
          this.sql.commit.run();
          for (const [studyId, name, d] of this.pendingParams) this.knownParams.get(studyId)?.set(name, d);
          this.checkpointer?.noteWrite();
          return result;
        } catch (e) {
          if (this.db.inTransaction) this.sql.rollback.run();
          throw e;
        } finally {
          this.pendingParams = [];
        }
      }, this.policy(what));
    } catch (e) {
      throw this.failure(what, e);
    }
  }

  /** Runs `fn` (several reads) in one read transaction, a consistent snapshot. */
  private readSnapshot<T>(what: string, fn: () => T): Promise<T> {
    return this.read(what, () => {
      this.sql.beginRead.run();
      try {
        return fn();
      } finally {
        this.sql.commit.run();
      }
    });
  }

  /** Runs `fn` (a read), retried while the database is busy. */
  private async read<T>(what: string, fn: () => T): Promise<T> {
    this.checkOpen(what);
    try {
      return await retryWhileBusy(fn, this.policy(what));
    } catch (e) {
      throw this.failure(what, e);
    }
  }

  private policy(what: string): BusyRetryPolicy {
    return {
      ...this.busy,
      onTimeout: (waited) => busyTimeout(this.path, `SqliteStorage.${what}`, waited, this.busy.timeoutMs),
    };
  }

  /** SQLite's errors wrapped with the file's name; the storage rules' errors as they are. */
  private failure(what: string, e: unknown): unknown {
    return sqliteCode(e) === null ? e : sqliteFailure(this.path, `SqliteStorage.${what}`, e);
  }

  private checkOpen(what: string): void {
    if (this.closed) {
      throw new SqliteStorageError("closed", this.path, `SqliteStorage.${what}: ${this.path} was closed`);
    }
  }
}
