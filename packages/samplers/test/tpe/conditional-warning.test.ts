/**
 * TpeSampler's message about conditional spaces (issue 20): in multivariate mode, the
 * parameters that are not in every trial are sampled independently; the user is told once per
 * study (per sampler-study pair), not once per parameter or per trial.
 */
import { createStudy, InMemoryStorage, setLogHandler, setLogLevel, type Trial } from "@tunelab/study";
import { afterEach, describe, expect, it } from "vitest";
import { TpeSampler } from "../../src/tpe/tpe.js";

/** Three models, each with its own parameters (six conditional parameters in all). */
function threeModels(t: Trial): number {
  const model = t.suggestCategorical("model", ["ridge", "svr", "forest"]);
  if (model === "ridge") return Math.abs(Math.log10(t.suggestFloat("ridge_alpha", 1e-4, 1e4, { log: true })));
  if (model === "svr") {
    const c = t.suggestFloat("svr_c", 1e-2, 1e4, { log: true });
    const g = t.suggestFloat("svr_gamma", 1e-4, 1, { log: true });
    return 0.5 + Math.abs(Math.log10(c) - 2) / 10 + Math.abs(Math.log10(g) + 2) / 10;
  }
  const trees = t.suggestInt("forest_trees", 5, 40);
  const depth = t.suggestInt("forest_depth", 2, 16);
  const leaf = t.suggestInt("forest_leaf", 1, 32, { log: true });
  return 0.3 + Math.abs(depth - 8) / 16 + (40 - trees) / 100 + Math.log2(leaf) / 20;
}

const warnings: string[] = [];

function capture(): void {
  warnings.length = 0;
  setLogLevel("warn");
  setLogHandler((level, message) => {
    if (level === "warn") warnings.push(message);
  });
}

afterEach(() => setLogHandler(null));

async function optimize(sampler: TpeSampler, nTrials: number): Promise<void> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler });
  await study.optimize(threeModels, { nTrials });
}

describe("TpeSampler's conditional-space message", () => {
  it("is one line for a 40-trial study with six conditional parameters", async () => {
    capture();
    await optimize(new TpeSampler({ seed: 3 }), 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/search space is conditional/);
    expect(warnings[0]).toMatch(/sampled independently/);
    expect(warnings[0]).toMatch(/group: true/);
    expect(warnings[0]).toMatch(/warnIndependentSampling: false/);
    expect(warnings[0]).not.toContain("\n");
  });

  it("is given once per study when one sampler serves two studies", async () => {
    capture();
    const sampler = new TpeSampler({ seed: 5 });
    await optimize(sampler, 30);
    await optimize(sampler, 30);
    expect(warnings).toHaveLength(2);
  });

  it("is not given with warnIndependentSampling: false, in univariate mode, or with group: true", async () => {
    capture();
    await optimize(new TpeSampler({ seed: 3, warnIndependentSampling: false }), 30);
    await optimize(new TpeSampler({ seed: 3, multivariate: false }), 30);
    await optimize(new TpeSampler({ seed: 3, group: true }), 30);
    expect(warnings).toEqual([]);
  });
});
