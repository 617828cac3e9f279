/**
 * Executors run cells: in this thread, in a worker thread, or (for the Optuna side) in a
 * Python process of the peer bridge. Each executes one cell at a time.
 */
import { Worker } from "node:worker_threads";
import { runTunelabCell } from "./run-cell.js";
import type { RunCell, RunRecord } from "./types.js";

/** Something that runs cells one at a time. */
export interface Executor {
  run(cell: RunCell): Promise<RunRecord>;
  close(): Promise<void>;
}

/** Runs tunelab cells in the calling thread. */
export class InProcessExecutor implements Executor {
  run(cell: RunCell): Promise<RunRecord> {
    return runTunelabCell(cell);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Starts the worker: the compiled `worker.js` beside this module, or, when running from the
 * TypeScript sources (tests, `npm run ts`), `worker.ts` loaded through tsx's ESM loader with the
 * `@tunelab/source` condition (a small bootstrap registers tsx inside the worker first).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url));
  const entry = new URL("./worker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ["--conditions=@tunelab/source"] });
}

/** Runs tunelab cells in a dedicated worker thread. */
export class ThreadExecutor implements Executor {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (r: RunRecord) => void; reject: (e: unknown) => void }
  >();
  private failure: unknown = null;

  constructor() {
    this.worker = startWorker();
    this.worker.on("message", (msg: { id: number; record: RunRecord }) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      w?.resolve(msg.record);
    });
    const fail = (e: unknown): void => {
      this.failure = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => {
      if (this.waiting.size > 0) fail(new Error(`benchmark worker exited with code ${code}`));
    });
  }

  run(cell: RunCell): Promise<RunRecord> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, cell });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
