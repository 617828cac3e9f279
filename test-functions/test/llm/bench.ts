/**
 * Speed of the LLM fine-tuning surrogate: full curves per second. Not a test (no assertion
 * on time); run with
 *   npm run ts -- test-functions/test/llm/bench.ts
 * Baseline in the same run: drawing the same number of seeded normals from a fresh
 * Rng.fromSeed per curve, the irreducible cost of seeded noise, so the ratio is comparable
 * across machines.
 */
import { Rng } from "@tunelab/math/random";
import type { LlmFinetuneConfig } from "../../src/llm/config.js";
import { llmFinetune, llmOptimalLearningRate } from "../../src/llm/finetune.js";

const N = 50_000;
const ROUNDS = 5;
const methods = ["full", "lora", "qlora"] as const;
const schedules = ["constant", "linear", "cosine"] as const;
const models = ["0.5B", "1.5B", "7B"] as const;

// Varied configurations, built before timing: every method, schedule and model, LRs over
// three decades (some diverge), 1-3 epochs of 10 evaluations (10-30 points per curve).
const rng = Rng.fromSeed(2024);
const configs: LlmFinetuneConfig[] = Array.from({ length: N }, (_, i) => ({
  model: models[i % 3]!,
  method: methods[(i >> 2) % 3]!,
  schedule: schedules[(i >> 4) % 3],
  learningRate: 10 ** (-5.5 + 3 * rng.random()),
  warmupFraction: 0.1 * rng.random(),
  microBatchSize: 1 + rng.int(0, 31),
  gradientAccumulation: 1 + rng.int(0, 3),
  epochs: 1 + rng.int(0, 2),
  loraRank: 2 ** rng.int(0, 8),
  datasetSize: 10_000,
}));
let points = 0;
for (const c of configs) points += 10 * (c.epochs ?? 1);

function timeSurrogate(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sink += llmFinetune(configs[i]!, i).curve.length;
  const dt = performance.now() - t0;
  if (sink === 0) throw new Error("unreachable");
  return dt;
}

function timeBaseline(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = Rng.fromSeed(i).fork(4);
    const n = 10 * (configs[i]!.epochs ?? 1);
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = r.normal();
    sink += out[0]!;
  }
  const dt = performance.now() - t0;
  if (Number.isNaN(sink)) throw new Error("unreachable");
  return dt;
}

timeSurrogate(); // warm-up (JIT)
timeBaseline();
const s: number[] = [];
const b: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  s.push(timeSurrogate());
  b.push(timeBaseline());
}
const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const ms = med(s);
const mb = med(b);
console.log(
  `curves: ${N} per round, ${(points / N).toFixed(1)} evaluations per curve on average, ${ROUNDS} rounds (median)`,
);
console.log(
  `surrogate: ${((N / ms) * 1000).toFixed(0)} curves/s (${((ms / N) * 1000).toFixed(2)} µs per curve)`,
);
console.log(`baseline (Rng.fromSeed + the same number of normals): ${((N / mb) * 1000).toFixed(0)} per s`);
console.log(`ratio surrogate/baseline time: ${(ms / mb).toFixed(2)}`);

// llmOptimalLearningRate: a numerical minimization (about 140 evaluations of the loss model),
// timed on the first 2,000 configurations without their learning rate.
const M = 2000;
const timeOptimum = (): number => {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < M; i++) sink += llmOptimalLearningRate({ ...configs[i]!, learningRate: undefined });
  const dt = performance.now() - t0;
  if (!(sink > 0)) throw new Error("unreachable");
  return dt;
};
timeOptimum(); // warm-up
const o = med(Array.from({ length: ROUNDS }, timeOptimum));
console.log(
  `llmOptimalLearningRate: ${((o / M) * 1000).toFixed(1)} µs per call (${M} configurations, median of ${ROUNDS} rounds)`,
);
