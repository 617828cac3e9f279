/**
 * Prints the calibration figures quoted in test-functions/LLM-SURROGATE.md. Not a test; run
 *   npm run ts -- test-functions/test/llm/report.ts
 */
import { resolveLlmFinetuneConfig } from "../../src/llm/config.js";
import { llmMemoryBreakdown, llmThroughput } from "../../src/llm/cost.js";
import { llmFinetune, llmLossConstants, llmOptimalLearningRate } from "../../src/llm/finetune.js";
import { lossAt, MODELS, median, referenceConfig, sweepConfig } from "./helpers.js";

const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

console.log("## Derived constants");
console.log("| model | K | L_floor | E0 | LoRA capacity per rank | theta |");
console.log("|---|---|---|---|---|---|");
for (const m of MODELS) {
  const c = llmLossConstants(m);
  console.log(
    `| ${m} | ${c.k.toFixed(4)} | ${c.floor.toFixed(4)} | ${c.startExcess.toFixed(4)} | ${c.capacityPerRank.toFixed(0)} | ${c.rankSlowdown.toFixed(3)} |`,
  );
}

console.log(
  "\n## The calibration sweep replayed (LoRA r=128, batch 128, 780 steps; median of 9 seeds, NaN = diverged in >= 5)",
);
const grid = [4e-5, 1e-4, 3e-4, 1e-3, 3e-3];
console.log(`| model | ${grid.map((g) => `lr ${g.toExponential(0)}`).join(" | ")} | optimum |`);
console.log(`|---|${grid.map(() => "---").join("|")}|---|`);
for (const m of MODELS) {
  const cells = grid.map((lr) => {
    const v = seeds.map((s) => llmFinetune({ ...sweepConfig(m), learningRate: lr }, s).finalLoss);
    const nan = v.filter(Number.isNaN).length;
    return nan >= 5
      ? `diverged (${nan}/9)`
      : `${median(v.filter(Number.isFinite)).toFixed(4)}${nan ? ` (${nan}/9 NaN)` : ""}`;
  });
  console.log(`| ${m} | ${cells.join(" | ")} | ${llmOptimalLearningRate(sweepConfig(m)).toExponential(2)} |`);
}

console.log("\n## Rank at each rank's optimal LR (same sweep); step-20 gap vs rank 128");
console.log("| model | r=4 | 16 | 64 | 128 | gap 4 vs 128 | step-20 gap r=4 |");
console.log("|---|---|---|---|---|---|---|");
for (const m of MODELS) {
  const runs = [4, 16, 64, 128].map((r) => {
    const c = sweepConfig(m, { loraRank: r });
    return llmFinetune({ ...c, learningRate: llmOptimalLearningRate(c) }, 1);
  });
  console.log(
    `| ${m} | ${runs.map((r) => r.finalLoss.toFixed(4)).join(" | ")} | ${pct(runs[0]!.finalLoss / runs[3]!.finalLoss - 1)} | ${pct(runs[0]!.curve[0]! / runs[3]!.curve[0]! - 1)} |`,
  );
}

console.log("\n## Learning-rate U (reference run: full FT, 100k examples, B=32, linear; median of 9 seeds)");
console.log(
  "| model | eta* | L(eta*) | 1.4 decades below | 1 decade below | 2x | half a decade above | cosine, half above | constant, half above |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const m of MODELS) {
  const at = (mult: number, extra = {}): number =>
    median(seeds.map((s) => lossAt(referenceConfig(m, extra), mult, s)));
  const best = at(1);
  const rel = (v: number, b = best): string => `+${pct(v / b - 1)}`;
  console.log(
    `| ${m} | ${llmOptimalLearningRate(referenceConfig(m)).toExponential(2)} | ${best.toFixed(4)} | ${rel(at(10 ** -1.4))} | ${rel(at(0.1))} | ${rel(at(2))} | ${rel(at(10 ** 0.5))} | ${rel(at(10 ** 0.5, { schedule: "cosine" }), at(1, { schedule: "cosine" }))} | ${rel(at(10 ** 0.5, { schedule: "constant" }), at(1, { schedule: "constant" }))} |`,
  );
}

console.log("\n## Divergence rate over 200 seeds (reference run, no warmup)");
const rate = (m: (typeof MODELS)[number], mult: number, w = 0): string =>
  pct(
    Array.from({ length: 200 }, (_, s) => lossAt(referenceConfig(m, { warmupFraction: w }), mult, s)).filter(
      Number.isNaN,
    ).length / 200,
  );
console.log(`| multiple of eta* | 3 | 4 | 5 | 6 | 8 | 10 | 8, warmup 0.1 |`);
console.log(`|---|---|---|---|---|---|---|---|`);
console.log(
  `| 1.5B | ${[3, 4, 5, 6, 8, 10].map((x) => rate("1.5B", x)).join(" | ")} | ${rate("1.5B", 8, 0.1)} |`,
);

console.log("\n## Cost examples (bf16, flash attention, H100 unless noted)");
console.log("| configuration | peak memory GB | tokens/s | GPU-hours (10k examples, 1 epoch) |");
console.log("|---|---|---|---|");
const rows: [string, object][] = [
  ["7B full, AdamW, b=1, s=2048", { model: "7B", method: "full", microBatchSize: 1, sequenceLength: 2048 }],
  ["7B LoRA r=16, b=4, s=2048", { model: "7B", method: "lora", microBatchSize: 4, sequenceLength: 2048 }],
  ["7B QLoRA r=16, b=1, s=2048", { model: "7B", method: "qlora", microBatchSize: 1, sequenceLength: 2048 }],
  [
    "7B QLoRA r=64, b=1, s=2048, checkpointing",
    {
      model: "7B",
      method: "qlora",
      loraRank: 64,
      microBatchSize: 1,
      sequenceLength: 2048,
      gradientCheckpointing: true,
    },
  ],
  ["1.5B full, AdamW, b=8, s=1024", { model: "1.5B", method: "full", microBatchSize: 8 }],
  [
    "1.5B full, 8-bit AdamW, b=8, s=1024",
    { model: "1.5B", method: "full", optimizer: "adamw-8bit", microBatchSize: 8 },
  ],
  ["1.5B LoRA r=16, b=8, s=1024, A100", { model: "1.5B", method: "lora", microBatchSize: 8, gpu: "A100" }],
  [
    "0.5B full, b=16, s=1024, no flash attention",
    { model: "0.5B", method: "full", microBatchSize: 16, flashAttention: false },
  ],
];
for (const [name, c] of rows) {
  const cfg = resolveLlmFinetuneConfig({ learningRate: 1e-4, ...c } as never);
  const t = llmThroughput(cfg);
  console.log(
    `| ${name} | ${llmMemoryBreakdown(cfg).total.toFixed(1)} | ${t.tokensPerSecond.toFixed(0)} | ${t.gpuHours.toFixed(3)} |`,
  );
}
