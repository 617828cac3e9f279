import { Rng } from "@tunelab/math/random";
import { describe, expect, it } from "vitest";
import type { Distribution } from "../../src/distributions/distribution.js";
import type { Sampler, SearchSpace, StudyView } from "../../src/sampler/sampler.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy } from "../../src/study/create.js";
import type { FrozenTrial } from "../../src/trial/frozen.js";

/**
 * A sampler whose proposal depends on everything a history-conditioned sampler reads: the
 * finished trials' values and the running trials it sees (as a constant liar would).
 */
class HistorySampler implements Sampler {
  inferRelativeSearchSpace(): SearchSpace {
    return {};
  }
  sampleRelative(): Record<string, number> {
    return {};
  }
  sampleIndependent(study: StudyView, trial: FrozenTrial, _name: string, d: Distribution): number {
    let h = trial.number * 7919;
    for (const t of study.getTrials()) {
      if (t.number === trial.number) continue;
      h =
        (h * 31 +
          (t.state === "COMPLETE" ? Math.round(t.values![0]! * 1000) : t.state === "RUNNING" ? 17 : 3)) %
        1_000_003;
    }
    const low = d.kind === "categorical" ? 0 : d.low;
    const high = d.kind === "categorical" ? d.choices.length - 1 : d.high;
    return low + ((h % 1000) / 999) * (high - low);
  }
}

/** Runs a study whose trials take seeded random times, so they finish in a seed-dependent order. */
async function run(timingSeed: number, reproducible: boolean): Promise<number[]> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: new HistorySampler() });
  const delays = Rng.fromSeed(timingSeed);
  const wait = Array.from({ length: 40 }, () => delays.int(0, 4));
  await study.optimize(
    async (t) => {
      const x = t.suggestFloat("x", 0, 1);
      await new Promise((r) => setTimeout(r, wait[t.number]));
      return x;
    },
    { nTrials: 40, concurrency: 4, reproducible },
  );
  return study.trials.map((t) => t.params.x as number);
}

describe("optimize({ reproducible: true })", () => {
  it("gives the same study at concurrency 4 whatever order trials finish in", async () => {
    const a = await run(1, true);
    const b = await run(2, true);
    const c = await run(3, true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("without it, finishing order changes what the sampler sees (the case the option exists for)", async () => {
    const a = await run(1, false);
    const b = await run(2, false);
    expect(b).not.toEqual(a);
  });

  it("shows trial n the trials below n − c + 1 finished, and the c − 1 before it as RUNNING without params", async () => {
    const views: { number: number; seen: [number, string, number][] }[] = [];
    const sampler: Sampler = {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent(study, trial) {
        views.push({
          number: trial.number,
          seen: study.getTrials().map((t) => [t.number, t.state, Object.keys(t.params).length]),
        });
        return 0.5;
      },
    };
    const study = await createStudy({ storage: new InMemoryStorage(), sampler });
    await study.optimize(
      async (t) => {
        t.suggestFloat("x", 0, 1);
        await new Promise((r) => setTimeout(r, (t.number * 3) % 5));
        return 1;
      },
      { nTrials: 8, concurrency: 3, reproducible: true },
    );
    const v6 = views.find((v) => v.number === 6)!;
    expect(v6.seen).toEqual([
      [0, "COMPLETE", 1],
      [1, "COMPLETE", 1],
      [2, "COMPLETE", 1],
      [3, "COMPLETE", 1],
      [4, "RUNNING", 0],
      [5, "RUNNING", 0],
      [6, "RUNNING", 0],
    ]);
  });
});
