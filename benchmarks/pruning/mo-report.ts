/**
 * The multi-objective pruning experiment (issue 14) as a function: runs every seed (the
 * no-pruning run of N trials first, then each pruned run up to the same S evaluations),
 * compares each pruned run with the no-pruning run of its seed (`mo-measure.ts`), and returns
 * the tables as Markdown lines, the per-seed comparisons, and a figure of the median
 * hypervolume against cumulative steps. Used by `mo-pruning.ts` (the command) and
 * `papers/mo-pruning/reproduce.ts`.
 */
import { llmFinetuneLossVsCostCurves } from "@tunelab/test-functions/llm";
import { type LineSeries, linePlot, PALETTE } from "@tunelab/viz/svg";
import {
  compareToBaseline,
  hypervolumeAtSteps,
  hypervolumeCurve,
  type MoComparison,
  type Quartiles,
  quartiles,
} from "./mo-measure.js";
import { MO_PRUNER_METHODS, type MoRunRecord, moPrunerMethod, runMoPruning } from "./mo-run.js";

/** Budget fractions φ of S at which HV ratios are tabulated. */
export const MO_FRACTIONS: readonly number[] = [0.125, 0.25, 0.5, 0.75, 1];
/** Trials a pruned run may start at most, as a multiple of N. */
export const MO_TRIAL_CAP = 10;
/** The share of HV₀ of the target. */
export const MO_TARGET_SHARE = 0.95;

/** Settings of {@link moPruningExperiment}. */
export interface MoExperimentOptions {
  readonly seeds: readonly number[];
  /** N, the trials of the no-pruning run. */
  readonly trials: number;
  /** Pruned methods to compare with "none" (names of `MO_PRUNER_METHODS`). */
  readonly methods: readonly string[];
  /** Called with a line of progress per seed. @defaultValue nothing */
  readonly progress?: (line: string) => void;
}

/** A reference point of the comparison, in (loss, log₁₀ GPU-hours). */
export interface MoReference {
  readonly name: string;
  readonly point: [number, number];
}

/** What {@link moPruningExperiment} returns. */
export interface MoExperiment {
  /** The settings and the tables, as Markdown-ready lines. */
  readonly lines: readonly string[];
  readonly references: readonly MoReference[];
  /** Comparisons by "method|reference name", one per seed. */
  readonly comparisons: Readonly<Record<string, readonly MoComparison[]>>;
  /** Whether the median HV(S/2)/HV₀ is at least 0.95, by "method|reference name". */
  readonly met: Readonly<Record<string, boolean>>;
  /** The median HV/HV₀ (start-loss reference) against cumulative steps / S, as an SVG. */
  readonly figure: string;
  /** Process CPU seconds of all runs. */
  readonly cpuSeconds: number;
}

/**
 * The plot's classes styled inside the svg (the benchmark's HTML report styles them in its
 * page, `src/report/html.ts`), so that the file reads on its own: without it the axes
 * rectangle is filled black.
 */
const SVG_STYLE =
  "<style>.grid{stroke:#eee;stroke-width:1}.axes{fill:none;stroke:#888}.tick{font-size:10px;fill:#555}" +
  ".axis-label{font-size:11px;fill:#333}.plot-title{font-size:12px;font-weight:600}" +
  ".legend{font-size:10px;fill:#222}text{font-family:sans-serif}</style>";

/** An svg string with {@link SVG_STYLE} after its opening tag. */
function standalone(svg: string): string {
  const end = svg.indexOf(">");
  return end < 0 ? svg : `${svg.slice(0, end + 1)}${SVG_STYLE}${svg.slice(end + 1)}`;
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const fq = (q: Quartiles, d = 3): string => `${fmt(q.median, d)} [${fmt(q.q1, d)}, ${fmt(q.q3, d)}]`;

/**
 * Runs the experiment.
 * @throws RangeError for an unknown method, no seeds, or a bad trial count.
 */
export async function moPruningExperiment(options: MoExperimentOptions): Promise<MoExperiment> {
  const where = "moPruningExperiment";
  if (options.seeds.length === 0) throw new RangeError(`${where}: seeds must not be empty`);
  if (!Number.isSafeInteger(options.trials) || options.trials < 1) {
    throw new RangeError(`${where}: trials must be an integer >= 1, got ${options.trials}`);
  }
  const methods = options.methods.filter((m) => m !== "none");
  for (const m of methods) moPrunerMethod(m);
  const progress = options.progress ?? ((): void => {});
  const half = MO_FRACTIONS.indexOf(0.5);

  const fn = llmFinetuneLossVsCostCurves();
  const [refLoss, maxHours] = fn.referencePoint as [number, number];
  const bestLoss = refLoss / 1.25; // L*: the surrogate's reference loss is the start loss 1.25·L*
  const references: MoReference[] = [
    { name: "start-loss", point: [refLoss, Math.log10(maxHours)] },
    { name: "strict", point: [1.1 * bestLoss, Math.log10(maxHours)] },
  ];
  const lines: string[] = [];
  lines.push(
    `function: ${fn.name}; sampler: TpeSampler({ seed }) (the facade's default, MOTPE); concurrency 1`,
  );
  lines.push(
    `seeds ${options.seeds.join(",")}; no pruning: ${options.trials} trials; pruned runs: up to its steps S (at most ${MO_TRIAL_CAP * options.trials} trials)`,
  );
  lines.push("objectives (loss, log10 GPU-hours); reference points:");
  for (const r of references) {
    lines.push(
      `  ${r.name}: (${fmt(r.point[0], 4)}, ${fmt(r.point[1], 4)})  [GPU-hours ${fmt(maxHours, 2)}]`,
    );
  }
  for (const m of MO_PRUNER_METHODS) {
    if (m.name === "none" || methods.includes(m.name)) lines.push(`  ${m.name}: ${m.description}`);
  }

  const comparisons: Record<string, MoComparison[]> = {};
  const runs: { base: MoRunRecord; pruned: MoRunRecord[] }[] = [];
  let cpu = 0;
  for (const seed of options.seeds) {
    const base = await runMoPruning({ method: "none", seed, maxTrials: options.trials });
    cpu += base.cpuMs;
    const s = base.trials.reduce((a, t) => a + t.steps, 0);
    const line: string[] = [`seed ${seed}: none ${base.trials.length} trials ${s} steps`];
    const pruned: MoRunRecord[] = [];
    for (const method of methods) {
      const run = await runMoPruning({
        method,
        seed,
        maxTrials: MO_TRIAL_CAP * options.trials,
        stepBudget: s,
      });
      cpu += run.cpuMs;
      pruned.push(run);
      for (const ref of references) {
        const c = compareToBaseline(run, base, ref.point, MO_FRACTIONS, MO_TARGET_SHARE);
        const key = `${method}|${ref.name}`;
        const list = comparisons[key] ?? [];
        list.push(c);
        comparisons[key] = list;
        if (ref.name === "start-loss") {
          const n = run.trials.filter((t) => t.state === "P").length;
          line.push(
            `${method} ${run.trials.length} trials (${n} pruned) HV(S/2)/HV0 ${fmt(c.hvRatios[half]!)} steps-to-95% ${fmt(c.stepRatio)}`,
          );
        }
      }
    }
    runs.push({ base, pruned });
    progress(line.join("; "));
  }

  const met: Record<string, boolean> = {};
  for (const ref of references) {
    lines.push("");
    lines.push(
      `reference ${ref.name} (${fmt(ref.point[0], 4)}, ${fmt(ref.point[1], 4)}): median [IQR] over ${options.seeds.length} seeds`,
    );
    lines.push("");
    lines.push(
      `| method | ${MO_FRACTIONS.map((f) => `HV(${f}·S)/HV0`).join(" | ")} | steps to 95% HV0 / S | GPU-h to 95% HV0 / GPU-h0 | GPU-h at S/2 / GPU-h0 | best loss at S/2 − best loss0 | epochs of the best-loss trial at S/2 (none's at S) | seeds HV(S/2) ≥ 0.95 |`,
    );
    lines.push(`|---|${MO_FRACTIONS.map(() => "---").join("|")}|---|---|---|---|---|---|`);
    for (const method of methods) {
      const cs = comparisons[`${method}|${ref.name}`] ?? [];
      const cells = MO_FRACTIONS.map((_, k) => fq(quartiles(cs.map((c) => c.hvRatios[k]!))));
      const hits = cs.filter((c) => c.hvRatios[half]! >= MO_TARGET_SHARE).length;
      lines.push(
        `| ${method} | ${cells.join(" | ")} | ${fq(quartiles(cs.map((c) => c.stepRatio)))} | ${fq(quartiles(cs.map((c) => c.gpuHoursRatio)))} | ${fq(quartiles(cs.map((c) => c.gpuHoursAtFractions[half]!)))} | ${fq(quartiles(cs.map((c) => c.bestLossDeltas[half]!)), 4)} | ${fq(quartiles(cs.map((c) => c.bestEpochs[half]!).filter((e) => !Number.isNaN(e))), 1)} (${fq(quartiles(cs.map((c) => c.baselineBestEpochs)), 1)}) | ${hits}/${cs.length} |`,
      );
    }
    lines.push("");
    for (const method of methods) {
      const cs = comparisons[`${method}|${ref.name}`] ?? [];
      const median = quartiles(cs.map((c) => c.hvRatios[half]!)).median;
      met[`${method}|${ref.name}`] = median >= MO_TARGET_SHARE;
      lines.push(
        `target (median HV(S/2)/HV0 >= ${MO_TARGET_SHARE}) ${method}, ${ref.name}: ${median >= MO_TARGET_SHARE ? "met" : "NOT met"} (${fmt(median)})`,
      );
    }
  }
  lines.push("");
  lines.push(`CPU ${fmt(cpu / 1000, 1)} s for ${runs.length * (1 + methods.length)} runs`);

  // The figure: median over seeds of HV(φ·S)/HV₀ on a grid of φ, start-loss reference.
  const ref = references[0]!.point;
  const grid = Array.from({ length: 41 }, (_, i) => i / 40);
  const series: LineSeries[] = [];
  const names = ["none", ...methods];
  // per seed: the baseline's S and HV₀, and each method's curve (in `names` order)
  const perSeed = runs.map(({ base, pruned }) => {
    const b = hypervolumeCurve(base, ref);
    return { last: b[b.length - 1]!, curves: [b, ...pruned.map((r) => hypervolumeCurve(r, ref))] };
  });
  names.forEach((name, k) => {
    const mid: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    for (const phi of grid) {
      const ratios = perSeed.map(
        ({ last, curves }) => hypervolumeAtSteps(curves[k]!, phi * last.steps) / last.hv,
      );
      const q = quartiles(ratios);
      mid.push(q.median);
      lo.push(q.q1);
      hi.push(q.q3);
    }
    series.push({
      label: name,
      color: PALETTE[k % PALETTE.length]!,
      x: grid,
      y: mid,
      lo,
      hi,
      ...(name === "none" ? { dashed: true } : {}),
    });
  });
  const figure = linePlot(series, {
    kind: "hv-vs-steps",
    title: `HV / HV0 against steps / S (N = ${options.trials}, median and IQR of ${options.seeds.length} seeds)`,
    xLabel: "cumulative training steps / S",
    yLabel: "HV / HV0",
    width: 560,
    height: 320,
  });
  return { lines, references, comparisons, met, figure: standalone(figure), cpuSeconds: cpu / 1000 };
}
