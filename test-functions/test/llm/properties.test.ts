/**
 * The 14 properties of the specification (listed in LLM-SURROGATE.md, "The 14 properties"), one
 * test (or group) each, named "property N: ...", each in several configurations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LlmFinetuneConfig, resolveLlmFinetuneConfig } from "../../src/llm/config.js";
import { llmMemoryBreakdown, llmThroughput } from "../../src/llm/cost.js";
import {
  llmFinetune,
  llmNoiseFreeLoss,
  llmNominalLearningRate,
  llmOptimalLearningRate,
} from "../../src/llm/finetune.js";
import { llmInference } from "../../src/llm/inference.js";
import { llmRlFinetune } from "../../src/llm/rl.js";
import {
  LR_METHODS,
  LR_SETTINGS,
  lossAt,
  lossAtNominal,
  MODELS,
  meanAndSd,
  median,
  referenceConfig,
  rSquared,
  sweepArgmin,
  sweepConfig,
} from "./helpers.js";

const SEEDS_201 = Array.from({ length: 201 }, (_, s) => s);
type Config = Omit<LlmFinetuneConfig, "learningRate">;

/**
 * The configurations the learning-rate properties are checked in: 3 models × full, LoRA r=16
 * and r=128 × 5 data set sizes, batches and epoch counts (helpers.ts), 45 in all.
 */
const LR_GRID: readonly { label: string; cfg: Config }[] = MODELS.flatMap((model) =>
  LR_METHODS.flatMap((m) =>
    LR_SETTINGS.map((s) => ({
      label: `${model}, ${m.name}, ${s.name}`,
      cfg: { model, ...m.extra, ...s.extra },
    })),
  ),
);

describe("property 1: the LoRA loss-minimizing LR is ~10× (5-20×) the full fine-tuning one", () => {
  it.each(MODELS)(
    "%s: argmin of a seeded learning-rate sweep, LoRA rank 16 vs full, same data and batch",
    (model) => {
      const full = sweepArgmin(sweepConfig(model, { method: "full" }));
      const lora = sweepArgmin(sweepConfig(model, { loraRank: 16 }));
      const ratio = lora.lr / full.lr;
      expect(ratio).toBeGreaterThanOrEqual(5);
      expect(ratio).toBeLessThanOrEqual(20);
      expect(Math.abs(Math.log10(ratio / 10))).toBeLessThan(0.05); // 10× at rank 16
    },
  );

  it.each(LR_SETTINGS.map((s) => [s.name, s.extra] as const))(
    "%s: llmOptimalLearningRate of LoRA r=16 is 5-20× that of full fine-tuning, for every model where neither overfits",
    (_, extra) => {
      for (const model of MODELS) {
        const full = { model, method: "full" as const, ...extra };
        const lora = { model, method: "lora" as const, loraRank: 16, ...extra };
        const ratio = llmOptimalLearningRate(lora) / llmOptimalLearningRate(full);
        // 10× at batch 128; up to 18.3× at batch 8 (the noise batches 256 and 64 move the
        // batch factors apart); see learning-rate.ts
        const nominalRatio = llmNominalLearningRate(lora) / llmNominalLearningRate(full);
        if (llmOptimalLearningRate(full) === llmNominalLearningRate(full)) {
          expect(ratio).toBeCloseTo(nominalRatio, 12);
          expect(ratio).toBeGreaterThanOrEqual(5);
          expect(ratio).toBeLessThanOrEqual(20);
        } else {
          // full fine-tuning overfits over 2 epochs (7B only) and its optimum falls: the
          // ratio grows (27× at 20k examples, 15.9× at 50k; LLM-SURROGATE.md, known gaps)
          expect(model).toBe("7B");
          expect(ratio).toBeGreaterThan(nominalRatio);
        }
      }
    },
  );

  it("keeps the ratio within 5-20× at every rank from 1 to 256 (the (r/16)^0.1 drift)", () => {
    const full = sweepArgmin(sweepConfig("1.5B", { method: "full" })).lr;
    for (const r of [1, 4, 64, 256]) {
      const ratio = sweepArgmin(sweepConfig("1.5B", { loraRank: r })).lr / full;
      expect(ratio).toBeGreaterThanOrEqual(5);
      expect(ratio).toBeLessThanOrEqual(20);
    }
  });
});

describe("property 2: asymmetric U in log LR around the loss-minimizing LR; NaN beyond 3-10× the optimum", () => {
  // Issue 9, defect 10: half a decade above cost +1.9-3.7% at the default settings (0.5B, 1.5B)
  // and +2.8-3.4% for LoRA at the reference setting, against the published +0.2-1.6%.
  it.each(LR_GRID)(
    "$label: +2.5-10% at 1.4 decades below, +0.2-1.6% at half a decade above (median of 201 seeds)",
    ({ cfg }) => {
      const eta = llmOptimalLearningRate(cfg);
      const at = (m: number): number =>
        median(SEEDS_201.map((s) => llmFinetune({ ...cfg, learningRate: m * eta }, s).finalLoss));
      const best = at(1);
      const below = at(10 ** -1.4) / best - 1;
      const above = at(10 ** 0.5) / best - 1;
      expect(below).toBeGreaterThanOrEqual(0.025);
      expect(below).toBeLessThanOrEqual(0.1);
      expect(above).toBeGreaterThanOrEqual(0.002);
      expect(above).toBeLessThanOrEqual(0.016);
      expect(below).toBeGreaterThan(2 * above); // asymmetric
    },
  );

  // The noise-free loss (llmNoiseFreeLoss) on a 0.01-decade grid: falls up to the optimum,
  // rises after it, in the grid and where overfitting moves the optimum below the nominal rate.
  const overfitting: { label: string; cfg: Config }[] = [
    {
      label: "7B full, 2,000 examples, 3 epochs",
      cfg: { model: "7B", method: "full", datasetSize: 2000, epochs: 3 },
    },
    { label: "1.5B full, 10,000 examples, 3 epochs", cfg: { model: "1.5B", method: "full", epochs: 3 } },
    {
      label: "0.5B LoRA r=16, 1,000 examples, 6 epochs",
      cfg: { model: "0.5B", method: "lora", datasetSize: 1000, epochs: 6 },
    },
  ];
  it.each([...LR_GRID, ...overfitting])(
    "$label: a U with its minimum at llmOptimalLearningRate (noise-free, 0.01-decade grid)",
    ({ cfg }) => {
      const eta = llmOptimalLearningRate(cfg);
      const loss = (e: number): number => llmNoiseFreeLoss({ ...cfg, learningRate: eta * 10 ** e });
      let prev = loss(-2);
      for (let i = -199; i <= 100; i++) {
        const v = loss(i / 100);
        if (i <= 0) expect(v).toBeLessThanOrEqual(prev + 1e-12);
        else expect(v).toBeGreaterThan(prev);
        prev = v;
      }
    },
  );

  it.each(LR_GRID)(
    "$label: no seed diverges at 3× the optimum, the median divergence is 3-10× the optimum, every seed at 10× the nominal rate",
    ({ cfg }) => {
      const eta = llmOptimalLearningRate(cfg);
      const nominal = llmNominalLearningRate(cfg);
      const diverges = (lr: number, seed: number): boolean =>
        Number.isNaN(llmFinetune({ ...cfg, learningRate: lr }, seed).finalLoss);
      const seeds = Array.from({ length: 100 }, (_, s) => s);
      expect(seeds.filter((s) => diverges(3 * eta, s))).toEqual([]);
      expect(seeds.filter((s) => !diverges(10 * nominal, s))).toEqual([]);
      // the median threshold is 5.5× the nominal rate (no warmup)
      const atMedian = (m: number): number => seeds.filter((s) => diverges(m * eta, s)).length;
      expect(atMedian(3)).toBe(0);
      expect(atMedian(10)).toBeGreaterThan(50);
      expect(5.5 * (nominal / eta)).toBeLessThanOrEqual(10);
    },
  );

  it("keeps divergence at the same LR when overfitting moves the optimum down (so at 10-60× that optimum)", () => {
    for (const { cfg } of overfitting.slice(0, 2)) {
      const nominal = llmNominalLearningRate(cfg);
      const eta = llmOptimalLearningRate(cfg);
      expect(eta / nominal).toBeLessThan(0.5);
      for (let seed = 0; seed < 100; seed++) {
        expect(Number.isNaN(lossAtNominal(cfg, 10, seed))).toBe(true);
        expect(Number.isFinite(lossAtNominal(cfg, 3, seed))).toBe(true);
      }
    }
  });

  it("diverges for some seeds and not others in between, more often at higher LR", () => {
    const cfg = referenceConfig("0.5B");
    const rate = (m: number): number =>
      Array.from({ length: 200 }, (_, s) => lossAtNominal(cfg, m, s)).filter(Number.isNaN).length / 200;
    const r5 = rate(5);
    const r7 = rate(7);
    expect(r5).toBeGreaterThan(0.1);
    expect(r5).toBeLessThan(0.9);
    expect(r7).toBeGreaterThan(r5);
  });

  it("lets warmup survive a higher LR (threshold × (1 + 2·warmup))", () => {
    const cfg = referenceConfig("1.5B");
    const noWarmup = Array.from({ length: 100 }, (_, s) => lossAtNominal(cfg, 7, s));
    const warm = Array.from({ length: 100 }, (_, s) => lossAtNominal({ ...cfg, warmupFraction: 0.25 }, 7, s));
    // P(D < 7) = 88% without warmup; P(1.5·D < 7) = 21% with it
    expect(noWarmup.filter(Number.isNaN).length).toBeGreaterThan(75);
    expect(warm.filter(Number.isNaN).length).toBeLessThan(35);
  });

  it("shows transient spikes of +5-10% that recover between 2× the nominal rate and divergence", () => {
    const cfg = referenceConfig("1.5B", { method: "lora", loraRank: 16, evalsPerEpoch: 200 });
    let spikes = 0;
    let recovered = 0;
    for (let seed = 0; seed < 20; seed++) {
      const c = llmFinetune({ ...cfg, learningRate: 3.3 * llmNominalLearningRate(cfg) }, seed).curve;
      const starts: number[] = [];
      for (let i = 1; i < c.length; i++) if (c[i]! > c[i - 1]! * 1.04) starts.push(i);
      for (const [k, i] of starts.entries()) {
        // a spike is judged before the next one starts (or 20 evaluations, 10% of the run)
        const end = Math.min(starts[k + 1] ?? c.length, i + 21, c.length);
        if (end - i < 6) continue;
        spikes++;
        if (Math.min(...c.subarray(i + 1, end)) < c[i]! * 0.97) recovered++; // time constant 2% of the run
      }
    }
    expect(spikes).toBeGreaterThan(5);
    expect(recovered).toBe(spikes);
    const calm = llmFinetune({ ...cfg, learningRate: 1.5 * llmNominalLearningRate(cfg) }, 0).curve;
    for (let i = 1; i < calm.length; i++) expect(calm[i]).toBeLessThan(calm[i - 1]! * 1.01);
  });
});

describe("property 3: the best loss over an LR sweep rises with batch size, more for LoRA, not fixed by rank", () => {
  const bestAt = (extra: Partial<LlmFinetuneConfig>, batch: number): number => {
    const cfg = {
      model: "1.5B" as const,
      method: "full" as const,
      datasetSize: 20_000,
      microBatchSize: batch,
      ...extra,
    };
    return sweepArgmin(cfg, 1, -5.5, -2).loss;
  };
  it("rises with batch at fixed epochs for full fine-tuning and LoRA of rank 16 and 256", () => {
    const batches = [8, 32, 128, 512];
    const rise: Record<string, number> = {};
    for (const [name, extra] of [
      ["full", {}],
      ["lora16", { method: "lora" as const, loraRank: 16 }],
      ["lora256", { method: "lora" as const, loraRank: 256 }],
    ] as const) {
      const losses = batches.map((b) => bestAt(extra, b));
      for (let i = 2; i < losses.length; i++) expect(losses[i]).toBeGreaterThan(losses[i - 1]!);
      expect(losses[3]).toBeGreaterThan(losses[0]!);
      rise[name] = losses[3]! / losses[0]! - 1;
    }
    expect(rise.lora16).toBeGreaterThan(1.5 * rise.full!);
    expect(rise.lora256).toBeGreaterThan(1.5 * rise.full!); // rank does not fix it
    expect(rise.lora256).toBeGreaterThan(0.8 * rise.lora16!);
  });

  // The exact best over LR (llmNoiseFreeLoss at llmOptimalLearningRate) in more configurations.
  // LoRA of rank 256 never reaches its capacity here; rank 16 does for 0.5B beyond ~20k
  // examples, and then rises less than full fine-tuning (it gains little from progress at any
  // batch): LLM-SURROGATE.md, property 3.
  const settings: [string, Partial<LlmFinetuneConfig>][] = [
    ["20k examples, 1 epoch", { datasetSize: 20_000 }],
    ["20k examples, 2 epochs", { datasetSize: 20_000, epochs: 2 }],
    ["5k examples, 3 epochs", { datasetSize: 5000, epochs: 3 }],
    ["100k examples, 1 epoch", { datasetSize: 100_000 }],
  ];
  it.each(settings)(
    "%s: rises with batch 8-512 for every model; LoRA r=256 rises > 1.5× more than full",
    (_, extra) => {
      const best = (cfg: Config): number =>
        llmNoiseFreeLoss({ ...cfg, learningRate: llmOptimalLearningRate(cfg) });
      for (const model of MODELS) {
        const rise: Record<string, number> = {};
        for (const [name, m] of [
          ["full", { method: "full" as const }],
          ["lora16", { method: "lora" as const, loraRank: 16 }],
          ["lora256", { method: "lora" as const, loraRank: 256 }],
        ] as const) {
          const losses = [8, 32, 128, 512].map((b) => best({ model, ...m, ...extra, microBatchSize: b }));
          for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeGreaterThan(losses[i - 1]!);
          rise[name] = losses[3]! / losses[0]! - 1;
        }
        expect(rise.lora256).toBeGreaterThan(1.5 * rise.full!);
        expect(rise.lora256).toBeGreaterThanOrEqual(rise.lora16!); // a higher rank does not fix it
      }
    },
  );
});

describe("property 4: the same effective batch through accumulation gives the same loss", () => {
  it("gives identical curves for 32×1, 8×4 and 1×32, while memory follows the micro-batch", () => {
    const cfg = {
      model: "7B" as const,
      method: "lora" as const,
      learningRate: 4e-4,
      loraRank: 32,
      datasetSize: 8000,
    };
    const a = llmFinetune({ ...cfg, microBatchSize: 32, gradientAccumulation: 1 }, 5);
    const b = llmFinetune({ ...cfg, microBatchSize: 8, gradientAccumulation: 4 }, 5);
    const c = llmFinetune({ ...cfg, microBatchSize: 1, gradientAccumulation: 32 }, 5);
    expect(Array.from(b.curve)).toEqual(Array.from(a.curve));
    expect(Array.from(c.curve)).toEqual(Array.from(a.curve));
    expect(a.peakMemoryGB).toBeGreaterThan(b.peakMemoryGB);
    expect(b.peakMemoryGB).toBeGreaterThan(c.peakMemoryGB);
  });

  it("has the same expected loss over seeds (fast-check over batch splits)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8, 16, 32, 64),
        fc.integer({ min: 0, max: 1000 }),
        (micro, seed) => {
          const cfg = {
            model: "0.5B" as const,
            method: "full" as const,
            learningRate: 5e-5,
            datasetSize: 6400,
          };
          const a = llmFinetune(
            { ...cfg, microBatchSize: micro, gradientAccumulation: 64 / micro },
            seed,
          ).finalLoss;
          const b = llmFinetune({ ...cfg, microBatchSize: 64, gradientAccumulation: 1 }, seed).finalLoss;
          return a === b;
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("property 5: near-linear in log(step) over steps 20-1000 at constant LR ≤ optimum", () => {
  // Full fine-tuning, and LoRA of a rank whose capacity is not reached by step 1000: a
  // low-rank adapter bends (flattens) once past its capacity, as in LoRA Without Regret.
  it.each(MODELS)(
    "%s: R² > 0.95 of loss against ln(step) for LR = 0.1, 0.3, 1 × η*, full and LoRA-256",
    (model) => {
      for (const method of ["full", "lora"] as const) {
        for (const mult of [0.1, 0.3, 1]) {
          const cfg = {
            model,
            method,
            loraRank: 256,
            schedule: "constant" as const,
            microBatchSize: 32,
            datasetSize: 32_000,
            evalsPerEpoch: 1000, // every step
          };
          const r = llmFinetune({ ...cfg, learningRate: mult * llmOptimalLearningRate(cfg) }, 3);
          const x: number[] = [];
          const y: number[] = [];
          r.steps.forEach((s, i) => {
            if (s >= 20 && s <= 1000) {
              x.push(Math.log(s));
              y.push(r.curve[i]!);
            }
          });
          expect(x.length).toBe(981);
          expect(rSquared(x, y)).toBeGreaterThan(0.95);
        }
      }
    },
  );
});

describe("property 6: loss non-increasing and convex in log rank; rank gaps < 0.5% at step 20", () => {
  // Convex from rank 2 on; between ranks 1 and 4 the start-loss cap (the loss never exceeds
  // the untrained model's) bends it slightly concave for the 0.5B model.
  it.each(MODELS)("%s: at each rank's optimal LR on the calibration sweep", (model) => {
    const ranks = [1, 2, 4, 8, 16, 32, 64, 128, 256];
    const runs = ranks.map((r) => {
      const cfg = sweepConfig(model, { loraRank: r });
      return llmFinetune({ ...cfg, learningRate: llmOptimalLearningRate(cfg) }, 2);
    });
    const final = runs.map((r) => r.finalLoss);
    for (let i = 1; i < final.length; i++) expect(final[i]).toBeLessThanOrEqual(final[i - 1]!);
    // ranks are equally spaced in log r: convex ⇔ second differences ≥ 0
    for (let i = 2; i + 1 < final.length; i++) {
      expect(final[i - 1]! - 2 * final[i]! + final[i + 1]!).toBeGreaterThanOrEqual(-1e-12);
    }
    expect(final[0]).toBeGreaterThan(final[8]!); // not flat
    // step 20 is the first evaluation of the 780-step sweep
    expect(runs[0]!.steps[0]).toBe(20);
    const at20 = runs.map((r) => r.curve[0]);
    for (const i of [2, 4, 6]) expect(Math.abs(at20[i]! / at20[7]! - 1)).toBeLessThan(0.005); // ranks 4, 16, 64 vs 128
  });
});

describe("property 7: standard LoRA loss is invariant along η·α = const", () => {
  it("gives the same curve for (η, α) = (4e-4, 32), (8e-4, 16), (1.6e-3, 8), (1e-4, 128)", () => {
    const cfg = { model: "1.5B" as const, method: "lora" as const, loraRank: 16, datasetSize: 8000 };
    const ref = llmFinetune({ ...cfg, learningRate: 4e-4, loraAlpha: 32 }, 9).curve;
    for (const [eta, alpha] of [
      [8e-4, 16],
      [1.6e-3, 8],
      [1e-4, 128],
    ] as const) {
      const c = llmFinetune({ ...cfg, learningRate: eta, loraAlpha: alpha }, 9).curve;
      for (const [i, v] of c.entries()) expect(v / ref[i]!).toBeCloseTo(1, 12);
    }
    // ...but not along η = const
    expect(llmFinetune({ ...cfg, learningRate: 4e-4, loraAlpha: 4 }, 9).finalLoss).toBeGreaterThan(
      ref[ref.length - 1]! * 1.01,
    );
  });

  it("holds for random (η, α, rank, seed) (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: -3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 0, max: 1e6 }),
        (logEta, logScale, rank, seed) => {
          const cfg = { model: "0.5B" as const, method: "lora" as const, loraRank: rank, datasetSize: 3000 };
          const eta = 10 ** logEta;
          const k = 2 ** logScale;
          const a = llmFinetune({ ...cfg, learningRate: eta, loraAlpha: 32 }, seed).finalLoss;
          const b = llmFinetune({ ...cfg, learningRate: eta / k, loraAlpha: 32 * k }, seed).finalLoss;
          return (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a / b - 1) < 1e-9;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("property 8: seed noise ≤ 0.1% below the optimum, ≥ 1% near divergence", () => {
  const configs = MODELS.flatMap((model) => [
    { label: `${model}, full, reference run`, cfg: referenceConfig(model) },
    { label: `${model}, LoRA r=16, defaults`, cfg: { model, method: "lora" as const } },
    {
      label: `${model}, LoRA r=128, 50k examples, B=64, 2 epochs`,
      cfg: {
        model,
        method: "lora" as const,
        loraRank: 128,
        datasetSize: 50_000,
        microBatchSize: 64,
        epochs: 2,
      },
    },
    {
      label: `${model}, full, 2k examples, 3 epochs`,
      cfg: { model, method: "full" as const, datasetSize: 2000, epochs: 3 },
    },
  ]);
  it.each(configs)("$label: relative sd of the final loss over 200 seeds", ({ cfg }) => {
    const seeds = Array.from({ length: 200 }, (_, s) => s);
    const low = meanAndSd(seeds.map((s) => lossAt(cfg, 0.5, s)));
    expect(low.sd / low.mean).toBeLessThanOrEqual(0.001);
    // near divergence: 5× the nominal rate, 0.9 of the median threshold, so most runs survive
    const near = seeds.map((s) => lossAtNominal(cfg, 5, s)).filter(Number.isFinite);
    expect(near.length).toBeGreaterThan(50);
    const high = meanAndSd(near);
    expect(high.sd / high.mean).toBeGreaterThanOrEqual(0.01);
  });
});

describe("property 9: precision", () => {
  it.each(MODELS)("%s: bf16 vs fp32 within 0.5%%; NF4 QLoRA at most +1.5%% over bf16 LoRA", (model) => {
    const full = referenceConfig(model);
    const eta = llmOptimalLearningRate(full);
    const bf16 = llmFinetune({ ...full, learningRate: eta }, 4).finalLoss;
    const fp32 = llmFinetune({ ...full, learningRate: eta, precision: "fp32" }, 4).finalLoss;
    expect(Math.abs(bf16 / fp32 - 1)).toBeLessThan(0.005);
    const lora = { ...full, method: "lora" as const, loraRank: 64 };
    const etaL = llmOptimalLearningRate(lora);
    const bfL = llmFinetune({ ...lora, learningRate: etaL }, 4).finalLoss;
    const nf4 = llmFinetune({ ...lora, method: "qlora", learningRate: etaL }, 4).finalLoss;
    expect(nf4 / bfL - 1).toBeGreaterThanOrEqual(0);
    expect(nf4 / bfL - 1).toBeLessThanOrEqual(0.015);
  });

  it("only fp16 gives NaN below the divergence LR (≤ 3× η*), more often at high LR and long sequences", () => {
    const nanRate = (cfg: Omit<LlmFinetuneConfig, "learningRate">, m: number): number =>
      Array.from({ length: 200 }, (_, s) => lossAt(cfg, m, s)).filter(Number.isNaN).length / 200;
    const full = referenceConfig("1.5B", { sequenceLength: 4096 });
    const qlora = { ...full, method: "qlora" as const };
    for (const m of [0.3, 1, 3]) {
      expect(nanRate(full, m)).toBe(0);
      expect(nanRate({ ...full, precision: "fp32" }, m)).toBe(0);
      expect(nanRate(qlora, m)).toBe(0);
      expect(nanRate({ ...qlora, precision: "int8" }, m)).toBe(0);
    }
    const fp16 = { ...full, precision: "fp16" as const };
    expect(nanRate(fp16, 3)).toBeGreaterThan(nanRate(fp16, 1));
    expect(nanRate(fp16, 3)).toBeGreaterThan(nanRate({ ...fp16, sequenceLength: 512 }, 3));
    expect(nanRate(fp16, 1)).toBeGreaterThan(0);
  });
});

describe("property 10: peak memory", () => {
  const mem = (c: Partial<LlmFinetuneConfig>): number =>
    llmMemoryBreakdown(resolveLlmFinetuneConfig({ model: "7B", method: "lora", learningRate: 1e-4, ...c }))
      .total;

  it("strictly increases with micro-batch, sequence length and rank (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("0.5B" as const, "1.5B" as const, "7B" as const),
        fc.constantFrom("full" as const, "lora" as const, "qlora" as const),
        fc.integer({ min: 1, max: 63 }),
        fc.integer({ min: 16, max: 8191 }),
        fc.integer({ min: 1, max: 800 }),
        fc.boolean(),
        fc.boolean(),
        (model, method, b, s, r, ckpt, flash) => {
          const base = {
            model,
            method,
            microBatchSize: b,
            sequenceLength: s,
            loraRank: r,
            gradientCheckpointing: ckpt,
            flashAttention: flash,
          };
          const m0 = mem(base);
          return (
            mem({ ...base, microBatchSize: b + 1 }) > m0 &&
            mem({ ...base, sequenceLength: s + 1 }) > m0 &&
            (method === "full" || mem({ ...base, loraRank: r + 1 }) > m0)
          );
        },
      ),
    );
  });

  it("does not depend on the learning rate, epochs or accumulation", () => {
    const m0 = llmFinetune({ model: "1.5B", method: "full", learningRate: 1e-5 }, 1).peakMemoryGB;
    expect(llmFinetune({ model: "1.5B", method: "full", learningRate: 1e-3 }, 1).peakMemoryGB).toBe(m0);
    expect(
      llmFinetune({ model: "1.5B", method: "full", learningRate: 1e-5, epochs: 4 }, 1).peakMemoryGB,
    ).toBe(m0);
    expect(
      llmFinetune({ model: "1.5B", method: "full", learningRate: 1e-5, gradientAccumulation: 16 }, 1)
        .peakMemoryGB,
    ).toBe(m0);
  });

  it("puts 7B full fine-tuning with AdamW above 80 GB and 7B QLoRA under 16 GB at b = 1, s = 2048", () => {
    for (const precision of ["bf16", "fp32"] as const) {
      expect(
        mem({
          method: "full",
          precision,
          microBatchSize: 1,
          sequenceLength: 512,
          gradientCheckpointing: true,
        }),
      ).toBeGreaterThan(80);
    }
    expect(mem({ method: "qlora", microBatchSize: 1, sequenceLength: 2048 })).toBeLessThanOrEqual(16); // rank 16
    // the QLoRA paper's rank 64 needs its gradient checkpointing to fit
    expect(mem({ method: "qlora", microBatchSize: 1, sequenceLength: 2048, loraRank: 64 })).toBeGreaterThan(
      16,
    );
    expect(
      mem({
        method: "qlora",
        microBatchSize: 1,
        sequenceLength: 2048,
        loraRank: 64,
        gradientCheckpointing: true,
      }),
    ).toBeLessThanOrEqual(16);
  });
});

describe("property 11: throughput and GPU-hours", () => {
  const tps = (c: Partial<LlmFinetuneConfig>): number =>
    llmThroughput(resolveLlmFinetuneConfig({ model: "7B", method: "full", learningRate: 1e-4, ...c }))
      .tokensPerSecond;

  it("LoRA/full 1.5-1.9× at micro-batches ≤ 4 of ≤ 512 tokens, and 1.4-1.9× everywhere", () => {
    // Compute alone gives (6N + 6Lsh)/(4N + 6Lsh + 6·r·p_r) ≤ 1.5; the optimizer step, a
    // memory-bound pass over full fine-tuning's 30 bytes/param, lifts it above 1.5 when few
    // tokens share a step. See LLM-SURROGATE.md, "Throughput".
    for (const model of MODELS) {
      for (const sequenceLength of [256, 512, 1024, 2048]) {
        for (const microBatchSize of [1, 4, 16, 64]) {
          for (const gpu of ["A100", "H100"] as const) {
            const c = { model, sequenceLength, microBatchSize, gpu };
            const ratio = tps({ ...c, method: "lora" }) / tps(c);
            expect(ratio).toBeLessThanOrEqual(1.9);
            expect(ratio).toBeGreaterThanOrEqual(sequenceLength <= 512 && microBatchSize <= 4 ? 1.5 : 1.4);
          }
        }
      }
    }
  });

  it("QLoRA/LoRA 0.6-0.8× everywhere", () => {
    for (const model of MODELS) {
      for (const sequenceLength of [256, 1024, 4096]) {
        for (const microBatchSize of [1, 8, 64]) {
          const c = { model, sequenceLength, microBatchSize, method: "lora" as const };
          const q = tps({ ...c, method: "qlora" }) / tps(c);
          expect(q).toBeGreaterThanOrEqual(0.6);
          expect(q).toBeLessThanOrEqual(0.8);
        }
      }
    }
  });

  it("GPU-hours are linear in epochs (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (e1, e2) => {
          const h = (epochs: number): number =>
            llmThroughput(
              resolveLlmFinetuneConfig({ model: "1.5B", method: "lora", learningRate: 1e-4, epochs }),
            ).gpuHours;
          return Math.abs(h(e1) / h(e2) - e1 / e2) < 1e-12 * (e1 / e2);
        },
      ),
    );
  });
});

describe("property 12: truncation: with a decaying schedule, loss at step t of a T-step run ≥ final loss of a t-step run", () => {
  const check = (schedule: "linear" | "cosine", fractions: readonly number[]): void => {
    for (const model of MODELS) {
      for (const method of ["full", "lora"] as const) {
        const base = { model, method, schedule, microBatchSize: 16, datasetSize: 16_000, evalsPerEpoch: 100 };
        const eta = llmOptimalLearningRate(base);
        const long = llmFinetune({ ...base, learningRate: eta }, 5);
        for (const f of fractions) {
          const short = llmFinetune({ ...base, datasetSize: Math.round(16_000 * f), learningRate: eta }, 5);
          const i = Array.from(long.steps).indexOf(short.totalSteps);
          expect(i).toBeGreaterThanOrEqual(0);
          expect(long.curve[i]).toBeGreaterThanOrEqual(short.finalLoss);
        }
      }
    }
  };
  it("holds for linear decay at every t from 1% to 99% of the run", () => {
    check("linear", [0.01, 0.05, 0.1, 0.25, 0.5, 0.7, 0.9, 0.99]);
  });
  it("holds for cosine decay up to half the run (beyond, the long run is nearly annealed too)", () => {
    check("cosine", [0.01, 0.05, 0.1, 0.25, 0.5]);
  });
});

describe("property 13: validation loss over epochs has an interior minimum for small data sets", () => {
  const cases = [
    ["1.5B", "lora", 1000],
    ["1.5B", "lora", 3000],
    ["1.5B", "full", 10_000],
    ["0.5B", "lora", 3000],
    ["7B", "lora", 3000],
    ["0.5B", "full", 10_000],
  ] as const;
  it.each(cases)(
    "%s %s, %i examples: final loss against epochs 1-8 is best at 2-3 epochs, at the one-epoch optimal LR",
    (model, method, n) => {
      const cfg = { model, method, microBatchSize: 16, datasetSize: n };
      const eta = llmOptimalLearningRate(cfg);
      const losses = [1, 2, 3, 4, 5, 6, 8].map(
        (epochs) => llmFinetune({ ...cfg, epochs, learningRate: eta }, 2).finalLoss,
      );
      const best = losses.indexOf(Math.min(...losses));
      expect(best).toBeGreaterThanOrEqual(1); // 2 epochs or more
      expect(best).toBeLessThanOrEqual(2); // 3 epochs or fewer
      expect(losses[6]).toBeGreaterThan(losses[best]! * 1.01);
    },
  );

  it.each(cases)(
    "%s %s, %i examples: and at each epoch count's own optimal LR (what a tuner would find)",
    (model, method, n) => {
      const cfg = { model, method, microBatchSize: 16, datasetSize: n };
      const losses = [1, 2, 3, 4, 5, 6, 8].map((epochs) => {
        const c = { ...cfg, epochs };
        return median(
          [1, 2, 3, 4, 5].map(
            (s) => llmFinetune({ ...c, learningRate: llmOptimalLearningRate(c) }, s).finalLoss,
          ),
        );
      });
      const best = losses.indexOf(Math.min(...losses));
      expect(best).toBeGreaterThanOrEqual(1);
      expect(best).toBeLessThanOrEqual(2);
      expect(losses[6]).toBeGreaterThan(losses[best]! * 1.005);
    },
  );

  it("the curve of one 8-epoch run on a small data set has its minimum inside the run (at the nominal LR)", () => {
    for (const model of MODELS) {
      const cfg = {
        model,
        method: "full" as const,
        microBatchSize: 16,
        datasetSize: 2000,
        epochs: 8,
        schedule: "constant" as const,
      };
      const r = llmFinetune({ ...cfg, learningRate: llmNominalLearningRate(cfg) }, 1);
      const c = Array.from(r.curve);
      const i = c.indexOf(Math.min(...c));
      expect(i).toBeGreaterThan(0);
      expect(i).toBeLessThan(c.length - 1);
      expect(c[c.length - 1]).toBeGreaterThan(c[i]! * 1.02);
    }
  });

  it("overfits less with more data, LoRA dropout and weight decay", () => {
    const cfg = {
      model: "1.5B" as const,
      method: "lora" as const,
      microBatchSize: 16,
      datasetSize: 1000,
      epochs: 6,
    };
    const eta = llmNominalLearningRate(cfg);
    const plain = llmFinetune({ ...cfg, learningRate: eta }, 1).finalLoss;
    expect(llmFinetune({ ...cfg, learningRate: eta, loraDropout: 0.1 }, 1).finalLoss).toBeLessThan(plain);
    expect(llmFinetune({ ...cfg, learningRate: eta, weightDecay: 0.1 }, 1).finalLoss).toBeLessThan(plain);
    expect(
      llmFinetune({ ...cfg, learningRate: eta, datasetSize: 2000, epochs: 3 }, 1).finalLoss,
    ).toBeLessThan(plain);
  });
});

describe("property 14: gold reward is an inverted U in the KL coefficient; accuracy flat for T ≤ 1", () => {
  it.each(MODELS)("%s: the gold reward peaks at an interior KL coefficient", (model) => {
    const betas = [0, 1e-3, 3e-3, 0.01, 0.02, 0.04, 0.08, 0.2, 0.5, 1, 3];
    const cfg = {
      model,
      method: "lora" as const,
      learningRate: llmNominalLearningRate({ model, method: "lora", microBatchSize: 64 }),
    };
    const rewards = betas.map((klCoefficient) =>
      median([1, 2, 3, 4, 5].map((s) => llmRlFinetune({ ...cfg, klCoefficient }, s).finalGoldReward)),
    );
    const best = rewards.indexOf(Math.max(...rewards));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(betas.length - 1);
    for (let i = 1; i <= best; i++) expect(rewards[i]).toBeGreaterThan(rewards[i - 1]! - 0.05);
    expect(rewards[0]).toBeLessThan(rewards[best]! - 0.2);
    expect(rewards[betas.length - 1]).toBeLessThan(rewards[best]! - 0.2);
  });

  it("accuracy is exactly flat from temperature 0 to 1, under any top-k/top-p, and falls beyond", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (temperature, topK, topP) =>
          llmInference({ model: "7B", temperature, topK, topP }).accuracy ===
          llmInference({ model: "7B", temperature: 0 }).accuracy,
      ),
    );
    const greedy = llmInference({ model: "7B", temperature: 0 }).accuracy;
    expect(llmInference({ model: "7B", temperature: 1.5 }).accuracy).toBeLessThan(greedy - 0.05);
    expect(llmInference({ model: "7B", temperature: 2 }).accuracy).toBeLessThan(
      llmInference({ model: "7B", temperature: 1.5 }).accuracy,
    );
  });
});
