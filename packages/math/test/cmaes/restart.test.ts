import { describe, expect, it } from "vitest";
import { RestartCmaEs, type RestartCmaEsOptions } from "../../src/cmaes/restart.js";
import { generation, rastrigin, sphere } from "./helpers.js";

const box = (n: number, lo: number, hi: number) => ({
  lower: new Float64Array(n).fill(lo),
  upper: new Float64Array(n).fill(hi),
});

describe("RestartCmaEs", () => {
  it("BIPOP solves the 10-D Rastrigin function to f < 1e-8", () => {
    const n = 10;
    const es = new RestartCmaEs({
      mean: new Float64Array(n).fill(1),
      sigma: 2,
      seed: 1,
      bounds: box(n, -5, 5),
      restart: { kind: "bipop" },
    });
    let evals = 0;
    let hit: number | null = null;
    while (hit === null && evals < 1e6) {
      const xs = Array.from({ length: es.populationSize }, () => es.ask());
      const values = xs.map(rastrigin);
      for (const v of values) {
        evals++;
        if (v < 1e-8 && hit === null) hit = evals;
      }
      es.tell(xs.map((x, k) => ({ x, value: values[k]! })));
    }
    console.log(
      `BIPOP, 10-D Rastrigin: f < 1e-8 after ${hit} evaluations, ${es.restarts} restarts (${es.runs.map((r) => `${r.regime[0]}${r.populationSize}`).join(" ")})`,
    );
    expect(hit).not.toBeNull();
    expect(es.best!.value).toBeLessThan(1e-8);
    expect(es.runs.some((r) => r.regime === "small")).toBe(true);
  });

  it("IPOP doubles λ at each restart and BIPOP's small runs stay within [λ_def, λ_l/2] and [σ₀/100, σ₀]", () => {
    const n = 4;
    const ipop = new RestartCmaEs({
      mean: [1, 1, 1, 1],
      sigma: 2,
      seed: 2,
      bounds: box(n, -5, 5),
      termination: { maxEvaluations: 200 },
    });
    while (ipop.restarts < 4) generation(ipop, rastrigin);
    expect(ipop.runs.map((r) => r.populationSize)).toEqual([8, 16, 32, 64]);
    expect(ipop.populationSize).toBe(128);
    expect(ipop.runs.every((r) => r.reason.kind === "maxEvaluations" && r.regime === "large")).toBe(true);

    const bipop = new RestartCmaEs({
      mean: [1, 1, 1, 1],
      sigma: 2,
      seed: 3,
      bounds: box(n, -5, 5),
      restart: { kind: "bipop" },
      termination: { maxEvaluations: 400 },
    });
    while (bipop.restarts < 12) generation(bipop, rastrigin);
    let largest = 8;
    for (const r of bipop.runs) {
      if (r.regime === "large") {
        largest = r.populationSize;
        expect(r.sigma).toBe(2);
      } else {
        expect(r.populationSize).toBeGreaterThanOrEqual(8);
        expect(r.populationSize).toBeLessThanOrEqual(Math.max(8, largest / 2));
        expect(r.sigma).toBeGreaterThanOrEqual(0.02);
        expect(r.sigma).toBeLessThanOrEqual(2);
      }
    }
    expect(bipop.runs[0]!.regime).toBe("large");
    expect(bipop.runs[1]!.regime).toBe("large"); // the first restart is large
    expect(bipop.runs.filter((r) => r.regime === "small").length).toBeGreaterThan(2);
    expect(bipop.evaluations).toBe(
      bipop.runs.reduce((a, r) => a + r.evaluations, 0) + bipop.current.evaluations,
    );
  });

  it("stops after maxRestarts and counts generations over all runs", () => {
    const es = new RestartCmaEs({
      mean: [1, 1, 1],
      sigma: 1,
      seed: 4,
      restart: { kind: "ipop", maxRestarts: 1 },
    });
    let g = 0;
    while (!es.shouldStop() && g++ < 10_000) generation(es, sphere);
    expect(es.restarts).toBe(1);
    expect(es.terminationReason()).not.toBeNull();
    expect(es.generation).toBe(g);
    expect(es.best!.value).toBeLessThan(1e-10);
  });

  it("restarts from the initial mean without finite bounds, and runs the separable variant", () => {
    const es = new RestartCmaEs({
      mean: [2, 2],
      sigma: 1,
      seed: 5,
      variant: { kind: "separable" },
      termination: { maxEvaluations: 30 },
    });
    expect(es.current.constructor.name).toBe("SepCmaEs");
    while (es.restarts < 1) generation(es, sphere);
    expect(Array.from(es.current.mean)).toEqual([2, 2]);
    expect(es.current.constructor.name).toBe("SepCmaEs");
  });

  it("records the best solution as evaluated (encoded) under margin", () => {
    const es = new RestartCmaEs({
      mean: [1, 1],
      sigma: 1,
      seed: 6,
      bounds: box(2, 0, 4),
      margin: { steps: [1, 0] },
      termination: { maxEvaluations: 60 },
    });
    for (let g = 0; g < 30; g++) {
      const xs = Array.from({ length: es.populationSize }, () => es.ask());
      es.tell(xs.map((x) => ({ x, value: sphere(es.encode(x).map((v) => v - 2)) })));
    }
    expect(Number.isInteger(es.best!.x[0])).toBe(true);
    expect(es.restarts).toBeGreaterThan(0);
  });

  it("rejects malformed variant and restart records, with errors naming the option", () => {
    const o = { mean: [0, 0], sigma: 1 };
    const bad: [unknown, RegExp][] = [
      [
        { restart: { kind: "xpop" } },
        /RestartCmaEs: restart.kind must be "none", "ipop" or "bipop", got "xpop"/,
      ],
      [
        { restart: { kind: "none" } },
        /restart.kind must be "ipop" or "bipop" \(a single run is CmaEs or SepCmaEs\)/,
      ],
      [{ restart: "bipop" }, /restart must be a record/],
      [
        { restart: { kind: "ipop", popSizeFactor: 1 } },
        /restart.popSizeFactor must be a finite number > 1, got 1/,
      ],
      [
        { restart: { kind: "bipop", maxRestarts: -1 } },
        /restart.maxRestarts must be an integer >= 0 or Infinity/,
      ],
      [{ restart: { kind: "ipop", maxRestarts: 1.5 } }, /restart.maxRestarts/],
      [
        { restart: { kind: "ipop", restartMean: "centre" } },
        /restart.restartMean must be "uniform" or "initial"/,
      ],
      [
        { restart: { kind: "ipop", restartMean: "uniform" } },
        /restart.restartMean "uniform" needs finite bounds/,
      ],
      [{ variant: { kind: "diagonal" } }, /variant.kind must be "full" or "separable", got "diagonal"/],
      [{ variant: "separable" }, /variant must be \{ kind: "full" \} or \{ kind: "separable" \}/],
      [
        { variant: { kind: "separable", learningRateAdaptation: {} } },
        /variant.learningRateAdaptation is only available with \{ kind: "full" \}/,
      ],
      [
        { variant: { kind: "full", learningRateAdaptation: true } },
        /variant.learningRateAdaptation must be a record/,
      ],
      [
        { variant: { kind: "full", learningRateAdaptation: { gamma: 0 } } },
        /variant.learningRateAdaptation.gamma must be a finite number > 0/,
      ],
      [{ variant: { kind: "separable" }, cov: [1, 0, 0, 1] }, /cov needs variant \{ kind: "full" \}/],
      [{ sigma: 0 }, /sigma must be/],
      // Options of earlier versions say where they went instead of being ignored.
      [
        { strategy: { kind: "bipop" } },
        /the option strategy has moved: pass restart: \{ kind, popSizeFactor \}/,
      ],
      [{ separable: true }, /the option separable has moved: pass variant: \{ kind: "separable" \}/],
      [{ maxRestarts: 2 }, /the option maxRestarts has moved/],
      [{ restartMean: "initial" }, /the option restartMean has moved/],
      [
        { learningRateAdaptation: {} },
        /the option learningRateAdaptation has moved: pass variant: \{ kind: "full", learningRateAdaptation \}/,
      ],
    ];
    for (const [patch, re] of bad) {
      expect(() => new RestartCmaEs({ ...o, ...(patch as object) } as RestartCmaEsOptions)).toThrow(re);
    }
  });

  it("does not type-check the combinations the records rule out (type test, checked by tsc)", () => {
    const o = { mean: [0, 0], sigma: 1 };
    const written: RestartCmaEsOptions[] = [
      { ...o, variant: { kind: "full", learningRateAdaptation: {} }, cov: [1, 0, 0, 1] },
      { ...o, variant: { kind: "separable" }, restart: { kind: "bipop", maxRestarts: 3 } },
      // @ts-expect-error: the separable CMA-ES starts from C = I
      { ...o, variant: { kind: "separable" }, cov: [1, 0, 0, 1] },
      // @ts-expect-error: learning-rate adaptation belongs to the full variant
      { ...o, variant: { kind: "separable", learningRateAdaptation: {} } },
      // @ts-expect-error: a single run is CmaEs or SepCmaEs
      { ...o, restart: { kind: "none" } },
    ];
    expect(written).toHaveLength(5);
  });
});
