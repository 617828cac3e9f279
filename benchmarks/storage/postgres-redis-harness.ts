/**
 * The throughput harness shared by postgres-throughput.ts and redis-throughput.ts: for each
 * number of processes P (1, 2, 4, 8 by default) and each engine (tunelab, Optuna 5.0, Optuna
 * 3.1 where their Python has what it needs), P workers join one fresh study, the first before
 * the others (so Optuna's schema is created once), all print "ready" (start-up is not timed),
 * then each runs `trials` trials of x² with RandomSampler. The figure is the COMPLETE trials
 * of the study divided by the time from "go" to the exit of the last worker. Repeats cycle
 * through the engines so that a noisy moment of a shared machine hits them alike; the median
 * is reported.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Which storage the run measures. */
export type BenchKind = "postgres" | "redis";

interface Engine {
  readonly name: string;
  readonly command: (args: readonly string[]) => [string, string[]];
  /** Null when the engine can run, else why not. */
  readonly missing: string | null;
}

interface WorkerResult {
  readonly seconds?: number;
  readonly complete?: number;
  readonly error?: string;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** A Python engine, or the reason it cannot run (no Optuna of that version, no driver). */
function pythonEngine(kind: BenchKind, name: string, python: string, version: RegExp): Engine {
  const driver = kind === "postgres" ? "psycopg2" : "redis";
  const probe = spawnSync(python, ["-c", `import optuna, ${driver}; print(optuna.__version__)`], {
    encoding: "utf8",
  });
  const v = probe.stdout?.trim() ?? "";
  const missing =
    probe.status !== 0
      ? `${python} cannot import optuna and ${driver}`
      : version.test(v)
        ? null
        : `${python} has Optuna ${v}`;
  return {
    name,
    command: (args) => [python, [here("./postgres-redis-optuna-worker.py"), ...args]],
    missing,
  };
}

function startWorker(engine: Engine, args: readonly string[]) {
  const [cmd, argv] = engine.command(args);
  const child: ChildProcess = spawn(cmd, argv, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, TUNELAB_LOG_LEVEL: "warn" },
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (c: string) => {
    stderr += c;
  });
  const lines: string[] = [];
  const waiting: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on("line", (l) => {
    lines.push(l);
    for (const w of waiting.splice(0)) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const ready = (async () => {
    while (lines.length === 0) {
      const code = await Promise.race([
        new Promise<void>((r) => waiting.push(r)).then(() => undefined),
        exited,
      ]);
      if (code !== undefined && lines.length === 0) {
        throw new Error(`${engine.name} worker exited (${code}) before it was ready: ${stderr.slice(-1500)}`);
      }
    }
  })();
  return {
    ready,
    go: (): void => {
      child.stdin!.write("go\n");
    },
    result: async (): Promise<WorkerResult> => {
      await exited;
      const last = lines.at(-1);
      if (last === undefined || !last.startsWith("{")) return { error: `no result: ${stderr.slice(-300)}` };
      return JSON.parse(last) as WorkerResult;
    },
  };
}

interface Run {
  readonly perSecond: number;
  readonly completed: number;
  readonly errors: readonly string[];
}

async function runOnce(
  kind: BenchKind,
  url: string,
  engine: Engine,
  p: number,
  trials: number,
): Promise<Run> {
  // A fresh study per run: its own schema (tunelab) or study name (Optuna's RDB), its own
  // Redis key prefix. Runs leave their data behind on the test server.
  const tag = `bench_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const args = (seed: number) => [kind, url, tag, tag, String(trials), String(seed)];
  const first = startWorker(engine, args(1));
  await first.ready;
  const rest = Array.from({ length: p - 1 }, (_, k) => startWorker(engine, args(k + 2)));
  await Promise.all(rest.map((w) => w.ready));
  const workers = [first, ...rest];
  const t0 = performance.now();
  for (const w of workers) w.go();
  const results = await Promise.all(workers.map((w) => w.result()));
  const seconds = (performance.now() - t0) / 1000;
  const completed = Math.max(0, ...results.map((r) => r.complete ?? 0));
  return {
    perSecond: completed / seconds,
    completed,
    errors: results.filter((r) => r.error !== undefined).map((r) => r.error!),
  };
}

const median = (xs: readonly number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

/** Runs the benchmark for one storage and prints the runs and a table of medians. */
export async function runThroughputBenchmark(kind: BenchKind, defaultUrlVariable: string): Promise<void> {
  const url = option("url", process.env[defaultUrlVariable] ?? "");
  if (url === "") {
    throw new Error(
      `no server: pass --url or set ${defaultUrlVariable} (bash scripts/services/${kind}.sh start && eval "$(bash scripts/services/${kind}.sh env)")`,
    );
  }
  const processCounts = option("processes", "1,2,4,8").split(",").map(Number);
  const trials = Number(option("trials", "250"));
  const repeats = Number(option("repeats", "3"));
  const wanted = option("engines", "tunelab,optuna-5.0,optuna-3.1").split(",");
  const engines: Engine[] = [
    {
      name: "tunelab",
      command: (args: readonly string[]): [string, string[]] => [
        process.execPath,
        ["--conditions=@tunelab/source", "--import", "tsx", here("./postgres-redis-worker.ts"), ...args],
      ],
      missing: null,
    },
    pythonEngine(
      kind,
      "optuna-5.0",
      process.env.TUNELAB_BENCH_OPTUNA5_PYTHON ?? "/tmp/optuna5/bin/python",
      /^5\./,
    ),
    pythonEngine(
      kind,
      "optuna-3.1",
      process.env.TUNELAB_BENCH_OPTUNA31_PYTHON ?? "/usr/bin/python3",
      /^3\.1\./,
    ),
  ].filter((e) => wanted.includes(e.name));

  const what =
    kind === "postgres"
      ? "PostgreSQL (tunelab PostgresStorage; Optuna RDBStorage)"
      : "Redis (journal; Optuna JournalRedis)";
  console.log(
    `${what} throughput: ${processCounts.join(", ")} processes x ${trials} trials, RandomSampler, x^2; ${repeats} repeats; ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  for (const e of engines) if (e.missing !== null) console.log(`  ${e.name} skipped: ${e.missing}`);
  const active = engines.filter((e) => e.missing === null);
  const runs = new Map<string, Run[]>();
  for (let r = 0; r < repeats; r++) {
    for (const p of processCounts) {
      for (const e of active) {
        const run = await runOnce(kind, url, e, p, trials);
        const key = `${e.name} ${p}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
        console.log(
          `  repeat ${r + 1}: ${e.name.padEnd(10)} ${String(p).padStart(2)} processes: ${run.perSecond.toFixed(0).padStart(5)} trials/s, ${run.completed} COMPLETE` +
            (run.errors.length > 0 ? `, ${run.errors.length} worker(s) failed: ${run.errors[0]}` : ""),
        );
      }
    }
  }
  console.log(`\nMedian trials/s (${repeats} repeats), load average ${loadavg()[0]!.toFixed(1)} at the end:`);
  console.log(`| processes | ${active.map((e) => e.name).join(" | ")} |`);
  console.log(`|---:|${active.map(() => "---:").join("|")}|`);
  for (const p of processCounts) {
    const cells = active.map((e) =>
      median((runs.get(`${e.name} ${p}`) ?? []).map((x) => x.perSecond)).toFixed(0),
    );
    console.log(`| ${p} | ${cells.join(" | ")} |`);
  }
}
