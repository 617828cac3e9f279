/**
 * How long one SQLite storage call blocks the event loop (better-sqlite3 is synchronous): the
 * duration of every call of a worker's trial cycle (createTrial, an update with parameters and
 * a report, the finishing update, an incremental read) on a database with one process, with
 * the WAL checkpoints in the storage's thread (the default) and inline (SQLite's automatic
 * checkpoint, whose fsync runs inside a commit), beside the same calls on InMemoryStorage
 * (the machine's own noise floor: garbage collection, other processes); and one full read of
 * a study of `trials` trials: its duration and the longest time in it that the event loop did
 * not turn (the rows are read in one statement, then decoded in slices with a turn of the
 * event loop between them).
 *
 * Run: npm run ts -- benchmarks/storage/sqlite-blocking.ts [--trials 10000] [--params 10]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStorage } from "@tunelab/storage/sqlite";
import { floatDistribution, InMemoryStorage, type Storage } from "@tunelab/study";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const trials = Number(option("trials", "10000"));
const nParams = Number(option("params", "10"));
const d = floatDistribution(-10, 10);

const quantile = (xs: number[], q: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function cycle(
  storage: Storage,
): Promise<{ calls: Map<string, number[]>; fullRead: number; longestBlock: number }> {
  const calls = new Map<string, number[]>();
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    const list = calls.get(name) ?? [];
    list.push(performance.now() - t0);
    calls.set(name, list);
    return out;
  };
  const studyId = await storage.createStudy(["minimize"], "blocking");
  let cursor = 0;
  for (let i = 0; i < trials; i++) {
    const t = await timed("createTrial", () => storage.createTrial(studyId));
    const params: Record<string, { value: number; distribution: typeof d }> = {};
    for (let p = 0; p < nParams; p++) params[`x${p}`] = { value: ((i * 7 + p) % 20) - 10, distribution: d };
    await timed("updateTrial (params, report)", () =>
      storage.updateTrial(t.trialId, { params, intermediateValues: [[0, i]] }),
    );
    await timed("updateTrial (COMPLETE)", () =>
      storage.updateTrial(t.trialId, { state: "COMPLETE", values: [i] }),
    );
    cursor = (await timed("getTrials (since)", () => storage.getTrials(studyId, { since: cursor }))).cursor;
  }
  // The full read: its duration, and the longest stretch in it without a turn of the event
  // loop (a setImmediate chain notes each turn; the read decodes in slices, see DECODE_SLICE).
  let last = performance.now();
  let longestBlock = 0;
  let reading = true;
  const tick = (): void => {
    const now = performance.now();
    longestBlock = Math.max(longestBlock, now - last);
    last = now;
    if (reading) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  const all = await storage.getTrials(studyId);
  const fullRead = performance.now() - t0;
  reading = false;
  longestBlock = Math.max(longestBlock, performance.now() - last);
  if (all.trials.length !== trials) throw new Error("lost trials");
  return { calls, fullRead, longestBlock };
}

console.log(
  `Storage calls, one process, ${trials} trials x ${nParams} float parameters; ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), "tunelab-sqlite-blocking-"));
try {
  for (const [name, open] of [
    ["InMemoryStorage", async () => new InMemoryStorage()],
    [
      'SqliteStorage, checkpoints: "thread" (the default)',
      () => SqliteStorage.open({ path: join(dir, "thread.db"), checkpoints: "thread" }),
    ],
    [
      'SqliteStorage, checkpoints: "inline" (SQLite\'s automatic checkpoints)',
      () => SqliteStorage.open({ path: join(dir, "inline.db"), checkpoints: "inline" }),
    ],
  ] as const) {
    const storage: Storage = await open();
    const { calls, fullRead, longestBlock } = await cycle(storage);
    await storage.close();
    console.log(`\n${name}:`);
    console.log("| call | median ms | p99 ms | max ms | calls over 5 ms |");
    console.log("|---|---|---|---|---|");
    for (const [call, xs] of calls) {
      console.log(
        `| ${call} | ${quantile(xs, 0.5).toFixed(3)} | ${quantile(xs, 0.99).toFixed(3)} | ${Math.max(...xs).toFixed(1)} | ${xs.filter((x) => x > 5).length} of ${xs.length} |`,
      );
    }
    console.log(
      `full read of ${trials} trials (getTrials): ${fullRead.toFixed(1)} ms, the event loop blocked at most ${longestBlock.toFixed(1)} ms of it`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
