/**
 * RedisJournalBackend: a journal (see `JournalBackend` in ../journal/backend.ts) kept in Redis,
 * in the keys Optuna's `JournalRedisBackend` uses (see append-script.ts), so that tunelab and
 * Python's Optuna (3.1 and 5.0) workers share one study through one Redis server.
 *
 * - Appends: one Lua script per batch, atomic (see `APPEND_SCRIPT`).
 * - Reads by index: `GET <prefix>:log_number`, then `MGET` of the keys from the requested log
 *   number to it, in chunks. A key that is missing below the counter (a non-atomic writer,
 *   such as Optuna with `use_cluster=True`, between its INCR and its SET) ends the read there;
 *   the next read continues from it.
 * - A dropped connection: the client reconnects; a read is simply repeated. An append whose
 *   reply was lost may or may not have run, so before repeating it the backend looks for its
 *   first record (by its `worker_id`, unique to each operation the journal core writes) among
 *   the records after the last ones it had seen, and does not append twice.
 * - Keys that are not a journal's (a counter that is not an integer, a key of another type,
 *   a record that is not a journal record) are reported with the key's name; nothing is
 *   written over them.
 */

import { createClient, ErrorReply } from "@redis/client";
import {
  type Clock,
  checkClock,
  describeStorageUrl,
  parseStorageUrl,
  type RedisStorageUrl,
  StorageError,
  systemClock,
} from "@tunelab/study";
import type { JournalBackend, JournalRecord } from "../journal/backend.js";
import { decodeJournalRecord, encodeJournalRecord } from "../journal/codec.js";
import { APPEND_SCRIPT } from "./append-script.js";

/** Options of {@link RedisJournalBackend.open}. */
export interface RedisJournalBackendOptions {
  /**
   * The prefix of the journal's keys, as Optuna's `prefix` argument: the keys are
   * `<prefix>:log_number` and `<prefix>:log:<n>`. Several journals share a Redis database
   * under different prefixes.
   * @defaultValue "" (Optuna's default, so `JournalRedisStorage("redis://...")` in Python opens the same journal)
   */
  readonly prefix?: string;
  /** How long connecting may take, in ms. @defaultValue 10000 */
  readonly connectTimeoutMs?: number;
  /** How many times a read or an append is repeated after a lost connection before it fails. @defaultValue 8 */
  readonly maxRetries?: number;
  /** The delay before the second retry, doubled at each further one up to 2 s (the first is immediate). @defaultValue 50 */
  readonly retryDelayMs?: number;
  /** The connection's name, as `CLIENT LIST` shows it. @defaultValue "tunelab" */
  readonly clientName?: string;
  /** The clock that retry delays are measured on. @defaultValue systemClock */
  readonly clock?: Clock;
}

/** Keys fetched per MGET. */
const CHUNK = 1000;

type Client = ReturnType<typeof makeClient>;

/** The client of a parsed URL; it reconnects only once `state.connected` is set. */
function makeClient(
  record: RedisStorageUrl,
  options: RedisJournalBackendOptions,
  state: { connected: boolean },
) {
  return createClient({
    socket: {
      host: record.host,
      port: record.port,
      ...(record.tls ? { tls: true as const } : {}),
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      // Before the first connection, a failure is final (open reports it); afterwards the
      // client reconnects, waiting a little longer each time, up to 2 s.
      reconnectStrategy: (retries: number, cause: Error) =>
        state.connected ? Math.min(2000, 50 * 2 ** Math.min(retries, 6)) : cause,
    },
    ...(record.user === null ? {} : { username: record.user }),
    ...(record.password === null ? {} : { password: record.password }),
    database: record.db,
    name: options.clientName ?? "tunelab",
  });
}

/**
 * A journal in Redis.
 * @example
 * ```ts
 * const backend = await RedisJournalBackend.open("redis://127.0.0.1:6379/0", { prefix: "hpo" });
 * const storage = new JournalStorage(backend);
 * ```
 */
export class RedisJournalBackend implements JournalBackend {
  /** The URL with its password masked, for messages. */
  readonly url: string;
  /** The prefix of the journal's keys. */
  readonly prefix: string;
  private readonly client: Client;
  private readonly counterKey: string;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private readonly clock: Clock;
  /** The number of records known to exist (every record below it was read or written here). */
  private seen = 0;
  private closed = false;
  /** Operations in flight: the socket keeps the process alive only while one is. */
  private busy = 0;

  private constructor(client: Client, url: string, options: RedisJournalBackendOptions) {
    this.client = client;
    this.url = url;
    this.prefix = options.prefix ?? "";
    this.counterKey = `${this.prefix}:log_number`;
    this.maxRetries = options.maxRetries ?? 8;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Connects and checks that the prefix's counter, if it exists, is a journal's.
   * @param url - a `redis://host:port/db` (or `rediss://`) URL, or its record from `parseStorageUrl`.
   * @throws RangeError for another kind of URL or bad options.
   * @throws StorageError when the server cannot be reached or refuses the login (the message
   *   names the URL with its password masked), or when the counter key is not a journal's.
   */
  static async open(
    url: string | RedisStorageUrl,
    options: RedisJournalBackendOptions = {},
  ): Promise<RedisJournalBackend> {
    const record = typeof url === "string" ? parseStorageUrl(url) : url;
    if (record === null || typeof record !== "object" || record.kind !== "redis") {
      throw new RangeError(
        `RedisJournalBackend.open: url must be redis://host:port/db (or rediss://, or its parsed record), got ${typeof url === "string" ? JSON.stringify(describeStorageUrl(record)) : String((record as { kind?: unknown } | null)?.kind)}`,
      );
    }
    checkOptions(options);
    const shown = describeStorageUrl(record);
    const state = { connected: false };
    const client = makeClient(record, options, state);
    // Connection errors surface as rejected commands; the event itself needs a listener.
    client.on("error", () => {});
    try {
      await client.connect();
      state.connected = true;
    } catch (e) {
      client.destroy();
      throw new StorageError(
        `RedisJournalBackend: cannot connect to ${shown}: ${messageOf(e, record.password)}`,
      );
    }
    const backend = new RedisJournalBackend(client, shown, options);
    try {
      await backend.checkCounter();
    } catch (e) {
      client.destroy();
      throw e;
    }
    // An idle connection does not keep Node running (as pg's allowExitOnIdle): a script
    // that forgets close() still exits; operations in flight hold it (see `holding`).
    client.unref();
    return backend;
  }

  async readLogs(fromLogNumber: number): Promise<readonly JournalRecord[]> {
    return this.holding(() => this.readFrom(fromLogNumber));
  }

  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    if (records.length === 0) return;
    return this.holding(() => this.append(records));
  }

  /**
   * Runs an operation with the socket referenced, so the process stays alive until its reply
   * arrives (an unreferenced socket would let Node exit with the operation pending).
   */
  private async holding<T>(operation: () => Promise<T>): Promise<T> {
    if (this.busy++ === 0 && !this.closed) this.client.ref();
    try {
      return await operation();
    } finally {
      if (--this.busy === 0 && !this.closed) this.client.unref();
    }
  }

  private async readFrom(fromLogNumber: number): Promise<readonly JournalRecord[]> {
    if (!Number.isSafeInteger(fromLogNumber) || fromLogNumber < 0) {
      throw new RangeError(
        `RedisJournalBackend.readLogs: fromLogNumber must be an integer >= 0, got ${fromLogNumber}`,
      );
    }
    return this.retrying(async () => {
      const last = await this.lastLogNumber();
      const out: JournalRecord[] = [];
      for (let from = fromLogNumber; from <= last; from += CHUNK) {
        const to = Math.min(last, from + CHUNK - 1);
        const keys: string[] = [];
        for (let n = from; n <= to; n++) keys.push(this.logKey(n));
        const texts = await this.client.mGet(keys);
        for (let i = 0; i < texts.length; i++) {
          const text = texts[i];
          if (text === null || text === undefined) return this.note(out, from + i);
          out.push(this.decode(from + i, text));
        }
      }
      return this.note(out, last + 1);
    });
  }

  private async append(records: readonly JournalRecord[]): Promise<void> {
    const lines = records.map(encodeJournalRecord);
    const first = records[0]!;
    let attempt = 0;
    for (;;) {
      this.checkOpen();
      try {
        if (attempt > 0 && (await this.contains(first))) return;
        const last = await this.client.eval(APPEND_SCRIPT, {
          keys: [this.counterKey],
          arguments: [this.prefix, ...lines],
        });
        this.seen = Math.max(this.seen, Number(last) + 1 - lines.length);
        return;
      } catch (e) {
        if (e instanceof ErrorReply) {
          throw new StorageError(
            `RedisJournalBackend: ${this.url}: cannot append to the journal under key "${this.counterKey}" (${e.message}); if that key is not a journal's, use another prefix or database`,
          );
        }
        await this.afterFailure(e, attempt++);
      }
    }
  }

  /** Closes the connection; a second call does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close().catch(() => this.client.destroy());
  }

  private logKey(n: number): string {
    return `${this.prefix}:log:${n}`;
  }

  /** Remembers how far the journal is known to reach, and returns `records`. */
  private note(records: JournalRecord[], end: number): JournalRecord[] {
    if (end > this.seen) this.seen = end;
    return records;
  }

  /** The counter: the last log number written (-1 for an empty journal). */
  private async lastLogNumber(): Promise<number> {
    const text = await this.client.get(this.counterKey);
    if (text === null) return -1;
    const n = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < -1) {
      throw new StorageError(
        `RedisJournalBackend: ${this.url}: the key "${this.counterKey}" holds ${JSON.stringify(text.slice(0, 80))}, not a journal's log number (an integer >= -1); if it is not a journal, use another prefix or database`,
      );
    }
    return n;
  }

  private async checkCounter(): Promise<void> {
    const type = await this.client.type(this.counterKey);
    if (type !== "none" && type !== "string") {
      throw new StorageError(
        `RedisJournalBackend: ${this.url}: the key "${this.counterKey}" is a Redis ${type}, not a journal's log number; it is left untouched. Use another prefix or database`,
      );
    }
    await this.lastLogNumber();
  }

  private decode(n: number, text: string): JournalRecord {
    try {
      return decodeJournalRecord(text);
    } catch (e) {
      throw new StorageError(
        `RedisJournalBackend: ${this.url}: the record at key "${this.logKey(n)}" (log number ${n}) is not a journal record: ${(e as Error).message}`,
      );
    }
  }

  /** True when the journal holds `record` (by worker id and op code) after what was seen before. */
  private async contains(record: JournalRecord): Promise<boolean> {
    const last = await this.lastLogNumber();
    for (let from = this.seen; from <= last; from += CHUNK) {
      const to = Math.min(last, from + CHUNK - 1);
      const keys: string[] = [];
      for (let n = from; n <= to; n++) keys.push(this.logKey(n));
      for (const text of await this.client.mGet(keys)) {
        if (text === null || text === undefined) continue;
        const r = decodeJournalRecord(text);
        if (r.worker_id === record.worker_id && r.op_code === record.op_code) return true;
      }
    }
    return false;
  }

  /** Runs a read, repeating it after a lost connection. */
  private async retrying<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.checkOpen();
      try {
        return await read();
      } catch (e) {
        if (e instanceof StorageError || e instanceof ErrorReply) throw e;
        await this.afterFailure(e, attempt);
      }
    }
  }

  /** Waits before the next attempt, or fails after the last one. */
  private async afterFailure(e: unknown, attempt: number): Promise<void> {
    if (attempt >= this.maxRetries) {
      throw new StorageError(
        `RedisJournalBackend: lost the connection to ${this.url} and could not complete the operation after ${attempt + 1} attempts: ${messageOf(e, null)}`,
      );
    }
    if (attempt === 0) return;
    const ms = Math.min(2000, this.retryDelayMs * 2 ** (attempt - 1));
    await new Promise<void>((resolve) => this.clock.setTimer(ms, resolve));
  }

  private checkOpen(): void {
    if (this.closed) throw new StorageError(`RedisJournalBackend: the journal at ${this.url} is closed`);
  }
}

function checkOptions(o: RedisJournalBackendOptions): void {
  const where = "RedisJournalBackend.open";
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  if (o.clientName !== undefined && (typeof o.clientName !== "string" || /\s/.test(o.clientName))) {
    throw new TypeError(
      `${where}: clientName must be a string without spaces, got ${JSON.stringify(o.clientName)}`,
    );
  }
  if (o.prefix !== undefined && typeof o.prefix !== "string") {
    throw new TypeError(`${where}: prefix must be a string, got ${typeof o.prefix}`);
  }
  for (const [name, min] of [
    ["connectTimeoutMs", 1],
    ["maxRetries", 0],
    ["retryDelayMs", 0],
  ] as const) {
    const v = o[name];
    if (v !== undefined && !(typeof v === "number" && Number.isSafeInteger(v) && v >= min)) {
      throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  }
  if (o.clock !== undefined) checkClock("RedisJournalBackend", o.clock);
}

/** An error's message, with the password blanked should a driver ever echo it. */
function messageOf(e: unknown, password: string | null): string {
  const m = e instanceof Error ? e.message || e.name : String(e);
  return password !== null && password.length >= 3 ? m.split(password).join("***") : m;
}
