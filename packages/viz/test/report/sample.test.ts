import { TrialState } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { sampleTrials } from "../../src/report/index.js";
import { seededMoStudy, seededStudy } from "../plots/seeded-study.js";

describe("sampleTrials", () => {
  it("keeps every trial when they fit, with no note", () => {
    const { study } = seededStudy(1, 30);
    const s = sampleTrials(study, study.trials, 30);
    expect(s.trials).toBe(study.trials);
    expect(s.note).toBe("");
  });

  it("keeps exactly limit trials, in number order, the best ones included, deterministically", () => {
    const { study } = seededStudy(4, 500);
    const complete = study.trials.filter((t) => t.state === TrialState.COMPLETE);
    const s = sampleTrials(study, complete, 100);
    expect(s.trials.length).toBe(100);
    const numbers = s.trials.map((t) => t.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const best = [...complete].sort((a, b) => a.values![0]! - b.values![0]!).slice(0, 10);
    for (const t of best) expect(numbers).toContain(t.number);
    expect(sampleTrials(study, complete, 100).trials.map((t) => t.number)).toEqual(numbers);
    expect(s.note).toMatch(new RegExp(`^100 of ${complete.length} trials drawn: the 10 best and 1 in`));
  });

  it("with several objectives keeps Pareto-front trials", () => {
    const study = seededMoStudy(2, 200, 2);
    const s = sampleTrials(study, study.trials, 20);
    expect(s.trials.length).toBe(20);
  });

  it("refuses a limit that is not an integer >= 10", () => {
    const { study } = seededStudy(1, 30);
    expect(() => sampleTrials(study, study.trials, 5)).toThrow(
      /sampleTrials: limit must be an integer >= 10, got 5/,
    );
  });
});
