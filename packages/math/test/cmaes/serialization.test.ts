import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CmaEs, type CmaEsOptions, type CmaEsState } from "../../src/cmaes/cma.js";
import { RestartCmaEs, type RestartCmaEsState } from "../../src/cmaes/restart.js";
import { SepCmaEs, type SepCmaEsState } from "../../src/cmaes/sep-cma.js";
import { type AskTell, rastrigin, rosenbrock } from "./helpers.js";

type Variant = "full" | "bounded" | "margin" | "lra" | "sep" | "restart";

function make(variant: Variant, n: number, seed: number): AskTell & { toJSON(): unknown } {
  const mean = new Float64Array(n).fill(0.5);
  const opts: CmaEsOptions = { mean, sigma: 0.8, seed };
  switch (variant) {
    case "full":
      return new CmaEs(opts);
    case "bounded":
      return new CmaEs({
        ...opts,
        bounds: {
          lower: new Float64Array(n).fill(-1),
          upper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
        },
        boundHandling: { kind: "reflect" },
        termination: { tolFun: 1e-11, disabled: ["stagnation"] },
      });
    case "margin":
      return new CmaEs({
        ...opts,
        bounds: { lower: new Float64Array(n).fill(-3), upper: new Float64Array(n).fill(3) },
        margin: { steps: Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0)) },
      });
    case "lra":
      return new CmaEs({ ...opts, learningRateAdaptation: {} });
    case "sep":
      return new SepCmaEs(opts);
    case "restart":
      return new RestartCmaEs({
        ...opts,
        bounds: { lower: new Float64Array(n).fill(-5), upper: new Float64Array(n).fill(5) },
        restart: { kind: "bipop" },
        termination: { maxEvaluations: 60 }, // forces restarts within the test
      });
  }
}

function restore(variant: Variant, json: unknown): AskTell & { toJSON(): unknown } {
  if (variant === "sep") return SepCmaEs.fromJSON(json as SepCmaEsState);
  if (variant === "restart") return RestartCmaEs.fromJSON(json as RestartCmaEsState);
  return CmaEs.fromJSON(json as CmaEsState);
}

function step(es: AskTell, f: (x: Float64Array) => number): Float64Array[] {
  const xs = Array.from({ length: es.populationSize }, () => es.ask());
  es.tell(xs.map((x) => ({ x, value: f(x) })));
  return xs;
}

describe("toJSON / fromJSON", () => {
  it("resumes the exact same stream after a JSON round trip, for every variant (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Variant>("full", "bounded", "margin", "lra", "sep", "restart"),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 1e6 }),
        (variant, n, gens, seed) => {
          const f = (x: Float64Array) => rosenbrock(x) + rastrigin(x);
          const a = make(variant, n, seed);
          for (let g = 0; g < gens; g++) step(a, f);
          const json = JSON.parse(JSON.stringify(a.toJSON()));
          const b = restore(variant, json);
          expect(b.toJSON()).toEqual(a.toJSON());
          for (let g = 0; g < 15; g++) {
            expect(step(b, f)).toEqual(step(a, f));
          }
          expect(b.toJSON()).toEqual(a.toJSON());
        },
      ),
      { numRuns: 60 },
    );
  });

  it("stores only the upper triangle of C, plus C at the last decomposition while that is stale", () => {
    // At n = 100 the lazy rule λ/((c1 + cμ)·n·10) ≈ 20 evaluations skips every other
    // decomposition (λ = 17); at n ≤ ~80 it decomposes every generation.
    const n = 100;
    const es = new CmaEs({ mean: new Float64Array(n).fill(1), sigma: 1, seed: 2 });
    const f = (x: Float64Array) => rosenbrock(x);
    let stale = 0;
    let fresh = 0;
    for (let g = 0; g < 6; g++) {
      step(es, f);
      const s = es.toJSON();
      expect(s.cUpper).toHaveLength((n * (n + 1)) / 2);
      expect(Object.keys(s)).not.toContain("B");
      if (s.cAtEigenUpper === null) fresh++;
      else {
        stale++;
        expect(s.cAtEigenUpper).toHaveLength((n * (n + 1)) / 2);
        // Restoring a stale state resumes the same stream (B, D from the stored old C).
        const b = CmaEs.fromJSON(JSON.parse(JSON.stringify(s)));
        const c = CmaEs.fromJSON(JSON.parse(JSON.stringify(s)));
        expect(step(b, f)).toEqual(step(c, f));
        expect(Array.from(CmaEs.fromJSON(s).ask())).toEqual(Array.from(es.ask()));
      }
    }
    expect(stale).toBe(3);
    expect(fresh).toBe(3);
  });

  it("resumes a stale-eigendecomposition state exactly (n = 100)", () => {
    const n = 100;
    const f = (x: Float64Array) => rosenbrock(x);
    const a = new CmaEs({ mean: new Float64Array(n).fill(1), sigma: 1, seed: 4 });
    step(a, f); // one generation: stale
    const s = JSON.parse(JSON.stringify(a.toJSON()));
    expect(s.cAtEigenUpper).not.toBeNull();
    const b = CmaEs.fromJSON(s);
    for (let g = 0; g < 4; g++) expect(step(b, f)).toEqual(step(a, f));
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it("writes infinite bounds as null and reads them back", () => {
    const es = new CmaEs({
      mean: [0, 0],
      sigma: 1,
      bounds: { lower: [Number.NEGATIVE_INFINITY, -1], upper: [2, Number.POSITIVE_INFINITY] },
    });
    const s = JSON.parse(JSON.stringify(es.toJSON()));
    expect(s.bounds).toEqual({ lower: [null, -1], upper: [2, null] });
    expect(s.termination.maxEvaluations).toBeNull();
    expect(CmaEs.fromJSON(s).toJSON()).toEqual(es.toJSON());
  });

  it("restores a state whose mean sits on (or a rounding step past) a bound", () => {
    // With projection every candidate of this run lands on the upper bound 0, so the mean is
    // a convex combination of points on the bound.
    const es = new CmaEs({
      mean: [0, 0],
      sigma: 1,
      seed: 3,
      bounds: { lower: [-1e-3, -1e-3], upper: [0, 0] },
      boundHandling: { kind: "project" },
    });
    for (let g = 0; g < 20; g++) step(es, (x) => -x[0]! - x[1]!);
    const s = JSON.parse(JSON.stringify(es.toJSON()));
    s.mean = [1e-17, 0]; // one rounding step outside the box
    const b = CmaEs.fromJSON(s);
    expect(Array.from(b.mean)).toEqual([1e-17, 0]);
  });

  it("rejects records of another kind or version and malformed fields", () => {
    const s = new CmaEs({ mean: [0, 0, 0], sigma: 1 }).toJSON();
    expect(() => CmaEs.fromJSON({ ...s, kind: "sep-cmaes" } as never)).toThrow(/kind "cmaes"/);
    expect(() => CmaEs.fromJSON({ ...s, version: 2 } as never)).toThrow(/version-1/);
    expect(() => CmaEs.fromJSON({ ...s, cUpper: [1, 2] })).toThrow(/must have 6 entries/);
    expect(() => CmaEs.fromJSON({ ...s, cUpper: [1, 0, 0, 1, 0, Number.NaN] })).toThrow(/not finite/);
    expect(() => CmaEs.fromJSON({ ...s, pc: [0] })).toThrow(/state.pc must have length 3/);
    expect(() => CmaEs.fromJSON(null as never)).toThrow(/kind "cmaes"/);
    const sep = new SepCmaEs({ mean: [0, 0], sigma: 1 }).toJSON();
    expect(() => SepCmaEs.fromJSON({ ...sep, diagC: [1, -1] })).toThrow(/diagC\[1\] must be > 0/);
    expect(() => SepCmaEs.fromJSON(s as never)).toThrow(/kind "sep-cmaes"/);
    expect(() => RestartCmaEs.fromJSON(s as never)).toThrow(/restart-cmaes/);
  });
});
