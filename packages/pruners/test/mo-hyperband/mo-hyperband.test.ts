import { createStudy, type StudyDirection, TrialPruned } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HyperbandPruner } from "../../src/hyperband/index.js";
import { MoHyperbandPruner } from "../../src/mo-hyperband/index.js";
import { noParamSampler } from "../helpers/replay.js";
import { replayReports } from "../helpers/replay-reports.js";

prunerContract("MoHyperbandPruner", () => new MoHyperbandPruner());
prunerContract(
  "MoHyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 })",
  () => new MoHyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 }),
);

describe("MoHyperbandPruner", () => {
  it("validates its options as HyperbandPruner does, under its own name", () => {
    expect(() => new MoHyperbandPruner({ reductionFactor: 1 })).toThrow(
      "MoHyperbandPruner: reductionFactor must be an integer >= 2, got 1",
    );
    expect(() => new MoHyperbandPruner({ minResource: 4, maxResource: 2 })).toThrow(
      "MoHyperbandPruner: maxResource must be an integer >= 4, got 2",
    );
  });

  it("with one objective it decides as HyperbandPruner (fixed and auto maxResource), curve for curve", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<number | "auto">(4, 9, "auto"),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 10, maxLength: 10 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom<StudyDirection>("minimize", "maximize"),
        async (maxResource, eta, curves, direction) => {
          const trials = curves.map((c) => c.map((v, i) => [i, v] as const));
          const opts = { minResource: 1, maxResource, reductionFactor: eta };
          const mo = await replayReports(new MoHyperbandPruner(opts), trials, { direction });
          const so = await replayReports(new HyperbandPruner(opts), trials, { direction });
          expect(mo).toEqual(so);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("two objectives: learns R per study from the vectors, prunes dominated trials, keeps trade-offs", async () => {
    const pruner = new MoHyperbandPruner({ reductionFactor: 2 });
    const study = await createStudy({
      directions: ["minimize", "minimize"],
      pruner,
      sampler: noParamSampler,
    });
    const stopped: (number | null)[] = [];
    await study.optimize(
      async (trial) => {
        // trial t: a = (7t mod 10)/10, b = (3t mod 7)/7, 16 steps; loss falls, cost grows
        const a = ((trial.number * 7) % 10) / 10;
        const b = ((trial.number * 3) % 7) / 7;
        for (let s = 0; s < 16; s++) {
          await trial.report([a + 1 / (1 + s), b + s / 16], s);
          if (trial.shouldPrune()) {
            stopped[trial.number] = s;
            throw new TrialPruned();
          }
        }
        stopped[trial.number] = null;
        return [a, b + 1];
      },
      { nTrials: 40 },
    );
    expect(pruner.maxResource).toBe(16);
    expect(pruner.nBrackets).toBe(5);
    const pruned = study.getTrials({ states: ["PRUNED"] }).length;
    expect(pruned).toBeGreaterThan(0);
    expect(pruned).toBeLessThan(40);
    // trial 0 (a = 0, b = 0) dominates every other trial at every step: never pruned
    expect(stopped[0]).toBeNull();
  });
});
