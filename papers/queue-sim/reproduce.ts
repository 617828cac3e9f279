/**
 * The simulator's numbers behind papers/queue-sim/README.md: sequential, batch and
 * asynchronous TPE on the LLM fine-tuning surrogate, set beside published results on
 * parallel hyperparameter optimization (the README cites them).
 *
 *   P1  workers 1, 4, 16, 64 at an equal trial count (128): wall-clock speed-up, time to a
 *       target and the quality cost per worker, asynchronous and batch (synchronous) TPE,
 *       TPE without the constant liar, random search as the control.
 *   P2  batch against asynchronous with 16 workers when every trial takes the same 10
 *       minutes and when durations vary (the surrogate's own): the straggler effect.
 *   P3  equal wall-clock instead of equal trials: median best after 1, 2, 4 and 8 hours for
 *       sequential, batch-16 and async-16 (budgets large enough not to run out first).
 *   P4  ASHA's setting: random search (and TPE) with asynchronous successive halving
 *       (SuccessiveHalvingPruner, Optuna's defaults) on 1, 4, 16, 64 workers, 256 trials.
 *
 * Run: nice -n 19 npm run ts -- papers/queue-sim/reproduce.ts [p1|p2|p3|p4|all] [--seeds 10]
 * Everything is seeded: the same command prints the same numbers (CPU times aside).
 */

import { mannWhitneyU } from "@tunelab/benchmarks";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import {
  EVIDENCE_SAMPLERS,
  llmModel,
  medianCurve,
  NO_OVERHEAD,
  renderQueueTable,
  runScenarios,
  type Scenario,
  type ScenarioSummary,
  type SimulationMode,
} from "@tunelab/runner/queue-sim";
import { type Pruner, setLogLevel } from "@tunelab/study";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";

setLogLevel("silent");
const args = process.argv.slice(2);
const seedsAt = args.indexOf("--seeds");
const nSeeds = seedsAt >= 0 ? Number(args[seedsAt + 1]) : 10;
if (!Number.isSafeInteger(nSeeds) || nSeeds < 1)
  throw new RangeError(`reproduce.ts: --seeds must be an integer >= 1, got ${String(args[seedsAt + 1])}`);
const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);
const which = args.find((a, i) => !a.startsWith("--") && (seedsAt < 0 || i !== seedsAt + 1)) ?? "all";
if (!["p1", "p2", "p3", "p4", "all"].includes(which))
  throw new RangeError(`reproduce.ts: part must be p1, p2, p3, p4 or all, got ${which}`);
const TARGET = 0.79;

function scenario(
  name: string,
  sampler: string,
  mode: SimulationMode,
  nTrials: number,
  duration?: number,
  pruner?: () => Pruner,
): Scenario {
  const make = EVIDENCE_SAMPLERS[sampler];
  if (make === undefined) throw new RangeError(`reproduce.ts: unknown sampler ${sampler}`);
  return {
    name,
    target: TARGET,
    options: (seed) => ({
      sampler: make,
      model: llmModel(llmFinetuneLoss({ model: "1.5B", seed }), duration === undefined ? {} : { duration }),
      nTrials,
      mode,
      cluster: { overhead: NO_OVERHEAD },
      ...(pruner !== undefined ? { pruner } : {}),
      seed,
    }),
  };
}

const modeOf = (kind: "async" | "batch", k: number): SimulationMode =>
  k === 1
    ? { kind: "sequential" }
    : kind === "async"
      ? { kind: "async", workers: k }
      : { kind: "batch", size: k };

const cpuSeconds = (t0: NodeJS.CpuUsage): string => {
  const c = process.cpuUsage(t0);
  return `${((c.user + c.system) / 1e6).toFixed(1)} s CPU`;
};

const range = `seeds ${seeds[0]}-${seeds[seeds.length - 1]}`;

/** Speed-ups against the k = 1 row of the same sampler, and the loss in best value. */
function speedupTable(
  rows: readonly { k: number; sampler: string; s: ScenarioSummary; bests: number[] }[],
): string {
  const head = [
    "scenario",
    "k",
    "wall h",
    "speed-up",
    "efficiency",
    "h to target",
    "speed-up to target",
    "best",
    "best - seq",
    "p (best vs seq)",
  ];
  const body = rows.map(({ k, sampler, s, bests }) => {
    const seqRow = rows.find((r) => r.k === 1 && r.sampler === sampler);
    const seq = seqRow?.s;
    const sp = seq === undefined ? Number.NaN : seq.hours / s.hours;
    const spT = seq === undefined ? Number.NaN : seq.hoursToTarget / s.hoursToTarget;
    return [
      s.name,
      String(k),
      s.hours.toFixed(2),
      `${sp.toFixed(1)}x`,
      `${((100 * sp) / k).toFixed(0)}%`,
      Number.isFinite(s.hoursToTarget) ? s.hoursToTarget.toFixed(2) : "never",
      Number.isFinite(spT) ? `${spT.toFixed(1)}x` : "-",
      s.best.toFixed(4),
      seq === undefined ? "-" : (s.best - seq.best).toFixed(4),
      seqRow === undefined || k === 1 ? "-" : mannWhitneyU(bests, seqRow.bests).pValue.toFixed(3),
    ];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((x, j) => (j === 0 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

if (which === "p1" || which === "all") {
  const t0 = process.cpuUsage();
  const spec: { k: number; sampler: string; kind: "async" | "batch" }[] = [];
  for (const sampler of ["tpe", "tpe-no-liar", "random"])
    for (const k of [1, 4, 16, 64]) spec.push({ k, sampler, kind: "async" });
  for (const k of [4, 16, 64]) spec.push({ k, sampler: "tpe", kind: "batch" });
  const scenarios = spec.map(({ k, sampler, kind }) =>
    scenario(k === 1 ? `${sampler} sequential` : `${sampler} ${kind}-${k}`, sampler, modeOf(kind, k), 128),
  );
  const { summaries, runs } = await runScenarios(scenarios, seeds);
  console.log(`\nP1. workers at 128 trials, no overhead, target ${TARGET}, median over ${range}\n`);
  console.log(renderQueueTable(summaries));
  console.log("");
  const rows = spec.map((r, i) => ({
    k: r.k,
    sampler: r.kind === "batch" ? "tpe" : r.sampler,
    s: summaries[i]!,
    bests: runs[i]!.map((x) => x.best),
  }));
  console.log(speedupTable(rows));
  console.log(`\n(${cpuSeconds(t0)})`);
}

if (which === "p2" || which === "all") {
  const t0 = process.cpuUsage();
  const scenarios = [
    scenario("fixed 10 min: batch-16", "tpe", { kind: "batch", size: 16 }, 64, 600),
    scenario("fixed 10 min: async-16", "tpe", { kind: "async", workers: 16 }, 64, 600),
    scenario("varying: batch-16", "tpe", { kind: "batch", size: 16 }, 64),
    scenario("varying: async-16", "tpe", { kind: "async", workers: 16 }, 64),
  ];
  const { summaries } = await runScenarios(scenarios, seeds);
  console.log(`\nP2. batch vs async, 16 workers, 64 trials, TPE, median over ${range}\n`);
  console.log(renderQueueTable(summaries));
  for (const i of [0, 2]) {
    const b = summaries[i]!;
    const a = summaries[i + 1]!;
    console.log(
      `${b.name.split(":")[0]}: batch/async wall-clock ${(b.hours / a.hours).toFixed(2)}x, to target ${(b.hoursToTarget / a.hoursToTarget).toFixed(2)}x`,
    );
  }
  console.log(`\n(${cpuSeconds(t0)})`);
}

if (which === "p3" || which === "all") {
  const t0 = process.cpuUsage();
  // Budgets so that no scenario runs out of trials before 8 h (sequential: ~9.4 trials/h;
  // async-16: ~150/h; batch-16: ~40/h on the surrogate's durations).
  const scenarios = [
    scenario("sequential", "tpe", { kind: "sequential" }, 96),
    scenario("batch-16", "tpe", { kind: "batch", size: 16 }, 400),
    scenario("async-16", "tpe", { kind: "async", workers: 16 }, 1000),
  ];
  const { summaries, runs } = await runScenarios(scenarios, seeds);
  console.log(`\nP3. equal wall-clock: median best after t hours, TPE, no overhead, median over ${range}\n`);
  const hours = [0.5, 1, 2, 4, 8];
  const head = ["scenario", "budget", "run h", ...hours.map((h) => `${h} h`)];
  const body = scenarios.map((sc, i) => {
    const curve = medianCurve(sc.name, runs[i]!, "time", 8, 17);
    const at = (h: number): string => {
      const j = curve.x.findIndex((x) => Math.abs(x - h) < 1e-9);
      const y = curve.y[j]!;
      return Number.isFinite(y) ? y.toFixed(4) : "-";
    };
    return [sc.name, String(sc.options(1).nTrials), summaries[i]!.hours.toFixed(2), ...hours.map(at)];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((x, j) => (j === 0 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ");
  console.log([line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n"));
  console.log(`\n(${cpuSeconds(t0)})`);
}

if (which === "p4" || which === "all") {
  const t0 = process.cpuUsage();
  const spec: { k: number; sampler: string }[] = [];
  for (const k of [1, 4, 16, 64]) spec.push({ k, sampler: "random" });
  for (const k of [1, 16, 64]) spec.push({ k, sampler: "tpe" });
  const scenarios = spec.map(({ k, sampler }) =>
    scenario(
      k === 1 ? `${sampler}+sha sequential` : `${sampler}+sha async-${k}`,
      sampler,
      modeOf("async", k),
      256,
      undefined,
      () => new SuccessiveHalvingPruner(),
    ),
  );
  const { summaries, runs } = await runScenarios(scenarios, seeds);
  console.log(
    `\nP4. asynchronous successive halving, 256 trials, no overhead, target ${TARGET}, median over ${range}\n`,
  );
  console.log(renderQueueTable(summaries));
  console.log("");
  console.log(
    speedupTable(spec.map((r, i) => ({ ...r, s: summaries[i]!, bests: runs[i]!.map((x) => x.best) }))),
  );
  console.log(`\n(${cpuSeconds(t0)})`);
}
