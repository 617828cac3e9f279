/**
 * Storage URLs: the one parser that the facade, the CLI and the storage package share, so a
 * URL means the same thing everywhere. It reads the text only (no file or server is touched).
 *
 * Accepted forms:
 * - `memory`: the in-memory storage shared by the process;
 * - `journal:./study.log`, `journal:/abs/path`: a journal file (Optuna's JournalStorage format);
 * - `sqlite:./study.db`, `sqlite:/abs/study.db`; also SQLAlchemy's `sqlite:///rel.db` and
 *   `sqlite:////abs.db`, as Optuna users write them;
 * - `postgresql://user:pass@host:port/db` (`postgres://` too; port 5432 by default; query
 *   parameters such as `?sslmode=require` are kept as options);
 * - `redis://host:port/db` (`rediss://` for TLS; `redis://:pass@host` or `user:pass@`; port
 *   6379 and db 0 by default): a journal kept in Redis.
 */
import { emptyRecord, setKey } from "../records/index.js";

/** `memory`. */
export interface MemoryStorageUrl {
  readonly kind: "memory";
}

/** `journal:<path>`: a journal file. */
export interface JournalStorageUrl {
  readonly kind: "journal";
  /** The file path as written (relative paths are relative to the working directory). */
  readonly path: string;
}

/** `sqlite:<path>`: an SQLite database file. */
export interface SqliteStorageUrl {
  readonly kind: "sqlite";
  /** The file path (relative paths are relative to the working directory). */
  readonly path: string;
}

/** `postgresql://user:pass@host:port/db?options`. */
export interface PostgresqlStorageUrl {
  readonly kind: "postgresql";
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** Null when the URL names none. */
  readonly user: string | null;
  /** Null when the URL holds none. */
  readonly password: string | null;
  /** Query parameters (e.g. `sslmode`), by name. */
  readonly options: Readonly<Record<string, string>>;
}

/** `redis://host:port/db` or `rediss://...` (TLS). */
export interface RedisStorageUrl {
  readonly kind: "redis";
  readonly host: string;
  readonly port: number;
  /** The database number. */
  readonly db: number;
  /** Null when the URL names none (Redis before ACLs). */
  readonly user: string | null;
  readonly password: string | null;
  /** True for `rediss://`. */
  readonly tls: boolean;
}

/** A parsed storage URL, tagged by `kind`. */
export type StorageUrl =
  | MemoryStorageUrl
  | JournalStorageUrl
  | SqliteStorageUrl
  | PostgresqlStorageUrl
  | RedisStorageUrl;

/** The accepted forms, as error messages list them. */
export const STORAGE_URL_FORMS: readonly string[] = [
  "memory",
  "journal:./study.log",
  "journal:/abs/path",
  "sqlite:./study.db",
  "postgresql://user:pass@host:port/db",
  "redis://host:port/db",
];

const DEFAULT_PORTS = { postgresql: 5432, redis: 6379 } as const;

/**
 * Parses a storage URL (see the module comment for the forms).
 * @throws TypeError if `url` is not a string.
 * @throws RangeError for an unknown scheme or a malformed URL, naming the URL (its password
 *   masked) and listing the accepted forms.
 * @example
 * ```ts
 * parseStorageUrl("journal:./study.log"); // { kind: "journal", path: "./study.log" }
 * parseStorageUrl("postgresql://me:pw@db:5432/hpo"); // { kind: "postgresql", host: "db", port: 5432, database: "hpo", ... }
 * ```
 */
export function parseStorageUrl(url: string): StorageUrl {
  if (typeof url !== "string") {
    throw new TypeError(
      `parseStorageUrl: a storage URL must be a string, got ${url === null ? "null" : typeof url}`,
    );
  }
  const colon = url.indexOf(":");
  const scheme = (colon < 0 ? url : url.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? "" : url.slice(colon + 1);
  switch (scheme) {
    case "memory":
      if (rest !== "") throw bad(url, 'memory takes nothing after it: write "memory"');
      return { kind: "memory" };
    case "journal":
      return { kind: "journal", path: filePath(url, rest, "journal", false) };
    case "sqlite":
      return { kind: "sqlite", path: filePath(url, rest, "sqlite", true) };
    case "postgresql":
    case "postgres":
      return parsePostgresql(url);
    case "redis":
    case "rediss":
      return parseRedis(url, scheme === "rediss");
    default:
      throw bad(url, colon < 0 ? "it has no scheme" : `unknown scheme "${url.slice(0, colon)}"`);
  }
}

/**
 * The URL of a parsed record, in its canonical form, with the password shown as `***`: for
 * messages and logs.
 */
export function describeStorageUrl(url: StorageUrl): string {
  switch (url.kind) {
    case "memory":
      return "memory";
    case "journal":
    case "sqlite":
      return `${url.kind}:${url.path}`;
    case "postgresql": {
      const query = new URLSearchParams(url.options as Record<string, string>).toString();
      return `postgresql://${userInfo(url.user, url.password)}${hostPort(url.host, url.port)}/${encodeURIComponent(url.database)}${query === "" ? "" : `?${query}`}`;
    }
    case "redis":
      return `${url.tls ? "rediss" : "redis"}://${userInfo(url.user, url.password)}${hostPort(url.host, url.port)}/${url.db}`;
  }
}

function userInfo(user: string | null, password: string | null): string {
  if (user === null && password === null) return "";
  return `${user === null ? "" : encodeURIComponent(user)}${password === null ? "" : ":***"}@`;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The path of a file URL: `scheme:<path>`, and for SQLite also SQLAlchemy's `sqlite:///<path>`. */
function filePath(url: string, rest: string, scheme: string, sqlalchemy: boolean): string {
  let path = rest;
  if (path.startsWith("//")) {
    if (!(sqlalchemy && path.startsWith("///"))) {
      throw bad(
        url,
        `write ${scheme}:./file or ${scheme}:/abs/path${sqlalchemy ? " (or SQLAlchemy's sqlite:///rel.db, sqlite:////abs.db)" : ""}; "${scheme}://" would name a host`,
      );
    }
    path = path.slice(3);
  }
  if (path.length === 0)
    throw bad(url, `the file path is empty: write ${scheme}:./file or ${scheme}:/abs/path`);
  if (path.includes("\0")) throw bad(url, "the file path contains a NUL character");
  return path;
}

function parsePostgresql(url: string): PostgresqlStorageUrl {
  const u = parseAuthority(url, "postgresql://user:pass@host:port/db");
  const database = decode(url, u.pathname.replace(/^\//, ""));
  if (database.length === 0 || database.includes("/")) {
    throw bad(url, "name one database after the host: postgresql://user:pass@host:port/db");
  }
  const options = emptyRecord<string>();
  for (const [k, v] of u.searchParams) setKey(options, k, v);
  return {
    kind: "postgresql",
    host: hostOf(u),
    port: portOf(url, u, DEFAULT_PORTS.postgresql),
    database,
    user: u.username === "" ? null : decode(url, u.username),
    password: u.password === "" ? null : decode(url, u.password),
    options,
  };
}

function parseRedis(url: string, tls: boolean): RedisStorageUrl {
  const u = parseAuthority(url, "redis://host:port/db");
  if (u.search !== "") throw bad(url, "redis URLs take no query parameters: redis://host:port/db");
  const path = u.pathname.replace(/^\//, "");
  if (path !== "" && !/^\d+$/.test(path)) {
    throw bad(url, `the database must be a number >= 0 (redis://host:port/0), got "${decode(url, path)}"`);
  }
  const db = path === "" ? 0 : Number(path);
  if (!Number.isSafeInteger(db)) throw bad(url, `the database number ${path} is too large`);
  return {
    kind: "redis",
    host: hostOf(u),
    port: portOf(url, u, DEFAULT_PORTS.redis),
    db,
    user: u.username === "" ? null : decode(url, u.username),
    password: u.password === "" ? null : decode(url, u.password),
    tls,
  };
}

/** WHATWG URL of a `scheme://authority/...` storage URL, with a host. */
function parseAuthority(url: string, form: string): URL {
  const colon = url.indexOf(":");
  if (!url.startsWith("//", colon + 1)) throw bad(url, `write ${form}`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad(
      url,
      `it is not a valid URL (write ${form}; percent-encode special characters in the user and password)`,
    );
  }
  if (u.hostname === "") throw bad(url, `the host is missing: write ${form}`);
  if (u.hash !== "") throw bad(url, "it has a #fragment, which a storage URL does not take");
  return u;
}

function hostOf(u: URL): string {
  const h = u.hostname;
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

function portOf(url: string, u: URL, fallback: number): number {
  if (u.port === "") return fallback;
  const port = Number(u.port);
  if (!(port >= 1 && port <= 65535)) throw bad(url, `the port must be in 1..65535, got ${u.port}`);
  return port;
}

function decode(url: string, s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw bad(url, `it has a malformed percent-encoding in "${s}"`);
  }
}

/** The URL with the password of its user information (`user:password@`) masked, for messages. */
function masked(url: string): string {
  const start = url.indexOf("://");
  if (start < 0) return url;
  const from = start + 3;
  let end = url.length;
  for (const c of "/?#") {
    const i = url.indexOf(c, from);
    if (i >= 0 && i < end) end = i;
  }
  const at = url.lastIndexOf("@", end - 1);
  if (at < from) return url;
  const colon = url.indexOf(":", from);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon + 1)}***${url.slice(at)}`;
}

function bad(url: string, why: string): RangeError {
  return new RangeError(
    `storage: cannot read the storage URL ${JSON.stringify(masked(url))}: ${why}. Accepted forms: ${STORAGE_URL_FORMS.join(", ")}`,
  );
}
