#!/usr/bin/env node
/**
 * `npm run bench`: the benchmark command line.
 *
 *   npm run bench                       the quick suite, every tunelab sampler
 *   npm run bench -- standard --peer optuna -j 2
 *   npm run bench -- --functions branin,zdt1 --trials 50 --seeds 3
 *   npm run bench -- quick --resume     go on with an interrupted run in the same --out
 *   npm run bench -- quick --overwrite  discard the runs of --out and start afresh
 *   npm run bench -- micro              sampler overhead micro-benchmarks
 *   npm run bench -- queue [grids]      the resource-queue simulator's grids (issue 15)
 *   npm run bench -- list               suites, functions, samplers, pruners
 */
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { setLogLevel } from "@tunelab/study";
import cliProgress from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { runMicro } from "./micro/overhead.js";
import { checkOptunaPeer, OptunaExecutor } from "./peers/optuna.js";
import { QUEUE_GRID_NAMES, QUEUE_SUITE_DESCRIPTION, runQueueSuite } from "./queue-suite.js";
import { summarizeRecords } from "./report/summary.js";
import { renderTerminal } from "./report/terminal.js";
import { planBenchmark } from "./runner/plan.js";
import {
  OutputFolderInUseError,
  planMethods,
  rerenderReports,
  runBenchmark,
} from "./runner/run-benchmark.js";
import type { RunRecord } from "./runner/types.js";
import { SAMPLERS } from "./samplers/registry.js";
import { PRUNERS } from "./suites/pruners.js";
import { SUITE_NAMES, suiteByName } from "./suites/suites.js";

const list = (v: string): string[] =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected an integer >= 1, got ${v}`);
  return n;
}

function seedsArg(v: string): number | number[] {
  if (!v.includes(",")) return positiveInt(v);
  return list(v).map((s) => {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidArgumentError(`seeds must be integers >= 0, got ${s}`);
    return n;
  });
}

interface RunOpts {
  samplers?: string[];
  optunaSamplers?: string[];
  peer?: string;
  functions?: string[];
  trials?: number;
  seeds?: number | number[];
  pruners?: string[];
  concurrency?: number;
  parallel: number;
  out?: string;
  resume?: boolean;
  overwrite?: boolean;
  progress: boolean;
  python?: string;
}

/** The command line again with `flag` appended (and without `-o/--out` when `flag` sets it). */
function commandWith(flag: string): string {
  const args: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (flag.startsWith("--out") && (a === "-o" || a === "--out")) i++;
    else if (!(flag.startsWith("--out") && a.startsWith("--out="))) args.push(a);
  }
  return ["npm run bench --", ...args, flag].join(" ");
}

/** What to tell a user whose output folder already holds runs: the commands that go on. */
function folderInUseMessage(e: OutputFolderInUseError, out: string): string {
  return [
    `${out} already holds ${e.holds}; nothing was changed.`,
    "To keep them and run only what this plan is missing (after Ctrl-C, or to add seeds, samplers or functions):",
    `  ${commandWith("--resume")}`,
    "To discard them and start afresh:",
    `  ${commandWith("--overwrite")}`,
    "To keep them and write this run to another folder:",
    `  ${commandWith("--out <dir>")}`,
  ].join("\n");
}

async function runCommand(suiteName: string, opts: RunOpts): Promise<void> {
  if (opts.resume === true && opts.overwrite === true)
    throw new InvalidArgumentError(
      "--resume and --overwrite exclude each other: keep the runs, or discard them",
    );
  if (suiteName === "queue")
    throw new InvalidArgumentError(
      "the queue suite is a command of its own: npm run bench -- queue [grids] [--seeds n] [-o dir]",
    );
  const suite = suiteByName(suiteName);
  const peerRequested = opts.peer !== undefined;
  if (peerRequested && opts.peer !== "optuna")
    throw new InvalidArgumentError(`--peer: only "optuna" is supported, got ${opts.peer}`);
  let peer = { requested: peerRequested, available: false, message: "not requested" };
  if (peerRequested) {
    const status = checkOptunaPeer(opts.python);
    peer = { requested: true, available: status.available, message: status.message };
    console.error(status.available ? `peer: ${status.message}` : status.message);
  }
  const plan = planBenchmark(suite, {
    ...(opts.samplers !== undefined ? { samplers: opts.samplers.filter((s) => s !== "none") } : {}),
    ...(opts.optunaSamplers !== undefined ? { optunaSamplers: opts.optunaSamplers } : {}),
    peer: peer.available,
    ...(opts.functions !== undefined ? { functions: opts.functions } : {}),
    ...(opts.trials !== undefined ? { trials: opts.trials } : {}),
    ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}),
    ...(opts.pruners !== undefined ? { pruners: opts.pruners } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  });
  const out = opts.out ?? `bench-results/${suite.name}`;
  if (Array.isArray(opts.seeds) && plan.seeds.length < opts.seeds.length)
    console.error(
      `seeds ${opts.seeds.join(",")} list a seed more than once: running seeds ${plan.seeds.join(",")}`,
    );
  console.error(
    `suite ${plan.suite}: ${plan.cells.length} runs (${plan.functions.length} functions, samplers ${[
      ...plan.samplers.tunelab,
      ...plan.samplers.optuna.map((s) => `optuna/${s}`),
    ].join(", ")}, ${plan.seeds.length} seeds, ${plan.trials} trials), ${opts.parallel} in parallel → ${out}`,
  );
  const methods = planMethods(plan);
  const tty = process.stderr.isTTY === true && opts.progress;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format:
            "bench [{bar}] {value}/{total} runs | {percentage}% | ETA {eta_formatted} | leader: {leader}",
          etaBuffer: 50,
          hideCursor: true,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let lastLeader = 0;
  let leaderEvery = 1500;
  let leader = "-";
  let lastPrinted = -1;
  const t0 = Date.now();
  const leaderOf = (all: readonly RunRecord[]): string => {
    const s = summarizeRecords(all, methods);
    const g = s.rankings[0];
    if (g === undefined || g.methods.length < 2) return "-";
    return `${g.methods[0]} (mean rank ${g.meanRanks[g.methods[0]!]!.toFixed(2)} over ${g.functions.length})`;
  };
  const run = runBenchmark(plan, {
    out,
    parallel: opts.parallel,
    resume: opts.resume === true,
    overwrite: opts.overwrite === true,
    onWarning: (m) => console.error(`warning: ${m}`),
    onStart: (resumed, total) => {
      if (opts.resume === true)
        console.error(`resuming: ${resumed} of the ${total} planned runs are already finished in ${out}`);
      bar?.start(total, resumed, { leader: "-" });
    },
    optunaExecutor: peer.available ? () => new OptunaExecutor(opts.python) : null,
    peer,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    onProgress: (done, total, _r, all) => {
      const now = Date.now();
      // The leader summarizes every record so far (exact hypervolumes for many objectives),
      // so it is computed only when something shows it, and at most once per ten times its
      // own last cost (and 1.5 s): with --no-progress, never.
      const refreshLeader = (): void => {
        if (now - lastLeader <= leaderEvery && done !== total) return;
        const started = Date.now();
        leader = leaderOf(all);
        lastLeader = Date.now();
        leaderEvery = Math.max(1500, 10 * (lastLeader - started));
      };
      if (bar !== null) {
        refreshLeader();
        bar.update(done, { leader });
      } else if (opts.progress) {
        const decile = Math.floor((done * 10) / total);
        if (decile !== lastPrinted) {
          lastPrinted = decile;
          refreshLeader();
          console.error(`${done}/${total} runs, ${((now - t0) / 1000).toFixed(0)} s, leader: ${leader}`);
        }
      }
    },
  }).catch((e: unknown) => {
    bar?.stop();
    if (e instanceof OutputFolderInUseError) {
      console.error(folderInUseMessage(e, out));
      process.exit(2);
    }
    throw e;
  });
  const { results, files } = await run;
  bar?.stop();
  console.log(renderTerminal(results));
  const skipped = results.runs.filter((r) => r.skipped !== null).length;
  const failed = results.runs.filter((r) => r.error !== null);
  if (skipped > 0) console.log(`${skipped} run(s) not applicable (see summary.md).`);
  for (const r of failed.slice(0, 5)) console.log(`failed: ${r.key}: ${r.error}`);
  const rel = (p: string): string => {
    const r = relative(process.cwd(), p);
    return r === "" || r.startsWith("..") ? p : r;
  };
  console.log(
    `\nreport: ${rel(files.html)}\nsummary: ${rel(files.markdown)}\nresults: ${rel(files.results)}`,
  );
  console.log(`wall time: ${results.meta.wallSeconds.toFixed(1)} s`);
  if (failed.length > 0) process.exitCode = 1;
}

const program = new Command();
program
  .name("bench")
  .description("tunelab benchmarks: samplers compared on test functions, with statistics and reports");

program
  .command("run", { isDefault: true })
  .description("run a suite (default: quick)")
  .argument("[suite]", `one of ${SUITE_NAMES.join(", ")}`, "quick")
  .option("-s, --samplers <list>", "tunelab samplers (comma-separated; 'none' for Optuna only)", list)
  .option("--peer <name>", "also run the peer's samplers in the same run (optuna)")
  .option("--optuna-samplers <list>", "Optuna samplers with --peer optuna", list)
  .option("-f, --functions <list>", "functions instead of the suite's", list)
  .option("-t, --trials <n>", "trials per run", positiveInt)
  .option("--seeds <n|list>", "number of seeds (1..n) or a list of seeds", seedsArg)
  .option("--pruners <list>", "pruners on curve problems (none, median, percentile25, sha, hyperband)", list)
  .option("-c, --concurrency <n>", "trials evaluated at once inside each study", positiveInt)
  .addOption(
    new Option("-j, --parallel <n>", "runs in parallel (worker threads / Python processes)")
      .argParser(positiveInt)
      .default(availableParallelism(), "the number of CPUs"),
  )
  .option("-o, --out <dir>", "output folder (default: bench-results/<suite>)")
  .option(
    "--resume",
    "keep the finished runs of <out>/runs.jsonl (all of them) and run only what the plan is missing",
  )
  .option("--overwrite", "discard the runs and reports already in <out> (needed to rerun into a used folder)")
  .option("--no-progress", "no progress bar")
  .option("--python <path>", "Python with Optuna (default: $TUNELAB_PYTHON or /usr/bin/python3)")
  .action(async (suite: string, opts: RunOpts) => {
    await runCommand(suite, opts);
  });

program
  .command("micro")
  .description("sampler overhead: ask+tell time per trial at 100, 1,000 and 10,000 trials, 10-D (tinybench)")
  .option("-s, --samplers <list>", "tunelab samplers", list)
  .option("--trials <list>", "trial counts", (v) => list(v).map(positiveInt), [100, 1000, 10000])
  .option("--dim <n>", "dimension", positiveInt, 10)
  .option("-o, --out <file>", "also write the results as JSON to this file")
  .action(async (opts: { samplers?: string[]; trials: number[]; dim: number; out?: string }) => {
    await runMicro({
      ...(opts.samplers !== undefined ? { samplers: opts.samplers } : {}),
      trials: opts.trials,
      dimension: opts.dim,
      ...(opts.out !== undefined ? { out: opts.out } : {}),
    });
  });

program
  .command("queue")
  .description(QUEUE_SUITE_DESCRIPTION)
  .argument("[grids...]", `${QUEUE_GRID_NAMES.join(", ")} or all`, ["all"])
  .option("--seeds <n|list>", "number of seeds (1..n) or a list of seeds (default: 10)", seedsArg)
  .option("-t, --trials <n>", "trials per simulated campaign instead of each grid's own", positiveInt)
  .option("--target <loss>", "loss target of 'time to target' (default: 0.79)", (v) => {
    const x = Number(v);
    if (!Number.isFinite(x)) throw new InvalidArgumentError(`expected a finite number, got ${v}`);
    return x;
  })
  .option("-o, --out <dir>", "output folder for report.html and summary.md (default: bench-results/queue)")
  .option("--no-progress", "no progress lines")
  .action(
    async (
      grids: string[],
      opts: { seeds?: number | number[]; trials?: number; target?: number; out?: string; progress: boolean },
    ) => {
      const unknown = grids.filter((g) => g !== "all" && !QUEUE_GRID_NAMES.includes(g));
      if (unknown.length > 0)
        throw new InvalidArgumentError(
          `queue: grids must be among ${QUEUE_GRID_NAMES.join(", ")} or all, got ${unknown.join(", ")}`,
        );
      const seeds =
        opts.seeds === undefined
          ? undefined
          : Array.isArray(opts.seeds)
            ? [...new Set(opts.seeds)]
            : Array.from({ length: opts.seeds }, (_, i) => i + 1);
      const out = opts.out ?? "bench-results/queue";
      setLogLevel("silent"); // the surrogate's diverged trials FAIL by design; the tables count them
      const t0 = Date.now();
      const { files } = await runQueueSuite({
        grids,
        ...(seeds !== undefined ? { seeds } : {}),
        ...(opts.trials !== undefined ? { trials: opts.trials } : {}),
        ...(opts.target !== undefined ? { target: opts.target } : {}),
        out,
        command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
        onGrid: (title, table, cpu) => console.log(`\n${title}\n\n${table}\n\n(${cpu.toFixed(1)} s CPU)`),
        ...(opts.progress
          ? {
              onProgress: (done: number, total: number, name: string) =>
                console.error(
                  `queue: ${done}/${total} scenarios, ${((Date.now() - t0) / 1000).toFixed(0)} s (${name})`,
                ),
            }
          : {}),
      });
      if (files !== null) console.log(`\nreport: ${files.html}\nsummary: ${files.markdown}`);
      console.log(`wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    },
  );

program
  .command("report")
  .description("recompute the statistics of <dir>/results.json and rewrite its summary.md and report.html")
  .argument("<dir>", "an output folder of a run")
  .action(async (dir: string) => {
    const files = await rerenderReports(dir);
    console.log(`report: ${files.html}\nsummary: ${files.markdown}`);
  });

program
  .command("list")
  .description("suites, samplers and pruners")
  .action(() => {
    console.log("suites:");
    for (const n of SUITE_NAMES) {
      const s = suiteByName(n);
      console.log(
        `  ${n.padEnd(16)} ${s.functions.length} functions × ${s.seeds} seeds × ${s.trials} trials: ${s.description}`,
      );
    }
    console.log(`  ${"queue".padEnd(16)} ${QUEUE_SUITE_DESCRIPTION} (npm run bench -- queue)`);
    console.log("samplers:");
    for (const s of SAMPLERS) console.log(`  ${s.side.padEnd(8)} ${s.name.padEnd(18)} ${s.description}`);
    console.log("pruners:");
    for (const p of PRUNERS) console.log(`  ${p.name.padEnd(13)} ${p.description}`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
