import { describe, expect, it } from "vitest";
import {
  DifferentialEvolution,
  initialDeState,
  nextDeGeneration,
  proposeDeTrial,
  type ResolvedDeStrategy,
} from "../../src/population/index.js";
import { Rng } from "../../src/random/index.js";
import { optimizerContract } from "../../src/testing/index.js";

const shade: ResolvedDeStrategy = { kind: "shade", memorySize: 4, pMax: 0.2, archiveSize: 4 };
const box = { lower: [0, 0], upper: [1, 1] };

optimizerContract(
  "DifferentialEvolution, SHADE",
  (seed, p) => new DifferentialEvolution({ bounds: p.bounds, populationSize: 20, seed }),
  DifferentialEvolution.fromJSON,
  { exactBatch: false },
);
optimizerContract(
  "DifferentialEvolution, rand/1/bin",
  (seed, p) =>
    new DifferentialEvolution({ bounds: p.bounds, populationSize: 20, strategy: { kind: "rand1bin" }, seed }),
  DifferentialEvolution.fromJSON,
  { exactBatch: false },
);

/** A 2-D sphere about 0.3, 5-D Rosenbrock on [−2, 2]^5 mapped from [0, 1]^5. */
const sphere = (x: Float64Array) => x.reduce((s, v) => s + (v - 0.3) ** 2, 0);
const rosenbrock = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = 4 * x[i]! - 2;
    const b = 4 * x[i + 1]! - 2;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
};
function bestAfter(o: DifferentialEvolution, f: (x: Float64Array) => number, evaluations: number): number {
  for (let i = 0; i < evaluations; i++) {
    const x = o.ask();
    o.tell([{ x, value: f(x) }]);
  }
  return o.best!.value;
}

describe("DifferentialEvolution converges (5-D, seeds 1-3, 5,000 evaluations)", () => {
  for (const seed of [1, 2, 3]) {
    it(`SHADE (NP = 30): sphere < 1e-12, Rosenbrock < 0.01; seed ${seed}`, () => {
      expect(
        bestAfter(new DifferentialEvolution({ dim: 5, populationSize: 30, seed }), sphere, 5000),
      ).toBeLessThan(1e-12);
      expect(
        bestAfter(new DifferentialEvolution({ dim: 5, populationSize: 30, seed }), rosenbrock, 5000),
      ).toBeLessThan(0.01);
    });
    it(`rand/1/bin (F = 0.5, CR = 0.9, NP = 50): sphere < 1e-8, Rosenbrock < 1; seed ${seed}`, () => {
      const make = () => new DifferentialEvolution({ dim: 5, strategy: { kind: "rand1bin" }, seed });
      expect(bestAfter(make(), sphere, 5000)).toBeLessThan(1e-8);
      expect(bestAfter(make(), rosenbrock, 5000)).toBeLessThan(1);
    });
  }
});

describe("proposeDeTrial / nextDeGeneration", () => {
  const pop = [
    { x: [0.1, 0.1], value: 1, id: 0 },
    { x: [0.2, 0.9], value: 2, id: 1 },
    { x: [0.8, 0.4], value: 3, id: 2 },
    { x: [0.6, 0.6], value: 4, id: 3 },
  ];
  const state = { ...initialDeState(shade), generation: 1, population: pop };

  it("generation 0 draws uniform points of the box, with no CR or F", () => {
    const t = proposeDeTrial(initialDeState(shade), 0, { lower: [2], upper: [3] }, shade, Rng.fromSeed(1));
    expect(t.x[0]).toBeGreaterThanOrEqual(2);
    expect(t.x[0]).toBeLessThan(3);
    expect(t.cr).toBeNaN();
  });

  it("a trial vector shares at least one coordinate with its mutant and the rest with its target, inside the box", () => {
    const rng = Rng.fromSeed(4);
    for (let k = 0; k < 200; k++) {
      const t = proposeDeTrial(state, k % 4, box, shade, rng);
      expect(t.cr).toBeGreaterThanOrEqual(0);
      expect(t.f).toBeGreaterThan(0);
      for (const v of t.x) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it("generation 0 → 1 keeps the NP best results", () => {
    const results = [5, 1, 4, 2, 3].map((value, k) => ({
      slot: k % 4,
      x: [k / 10, 0],
      value,
      cr: NaN,
      f: NaN,
      id: k,
    }));
    const next = nextDeGeneration(initialDeState(shade), results, 4, shade, Rng.fromSeed(1));
    expect(next.generation).toBe(1);
    expect(next.population.map((m) => m.id)).toEqual([1, 3, 4, 2]);
    expect(() =>
      nextDeGeneration(initialDeState(shade), results.slice(0, 3), 4, shade, Rng.fromSeed(1)),
    ).toThrow(/generation 0 needs 4 results/);
  });

  it("selection: the best trial of a slot replaces its target when not worse; SHADE archives and learns from strict successes", () => {
    const results = [
      { slot: 0, x: [0.15, 0.1], value: 1, cr: 0.1, f: 0.2, id: 10 }, // tie: replaces, no success
      { slot: 1, x: [0.3, 0.8], value: 1.5, cr: 0.3, f: 0.4, id: 11 }, // Δf = 0.5
      { slot: 1, x: [0.3, 0.7], value: 1.8, cr: 0.9, f: 0.9, id: 12 }, // beaten by id 11
      { slot: 2, x: [0.7, 0.4], value: 5, cr: 0.5, f: 0.5, id: 13 }, // worse: rejected
      { slot: 3, x: [0.5, 0.5], value: 2.5, cr: 0.7, f: 0.6, id: 14 }, // Δf = 1.5
    ];
    const next = nextDeGeneration(state, results, 4, shade, Rng.fromSeed(1));
    expect(next.population.map((m) => m.id)).toEqual([10, 11, 2, 14]);
    expect(next.archive.map((m) => m.id)).toEqual([1, 3]);
    // w = (0.25, 0.75): M_CR = 0.25·0.3 + 0.75·0.7, M_F = (0.25·0.16 + 0.75·0.36) / (0.25·0.4 + 0.75·0.6).
    expect(next.memory!.cr[0]).toBeCloseTo(0.6, 14);
    expect(next.memory!.f[0]).toBeCloseTo(0.31 / 0.55, 14);
    expect(next.memory!.k).toBe(1);
  });

  it("the archive is cut back to its size by random removals", () => {
    const small: ResolvedDeStrategy = { ...shade, archiveSize: 1 } as ResolvedDeStrategy;
    const results = pop.map((m, i) => ({
      slot: i,
      x: m.x,
      value: m.value - 0.5,
      cr: 0.5,
      f: 0.5,
      id: 20 + i,
    }));
    const next = nextDeGeneration(state, results, 4, small, Rng.fromSeed(2));
    expect(next.archive.length).toBe(1);
    expect([0, 1, 2, 3]).toContain(next.archive[0]!.id);
  });
});

describe("DifferentialEvolution ask/tell", () => {
  it("asks NP points per generation, one per slot; the generation advances after NP tells", () => {
    const de = new DifferentialEvolution({ dim: 2, populationSize: 5, seed: 1 });
    const xs = Array.from({ length: 5 }, () => de.ask());
    de.tell(xs.map((x) => ({ x, value: sphere(x) })));
    expect(de.generation).toBe(1);
    expect(de.current.population.length).toBe(5);
  });

  it("a failed point is dropped and its slot is asked again; the generation waits for NP results", () => {
    const de = new DifferentialEvolution({ dim: 2, populationSize: 4, seed: 2 });
    const first = Array.from({ length: 4 }, () => de.ask());
    de.tell(first.map((x) => ({ x, value: sphere(x) })));
    const xs = Array.from({ length: 4 }, () => de.ask());
    de.fail(xs[2]!);
    de.tell([0, 1, 3].map((k) => ({ x: xs[k]!, value: sphere(xs[k]!) })));
    expect(de.generation).toBe(1);
    const again = de.ask();
    const state = de.toJSON();
    expect(state.book.pending.map((p) => p.slot)).toEqual([2]);
    de.tell([{ x: again, value: sphere(again) }]);
    expect(de.generation).toBe(2);
    expect(() => de.fail(again)).toThrow(RangeError);
  });

  it("tell refuses NaN and points never asked, naming fail(x)", () => {
    const de = new DifferentialEvolution({ dim: 2, populationSize: 4, seed: 3 });
    const x = de.ask();
    expect(() => de.tell([{ x, value: Number.NaN }])).toThrow(/fail\(x\)/);
    expect(() => de.tell([{ x: [0.5, 0.5], value: 1 }])).toThrow(/not a pending point/);
    de.tell([{ x: Array.from(x), value: 1 }]); // matched by coordinates
  });

  it("more asks than NP (asynchronous workers) give each slot a second trial vector; stragglers still count", () => {
    const de = new DifferentialEvolution({ dim: 2, populationSize: 4, seed: 4 });
    const init = Array.from({ length: 4 }, () => de.ask());
    de.tell(init.map((x) => ({ x, value: sphere(x) })));
    const xs = Array.from({ length: 6 }, () => de.ask());
    const slots = de.toJSON().book.pending.map((p) => p.slot);
    expect(slots).toEqual([0, 1, 2, 3, 0, 1]);
    de.tell(xs.slice(0, 4).map((x) => ({ x, value: sphere(x) })));
    expect(de.generation).toBe(2);
    // A straggler of generation 1 with the best value so far replaces its slot's member.
    de.tell([{ x: xs[4]!, value: -1 }]);
    expect(de.current.population[0]!.value).toBe(-1);
  });

  it("±Infinity values are taken as ±MAX_VALUE (the state stays JSON)", () => {
    const de = new DifferentialEvolution({ dim: 1, populationSize: 4, seed: 5 });
    const xs = Array.from({ length: 4 }, () => de.ask());
    de.tell(xs.map((x, i) => ({ x, value: i === 0 ? Infinity : i })));
    expect(de.current.population.at(-1)!.value).toBe(Number.MAX_VALUE);
    expect(JSON.parse(JSON.stringify(de.toJSON()))).toStrictEqual(de.toJSON());
  });

  it("refuses bad options with the option and its range", () => {
    expect(() => new DifferentialEvolution({ seed: 1 })).toThrow(/give dim/);
    expect(() => new DifferentialEvolution({ dim: 2, populationSize: 3, seed: 1 })).toThrow(
      "DifferentialEvolution: populationSize must be an integer >= 4, got 3",
    );
    expect(
      () => new DifferentialEvolution({ dim: 2, strategy: { kind: "rand1bin", f: 0 }, seed: 1 }),
    ).toThrow("DifferentialEvolution: strategy.f must be a number in (0, 2], got 0");
    expect(
      () => new DifferentialEvolution({ dim: 2, strategy: { kind: "rand1bin", cr: 1.5 }, seed: 1 }),
    ).toThrow(/strategy.cr must be a number in \[0, 1\]/);
    expect(
      () => new DifferentialEvolution({ dim: 2, strategy: { kind: "shade", pMax: 0 }, seed: 1 }),
    ).toThrow(/strategy.pMax/);
    expect(
      () => new DifferentialEvolution({ dim: 2, strategy: { kind: "shade", memorySize: 0 }, seed: 1 }),
    ).toThrow(/strategy.memorySize/);
    expect(() => new DifferentialEvolution({ bounds: { lower: [0], upper: [0] }, seed: 1 })).toThrow(
      /lower < upper/,
    );
    expect(() => new DifferentialEvolution({ dim: 2, seed: 1.5 })).toThrow(/seed must be a safe integer/);
    expect(() => new DifferentialEvolution({ dim: 2, seed: 1, popSize: 3 } as never)).toThrow(
      /unknown option popSize/,
    );
  });
});
