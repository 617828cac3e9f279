/**
 * QmcSampler as the start-up sampler of TPE (`startupSampler`), GP and CMA-ES
 * (`independentSampler`): their start-up trials are QMC points, the trials after them are not.
 */
import { Sobol } from "@tunelab/math/qmc";
import { createStudy, type Sampler, type Trial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { CmaEsSampler } from "../../src/cmaes/index.js";
import { GpSampler } from "../../src/gp/index.js";
import { QmcSampler } from "../../src/qmc/index.js";
import { TpeSampler } from "../../src/tpe/index.js";

const N_STARTUP = 8;
const objective = (t: Trial): number =>
  (t.suggestFloat("x", -5, 5) - 1) ** 2 + (t.suggestFloat("y", 0, 2) - 0.5) ** 2;

async function startupPoints(make: (qmc: QmcSampler) => Sampler, nTrials: number) {
  const study = await createStudy({ sampler: make(new QmcSampler({ scramble: true, seed: 21 })) });
  await study.optimize(objective, { nTrials });
  const sobol = new Sobol({ dimension: 2, scramble: true, seed: 21 });
  return study.trials.map((t) => {
    const u = sobol.point(t.number);
    return t.params.x === -5 + u[0]! * 10 && t.params.y === u[1]! * 2;
  });
}

describe.each([
  [
    "TpeSampler({ startupSampler })",
    (qmc: QmcSampler) => new TpeSampler({ seed: 3, nStartupTrials: N_STARTUP, startupSampler: qmc }),
    12,
  ],
  [
    "GpSampler({ independentSampler })",
    (qmc: QmcSampler) => new GpSampler({ seed: 3, nStartupTrials: N_STARTUP, independentSampler: qmc }),
    10,
  ],
  [
    "CmaEsSampler({ independentSampler })",
    (qmc: QmcSampler) => new CmaEsSampler({ seed: 3, nStartupTrials: N_STARTUP, independentSampler: qmc }),
    12,
  ],
] as const)("%s with a QmcSampler", (_name, make, nTrials) => {
  it("start-up trials 1-7 are the QMC points of their numbers; later trials are the model's", async () => {
    const onSequence = await startupPoints(make, nTrials);
    // Trial 0: no search space yet, so the QMC sampler's own independent (random) sampler.
    expect(onSequence[0]).toBe(false);
    expect(onSequence.slice(1, N_STARTUP)).toEqual(Array(N_STARTUP - 1).fill(true));
    expect(onSequence.slice(N_STARTUP).some((x) => x)).toBe(false);
  });
});

describe("TpeSampler startupSampler", () => {
  it("rejects a startupSampler that is not a Sampler", () => {
    expect(() => new TpeSampler({ startupSampler: {} as Sampler })).toThrow(
      /startupSampler must be a Sampler/,
    );
  });
  it("without it, the start-up trials are not QMC points (control)", async () => {
    const onSequence = await startupPoints(() => new TpeSampler({ seed: 3, nStartupTrials: N_STARTUP }), 8);
    expect(onSequence.some((x) => x)).toBe(false);
  });
});
