/**
 * The throughput harness shared by the storage benchmarks (postgres-throughput.ts,
 * redis-throughput.ts, journal-throughput.ts): for each number of processes P (1, 2, 4, 8 by
 * default) and each engine (tunelab, Optuna 5.0, Optuna 3.1 where their Python has what it
 * needs), P workers join one fresh study, the first before the others (so Optuna's schema is
 * created once), all print "ready" (start-up is not timed), then each runs `trials` trials of
 * x² with RandomSampler. The figure is the COMPLETE trials of the study divided by the time
 * from "go" to the exit of the last worker. Repeats cycle through the engines so that a noisy
 * moment of a shared machine hits them alike; the median is reported, with the ratio of each
 * tunelab engine to each Optuna one.
 *
 * A worker is started as `<command> ...<study arguments> <trials> <seed>` (the study arguments
 * come from the plan, fresh for each run); it prints "ready", waits for a line on stdin, and
 * ends with one JSON line: `seconds`, `complete` (the COMPLETE trials it reads after its own),
 * optionally `cpuSeconds` (user + system CPU during its trials) or `error`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Which server storage the run measures (postgres-throughput.ts, redis-throughput.ts). */
export type BenchKind = "postgres" | "redis";

/** One engine of a throughput run. */
export interface ThroughputEngine {
  /** The column's name; names starting with "optuna-" are the baselines of the ratios. */
  readonly name: string;
  /** The command that starts one worker with these arguments. */
  readonly command: (args: readonly string[]) => [string, string[]];
  /** Null when the engine can run, else why not. */
  readonly missing: string | null;
}

/** What {@link runThroughput} measures. */
export interface ThroughputPlan {
  /** What is measured, the head of the first line of output. */
  readonly title: string;
  /** The engines; `--engines` picks some (default: all). */
  readonly engines: readonly ThroughputEngine[];
  /**
   * A fresh study for one run: the arguments every worker of the run gets before its trial
   * count and seed, and what to do once the run is over.
   */
  readonly freshStudy: () => { readonly args: readonly string[]; readonly cleanup?: () => void };
}

interface WorkerResult {
  readonly seconds?: number;
  readonly complete?: number;
  readonly cpuSeconds?: number;
  readonly error?: string;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * The value of `--<name> <value>` on the command line, else `fallback`.
 * @example benchOption("trials", "250")
 */
export function benchOption(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/**
 * A tunelab engine: Node with the TypeScript sources (tsx), running `worker` (a file beside
 * this one) with the run's arguments, then `extra`.
 */
export function tunelabEngine(name: string, worker: string, extra: readonly string[] = []): ThroughputEngine {
  return {
    name,
    command: (args) => [
      process.execPath,
      ["--conditions=@tunelab/source", "--import", "tsx", here(worker), ...args, ...extra],
    ],
    missing: null,
  };
}

/**
 * A Python engine running `worker` (a file beside this one), or the reason it cannot run: no
 * Optuna of that version in `python`, or a module of `modules` missing.
 */
export function optunaEngine(
  name: string,
  python: string,
  version: RegExp,
  worker: string,
  modules: readonly string[] = [],
): ThroughputEngine {
  const probe = spawnSync(
    python,
    ["-c", `import ${["optuna", ...modules].join(", ")}; print(optuna.__version__)`],
    {
      encoding: "utf8",
    },
  );
  const v = probe.stdout?.trim() ?? "";
  const missing =
    probe.status !== 0
      ? `${python} cannot import ${["optuna", ...modules].join(" and ")}`
      : version.test(v)
        ? null
        : `${python} has Optuna ${v}`;
  return {
    name,
    command: (args) => [python, [here(worker), ...args]],
    missing,
  };
}

/** Optuna 5.0 ($TUNELAB_BENCH_OPTUNA5_PYTHON, else the venv in /tmp/optuna5) and Debian's 3.1. */
export function optunaEngines(worker: string, modules: readonly string[] = []): ThroughputEngine[] {
  return [
    optunaEngine(
      "optuna-5.0",
      process.env.TUNELAB_BENCH_OPTUNA5_PYTHON ?? "/tmp/optuna5/bin/python",
      /^5\./,
      worker,
      modules,
    ),
    optunaEngine(
      "optuna-3.1",
      process.env.TUNELAB_BENCH_OPTUNA31_PYTHON ?? "/usr/bin/python3",
      /^3\.1\./,
      worker,
      modules,
    ),
  ];
}

function startWorker(engine: ThroughputEngine, args: readonly string[]) {
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
  /** CPU milliseconds per COMPLETE trial, all workers together (null unless each says). */
  readonly cpuMsPerTrial: number | null;
}

async function runOnce(
  plan: ThroughputPlan,
  engine: ThroughputEngine,
  p: number,
  trials: number,
): Promise<Run> {
  const study = plan.freshStudy();
  try {
    const args = (seed: number) => [...study.args, String(trials), String(seed)];
    const first = startWorker(engine, args(1));
    await first.ready;
    const rest = Array.from({ length: p - 1 }, (_, k) => startWorker(engine, args(k + 2)));
    await Promise.all(rest.map((w) => w.ready));
    const workers = [first, ...rest];
    const t0 = performance.now();
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.result()));
    const seconds = (performance.now() - t0) / 1000;
    // The worker that read last read after every other worker's last write.
    const completed = Math.max(0, ...results.map((r) => r.complete ?? 0));
    const cpu = results.every((r) => r.cpuSeconds !== undefined)
      ? results.reduce((a, r) => a + (r.cpuSeconds ?? 0), 0)
      : null;
    return {
      perSecond: completed / seconds,
      completed,
      errors: results.filter((r) => r.error !== undefined).map((r) => r.error!),
      cpuMsPerTrial: cpu === null || completed === 0 ? null : (1000 * cpu) / completed,
    };
  } finally {
    study.cleanup?.();
  }
}

const median = (xs: readonly number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

/**
 * Runs a throughput benchmark and prints each run and a table of the medians, with the ratio
 * of each tunelab engine to each Optuna engine. Options from the command line: `--processes`
 * (1,2,4,8), `--trials` (250), `--repeats` (3), `--engines` (all of the plan's).
 */
export async function runThroughput(plan: ThroughputPlan): Promise<void> {
  const processCounts = benchOption("processes", "1,2,4,8").split(",").map(Number);
  const trials = Number(benchOption("trials", "250"));
  const repeats = Number(benchOption("repeats", "3"));
  const wanted = benchOption("engines", plan.engines.map((e) => e.name).join(",")).split(",");
  const engines = plan.engines.filter((e) => wanted.includes(e.name));
  console.log(
    `${plan.title} throughput: ${processCounts.join(", ")} processes x ${trials} trials, RandomSampler, x^2; ${repeats} repeats; ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  for (const e of engines) if (e.missing !== null) console.log(`  ${e.name} skipped: ${e.missing}`);
  const active = engines.filter((e) => e.missing === null);
  const width = Math.max(10, ...active.map((e) => e.name.length));
  const runs = new Map<string, Run[]>();
  for (let r = 0; r < repeats; r++) {
    for (const p of processCounts) {
      for (const e of active) {
        const run = await runOnce(plan, e, p, trials);
        const key = `${e.name} ${p}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
        console.log(
          `  repeat ${r + 1}: ${e.name.padEnd(width)} ${String(p).padStart(2)} processes: ${run.perSecond.toFixed(0).padStart(5)} trials/s, ${run.completed} COMPLETE` +
            (run.cpuMsPerTrial === null ? "" : `, ${run.cpuMsPerTrial.toFixed(2)} CPU ms/trial`) +
            (run.errors.length > 0 ? `, ${run.errors.length} worker(s) failed: ${run.errors[0]}` : ""),
        );
      }
    }
  }
  const medianOf = (e: ThroughputEngine, p: number): number =>
    median((runs.get(`${e.name} ${p}`) ?? []).map((x) => x.perSecond));
  const baselines = active.filter((e) => e.name.startsWith("optuna-"));
  const ours = active.filter((e) => !e.name.startsWith("optuna-"));
  const ratios = ours.flatMap((o) => baselines.map((b) => ({ o, b })));
  console.log(`\nMedian trials/s (${repeats} repeats), load average ${loadavg()[0]!.toFixed(1)} at the end:`);
  const head = [...active.map((e) => e.name), ...ratios.map(({ o, b }) => `${o.name} / ${b.name}`)];
  console.log(`| processes | ${head.join(" | ")} |`);
  console.log(`|---:|${head.map(() => "---:").join("|")}|`);
  for (const p of processCounts) {
    const cells = [
      ...active.map((e) => medianOf(e, p).toFixed(0)),
      ...ratios.map(({ o, b }) => `${(medianOf(o, p) / medianOf(b, p)).toFixed(1)}x`),
    ];
    console.log(`| ${p} | ${cells.join(" | ")} |`);
  }
}

/** Runs the benchmark for one server storage and prints the runs and a table of medians. */
export async function runThroughputBenchmark(kind: BenchKind, defaultUrlVariable: string): Promise<void> {
  const url = benchOption("url", process.env[defaultUrlVariable] ?? "");
  if (url === "") {
    throw new Error(
      `no server: pass --url or set ${defaultUrlVariable} (bash scripts/services/${kind}.sh start && eval "$(bash scripts/services/${kind}.sh env)")`,
    );
  }
  await runThroughput({
    title:
      kind === "postgres"
        ? "PostgreSQL (tunelab PostgresStorage; Optuna RDBStorage)"
        : "Redis (journal; Optuna JournalRedis)",
    engines: [
      tunelabEngine("tunelab", "./postgres-redis-worker.ts"),
      ...optunaEngines("./postgres-redis-optuna-worker.py", [kind === "postgres" ? "psycopg2" : "redis"]),
    ],
    // A fresh study per run: its own schema (tunelab) or study name (Optuna's RDB), its own
    // Redis key prefix. Runs leave their data behind on the test server.
    freshStudy: () => {
      const tag = `bench_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      return { args: [kind, url, tag, tag] };
    },
  });
}
