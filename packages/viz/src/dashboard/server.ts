/**
 * The dashboard: a local HTTP server (node:http) over a {@link DashboardSource}.
 *
 * Routes: `GET /` the list of studies; `GET /study/<name>` a study's page (plots, summary,
 * trial table with a state filter, note form); `GET /api/study/<name>` its page data as JSON
 * with an ETag (the study's marker: a poll that finds nothing new gets 304 and costs one
 * incremental read); `GET /api/expressions/<hash>.js` the expression table of a page data
 * (its plots' Vega expressions compiled to functions, `page/expression-script.ts`), which a
 * study page loads when live data bring expressions its inline table lacks (the page's CSP
 * allows scripts from 'self' for this; every response is `nosniff`, so only this route's
 * `text/javascript` can run); `POST /study/<name>/note` saves the note (study user attribute
 * `dashboard:note`) when the request comes from the dashboard's own origin (Origin, else
 * Referer) and carries the server's CSRF token; anything else 404 (or 405 for a method).
 * Bound to 127.0.0.1 by default; another host needs `allowRemote` (see bind.ts), and on
 * loopback only loopback Host headers are answered.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { InlineScript } from "../page/bundles.js";
import type { PageData } from "../page/client-script.js";
import { pageExpressions } from "../page/html.js";
import { studyPageData } from "../report/page-data.js";
import { checkBind, hostAllowed } from "./bind.js";
import { LIST_CSP, listPage, studyCsp, studyPage } from "./pages.js";
import { type DashboardSource, NOTE_ATTR } from "./source.js";

/** Options of {@link startDashboard}. */
export interface DashboardOptions {
  /**
   * The address to listen on; not loopback only with `allowRemote`.
   * @defaultValue "127.0.0.1"
   */
  readonly host?: string;
  /**
   * The port; 0 picks a free one.
   * @defaultValue 0
   */
  readonly port?: number;
  /**
   * Allow a non-loopback `host` (a warning is returned in `warning`).
   * @defaultValue false
   */
  readonly allowRemote?: boolean;
  /**
   * How often a study page polls for changes, in milliseconds, an integer in [100, 3600000].
   * @defaultValue 2000
   */
  readonly pollMs?: number;
  /**
   * The most trials a per-trial plot draws (see `applicablePlots`).
   * @defaultValue 1000
   */
  readonly maxTrialsDrawn?: number;
  /**
   * The CSRF token of the note form (tests fix it).
   * @defaultValue 32 random bytes, hex
   */
  readonly token?: string;
}

/** A running dashboard. */
export interface Dashboard {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** The warning to show when it listens beyond loopback, else null. */
  readonly warning: string | null;
  close(): Promise<void>;
}

/** The most bytes a note POST may carry. */
const MAX_BODY = 64 * 1024;
/** The longest note, in characters. */
const MAX_NOTE = 10_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A study's page data at a marker, with its expression table. */
interface Built {
  readonly marker: string;
  readonly data: PageData;
  readonly note: string;
  readonly expressions: InlineScript;
}

/** How many expression tables the server keeps for pages to load (the latest built). */
const EXPRESSION_TABLES = 64;

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-cache",
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": type, ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, `note: the request body exceeds ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Whether a POST comes from the dashboard's own origin (Origin header, else Referer). */
function sameOrigin(req: IncomingMessage): boolean {
  const own = `http://${req.headers.host ?? ""}`;
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === own;
  const referer = req.headers.referer;
  return referer !== undefined && (referer === own || referer.startsWith(`${own}/`));
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts a dashboard over `source`.
 * @throws RangeError naming the option for a non-loopback host without `allowRemote`, a port
 *   outside [0, 65535] or a poll interval outside [100, 3600000].
 * @example
 * ```ts
 * const d = await startDashboard(storageSource(storage));
 * console.log(d.url); // http://127.0.0.1:PORT/
 * ```
 */
export async function startDashboard(
  source: DashboardSource,
  options: DashboardOptions = {},
): Promise<Dashboard> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  const pollMs = options.pollMs ?? 2000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`startDashboard: port must be an integer in [0, 65535], got ${String(port)}`);
  if (!Number.isInteger(pollMs) || pollMs < 100 || pollMs > 3_600_000)
    throw new RangeError(
      `startDashboard: pollMs must be an integer in [100, 3600000], got ${String(pollMs)}`,
    );
  const warning = checkBind(host, options.allowRemote === true);
  const remote = warning !== null;
  const token = options.token ?? randomBytes(32).toString("hex");
  const maxTrialsDrawn = options.maxTrialsDrawn ?? 1000;
  // The page data of each study at its last marker: a page load or poll with nothing new
  // does not rebuild the plots.
  const built = new Map<string, Built>();
  // The expression tables served at /api/expressions/<hash>.js: the latest EXPRESSION_TABLES.
  const tables = new Map<string, string>();
  let boundPort = port;

  async function pageData(name: string): Promise<Built | null> {
    const snap = await source.snapshot(name);
    if (snap === null) return null;
    const last = built.get(name);
    if (last !== undefined && last.marker === snap.marker) return last;
    const attrs = snap.study.userAttrs ?? {};
    const note =
      Object.hasOwn(attrs, NOTE_ATTR) && typeof attrs[NOTE_ATTR] === "string" ? attrs[NOTE_ATTR] : "";
    const data = studyPageData(snap.study, { maxTrialsDrawn });
    const expressions = pageExpressions(data);
    const hash = createHash("sha256").update(expressions.source).digest("hex").slice(0, 32);
    tables.delete(hash);
    tables.set(hash, expressions.source);
    if (tables.size > EXPRESSION_TABLES) tables.delete(tables.keys().next().value!);
    const entry = {
      marker: snap.marker,
      data: { ...data, expressions: `/api/expressions/${hash}.js` },
      note,
      expressions,
    };
    built.set(name, entry);
    return entry;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, boundPort, remote))
      throw new HttpError(
        403,
        "dashboard: this Host is not served (the dashboard answers loopback names only)",
      );
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const parts = url.pathname.split("/").slice(1);
    const method = req.method ?? "GET";
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new HttpError(400, "dashboard: the study name in the path is not valid percent-encoding");
      }
    };
    if (url.pathname === "/") {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "dashboard: / takes GET");
      send(
        res,
        200,
        "text/html; charset=utf-8",
        listPage(await source.listStudies(), source.setNote === undefined),
        {
          "Content-Security-Policy": `${LIST_CSP}; frame-ancestors 'none'`,
        },
      );
      return;
    }
    if (parts.length === 3 && parts[0] === "api" && parts[1] === "expressions") {
      if (method !== "GET") throw new HttpError(405, "dashboard: the expression tables take GET");
      const m = /^([0-9a-f]{32})\.js$/.exec(parts[2]!);
      const table = m === null ? undefined : tables.get(m[1]!);
      if (table === undefined) throw new HttpError(404, "dashboard: no such expression table");
      send(res, 200, "text/javascript; charset=utf-8", table);
      return;
    }
    if (parts.length === 3 && parts[0] === "api" && parts[1] === "study") {
      if (method !== "GET") throw new HttpError(405, "dashboard: the study API takes GET");
      const name = decode(parts[2]!);
      const p = await pageData(name);
      if (p === null) throw new HttpError(404, "dashboard: no such study");
      const etag = `"${p.marker}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { ...SECURITY_HEADERS, ETag: etag });
        res.end();
        return;
      }
      send(res, 200, "application/json; charset=utf-8", JSON.stringify(p.data), { ETag: etag });
      return;
    }
    if (parts[0] === "study" && parts.length === 2) {
      if (method !== "GET") throw new HttpError(405, "dashboard: a study page takes GET");
      const name = decode(parts[1]!);
      const p = await pageData(name);
      if (p === null) throw new HttpError(404, "dashboard: no such study");
      const html = studyPage({
        name,
        data: p.data,
        etag: `"${p.marker}"`,
        note: p.note,
        token: source.setNote === undefined ? null : token,
        pollMs,
        expressions: p.expressions,
      });
      send(res, 200, "text/html; charset=utf-8", html, {
        "Content-Security-Policy": `${studyCsp(p.expressions)}; frame-ancestors 'none'`,
      });
      return;
    }
    if (parts[0] === "study" && parts.length === 3 && parts[2] === "note") {
      if (method !== "POST") throw new HttpError(405, "dashboard: a note takes POST");
      const name = decode(parts[1]!);
      if (source.setNote === undefined)
        throw new HttpError(405, "dashboard: read-only source, notes cannot be saved");
      if (!sameOrigin(req))
        throw new HttpError(403, "dashboard: a note must be posted from the dashboard's own page");
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
      if (type !== "application/x-www-form-urlencoded")
        throw new HttpError(415, "dashboard: a note must be a form post (application/x-www-form-urlencoded)");
      const form = new URLSearchParams(await readBody(req));
      if (!tokenMatches(form.get("token"), token))
        throw new HttpError(403, "dashboard: missing or wrong CSRF token");
      const note = form.get("note") ?? "";
      if (note.length > MAX_NOTE)
        throw new HttpError(
          400,
          `dashboard: note must be at most ${MAX_NOTE} characters, got ${note.length}`,
        );
      if ((await source.snapshot(name)) === null) throw new HttpError(404, "dashboard: no such study");
      await source.setNote(name, note);
      res.writeHead(303, { ...SECURITY_HEADERS, Location: `/study/${encodeURIComponent(name)}` });
      res.end();
      return;
    }
    throw new HttpError(404, "dashboard: not found");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : `dashboard: ${(e as Error).message ?? String(e)}`;
      if (!res.headersSent) send(res, status, "text/plain; charset=utf-8", `${message}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${boundPort}/`,
    port: boundPort,
    server,
    warning,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
