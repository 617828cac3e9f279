import kstest from "@stdlib/stats-kstest";
import { createStudy, InMemoryStorage, type Trial } from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { RandomSampler } from "../../src/random/random.js";

samplerContract("RandomSampler", (seed) => new RandomSampler({ seed }));

describe("RandomSampler", () => {
  it("draws uniformly on a linear scale and log-uniformly on a log scale (KS tests, fixed seed)", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new RandomSampler({ seed: 11 }),
    });
    await study.optimize(
      (t) => {
        t.suggestFloat("u", -2, 6);
        t.suggestFloat("l", 1e-4, 1e2, { log: true });
        return 0;
      },
      { nTrials: 2000 },
    );
    const u = study.trials.map((t) => t.params.u as number);
    const logs = study.trials.map((t) => Math.log10(t.params.l as number));
    expect(kstest(u, "uniform", -2, 6).pValue).toBeGreaterThan(0.01);
    expect(kstest(logs, "uniform", -4, 2).pValue).toBeGreaterThan(0.01);
    // and the log parameter is far from uniform on the linear scale
    const lin = study.trials.map((t) => t.params.l as number);
    expect(kstest(lin, "uniform", 1e-4, 1e2).pValue).toBeLessThan(1e-6);
  });

  it("gives the same parameters whatever the concurrency (draws keyed by trial number)", async () => {
    const run = async (concurrency: number) => {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new RandomSampler({ seed: 5 }),
      });
      await study.optimize(
        async (t) => {
          const x = t.suggestFloat("x", 0, 1);
          await new Promise((r) => setTimeout(r, (t.number * 7) % 3));
          return x + t.suggestInt("k", 0, 9);
        },
        { nTrials: 30, concurrency },
      );
      return study.trials.map((t) => t.params);
    };
    expect(await run(8)).toEqual(await run(1));
  });

  it("covers every value of a discrete parameter about equally (chi-square)", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new RandomSampler({ seed: 2 }),
    });
    await study.optimize((t) => (t.suggestCategorical("c", ["a", "b", "c", "d"]) === "a" ? 1 : 0), {
      nTrials: 4000,
    });
    const counts = new Map<string, number>();
    for (const t of study.trials)
      counts.set(t.params.c as string, (counts.get(t.params.c as string) ?? 0) + 1);
    const chi2 = [...counts.values()].reduce((acc, c) => acc + (c - 1000) ** 2 / 1000, 0);
    expect(counts.size).toBe(4);
    expect(chi2).toBeLessThan(16.27); // 99.9% quantile, 3 degrees of freedom
  });

  it("serves two studies whose trials suggest in turns, each as a fresh sampler would", async () => {
    // Trial n of each study draws from its own stream: with the streams keyed by trial number
    // alone, the two studies' trial 0 shared one generator and took turns drawing from it.
    const objective = async (t: Trial) => {
      const x = t.suggestFloat("x", 0, 1);
      await new Promise((r) => setTimeout(r, 1));
      return x + t.suggestFloat("y", 0, 1);
    };
    const run = async (sampler: RandomSampler) => {
      const study = await createStudy({ storage: new InMemoryStorage(), sampler });
      await study.optimize(objective, { nTrials: 5 });
      return study.trials.map((t) => t.params);
    };
    const shared = new RandomSampler({ seed: 4 });
    const [a, b] = await Promise.all([run(shared), run(shared)]);
    const fresh = await run(new RandomSampler({ seed: 4 }));
    expect(a).toEqual(fresh);
    expect(b).toEqual(fresh);
  });

  it("draws a seed from the OS when none is given, and rejects a bad one", () => {
    expect(Number.isSafeInteger(new RandomSampler().seed)).toBe(true);
    expect(() => new RandomSampler({ seed: 1.5 })).toThrow(/seed must be a safe integer, got 1.5/);
  });
});
