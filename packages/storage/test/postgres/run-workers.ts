/**
 * Starts worker processes (worker.ts) and waits for them: for the multi-process tests and
 * the storage benchmarks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WorkerSpec } from "./worker.js";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** A started worker: its process and a promise of its exit (with its output). */
export interface RunningWorker {
  readonly child: ChildProcess;
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
  /** Resolves when the worker printed a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
}

/** Starts one worker process. */
export function startWorker(spec: WorkerSpec): RunningWorker {
  const child = spawn(
    process.execPath,
    ["--conditions=@tunelab/source", "--import", "tsx", WORKER, JSON.stringify(spec)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TUNELAB_LOG_LEVEL: "warn" } },
  );
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const m = stdout.match(waiters[i]!.pattern);
      if (m !== null) waiters.splice(i, 1)[0]!.resolve(m[0]);
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const m = stdout.match(pattern);
        if (m !== null) return resolve(m[0]);
        waiters.push({ pattern, resolve });
        void exited.then((r) =>
          reject(new Error(`worker exited (${r.code ?? r.signal}) before printing ${pattern}: ${r.stderr}`)),
        );
      }),
  };
}

/**
 * Runs `n` workers at once and waits for all.
 * @throws Error with a worker's stderr when one exits with a non-zero code.
 */
export async function runWorkers(n: number, specOf: (k: number) => WorkerSpec): Promise<string[]> {
  const workers = Array.from({ length: n }, (_, k) => startWorker(specOf(k)));
  const results = await Promise.all(workers.map((w) => w.exited));
  results.forEach((r, k) => {
    if (r.code !== 0)
      throw new Error(`worker ${k} exited with ${r.code ?? r.signal}: ${r.stderr.slice(-2000)}`);
  });
  return results.map((r) => r.stdout);
}
