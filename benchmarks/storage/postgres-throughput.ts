/**
 * Throughput of PostgresStorage with 1-8 worker processes on one study, beside Optuna 5.0 and
 * 3.1 on the same server (RDBStorage through psycopg2) in the same run. How it measures:
 * postgres-redis-harness.ts.
 *
 * Run: bash scripts/services/postgres.sh start && eval "$(bash scripts/services/postgres.sh env)"
 *      npm run ts -- benchmarks/storage/postgres-throughput.ts [--processes 1,2,4,8] [--trials 250]
 *        [--repeats 3] [--engines tunelab,optuna-5.0,optuna-3.1] [--url postgresql://...]
 */
import { runThroughputBenchmark } from "./postgres-redis-harness.js";

await runThroughputBenchmark("postgres", "TUNELAB_TEST_POSTGRES_URL");
