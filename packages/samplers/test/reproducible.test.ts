import { Rng } from "@tunelab/math/random";
import { createStudy, InMemoryStorage, type Sampler, type Trial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { AutoSampler } from "../src/auto/index.js";
import { CmaEsSampler } from "../src/cmaes/index.js";
import { GpSampler } from "../src/gp/index.js";
import { GridSampler } from "../src/grid/index.js";
import { NsgaIISampler } from "../src/nsga2/index.js";
import { NsgaIIISampler } from "../src/nsga3/index.js";
import { RandomSampler } from "../src/random/index.js";
import { TpeSampler } from "../src/tpe/index.js";

const objective = (t: Trial): number => {
  const x = t.suggestFloat("x", -5, 5);
  const y = t.suggestFloat("y", -5, 5);
  const k = t.suggestInt("k", 0, 4);
  return (x - 1) ** 2 + (y + 2) ** 2 + k;
};

/** A study whose trials take seeded random times, so they finish in a seed-dependent order. */
async function run(sampler: () => Sampler, timingSeed: number, reproducible: boolean, nTrials = 48) {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: sampler() });
  const delays = Rng.fromSeed(timingSeed);
  const wait = Array.from({ length: nTrials }, () => delays.int(0, 3));
  await study.optimize(
    async (t) => {
      const v = objective(t);
      await new Promise((r) => setTimeout(r, wait[t.number]));
      return v;
    },
    { nTrials, concurrency: 4, reproducible },
  );
  return study.trials.map((t) => [t.params, t.values]);
}

const SAMPLERS: [string, () => Sampler][] = [
  ["TpeSampler", () => new TpeSampler({ seed: 5, nStartupTrials: 8 })],
  ["TpeSampler (univariate)", () => new TpeSampler({ seed: 5, nStartupTrials: 8, multivariate: false })],
  ["CmaEsSampler", () => new CmaEsSampler({ seed: 5 })],
  ["RandomSampler", () => new RandomSampler({ seed: 5 })],
  ["GridSampler", () => new GridSampler({ x: [-1, 0, 1], y: [-2, 2], k: [0, 4] }, { seed: 5 })],
  ["GpSampler", () => new GpSampler({ seed: 5, nStartupTrials: 8 })],
  ["NsgaIISampler", () => new NsgaIISampler({ seed: 5, populationSize: 8 })],
  ["NsgaIIISampler", () => new NsgaIIISampler({ seed: 5, populationSize: 8 })],
  [
    "AutoSampler (GP, then TPE from 20 trials)",
    () => new AutoSampler({ seed: 5, gpBudget: 20, gp: { nStartupTrials: 8 }, tpe: { nStartupTrials: 8 } }),
  ],
];

describe("optimize({ reproducible: true }) with every sampler that conditions on history", () => {
  for (const [name, make] of SAMPLERS) {
    it(`${name}: the same seed gives the same study at concurrency 4, whatever the finishing order`, async () => {
      const a = await run(make, 1, true);
      expect(await run(make, 2, true)).toEqual(a);
      expect(await run(make, 3, true)).toEqual(a);
    });
  }

  it("TpeSampler and CmaEsSampler differ from run to run at concurrency 4 without it", async () => {
    for (const [, make] of SAMPLERS.slice(0, 3)) {
      expect(await run(make, 2, false)).not.toEqual(await run(make, 1, false));
    }
  });
});
