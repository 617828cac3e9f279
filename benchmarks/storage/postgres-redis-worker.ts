/**
 * One tunelab worker of the PostgreSQL and Redis throughput benchmarks
 * (postgres-throughput.ts, redis-throughput.ts start it): opens the storage, joins the study,
 * prints "ready", waits for a line on stdin, runs `nTrials` trials of x² with RandomSampler,
 * and prints one JSON line with the seconds its optimize took.
 *
 *   node --conditions=@tunelab/source --import tsx postgres-redis-worker.ts <postgres|redis> <url> <namespace> <study> <nTrials> <seed>
 *
 * The namespace is the PostgreSQL schema or the Redis key prefix.
 */
import { createInterface } from "node:readline";
import { RandomSampler } from "@tunelab/samplers/random";
import { PostgresStorage } from "@tunelab/storage/postgres";
import { openRedisStorage } from "@tunelab/storage/redis";
import { createStudy, type Storage, setLogLevel } from "@tunelab/study";

setLogLevel("warn");
const [kind, url, namespace, studyName, nTrialsText, seedText] = process.argv.slice(2);
if (url === undefined || namespace === undefined || studyName === undefined) {
  throw new Error(
    "usage: postgres-redis-worker.ts <postgres|redis> <url> <namespace> <study> <nTrials> <seed>",
  );
}
const storage: Storage =
  kind === "postgres"
    ? await PostgresStorage.open(url, { schema: namespace })
    : await openRedisStorage(url, { prefix: namespace });
const study = await createStudy({
  storage,
  studyName,
  loadIfExists: true,
  sampler: new RandomSampler({ seed: Number(seedText) }),
});
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();
const t0 = performance.now();
await study.optimize(
  (trial) => {
    const x = trial.suggestFloat("x", -10, 10);
    return x * x;
  },
  { nTrials: Number(nTrialsText) },
);
const seconds = (performance.now() - t0) / 1000;
const complete = (await storage.getTrials(study.studyId, { states: ["COMPLETE"] })).trials.length;
await storage.close();
process.stdout.write(`${JSON.stringify({ seconds, complete })}\n`);
