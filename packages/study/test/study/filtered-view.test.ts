import { describe, expect, it } from "vitest";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy } from "../../src/study/create.js";
import { FilteredStudyView } from "../../src/study/filtered-view.js";
import { PriorSampler } from "./helpers.js";

describe("FilteredStudyView", () => {
  it("shows only the trials the predicate keeps, after the state filter, and forwards everything else", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(3) });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        if (t.number === 4) throw new Error("fails");
        return x;
      },
      { nTrials: 6, catch: [Error] },
    );
    const even = new FilteredStudyView(study, (t) => t.number % 2 === 0);
    expect(even.getTrials().map((t) => t.number)).toEqual([0, 2, 4]);
    expect(even.getTrials({ states: ["COMPLETE"] }).map((t) => t.number)).toEqual([0, 2]);
    expect(even.studyName).toBe(study.studyName);
    expect(even.directions).toEqual(study.directions);
    even.setSystemAttr("k", 1);
    expect(study.systemAttrs.k).toBe(1);
    expect(even.systemAttrs.k).toBe(1);
    const running = await study.ask(); // trial 6: running, kept by the predicate
    even.setTrialSystemAttr(running.trialId, "mark", "x");
    expect(study.trials[6]!.systemAttrs.mark).toBe("x");
    expect(even.getTrials({ states: ["RUNNING"] }).map((t) => t.number)).toEqual([6]);
  });
});
