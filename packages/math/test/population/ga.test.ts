import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GeneticAlgorithm, gaComparison, gaSurvive } from "../../src/population/ga/index.js";
import { Rng } from "../../src/random/rng.js";
import { optimizerContract } from "../../src/testing/index.js";

optimizerContract(
  "GeneticAlgorithm",
  (seed, p) => new GeneticAlgorithm({ bounds: p.bounds, seed, populationSize: 20 }),
  GeneticAlgorithm.fromJSON,
);
optimizerContract(
  "GeneticAlgorithm (tournament survival, BLX-α, uniform mutation, λ = 8)",
  (seed, p) =>
    new GeneticAlgorithm({
      bounds: p.bounds,
      seed,
      populationSize: 16,
      offspring: 8,
      crossover: { kind: "blx-alpha" },
      mutation: { kind: "uniform" },
      survival: { kind: "tournament", size: 3 },
    }),
  GeneticAlgorithm.fromJSON,
);

const sphere = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! ** 2;
  return s;
};

describe("gaSurvive", () => {
  const rng = Rng.fromSeed(1);
  it("elitist: keeps the μ lowest values, best first, ties to the lower index", () => {
    expect(Array.from(gaSurvive([3, 1, 2, 1, 5], 3, { kind: "elitist" }, rng))).toEqual([1, 3, 2]);
    expect(Array.from(gaSurvive([3, 1], 5, { kind: "elitist" }, rng))).toEqual([1, 0]);
  });

  it("elitist: feasible first, infeasible by total violation (Deb 2000)", () => {
    const values = [0, 1, 2, 3];
    const violation = [2, 0, 0.5, -1];
    expect(Array.from(gaSurvive(values, 4, { kind: "elitist" }, rng, violation))).toEqual([1, 3, 2, 0]);
  });

  it("elitist never keeps a worse member in place of a better one (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.nat(45),
        (values, size) => {
          const kept = gaSurvive(values, size, { kind: "elitist" }, rng);
          expect(kept.length).toBe(Math.min(size, values.length));
          const worstKept = Math.max(...Array.from(kept, (k) => values[k]!));
          const set = new Set(kept);
          values.forEach((v, i) => {
            if (!set.has(i)) expect(v).toBeGreaterThanOrEqual(worstKept);
          });
        },
      ),
    );
  });

  it("tournament: μ distinct survivors, deterministic per generator, favouring better members", () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    const a = gaSurvive(values, 10, { kind: "tournament" }, Rng.fromSeed(3));
    expect(new Set(a).size).toBe(10);
    expect(gaSurvive(values, 10, { kind: "tournament" }, Rng.fromSeed(3))).toEqual(a);
    // Over many draws the mean survivor is better than the pool's mean (9.5).
    const r = Rng.fromSeed(5);
    let sum = 0;
    for (let t = 0; t < 200; t++)
      for (const k of gaSurvive(values, 10, { kind: "tournament", size: 2 }, r)) sum += k;
    expect(sum / 2000).toBeLessThan(8);
  });

  it("tournament of the whole pool keeps the best members first", () => {
    expect(Array.from(gaSurvive([4, 2, 9], 2, { kind: "tournament", size: 3 }, Rng.fromSeed(1)))).toEqual([
      1, 0,
    ]);
  });

  it("refuses bad input with one-line errors", () => {
    expect(() => gaSurvive([Number.NaN], 1, { kind: "elitist" }, rng)).toThrow(
      /gaSurvive: values\[0\] must not be NaN/,
    );
    expect(() => gaSurvive([1], -1, { kind: "elitist" }, rng)).toThrow(
      /size must be a non-negative integer, got -1/,
    );
    expect(() => gaSurvive([1], 1, { kind: "tournament", size: 1 }, rng)).toThrow(
      /survival.size must be an integer >= 2, got 1/,
    );
    expect(() => gaSurvive([1], 1, { kind: "nope" } as never, rng)).toThrow(
      /survival.kind must be "elitist" or "tournament"/,
    );
    expect(() => gaSurvive([1, 2], 1, { kind: "elitist" }, rng, [0])).toThrow(
      /violation must have 2 entries, got 1/,
    );
  });

  it("gaComparison: lower value wins; with violations, feasibility first", () => {
    expect(gaComparison([1, 2], null)(0, 1)).toBe(true);
    expect(gaComparison([1, 2], [1, 0])(1, 0)).toBe(true);
    expect(gaComparison([1, 2], [0, -3])(0, 1)).toBe(true);
  });
});

describe("GeneticAlgorithm", () => {
  it("reaches below 1e-3 on the 5-D sphere over [-5, 5]^5 in 3,000 evaluations (seeds 1-5, defaults)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const ga = new GeneticAlgorithm({
        bounds: { lower: Array(5).fill(-5), upper: Array(5).fill(5) },
        seed,
      });
      let told = 0;
      while (told < 3000) {
        const xs = Array.from({ length: ga.populationSize }, () => ga.ask());
        ga.tell(xs.map((x) => ({ x, value: sphere(x) })));
        told += xs.length;
      }
      expect(ga.best()!.value, `seed ${seed}`).toBeLessThan(1e-3);
    }
  });

  it("drops failures and keeps drawing uniformly while the population is empty", () => {
    const ga = new GeneticAlgorithm({
      bounds: { lower: [0], upper: [1] },
      populationSize: 3,
      offspring: 2,
      seed: 1,
    });
    ga.tell([0, 1, 2].map(() => ({ x: [0.5], value: Number.POSITIVE_INFINITY })));
    expect(ga.best()).toBeNull();
    expect(ga.populationSize).toBe(3);
    ga.tell([
      { x: [0.1], value: 1 },
      { x: [0.2], value: Number.POSITIVE_INFINITY },
      { x: [0.3], value: 3 },
    ]);
    expect(ga.populationSize).toBe(2);
    expect(ga.best()!.value).toBe(1);
  });

  it("refuses bad options with one-line errors naming them", () => {
    const bounds = { lower: [0], upper: [1] };
    expect(() => new GeneticAlgorithm({ bounds, populationSize: 1 })).toThrow(
      /populationSize must be an integer >= max\(2/,
    );
    expect(() => new GeneticAlgorithm({ bounds, populationSize: 2, crossover: { kind: "undx" } })).toThrow(
      /3 parents/,
    );
    expect(() => new GeneticAlgorithm({ bounds, offspring: 0 })).toThrow(
      /offspring must be an integer >= 1, got 0/,
    );
    expect(() => new GeneticAlgorithm({ bounds, crossoverProb: 2 })).toThrow(
      /crossoverProb must be a number in \[0, 1\], got 2/,
    );
    expect(() => new GeneticAlgorithm({ bounds, mutationProb: -1 })).toThrow(
      /mutationProb must be a number in \[0, 1\]/,
    );
    expect(() => new GeneticAlgorithm({ bounds, mutation: { kind: "gauss" } as never })).toThrow(
      /mutation.kind must be/,
    );
    expect(() => new GeneticAlgorithm({ bounds, survival: { kind: "tournament", size: 0 } })).toThrow(
      /survival.size/,
    );
    expect(() => new GeneticAlgorithm({ bounds: { lower: [1], upper: [0] } })).toThrow(
      /bounds\[0\] needs finite lower <= upper/,
    );
    expect(() => new GeneticAlgorithm({ bounds, seed: 1.5 })).toThrow(/seed must be a safe integer/);
    expect(() => GeneticAlgorithm.fromJSON({ version: 9 } as never)).toThrow(/version-1 state/);
  });
});
