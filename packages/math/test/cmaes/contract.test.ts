/**
 * Every CMA-ES variant runs the optimizer contract of `@tunelab/math/testing` (seed
 * determinism, JSON round trips mid-run, bounds, progress, refused tell input).
 */
import { describe, expect, it } from "vitest";
import { CmaEs, RestartCmaEs, SepCmaEs, warmStartDistribution } from "../../src/cmaes/index.js";
import { type ContractProblem, optimizerContract } from "../../src/testing/index.js";
import { generation, sphere } from "./helpers.js";

/** The options every line shares: start at the box's centre with σ = 2, inside the box. */
const base = (seed: number, p: ContractProblem) => ({ mean: p.start, sigma: 2, bounds: p.bounds, seed });
/** Integer grid on the even coordinates (step 1 on [−5, 5]), continuous on the others. */
const steps = (p: ContractProblem) => Float64Array.from({ length: p.dim }, (_, i) => (i % 2 === 0 ? 1 : 0));
/** A WS-CMA-ES start from 40 points of an earlier, similar task (a sphere shifted to 1). */
const warm = (p: ContractProblem) => {
  const earlier = new CmaEs({ mean: p.start, sigma: 2, seed: 99 });
  const source = Array.from({ length: 40 }, () => {
    const x = earlier.ask();
    return { x, value: x.reduce((s, v) => s + (v - 1) ** 2, 0) };
  });
  return warmStartDistribution(source, { gamma: 0.25, alpha: 0.5 });
};

optimizerContract("CmaEs", (s, p) => new CmaEs(base(s, p)), CmaEs.fromJSON);
optimizerContract("CmaEs, unbounded", (s, p) => new CmaEs({ ...base(s, p), bounds: null }), CmaEs.fromJSON, {
  bounded: false,
});
optimizerContract(
  "CmaEs, reflect",
  (s, p) => new CmaEs({ ...base(s, p), boundHandling: { kind: "reflect" } }),
  CmaEs.fromJSON,
);
optimizerContract(
  "CmaEs, project",
  (s, p) => new CmaEs({ ...base(s, p), boundHandling: { kind: "project" } }),
  CmaEs.fromJSON,
);
optimizerContract("SepCmaEs", (s, p) => new SepCmaEs(base(s, p)), SepCmaEs.fromJSON);
optimizerContract(
  "CmaEs, margin",
  (s, p) => new CmaEs({ ...base(s, p), margin: { steps: steps(p) } }),
  CmaEs.fromJSON,
);
optimizerContract(
  "SepCmaEs, margin",
  (s, p) => new SepCmaEs({ ...base(s, p), margin: { steps: steps(p) } }),
  SepCmaEs.fromJSON,
);
optimizerContract(
  "CmaEs, LRA",
  (s, p) => new CmaEs({ ...base(s, p), learningRateAdaptation: {} }),
  CmaEs.fromJSON,
);
optimizerContract("CmaEs, warm start", (s, p) => new CmaEs({ ...base(s, p), ...warm(p) }), CmaEs.fromJSON);
optimizerContract(
  "RestartCmaEs, IPOP",
  (s, p) => new RestartCmaEs({ ...base(s, p), termination: { maxEvaluations: 200 } }),
  RestartCmaEs.fromJSON,
);
optimizerContract(
  "RestartCmaEs, BIPOP",
  (s, p) =>
    new RestartCmaEs({ ...base(s, p), restart: { kind: "bipop" }, termination: { maxEvaluations: 200 } }),
  RestartCmaEs.fromJSON,
);
optimizerContract(
  "RestartCmaEs, BIPOP separable with margin",
  (s, p) =>
    new RestartCmaEs({
      ...base(s, p),
      restart: { kind: "bipop" },
      variant: { kind: "separable" },
      margin: { steps: steps(p) },
      termination: { maxEvaluations: 200 },
    }),
  RestartCmaEs.fromJSON,
);
optimizerContract(
  "RestartCmaEs, IPOP with LRA",
  (s, p) =>
    new RestartCmaEs({
      ...base(s, p),
      variant: { kind: "full", learningRateAdaptation: {} },
      termination: { maxEvaluations: 400 },
    }),
  RestartCmaEs.fromJSON,
  { evaluations: 800 }, // LRA is slower on the sphere than the fixed rates (Nomura et al. 2023)
);

describe("the restart lines above", () => {
  it("restart within the contract's round trips (their state holds finished runs)", () => {
    const p: ContractProblem = {
      dim: 4,
      bounds: { lower: new Float64Array(4).fill(-5), upper: new Float64Array(4).fill(5) },
      start: new Float64Array(4),
    };
    const es = new RestartCmaEs({
      ...base(1, p),
      restart: { kind: "bipop" },
      termination: { maxEvaluations: 200 },
    });
    while (es.evaluations < 200) generation(es, sphere);
    expect(es.restarts).toBeGreaterThan(0);
  });
});
