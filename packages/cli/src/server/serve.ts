/**
 * `tunelab server`: one resident process per user and machine that runs the short study
 * commands (`ask`, `tell`, `report`, `should-prune`, `trials`, `best-trial`, `best-trials`)
 * for the `tunelab` client, keeping their storages open between commands (`storage-pool.ts`).
 *
 * Why it exists: a fresh `tunelab` process per call spends most of an ask/tell pair starting
 * Node.js, loading the program and replaying the study (the package README has the figures);
 * two bare Node.js start-ups alone cost an eighth of Optuna's pair. With a server, a call is
 * a bash process that sends its command line over a socket (`protocol.ts`) and prints the
 * answer; the work left is the command's own.
 *
 * Commands run one at a time, in the order they arrive, each in the client's working
 * directory and with the client's `TUNELAB_*` environment: one after the other, they behave
 * as if each were run in a process of its own, except that the study is not read afresh
 * from the start. The server stops itself after `idleTimeoutMs` without a command, on
 * SIGTERM or SIGINT, and when its program's files change (a rebuild or a reinstall: it
 * declines the command, which the client then runs itself, and exits).
 */

import { timingSafeEqual } from "node:crypto";
import * as fs from "node:fs";
import { createServer, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { setLogHandler } from "@tunelab/study";
import type { CliIo } from "../io.js";
import { run } from "../program.js";
import { LineFramer, MAX_REQUEST_BYTES, parseRequest, type ServerRequest } from "./protocol.js";
import {
  ensurePrivateDir,
  hostName,
  newToken,
  releaseSlot,
  removeState,
  type ServerState,
  takeSlot,
  writeState,
} from "./state-file.js";
import { StoragePool } from "./storage-pool.js";

/** The commands a server runs; the client sends only these. */
export const SERVED_COMMANDS: ReadonlySet<string> = new Set([
  "ask",
  "tell",
  "report",
  "should-prune",
  "trials",
  "best-trial",
  "best-trials",
]);

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** The server directory (its state file and pid file). */
  readonly dir: string;
  /** Milliseconds without a command after which the server stops. @defaultValue 900_000 */
  readonly idleTimeoutMs?: number;
  /** Where the server's own messages go. @defaultValue nowhere */
  readonly log?: (message: string) => void;
  /**
   * Files whose change (mtime or size) makes the server stale. @defaultValue the build
   * stamps of the workspace packages (each `dist/.tsbuildinfo`, else `package.json`) and
   * `node_modules/.package-lock.json`
   */
  readonly watch?: readonly string[];
}

/** A running server. */
export interface RunningServer {
  readonly port: number;
  readonly state: ServerState;
  /** Settles when the server has stopped (idle, stale, signal or `stop`). */
  readonly stopped: Promise<void>;
  /** Stops the server: no new commands, the one running finishes, storages closed. */
  stop(reason: string): Promise<void>;
}

/** The default watch list (see {@link ServerOptions.watch}). */
export function defaultWatchList(): string[] {
  const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const packagesDir = dirname(cliRoot);
  const out: string[] = [];
  let siblings: string[] = [];
  try {
    siblings = fs.readdirSync(packagesDir);
  } catch {
    siblings = [];
  }
  for (const name of siblings) {
    const stamp = join(packagesDir, name, "dist", ".tsbuildinfo");
    const manifest = join(packagesDir, name, "package.json");
    if (fs.existsSync(stamp)) out.push(stamp);
    else if (fs.existsSync(manifest)) out.push(manifest);
  }
  for (let dir = cliRoot; ; ) {
    const lock = join(dir, "node_modules", ".package-lock.json");
    if (fs.existsSync(lock)) {
      out.push(lock);
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

function stampOf(files: readonly string[]): string {
  return files
    .map((f) => {
      const st = fs.statSync(f, { throwIfNoEntry: false });
      return st === undefined ? "-" : `${st.mtimeMs}:${st.size}`;
    })
    .join(",");
}

/** A stream that frames what a command writes (see `protocol.ts`). */
class FramedStream extends Writable {
  readonly isTTY = false;
  constructor(private readonly framer: LineFramer) {
    super({ decodeStrings: false });
  }
  override _write(chunk: unknown, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.framer.write(typeof chunk === "string" ? chunk : String(chunk));
    cb();
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Starts a server in this process.
 * @throws CliError when the directory is not private, or another server of this directory runs.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { dir } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? 900_000;
  const log = options.log ?? (() => undefined);
  ensurePrivateDir(dir);
  const slot = takeSlot(dir);
  if (!slot.taken) {
    const { CliError } = await import("../exit-codes.js");
    throw new CliError(
      `a tunelab server already runs for ${dir} (pid ${slot.pid}); tunelab server stop ends it`,
    );
  }
  const watch = options.watch ?? defaultWatchList();
  const stamp = stampOf(watch);
  const pool = new StoragePool();
  const token = newToken();
  let chain: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let busy = 0;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => {
    resolveStopped = r;
  });

  const armIdle = (): void => {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer =
      busy > 0 ? null : setTimeout(() => void stop(`idle for ${idleTimeoutMs / 1000} s`), idleTimeoutMs);
  };

  const runOne = async (request: ServerRequest, socket: Socket): Promise<void> => {
    const send = (line: string): void => {
      if (!socket.destroyed) socket.write(line);
    };
    const out = new LineFramer("o", send);
    const err = new LineFramer("e", send);
    let code: number;
    try {
      process.chdir(request.cwd);
    } catch (e) {
      err.write(
        `tunelab: cannot enter the working directory ${request.cwd} (${(e as NodeJS.ErrnoException).code ?? e})\n`,
      );
      send(`x 1\n`);
      socket.end();
      return;
    }
    const io: CliIo = {
      stdout: new FramedStream(out),
      stderr: new FramedStream(err),
      stdin: Readable.from([]),
      env: request.env,
      storagePool: pool,
    };
    try {
      code = await run(request.argv, io);
    } catch (e) {
      err.write(`tunelab: ${e instanceof Error ? e.message : String(e)}\n`);
      code = 1;
    } finally {
      setLogHandler(null);
    }
    out.end();
    err.end();
    send(`x ${code}\n`);
    socket.end();
  };

  const server = createServer((socket) => {
    let received: Buffer = Buffer.alloc(0);
    let handled = false;
    socket.on("error", () => undefined);
    socket.on("data", (chunk: Buffer) => {
      if (handled) return;
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      let request: ServerRequest | null;
      try {
        if (received.length > MAX_REQUEST_BYTES) throw new Error("request too large");
        request = parseRequest(received);
      } catch (e) {
        handled = true;
        log(`refused a malformed request: ${(e as Error).message}`);
        socket.destroy();
        return;
      }
      if (request === null) return;
      handled = true;
      const decline = (reason: string): void => {
        socket.end(`f ${reason}\n`);
      };
      if (!sameToken(request.token, token)) return decline("wrong token");
      if (stopping !== null) return decline("the server is stopping");
      if (!SERVED_COMMANDS.has(request.argv[0] ?? ""))
        return decline(`the server does not run "${request.argv[0] ?? ""}"`);
      if (stampOf(watch) !== stamp) {
        decline("the program changed since the server started");
        void stop("its program changed (a rebuild or a reinstall)");
        return;
      }
      busy++;
      armIdle();
      chain = chain
        .then(() => runOne(request, socket))
        .catch((e: unknown) => log(`command failed: ${String(e)}`))
        .finally(() => {
          busy--;
          armIdle();
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const state: ServerState = { port, token, pid: process.pid, host: hostName() };
  writeState(dir, state);
  log(`listening on 127.0.0.1:${port} (state file in ${dir}), idle timeout ${idleTimeoutMs / 1000} s`);
  armIdle();
  // The idle timer keeps the process alive between commands.
  const keepAlive = setInterval(() => undefined, 1 << 30);

  const stop = (reason: string): Promise<void> => {
    if (stopping !== null) return stopping;
    stopping = (async () => {
      log(`stopping: ${reason}`);
      removeState(dir, state);
      if (idleTimer !== null) clearTimeout(idleTimer);
      await new Promise<void>((r) => server.close(() => r()));
      await chain;
      await pool.closeAll();
      releaseSlot(dir);
      clearInterval(keepAlive);
      resolveStopped();
    })();
    return stopping;
  };
  return { port, state, stopped, stop };
}
