/**
 * `tunelab worker --processes n`: n workers on one study, as child processes of this one. Each
 * child is `tunelab worker` with the same flags but `--processes`; the study's storage gives
 * them distinct trial numbers. The parent passes their output through, draws one progress line
 * for all of them (from the progress each child sends over its IPC channel), forwards SIGTERM,
 * SIGINT and SIGHUP to each, and waits for all. Each child has its index (0 to n − 1) in
 * `TUNELAB_WORKER_INDEX`, which its commands inherit (e.g. to pick a GPU). A child whose parent dies (SIGKILL) sees its IPC
 * channel close and stops as on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { LineSplitter } from "./lines.js";
import { combine, describeProgress, NO_PROGRESS, type Progress } from "./progress.js";
import { type ProgressMessage, WORKER_SIGNALS } from "./run-worker.js";
import { StatusLine } from "./status-line.js";

/** Signal numbers, for the exit code 128 + n. */
const SIGNAL_NUMBER: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The `tunelab` script this module belongs to (`src/bin.ts` run by tsx, or `dist/bin.js`). */
function binPath(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), "..", `bin${extname(here)}`);
}

/**
 * Removes `--processes N` (or `--processes=N`) from a worker's arguments, before `--` only.
 * @example withoutProcesses(["--processes", "3", "--n-trials", "5", "--", "cmd"]) // ["--n-trials", "5", "--", "cmd"]
 */
export function withoutProcesses(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (a === "--processes") {
      i++;
      continue;
    }
    if (a.startsWith("--processes=")) continue;
    out.push(a);
  }
  return out;
}

/**
 * Starts `n` workers with the arguments `workerArgv` (those of `tunelab worker`, without
 * `--processes`) and waits for them.
 * @returns 0 when every worker exited 0.
 * @throws CliError with 128 + n after signal n (forwarded to the workers), or with the first
 *   failing worker's exit code (its reason is on stderr already).
 */
export async function runLocalWorkers(n: number, workerArgv: readonly string[], io: CliIo): Promise<number> {
  const status = new StatusLine(io.stderr);
  const progress: Progress[] = Array.from({ length: n }, () => NO_PROGRESS);
  const nodeArgs = process.execArgv.filter((a) => !a.startsWith("--inspect"));
  const children: ChildProcess[] = [];
  const exits: Promise<number>[] = [];
  for (let k = 0; k < n; k++) {
    const child = spawn(process.execPath, [...nodeArgs, binPath(), "worker", ...workerArgv], {
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // Its own process group: a Ctrl-C in the terminal reaches the parent alone, which
      // forwards it once.
      detached: true,
      env: { ...io.env, TUNELAB_WORKER_CHILD: "1", TUNELAB_WORKER_INDEX: String(k) },
    });
    children.push(child);
    const out = new LineSplitter((line) => status.print(io.stdout, `${line}\n`));
    const err = new LineSplitter((line) => status.print(io.stderr, `${line}\n`));
    child.stdout?.setEncoding("utf8").on("data", (s: string) => out.push(s));
    child.stdout?.on("end", () => out.end());
    child.stderr?.setEncoding("utf8").on("data", (s: string) => err.push(s));
    child.stderr?.on("end", () => err.end());
    child.on("message", (m: unknown) => {
      const msg = m as Partial<ProgressMessage> | null;
      if (msg?.kind === "tunelab-worker-progress" && msg.progress !== undefined) {
        progress[k] = msg.progress;
        status.set(`tunelab worker: ${n} processes: ${describeProgress(combine(progress))}`);
      }
    });
    exits.push(
      new Promise<number>((resolve) => {
        child.once("error", (e) => {
          status.print(io.stderr, `tunelab worker: cannot start worker ${k}: ${e.message}\n`);
          resolve(1);
        });
        child.once("close", (code, signal) =>
          resolve(code ?? 128 + (signal === null ? 0 : (SIGNAL_NUMBER[signal] ?? 9))),
        );
      }),
    );
  }

  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    received ??= signal;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
  };
  const handlers = WORKER_SIGNALS.map((s) => [s, () => onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  let codes: number[];
  try {
    codes = await Promise.all(exits);
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
    status.clear();
  }
  io.stderr.write(`tunelab worker: ${n} processes: ${describeProgress(combine(progress))}\n`);
  if (received !== null) {
    const signal: NodeJS.Signals = received;
    throw new CliError(`worker: stopped by ${signal}`, 128 + (SIGNAL_NUMBER[signal] ?? 0));
  }
  const failed = codes.findIndex((c) => c !== 0);
  if (failed >= 0) {
    throw new CliError(`worker: worker ${failed} of ${n} exited with code ${codes[failed]}`, codes[failed]);
  }
  return 0;
}
