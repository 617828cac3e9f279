/**
 * The schedule-truncation effect of the LLM fine-tuning surrogate, in numbers: a learning-rate
 * schedule that decays to the end of the run (linear, cosine) has annealed only part of the way
 * at a step t < T, so a long run's loss at t is worse than the final loss of a run whose
 * schedule ends at t (Tissue et al., arXiv 2408.11029: the loss depends on the area annealed,
 * S2, which is full only at the end of a decay; the surrogate's `scheduleAnnealed`). A pruner
 * that compares trials at the same step compares long runs mid-schedule with short runs at
 * their end: it is biased against long schedules. With a constant schedule the effect is gone
 * (nothing anneals), which the table shows as the control.
 *
 *   npm run ts -- benchmarks/src/report/truncation.ts
 *
 * prints the Markdown table of the pruners README (issue 14).
 */
import { pathToFileURL } from "node:url";
import {
  type LlmFinetuneConfig,
  type LlmSchedule,
  llmFinetune,
  llmNominalLearningRate,
} from "@tunelab/test-functions/llm";
import { markdownTable } from "./format.js";

/** One row: at t epochs, the final loss of a run of t epochs and each long run's loss. */
export interface TruncationRow {
  /** Epochs seen, t. */
  readonly epochs: number;
  /** The final validation loss of the configuration trained for t epochs. */
  readonly shortFinal: number;
  /** Each long run's validation loss after t epochs (NaN where t is past its end). */
  readonly longAt: readonly number[];
}

/** The table of one schedule. */
export interface TruncationTable {
  readonly schedule: LlmSchedule;
  /** The epochs of the long runs, one column each. */
  readonly longEpochs: readonly number[];
  readonly rows: TruncationRow[];
}

/** The configuration the README's table uses: a LoRA run of Qwen2.5-0.5B at its nominal rate. */
export const TRUNCATION_CONFIG: Omit<LlmFinetuneConfig, "learningRate"> = {
  model: "0.5B",
  method: "lora",
  loraRank: 16,
  loraAlpha: 32,
  optimizer: "adamw",
  warmupFraction: 0.03,
  microBatchSize: 16,
  datasetSize: 10_000,
  evalsPerEpoch: 10,
};

/**
 * For each whole number of epochs t in `epochs`, the final loss of the configuration trained
 * for t epochs and the loss after t epochs of runs of `longEpochs` epochs (same learning rate
 * and seed; the surrogate's noise at evaluation k depends on the seed and k only).
 * @throws RangeError if an entry of `epochs` or `longEpochs` is not an integer ≥ 1, or as
 * `llmFinetune` for an invalid configuration.
 */
export function truncationTable(
  config: LlmFinetuneConfig,
  longEpochs: readonly number[],
  epochs: readonly number[],
  seed = 1,
): TruncationTable {
  const check = (name: string, t: number): number => {
    if (!Number.isSafeInteger(t) || t < 1)
      throw new RangeError(`truncationTable: ${name} must hold integers >= 1, got ${t}`);
    return t;
  };
  const perEpoch = config.evalsPerEpoch ?? 10;
  const longs = longEpochs.map((e) => llmFinetune({ ...config, epochs: check("longEpochs", e) }, seed));
  const rows = epochs.map((t) => {
    check("epochs", t);
    const shortFinal = llmFinetune({ ...config, epochs: t }, seed).finalLoss;
    const longAt = longs.map((run) => run.curve[t * perEpoch - 1] ?? Number.NaN);
    return { epochs: t, shortFinal, longAt };
  });
  return { schedule: config.schedule ?? "linear", longEpochs: [...longEpochs], rows };
}

/** The README's tables: cosine and linear with runs of 3 and 5 epochs, constant (the control) with 5. */
export function readmeTruncationTables(): TruncationTable[] {
  const lr = llmNominalLearningRate(TRUNCATION_CONFIG);
  const at = (schedule: LlmSchedule, longs: readonly number[]): TruncationTable =>
    truncationTable({ ...TRUNCATION_CONFIG, learningRate: lr, schedule }, longs, [1, 2, 3, 4, 5]);
  return [at("cosine", [3, 5]), at("linear", [3, 5]), at("constant", [5])];
}

/** Markdown: one table per schedule; a long run's column gives its loss and its excess over the t-epoch run's final loss. */
export function renderTruncation(tables: readonly TruncationTable[]): string {
  const out: string[] = [];
  for (const t of tables) {
    const header = ["t (epochs)", "t-epoch run, final", ...t.longEpochs.map((e) => `${e}-epoch run at t`)];
    const rows = t.rows.map((r) => [
      String(r.epochs),
      r.shortFinal.toFixed(4),
      ...r.longAt.map((x) =>
        Number.isNaN(x)
          ? "-"
          : `${x.toFixed(4)} (${x >= r.shortFinal ? "+" : ""}${(100 * (x / r.shortFinal - 1)).toFixed(2)}%)`,
      ),
    ]);
    out.push(
      `${t.schedule}:`,
      "",
      markdownTable(
        header,
        rows,
        header.map((_, i) => i > 0),
      ),
      "",
    );
  }
  return out.join("\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lr = llmNominalLearningRate(TRUNCATION_CONFIG);
  console.log(
    `Qwen2.5-0.5B, LoRA r 16 α 32, AdamW, warmup 3%, batch 16, 10,000 examples, η = ${lr.toPrecision(3)} (nominal), seed 1\n`,
  );
  console.log(renderTruncation(readmeTruncationTables()));
}
