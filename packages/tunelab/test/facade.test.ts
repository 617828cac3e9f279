import { describe, expect, it } from "vitest";
import {
  AntColonySampler,
  AUTO_SAMPLER_ATTR,
  AutoSampler,
  CmaEsSampler,
  createStudy,
  defaultSampler,
  GeneticSampler,
  GridSampler,
  getAllStudies,
  loadStudy,
  MedianPruner,
  RandomSampler,
  TpeSampler,
  TrialState,
} from "../src/index.js";

describe("the tunelab facade", () => {
  it("re-exports every landed sampler and pruner", () => {
    for (const c of [
      RandomSampler,
      GridSampler,
      CmaEsSampler,
      TpeSampler,
      AntColonySampler,
      GeneticSampler,
      MedianPruner,
    ]) {
      expect(typeof c).toBe("function");
    }
  });

  it("gives a study the AutoSampler by default: the GP for one objective, TPE for several", async () => {
    expect(defaultSampler(["minimize"])).toBeInstanceOf(AutoSampler);
    expect(defaultSampler(["minimize", "maximize"])).toBeInstanceOf(AutoSampler);
    const study = await createStudy();
    expect(study.sampler).toBeInstanceOf(AutoSampler);
    await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2, { nTrials: 25 });
    expect(study.trials.filter((t) => t.state === TrialState.COMPLETE)).toHaveLength(25);
    expect(study.trials.every((t) => t.systemAttrs[AUTO_SAMPLER_ATTR] === "gp")).toBe(true);
    // 15 GP trials after 10 random ones on a 1-D parabola get close to its minimum at 1.
    expect(study.bestValue).toBeLessThan(0.01);
    const two = await createStudy({ directions: ["minimize", "minimize"] });
    await two.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        return [x, 1 - x];
      },
      { nTrials: 12 },
    );
    expect(two.trials.every((t) => t.systemAttrs[AUTO_SAMPLER_ATTR] === "tpe")).toBe(true);
  });

  it("opens the same study by name on the process-wide memory storage", async () => {
    const name = "facade-load-test";
    const a = await createStudy({ studyName: name, storage: "memory" });
    await a.optimize((t) => t.suggestInt("k", 0, 3), { nTrials: 3 });
    const b = await loadStudy({ studyName: name, storage: "memory" });
    expect(b.trials).toHaveLength(3);
    expect(b.sampler).toBeInstanceOf(AutoSampler);
  });

  it("opens storage URLs with @tunelab/storage; errors name the URL with its password masked", async () => {
    // Nothing listens on port 1; the opening fails quickly and the password never appears.
    const failure = loadStudy({ studyName: "s", storage: "postgresql://me:secret@127.0.0.1:1/hpo" });
    await expect(failure).rejects.toThrow(/postgresql:\/\/me:\*\*\*@127\.0\.0\.1:1\/hpo/);
    await expect(failure).rejects.not.toThrow(/secret/);
    await expect(getAllStudies({ storage: "journal:/nonexistent-tunelab-dir/study.log" })).rejects.toThrow(
      /nonexistent-tunelab-dir/,
    );
  });

  it("explains a malformed or unknown storage URL, listing the accepted forms", async () => {
    await expect(createStudy({ storage: "mysql://db/hpo" })).rejects.toThrow(
      /storage: cannot read the storage URL "mysql:\/\/db\/hpo": unknown scheme "mysql". Accepted forms: memory, journal:.\/study.log, journal:\/abs\/path, sqlite:.\/study.db, postgresql:\/\/user:pass@host:port\/db, redis:\/\/host:port\/db/,
    );
    await expect(createStudy({ storage: "journal:" })).rejects.toThrow(/the file path is empty/);
  });
});
