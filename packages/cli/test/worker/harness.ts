/**
 * Runs `tunelab worker` in-process (through `run(argv, io)`, output captured) or as a child
 * process (for signals and `--processes`), on a journal file in a fresh temporary directory,
 * and reads the study's trials back from that file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import type { FrozenTrial } from "@tunelab/study";
import { type CliIo, run } from "../../src/index.js";

/** The outcome of one command. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The `tunelab` entry point, run from its TypeScript source by tsx. */
export const BIN: string = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));

/** Node's arguments that run a TypeScript file of the monorepo (as `npm run ts` does). */
export const NODE_TS: readonly string[] = ["--conditions=@tunelab/source", "--import", "tsx"];

/** The search space of one float parameter x in [-5, 5], in Optuna's CLI JSON. */
export const X_SPACE: string = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
});

/** A temporary directory holding a journal, removed by `cleanup`. */
export interface Workspace {
  readonly dir: string;
  /** `journal:<dir>/study.log`. */
  readonly storage: string;
  /** The journal's path. */
  readonly file: string;
  /** `--storage <journal> --study s`, with the search space of x unless given. */
  readonly target: (space?: string) => string[];
  /** Writes `text` to `<dir>/<name>` and returns the path. */
  readonly write: (name: string, text: string) => string;
  /** Reads `<dir>/<name>`. */
  readonly read: (name: string) => string;
  readonly cleanup: () => void;
}

/** A fresh workspace. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-worker-"));
  const file = join(dir, "study.log");
  const storage = `journal:${file}`;
  return {
    dir,
    storage,
    file,
    target: (space = X_SPACE) => ["--storage", storage, "--study", "s", "--search-space", space],
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    read: (name) => readFileSync(join(dir, name), "utf8"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The environment of the commands the worker starts in tests: the test process's own, with
 * no `__pycache__` written into examples/.
 */
export function testEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string | undefined> {
  return { ...process.env, TUNELAB_LOG_LEVEL: "warn", PYTHONDONTWRITEBYTECODE: "1", ...extra };
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** @defaultValue {@link testEnv}() */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Make stderr look like a terminal (for the progress line). @defaultValue false */
  readonly stderrIsTTY?: boolean;
}

/** Runs one command line in-process. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.stderrIsTTY === true) stderr.isTTY = true;
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env: options.env ?? testEnv() };
  const code = await run(argv, io);
  return { code, stdout: out, stderr: err };
}

/** A `tunelab` child process, with its output collected. */
export interface CliChild {
  readonly child: ChildProcess;
  /** Resolves with the exit code (128 + n when killed by signal n). */
  readonly exit: Promise<CliResult>;
}

/** Starts `tunelab <argv>` as a child process (run by tsx from the sources). */
export function spawnCli(
  argv: readonly string[],
  env: Record<string, string | undefined> = testEnv(),
): CliChild {
  const child = spawn(process.execPath, [...NODE_TS, BIN, ...argv], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  const exit = new Promise<CliResult>((resolve) => {
    child.once("close", (code, signal) =>
      resolve({ code: code ?? (signal === "SIGKILL" ? 137 : 128), stdout: out, stderr: err }),
    );
  });
  return { child, exit };
}

/** The trials of study "s" in the journal `file`, ordered by number. */
export async function readTrials(file: string, study = "s"): Promise<FrozenTrial[]> {
  const storage = await openJournalFileStorage(file);
  try {
    const id = await storage.getStudyIdFromName(study);
    return (await storage.getTrials(id)).trials.slice().sort((a, b) => a.number - b.number);
  } finally {
    await storage.close();
  }
}

/** Resolves once `path` exists and holds text (polling; the caller's test timeout bounds it). */
export async function waitForFile(path: string): Promise<string> {
  for (;;) {
    try {
      const text = readFileSync(path, "utf8");
      if (text.trim() !== "") return text;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** True while process `pid` exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A Node.js command line running `script` (an ES module text written into the workspace). */
export function nodeCommand(ws: Workspace, name: string, script: string): string[] {
  return ["--", process.execPath, ws.write(name, script)];
}
