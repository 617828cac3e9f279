/**
 * Throughput of SqliteStorage with 1-8 worker processes on one study in one database file,
 * beside Optuna 5.0 and 3.1 on SQLite (RDBStorage, `sqlite:///<path>`, SQLAlchemy's defaults
 * as a user writes it) in the same run on the same machine. Each run gets a fresh database in
 * a temporary directory, removed after the run. How it measures: postgres-redis-harness.ts.
 *
 * Run: npm run ts -- benchmarks/storage/sqlite-throughput.ts [--processes 1,2,4,8]
 *      [--trials 250] [--repeats 3] [--engines tunelab,optuna-5.0,optuna-3.1]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { optunaEngines, runThroughput, tunelabEngine } from "./postgres-redis-harness.js";

await runThroughput({
  title: "SQLite (tunelab SqliteStorage; Optuna RDBStorage sqlite:///)",
  engines: [tunelabEngine("tunelab", "./sqlite-worker.ts"), ...optunaEngines("./sqlite-optuna-worker.py")],
  freshStudy: () => {
    const dir = mkdtempSync(join(tmpdir(), "tunelab-sqlite-bench-"));
    return {
      args: [join(dir, "bench.db"), "bench"],
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
