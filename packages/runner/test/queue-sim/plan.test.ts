import { RandomSampler } from "@tunelab/samplers/random";
import { describe, expect, it } from "vitest";
import {
  type EvaluationModel,
  fixedJobOverhead,
  type PlanOptions,
  planCampaign,
} from "../../src/queue-sim/index.js";

/** Ten-minute trials whose value is 100 - trial number: the target 85 is reached when trial 15 ends. */
const countdown: EvaluationModel = {
  kind: "evaluation-model",
  name: "countdown",
  evaluate: (trial) => {
    trial.suggestFloat("x", 0, 1);
    return { duration: 600, value: 100 - trial.number };
  },
};

const options: PlanOptions = {
  base: () => ({
    sampler: (s) => new RandomSampler({ seed: s }),
    model: countdown,
    nTrials: 32,
    cluster: { overhead: fixedJobOverhead(1200) },
  }),
  workers: [4, 16],
  trialsPerTask: [1, 4],
  target: 85,
  seeds: [1, 2],
};

describe("planCampaign", () => {
  it("recommends the fastest candidate, or the cheapest in GPU-hours, with every candidate beside it", async () => {
    // k=16 m=1: trials 0-15 end together at 20 + 10 min = 0.5 h, 16 jobs held: 8 GPU-h.
    // k=4 m=1: four rounds of 30 min: 2 h, 8 GPU-h. k=4 m=4: 20 min + 4 × 10 min = 1 h, 4 GPU-h.
    // k=16 m=4: 8 jobs (32 trials): 20 + 2 × 10 min = 0.67 h, 5.33 GPU-h.
    const fast = await planCampaign(options);
    expect(fast.candidates).toHaveLength(4);
    const row = (k: number, m: number) =>
      fast.candidates.find((c) => c.workers === k && c.trialsPerTask === m)!.summary;
    expect(row(16, 1).hoursToTarget).toBeCloseTo(0.5, 12);
    expect(row(16, 1).gpuHoursToTarget).toBeCloseTo(8, 12);
    expect(row(4, 1).hoursToTarget).toBeCloseTo(2, 12);
    expect(row(4, 4).hoursToTarget).toBeCloseTo(1, 12);
    expect(row(4, 4).gpuHoursToTarget).toBeCloseTo(4, 12);
    expect(row(16, 4).hoursToTarget).toBeCloseTo(2 / 3, 12);
    expect(fast.recommended).toMatchObject({ workers: 16, trialsPerTask: 1, gpus: 1 });
    expect(fast.table.split("\n")[2]).toMatch(/^k=16 m=1 g=1/);
    const cheap = await planCampaign({ ...options, minimize: "gpu-hours" });
    expect(cheap.recommended).toMatchObject({ workers: 4, trialsPerTask: 4 });
  });

  it("recommends nothing when no candidate reaches the target", async () => {
    const plan = await planCampaign({ ...options, target: -1, workers: [4], trialsPerTask: [1] });
    expect(plan.recommended).toBeNull();
    expect(plan.candidates).toHaveLength(1);
  });

  it("refuses bad options, naming them", async () => {
    await expect(planCampaign({ ...options, workers: [] })).rejects.toThrow(
      "planCampaign: workers must be a non-empty list of integers >= 1, got []",
    );
    await expect(planCampaign({ ...options, trialsPerTask: [0] })).rejects.toThrow(/trialsPerTask must be/);
    await expect(planCampaign({ ...options, target: Number.NaN })).rejects.toThrow(
      /target must be a finite number/,
    );
    await expect(planCampaign({ ...options, minimize: "cost" as never })).rejects.toThrow(
      /minimize must be "hours" or "gpu-hours", got cost/,
    );
    await expect(planCampaign({ ...options, seeds: [] })).rejects.toThrow(/seeds must be a non-empty list/);
  });
});
