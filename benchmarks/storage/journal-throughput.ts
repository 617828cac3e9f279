/**
 * Throughput of the journal file storage with 1-8 worker processes on one study, beside Optuna
 * 5.0 (`JournalStorage(JournalFileBackend(path))`) and 3.1 (`JournalStorage(JournalFileStorage(
 * path))`) on a journal file of their own, in the same run on the same machine. How it
 * measures: postgres-redis-harness.ts (the harness of every storage benchmark). Each run gets
 * a fresh journal file in a fresh folder under `--dir`, removed afterwards.
 *
 * Engines: `tunelab` (the defaults: the symlink lock, no fsync), `tunelab-fsync` (fsync after
 * every append, as Optuna does), `optuna-5.0`, `optuna-3.1` (each with its default lock, the
 * symlink one, and its fsync). Workers report their CPU time, so the output also says how
 * many CPU milliseconds a trial costs, all processes together.
 *
 * Run: npm run ts -- benchmarks/storage/journal-throughput.ts [--processes 1,2,4,8]
 *        [--trials 250] [--repeats 3] [--engines tunelab,tunelab-fsync,optuna-5.0,optuna-3.1]
 *        [--dir <folder for the journals>]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { benchOption, optunaEngines, runThroughput, tunelabEngine } from "./postgres-redis-harness.js";

const dir = resolve(benchOption("dir", tmpdir()));

await runThroughput({
  title: `Journal file (${dir})`,
  engines: [
    tunelabEngine("tunelab", "./journal-worker.ts", ["{}"]),
    tunelabEngine("tunelab-fsync", "./journal-worker.ts", [JSON.stringify({ fsync: true })]),
    ...optunaEngines("./journal-optuna-worker.py"),
  ],
  freshStudy: () => {
    const folder = mkdtempSync(join(dir, "tunelab-journal-bench-"));
    return {
      args: [join(folder, "bench.log"), "bench"],
      cleanup: () => rmSync(folder, { recursive: true, force: true }),
    };
  },
});
