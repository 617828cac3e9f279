/**
 * The Optuna side of the peer bridge: a long-lived `python3 benchmarks/peers/optuna_peer.py
 * serve` process per slot, speaking JSON lines: one cell in, one run record out (the same
 * record shape as the tunelab side, sampler time measured around Optuna's sampler methods).
 * The Python script re-implements the test functions from the same definitions (checked by a
 * test that evaluates both on shared points) and answers "skipped" for functions it lacks.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { resolveProblem } from "../problems/registry.js";
import type { CellExecutor } from "../runner/executors.js";
import { cellKey, type RunCell, type RunRecord, skippedRecord } from "../runner/types.js";

/** The Python interpreter with Optuna: `$TUNELAB_PYTHON`, else Debian's /usr/bin/python3. */
export function defaultPython(): string {
  return process.env.TUNELAB_PYTHON ?? "/usr/bin/python3";
}

/** Path of the peer script (benchmarks/peers/optuna_peer.py, from src/ or dist/). */
export function peerScriptPath(): string {
  return fileURLToPath(new URL("../../peers/optuna_peer.py", import.meta.url));
}

/** Whether Python and Optuna can be used, with a message for people. */
export interface PeerStatus {
  readonly available: boolean;
  readonly version: string | null;
  readonly message: string;
}

/** Checks that `python` runs and imports optuna (10 s timeout). */
export function checkOptunaPeer(python: string = defaultPython()): PeerStatus {
  const r = spawnSync(python, [peerScriptPath(), "version"], { encoding: "utf8", timeout: 60_000 });
  if (r.error !== undefined) {
    return {
      available: false,
      version: null,
      message: `Optuna peer skipped: cannot run ${python} (${r.error.message})`,
    };
  }
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout).trim().split("\n").at(-1) ?? "";
    return {
      available: false,
      version: null,
      message: `Optuna peer skipped: ${python} cannot import optuna (${why})`,
    };
  }
  const version = r.stdout.trim();
  return { available: true, version, message: `Optuna ${version} through ${python}` };
}

/** Runs Optuna cells in one Python process. */
export class OptunaExecutor implements CellExecutor {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";
  private chain: Promise<unknown> = Promise.resolve();

  constructor(python: string = defaultPython()) {
    this.proc = spawn(python, [peerScriptPath(), "serve"], { stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  run(cell: RunCell): Promise<RunRecord> {
    const next = this.chain.then(() => this.exchange(cell));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async exchange(cell: RunCell): Promise<RunRecord> {
    this.proc.stdin.write(
      `${JSON.stringify({ key: cellKey(cell), cell, space: resolveProblem(cell.function).fn.space })}\n`,
    );
    const line = await this.lines.next();
    if (line.done) {
      return skippedRecord(
        cell,
        "",
        `the Optuna peer process ended: ${this.stderr.trim().split("\n").at(-1) ?? ""}`,
      );
    }
    const msg = JSON.parse(line.value) as Partial<RunRecord> & {
      skipped?: string | null;
      error?: string | null;
    };
    if (msg.error) return skippedRecord(cell, "", `optuna: ${msg.error}`);
    if (msg.skipped) return skippedRecord(cell, msg.skipped);
    return {
      key: cellKey(cell),
      cell,
      values: msg.values!,
      states: msg.states!,
      steps: msg.steps!,
      feasible: msg.feasible!,
      samplerMs: msg.samplerMs!,
      wallMs: msg.wallMs!,
      skipped: null,
      error: null,
    };
  }

  async close(): Promise<void> {
    this.proc.stdin.end();
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) resolve();
      else this.proc.once("exit", () => resolve());
    });
  }
}

/** Evaluates functions on points in Python (for the agreement test). */
export function evaluateInPython(
  requests: readonly { function: string; points: readonly Record<string, unknown>[] }[],
  python: string = defaultPython(),
): { function: string; values: (number | number[] | null)[]; error?: string }[] {
  const r = spawnSync(python, [peerScriptPath(), "evaluate"], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`evaluateInPython: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as { function: string; values: (number | number[] | null)[]; error?: string }[];
}
