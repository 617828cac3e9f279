/**
 * Throughput of the Redis journal with 1-8 worker processes on one study, beside Optuna 5.0
 * (JournalRedisBackend) and 3.1 (JournalRedisStorage) on the same server in the same run. How
 * it measures: postgres-redis-harness.ts.
 *
 * Run: bash scripts/services/redis.sh start && eval "$(bash scripts/services/redis.sh env)"
 *      npm run ts -- benchmarks/storage/redis-throughput.ts [--processes 1,2,4,8] [--trials 250]
 *        [--repeats 3] [--engines tunelab,optuna-5.0,optuna-3.1] [--url redis://...]
 */
import { runThroughputBenchmark } from "./postgres-redis-harness.js";

await runThroughputBenchmark("redis", "TUNELAB_TEST_REDIS_URL");
