/**
 * Where a `tunelab server` says how to reach it: the file `server` in a directory of its
 * owner's, one line `PORT TOKEN PID HOST` that the bash client reads with `read`. The
 * directory is `$TUNELAB_SERVER_DIR`, else `$XDG_RUNTIME_DIR/tunelab-server-UID`, else
 * `/tmp/tunelab-server-UID`: on a cluster, a directory of the node (each node runs its own
 * server; the client also checks that HOST is its own host name). The directory must belong
 * to the user and be closed to others (mode 0700), and the file is written with mode 0600:
 * the token in it is what lets a command through, so no other user can send commands to the
 * server, nor read the token.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { CliError } from "../exit-codes.js";

/** What the state file holds. */
export interface ServerState {
  readonly port: number;
  readonly token: string;
  readonly pid: number;
  readonly host: string;
}

const uid = (): number => process.getuid?.() ?? 0;

/** The server directory for this user and environment (see the module comment). */
export function serverDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.TUNELAB_SERVER_DIR !== undefined && env.TUNELAB_SERVER_DIR !== "") return env.TUNELAB_SERVER_DIR;
  const base = env.XDG_RUNTIME_DIR !== undefined && env.XDG_RUNTIME_DIR !== "" ? env.XDG_RUNTIME_DIR : "/tmp";
  return join(base, `tunelab-server-${uid()}`);
}

/** The state file in `dir`. */
export const stateFile = (dir: string): string => join(dir, "server");
/** The file that holds the pid of the one server of `dir` while it runs. */
export const pidFile = (dir: string): string => join(dir, "server.pid");

/**
 * Creates `dir` (mode 0700) or checks that it is the user's own and closed to others.
 * @throws CliError naming the directory and what is wrong with it.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new CliError(`server directory ${dir} is not a directory`);
  if (st.uid !== uid()) {
    throw new CliError(
      `server directory ${dir} belongs to user ${st.uid}, not to you (${uid()}); set TUNELAB_SERVER_DIR to a directory of yours`,
    );
  }
  if ((st.mode & 0o077) !== 0) {
    throw new CliError(
      `server directory ${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)}); chmod 700 it`,
    );
  }
}

/** A new random token. */
export const newToken = (): string => randomBytes(24).toString("hex");

/** Writes the state file (mode 0600, atomically: a reader sees the old file or the new one). */
export function writeState(dir: string, state: ServerState): void {
  const aside = `${stateFile(dir)}.${process.pid}.tmp`;
  fs.writeFileSync(aside, `${state.port} ${state.token} ${state.pid} ${state.host}\n`, { mode: 0o600 });
  fs.renameSync(aside, stateFile(dir));
}

/** The state file's content, or null when there is none (or it is not one). */
export function readState(dir: string): ServerState | null {
  let text: string;
  try {
    text = fs.readFileSync(stateFile(dir), "utf8");
  } catch {
    return null;
  }
  const m = /^(\d+) ([0-9a-f]+) (\d+) (\S+)\n?$/.exec(text);
  if (m === null) return null;
  return { port: Number(m[1]), token: m[2]!, pid: Number(m[3]), host: m[4]! };
}

/** Removes the state file if it is still `state`'s (a newer server's file is left alone). */
export function removeState(dir: string, state: ServerState): void {
  const current = readState(dir);
  if (current !== null && current.token === state.token) fs.rmSync(stateFile(dir), { force: true });
}

/** True when a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the server slot of `dir`: creates the pid file, or returns the pid of the live server
 * that holds it. A pid file left by a server that died is replaced.
 */
export function takeSlot(dir: string): { taken: true } | { taken: false; pid: number } {
  const file = pidFile(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return { taken: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = Number(fs.readFileSync(file, { encoding: "utf8", flag: "r" }).trim());
    if (Number.isSafeInteger(pid) && pid > 0 && alive(pid)) return { taken: false, pid };
    fs.rmSync(file, { force: true });
  }
  throw new CliError(`server directory ${dir}: cannot take ${file}`);
}

/** Gives the slot back (only this process's own pid file). */
export function releaseSlot(dir: string): void {
  try {
    if (Number(fs.readFileSync(pidFile(dir), "utf8").trim()) === process.pid)
      fs.rmSync(pidFile(dir), { force: true });
  } catch {
    // Already gone.
  }
}

/** This machine's host name as bash's $HOSTNAME gives it. */
export const hostName = (): string => hostname();
