import { describe, expect, it } from "vitest";
import { CmaEs } from "../../src/cmaes/cma.js";
import { LearningRateAdaptation } from "../../src/cmaes/lra.js";
import { Rng } from "../../src/random/rng.js";
import { evalsToTarget, generation, rastrigin, sphere } from "./helpers.js";

describe("LearningRateAdaptation.adapt", () => {
  it("keeps η at 1 for a consistent signal and lowers it for pure noise", () => {
    const n = 4;
    const signal = new LearningRateAdaptation("t", n);
    const noise = new LearningRateAdaptation("t", n);
    const rng = Rng.fromSeed(1);
    for (let t = 0; t < 400; t++) {
      signal.adapt(Float64Array.of(1, 0, 0, 0), new Float64Array(n * n).fill(0.1));
      noise.adapt(
        Float64Array.from({ length: n }, () => rng.normal()),
        Float64Array.from({ length: n * n }, () => rng.normal()),
      );
    }
    expect(signal.etaMean).toBe(1);
    expect(signal.etaSigma).toBe(1);
    expect(noise.etaMean).toBeLessThan(0.1);
    expect(noise.etaSigma).toBeLessThan(0.2);
    expect(noise.etaMean).toBeGreaterThan(0);
  });

  it("matches the SNR update by hand for one step", () => {
    const lra = new LearningRateAdaptation("t", 1, {
      alpha: 1.4,
      betaMean: 0.1,
      betaSigma: 0.03,
      gamma: 0.1,
    });
    lra.adapt(Float64Array.of(2), Float64Array.of(0));
    // E = 0.2, V = 0.4, SNR = (0.04 − (0.1/1.9)·0.4)/(0.4 − 0.04), η = exp(0.1·clip(SNR/1.4 − 1)).
    const snr = (0.04 - (0.1 / 1.9) * 0.4) / (0.4 - 0.04);
    expect(lra.etaMean).toBeCloseTo(Math.exp(0.1 * Math.max(-1, snr / 1.4 - 1)), 15);
    // Σ: zero steps give 0/0: no information, η_Σ unchanged.
    expect(lra.etaSigma).toBe(1);
  });
});

describe("CmaEs with learning-rate adaptation", () => {
  it("converges on the sphere with η in (0, 1], slower than the fixed rate (as in the paper)", () => {
    const fixed = evalsToTarget(
      new CmaEs({ mean: new Float64Array(10).fill(3), sigma: 2, seed: 1 }),
      sphere,
      1e-8,
      1e5,
    );
    const es = new CmaEs({
      mean: new Float64Array(10).fill(3),
      sigma: 2,
      seed: 1,
      learningRateAdaptation: {},
    });
    const adaptive = evalsToTarget(es, sphere, 1e-8, 1e5);
    console.log(
      `10-D sphere to 1e-8: ${fixed} evaluations (fixed), ${adaptive} (LRA), η = ${JSON.stringify(es.learningRates)}`,
    );
    expect(adaptive).not.toBeNull();
    const { etaMean, etaSigma } = es.learningRates!;
    expect(etaMean > 0 && etaMean <= 1 && etaSigma > 0 && etaSigma <= 1).toBe(true);
    // The authors' reference code needs 4570-5820 evaluations for seeds 0-2 on this setup.
    expect(adaptive).toBeGreaterThan(fixed!);
    expect(adaptive).toBeLessThan(10_000);
  });

  it("keeps C symmetric positive definite and σ finite under noise", () => {
    const rng = Rng.fromSeed(9);
    const es = new CmaEs({ mean: [0, 0, 0, 0], sigma: 1, seed: 9, learningRateAdaptation: {} });
    for (let g = 0; g < 200; g++) generation(es, (x) => sphere(x) + rng.normal());
    const c = es.covariance();
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(c[i * 4 + j]).toBe(c[j * 4 + i]);
    expect(Number.isFinite(es.sigma) && es.sigma > 0).toBe(true);
    expect(es.learningRates!.etaMean).toBeLessThan(1);
  });

  it("solves the 10-D Rastrigin function with the default λ where the fixed rate fails (the paper's claim)", () => {
    const opts = { mean: new Float64Array(10).fill(3), sigma: 2, seed: 0 };
    const fixed = evalsToTarget(new CmaEs(opts), rastrigin, 1e-8, 1e6);
    const adaptive = evalsToTarget(
      new CmaEs({ ...opts, learningRateAdaptation: {}, termination: { disabled: ["stagnation"] } }),
      rastrigin,
      1e-8,
      1e6,
    );
    console.log(
      `10-D Rastrigin, λ = 10: fixed rate ${fixed ?? "stopped without reaching 1e-8"}, LRA ${adaptive} evaluations`,
    );
    expect(fixed).toBeNull();
    expect(adaptive).not.toBeNull();
  });

  it("is off by default", () => {
    expect(new CmaEs({ mean: [0, 0], sigma: 1 }).learningRates).toBeNull();
  });
});
