import { describe, expect, it } from "vitest";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import type { TrialUpdate } from "../../src/storage/index.js";
import { createStudy } from "../../src/study/create.js";
import type { FrozenTrial } from "../../src/trial/frozen.js";
import { PriorSampler } from "./helpers.js";

/** An in-memory storage that records every trial update it is given. */
class CountingStorage extends InMemoryStorage {
  readonly updates: { trialId: number; update: TrialUpdate }[] = [];
  override updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    this.updates.push({ trialId, update });
    return super.updateTrial(trialId, update);
  }
}

describe("storage writes per trial in optimize", () => {
  it("a synchronous objective's parameters are written with its final state, in one update", async () => {
    const storage = new CountingStorage();
    const study = await createStudy({ storage, sampler: new PriorSampler(3) });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", -1, 1);
        const k = t.suggestInt("k", 1, 4);
        return x * x + k;
      },
      { nTrials: 5 },
    );
    expect(storage.updates).toHaveLength(5);
    for (const { update } of storage.updates) {
      expect(update.state).toBe("COMPLETE");
      expect(Object.keys(update.params ?? {}).sort()).toEqual(["k", "x"]);
    }
    const trials = study.trials;
    expect(trials.map((t) => Object.keys(t.params).sort())).toEqual(Array(5).fill(["k", "x"]));
  });

  it("an asynchronous objective's parameters are written as soon as they are suggested (a crash mid-trial keeps them)", async () => {
    const storage = new CountingStorage();
    const study = await createStudy({ storage, sampler: new PriorSampler(3) });
    let seenWhileRunning: FrozenTrial | null = null;
    await study.optimize(
      async (t) => {
        const x = t.suggestFloat("x", -1, 1);
        await new Promise((r) => setTimeout(r, 1));
        seenWhileRunning = (await storage.getTrials(study.studyId)).trials.find(
          (f) => f.number === t.number,
        )!;
        return x * x;
      },
      { nTrials: 1 },
    );
    expect(seenWhileRunning!.state).toBe("RUNNING");
    expect(Object.keys(seenWhileRunning!.params)).toEqual(["x"]);
    expect(storage.updates).toHaveLength(2);
  });

  it("a synchronous objective that throws fails its trial with its parameters kept, in one update", async () => {
    const storage = new CountingStorage();
    const study = await createStudy({ storage, sampler: new PriorSampler(3) });
    await study.optimize(
      (t) => {
        t.suggestFloat("x", -1, 1);
        throw new Error("boom");
      },
      { nTrials: 2, catch: true },
    );
    expect(storage.updates.map((u) => u.update.state)).toEqual(["FAIL", "FAIL"]);
    const trials = study.trials;
    expect(trials.every((t) => t.state === "FAIL" && "x" in t.params)).toBe(true);
  });
});

describe("a sampler that fails while a trial starts", () => {
  it("ask with a search space: the error reaches the caller and the trial is stored FAIL with the reason, not left RUNNING", async () => {
    const { floatDistribution } = await import("../../src/distributions/distribution.js");
    const { FAIL_REASON_KEY } = await import("../../src/trial/frozen.js");
    class Broken extends PriorSampler {
      override sampleIndependent(): number {
        throw new Error("no sample today");
      }
    }
    const storage = new CountingStorage();
    const study = await createStudy({ storage, sampler: new Broken(1) });
    await expect(study.ask({ x: floatDistribution(0, 1) })).rejects.toThrow("no sample today");
    const [t] = (await storage.getTrials(study.studyId)).trials;
    expect(t!.state).toBe("FAIL");
    expect(String(t!.systemAttrs[FAIL_REASON_KEY])).toMatch(
      /the sampler failed while the trial started: .*no sample today/,
    );
    // The study goes on: the next trial is a new one.
    const ok = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(1) });
    expect((await ok.ask({ x: floatDistribution(0, 1) })).number).toBe(0);
  });
});
