/**
 * One tunelab worker of the SQLite throughput benchmark (sqlite-throughput.ts starts it):
 * opens the database, joins the study, prints "ready", waits for a line on stdin, then runs
 * `nTrials` trials of x² with RandomSampler and prints one JSON line: the seconds its
 * optimize took, the study's COMPLETE trials it then sees, the CPU seconds it used (user +
 * system) and the event-loop delay it saw
 * during its trials (the longest time the event loop was blocked, and the 99th percentile:
 * better-sqlite3 calls are synchronous).
 *
 *   node --conditions=@tunelab/source --import tsx sqlite-worker.ts <db path> <study name> <nTrials> <seed>
 */

import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { RandomSampler } from "@tunelab/samplers/random";
import { SqliteStorage } from "@tunelab/storage/sqlite";
import { createStudy, setLogLevel } from "@tunelab/study";

setLogLevel("warn");
const [path, studyName, nTrialsText, seedText] = process.argv.slice(2);
if (path === undefined || studyName === undefined) {
  throw new Error("usage: sqlite-worker.ts <db path> <study name> <nTrials> <seed>");
}
const storage = await SqliteStorage.open(path);
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

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await study.optimize(
  (trial) => {
    const x = trial.suggestFloat("x", -10, 10);
    return x * x;
  },
  { nTrials: Number(nTrialsText) },
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
loop.disable();
const complete = (await storage.getTrials(study.studyId, { states: ["COMPLETE"] })).trials.length;
await storage.close();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    complete,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
  })}\n`,
);
