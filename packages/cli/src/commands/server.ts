/**
 * `tunelab server start|run|stop|status`: the resident server that runs the short study
 * commands for the `tunelab` client, so that a shell or Python loop of `ask`/`tell` does not
 * start Node.js at every call (see `server/serve.ts` and the package README).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";

const EXAMPLES = `
Examples:
  $ tunelab server start                       # in a job script, before the loop
  {"pid": 4242, "port": 40411, "dir": "/run/user/1000/tunelab-server-1000", "idleTimeout": 900}
  $ for i in $(seq 100); do out=$(tunelab ask ...); ...; tunelab tell ...; done
  $ tunelab server status
  $ tunelab server stop

While a server runs, the tunelab executable sends ask, tell, report, should-prune, trials,
best-trial and best-trials to it (set TUNELAB_SERVER=0 to bypass it); every other command,
and every command when no server runs, runs in a process of its own as before. With
TUNELAB_SERVER=auto, a call that finds no server starts one for the next calls.
The server runs one command at a time, in the caller's directory with the caller's TUNELAB_*
variables; it stops after --idle-timeout seconds without a command, and when the program is
rebuilt or reinstalled. Its state file is in $TUNELAB_SERVER_DIR, else
$XDG_RUNTIME_DIR/tunelab-server-UID, else /tmp/tunelab-server-UID (one server per user and
machine; the directory must be yours and closed to others).`;

interface ServerCommandOptions {
  readonly idleTimeout?: string;
  readonly dir?: string;
  /** False with --no-watch. */
  readonly watch?: boolean;
}

function idleSeconds(text: string | undefined): number {
  if (text === undefined) return 900;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0) || n > 7 * 24 * 3600) {
    throw new UsageError(
      `--idle-timeout: must be a number of seconds in (0, 604800], got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

/** Registers `tunelab server`. */
export function register(program: Command, io: CliIo): void {
  const server = program
    .command("server")
    .description(
      "a resident server that runs ask/tell and the other short commands without starting Node.js each time",
    )
    .addHelpText("after", EXAMPLES);
  const dirOf = async (opts: ServerCommandOptions): Promise<string> =>
    opts.dir ?? (await import("../server/state-file.js")).serverDir(io.env);

  server
    .command("run")
    .description("run the server in the foreground (tunelab server start runs this in the background)")
    .option("--idle-timeout <seconds>", "stop after this long without a command", "900")
    .option("--dir <dir>", "the server directory (default: see tunelab server --help)")
    .option("--no-watch", "keep running when the program's files change (a rebuild, a reinstall)")
    .action(async (opts: ServerCommandOptions) => {
      const idle = idleSeconds(opts.idleTimeout);
      const dir = await dirOf(opts);
      const { startServer } = await import("../server/serve.js");
      const running = await startServer({
        dir,
        idleTimeoutMs: idle * 1000,
        ...(opts.watch === false ? { watch: [] } : {}),
        log: (m) => io.stderr.write(`[tunelab server ${new Date().toISOString()}] ${m}\n`),
      });
      const onSignal = (signal: string) => (): void => void running.stop(`${signal} received`);
      process.once("SIGTERM", onSignal("SIGTERM"));
      process.once("SIGINT", onSignal("SIGINT"));
      await running.stopped;
    });

  server
    .command("start")
    .description("start the server in the background and print how to reach it as JSON")
    .option("--idle-timeout <seconds>", "stop after this long without a command", "900")
    .option("--dir <dir>", "the server directory (default: see tunelab server --help)")
    .option("--no-watch", "keep running when the program's files change (a rebuild, a reinstall)")
    .action(async (opts: ServerCommandOptions) => {
      const idle = idleSeconds(opts.idleTimeout);
      const dir = await dirOf(opts);
      const { ensurePrivateDir, readState, alive } = await import("../server/state-file.js");
      ensurePrivateDir(dir);
      const before = readState(dir);
      if (before !== null && alive(before.pid)) {
        io.stdout.write(`${JSON.stringify({ pid: before.pid, port: before.port, dir, already: true })}\n`);
        return;
      }
      const { openSync, closeSync } = await import("node:fs");
      const logFile = join(dir, "server.log");
      const fd = openSync(logFile, "a", 0o600);
      const bin = fileURLToPath(new URL("../bin.js", import.meta.url));
      const args = [bin, "server", "run", "--idle-timeout", String(idle), "--dir", dir];
      if (opts.watch === false) args.push("--no-watch");
      const child = spawn(process.execPath, args, {
        detached: true,
        stdio: ["ignore", fd, fd],
        env: { ...process.env },
      });
      child.unref();
      closeSync(fd);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const state = readState(dir);
        if (state !== null && state.pid === child.pid) {
          io.stdout.write(
            `${JSON.stringify({ pid: state.pid, port: state.port, dir, idleTimeout: idle })}\n`,
          );
          return;
        }
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new CliError(`the server did not start (its log: ${logFile})`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    });

  server
    .command("stop")
    .description("stop the server (the command it runs finishes first)")
    .option("--dir <dir>", "the server directory (default: see tunelab server --help)")
    .action(async (opts: ServerCommandOptions) => {
      const dir = await dirOf(opts);
      const { readState, alive, pidFile } = await import("../server/state-file.js");
      const { readFileSync } = await import("node:fs");
      let pid = readState(dir)?.pid ?? null;
      if (pid === null) {
        try {
          pid = Number(readFileSync(pidFile(dir), "utf8").trim()) || null;
        } catch {
          pid = null;
        }
      }
      if (pid === null || !alive(pid)) {
        io.stderr.write(`tunelab: no server runs for ${dir}\n`);
        return;
      }
      process.kill(pid, "SIGTERM");
      const deadline = Date.now() + 30_000;
      while (alive(pid)) {
        if (Date.now() > deadline) throw new CliError(`the server (pid ${pid}) did not stop within 30 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
      io.stdout.write(`${JSON.stringify({ stopped: pid, dir })}\n`);
    });

  server
    .command("status")
    .description("print whether a server runs, as JSON (exit 0 if it does, 1 if not)")
    .option("--dir <dir>", "the server directory (default: see tunelab server --help)")
    .action(async (opts: ServerCommandOptions) => {
      const dir = await dirOf(opts);
      const { readState, alive } = await import("../server/state-file.js");
      const state = readState(dir);
      const running = state !== null && alive(state.pid);
      io.stdout.write(
        `${JSON.stringify(running ? { running, pid: state.pid, port: state.port, host: state.host, dir } : { running, dir })}\n`,
      );
      if (!running) throw new CliError(`no server runs for ${dir}`);
    });
}
