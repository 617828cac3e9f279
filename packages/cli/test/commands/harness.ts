/**
 * Runs `tunelab` commands in-process (through `run(argv, io)`) with captured output, a
 * chosen environment and standard input, on a storage in a fresh temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { type CliIo, run } from "../../src/index.js";

/** The outcome of one command. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** The environment the command sees. @defaultValue {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text on standard input (ended). @defaultValue none, and stdin stays open */
  readonly stdin?: string;
  /** Mark standard input as a terminal. @defaultValue false */
  readonly stdinIsTTY?: boolean;
}

/** Runs one command line in-process. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.stdinIsTTY === true) stdin.isTTY = true;
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const io: CliIo = { stdout, stderr, stdin, env: options.env ?? {} };
  const code = await run(argv, io);
  return { code, stdout: out, stderr: err };
}

/** A temporary directory with a journal path in it, removed by `cleanup`. */
export interface Workspace {
  readonly dir: string;
  /** `journal:<dir>/study.log`. */
  readonly journal: string;
  /** `--storage <journal> --study <name>`. */
  readonly target: (study?: string) => string[];
  readonly cleanup: () => void;
}

/** A fresh workspace. */
export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-cli-"));
  const journal = `journal:${join(dir, "study.log")}`;
  return {
    dir,
    journal,
    target: (study = "s") => ["--storage", journal, "--study", study],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The Optuna CLI JSON of a float parameter on [low, high]. */
export function floatSpace(name: string, low: number, high: number, log = false): string {
  return JSON.stringify({ [name]: { name: "FloatDistribution", attributes: { low, high, log } } });
}

/** Runs `ask` and returns the parsed `{number, params}`. */
export async function ask(
  target: readonly string[],
  space: string,
  extra: readonly string[] = [],
): Promise<{ number: number; params: Record<string, unknown> }> {
  const r = await runCli(["ask", ...target, "--search-space", space, ...extra]);
  if (r.code !== 0) throw new Error(`ask failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { number: number; params: Record<string, unknown> };
}
