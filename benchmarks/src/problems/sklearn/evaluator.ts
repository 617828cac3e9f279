/**
 * The bridge to the real problems' evaluator: one long-lived
 * `python3 benchmarks/peers/sklearn_problems.py serve` process per thread, speaking JSON lines
 * (`{"problem", "params"}` in, `{"value"}` or `{"error"}` out). The Python side caches every
 * evaluation by (problem, params) in a JSONL file that the Optuna peer's evaluator shares, so
 * reruns and both sides of a comparison pay each cross-validation once.
 *
 * The process holds the event loop only while a request is in flight, so a benchmark that
 * finishes does not wait for it (it exits when its stdin closes with this thread).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Params } from "@tunelab/test-functions";

/** Python with scikit-learn: `$TUNELAB_SKLEARN_PYTHON`, else Debian's /usr/bin/python3. */
export function sklearnPython(): string {
  return process.env.TUNELAB_SKLEARN_PYTHON ?? "/usr/bin/python3";
}

/** Path of the evaluator script (benchmarks/peers/sklearn_problems.py, from src/ or dist/). */
export function sklearnScriptPath(): string {
  return fileURLToPath(new URL("../../../peers/sklearn_problems.py", import.meta.url));
}

const checked = new Map<string, string | null>();

/**
 * Why the real problems cannot be evaluated here (Python or scikit-learn missing), as one
 * line; null when they can. Checked once per interpreter and thread.
 */
export function sklearnUnavailable(python: string = sklearnPython()): string | null {
  const known = checked.get(python);
  if (known !== undefined) return known;
  const r = spawnSync(python, [sklearnScriptPath(), "version"], { encoding: "utf8", timeout: 60_000 });
  let why: string | null = null;
  if (r.error !== undefined) why = `real problems skipped: cannot run ${python} (${r.error.message})`;
  else if (r.status !== 0) {
    const last = (r.stderr || r.stdout).trim().split("\n").at(-1) ?? "";
    why = `real problems skipped: ${python} cannot import scikit-learn (${last})`;
  }
  checked.set(python, why);
  return why;
}

/** Evaluates real problems in one Python process, one request at a time. */
export class SklearnEvaluator {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";
  private chain: Promise<unknown> = Promise.resolve();
  private inFlight = 0;

  /**
   * @param python - interpreter with scikit-learn. @defaultValue {@link sklearnPython}()
   * @param cache - the JSONL cache file; "" for none. @defaultValue the evaluator's own default:
   * `$TUNELAB_SKLEARN_CACHE`, else bench-results/sklearn-cache.jsonl under the working directory
   */
  constructor(python: string = sklearnPython(), cache?: string) {
    const args = [
      sklearnScriptPath(),
      "serve",
      ...(cache === undefined ? [] : [cache === "" ? "none" : cache]),
    ];
    this.proc = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.proc.on("error", (e) => {
      this.stderr += e.message;
    });
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
    this.hold(false);
  }

  /** Keeps the event loop alive while a request is in flight, lets it go when idle. */
  private hold(on: boolean): void {
    // The child's pipes are sockets (they have ref/unref) though typed as plain streams.
    const handles = [this.proc, this.proc.stdin, this.proc.stdout, this.proc.stderr] as unknown as {
      ref(): void;
      unref(): void;
    }[];
    for (const h of handles) {
      if (on) h.ref();
      else h.unref();
    }
  }

  /**
   * The loss of `problem` at `params`: Infinity when the model could not be fitted.
   * @throws Error when the process ended or the evaluator reported an error (unknown problem,
   * missing parameter).
   */
  evaluate(problem: string, params: Params): Promise<number> {
    const next = this.chain.then(() => this.exchange(problem, params));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async exchange(problem: string, params: Params): Promise<number> {
    if (this.inFlight++ === 0) this.hold(true);
    try {
      this.proc.stdin.write(`${JSON.stringify({ problem, params })}\n`);
      const line = await this.lines.next();
      if (line.done) {
        throw new Error(`the scikit-learn evaluator ended: ${this.stderr.trim().split("\n").at(-1) ?? ""}`);
      }
      const msg = JSON.parse(line.value) as { value?: number | null; error?: string };
      if (msg.error !== undefined) throw new Error(`scikit-learn evaluator: ${msg.error}`);
      return msg.value ?? Number.POSITIVE_INFINITY;
    } finally {
      if (--this.inFlight === 0) this.hold(false);
    }
  }

  /** Ends the process (closes its stdin) and waits for it. */
  async close(): Promise<void> {
    this.proc.stdin.end();
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.hold(true);
    await new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
  }
}

let shared: SklearnEvaluator | null = null;

/** This thread's evaluator, started on first use. */
export function sharedSklearnEvaluator(): SklearnEvaluator {
  shared ??= new SklearnEvaluator();
  return shared;
}
