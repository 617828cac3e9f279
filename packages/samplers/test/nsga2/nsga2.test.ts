import { sbxCrossover } from "@tunelab/math/genetic";
import { hypervolume } from "@tunelab/math/pareto";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type Sampler,
  type Study,
  type StudyDirection,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import {
  NSGA2_KEYS,
  NsgaIISampler,
  type NsgaIISamplerOptions,
  type ParentsRecord,
} from "../../src/nsga2/index.js";
import { RandomSampler } from "../../src/random/random.js";

// Uniform crossover (the default) only recombines values, so a population of 10 gives the
// contract's 40 trials enough distinct floats.
samplerContract("NsgaIISampler", (seed) => new NsgaIISampler({ seed, populationSize: 10 }));
samplerContract(
  "NsgaIISampler (SBX, polynomial-free, mutationProb 0.3)",
  (seed) => new NsgaIISampler({ seed, populationSize: 5, crossover: { kind: "sbx" }, mutationProb: 0.3 }),
);
samplerContract(
  "NsgaIISampler (UNDX)",
  (seed) => new NsgaIISampler({ seed, populationSize: 6, crossover: { kind: "undx" } }),
);

async function run(
  sampler: Sampler,
  objective: (t: Trial) => number | number[] | Promise<number | number[]>,
  nTrials: number,
  directions: StudyDirection[] = ["minimize", "minimize"],
): Promise<Study> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler, directions });
  await study.optimize(objective, { nTrials });
  return study;
}

/** ZDT1 (Zitzler, Deb and Thiele 2000) with n variables in [0, 1]. */
function zdt1(n: number): (t: Trial) => number[] {
  return (t) => {
    const x = Array.from({ length: n }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
    const f1 = x[0]!;
    let s = 0;
    for (let i = 1; i < n; i++) s += x[i]!;
    const g = 1 + (9 * s) / (n - 1);
    return [f1, g * (1 - Math.sqrt(f1 / g))];
  };
}

function hv(study: Study, ref: number[]): number {
  const pts = study.getTrials({ states: ["COMPLETE"] }).flatMap((t) => t.values as number[]);
  return hypervolume(Float64Array.from(pts), 2, ref);
}

const gen = (t: FrozenTrial): number => t.systemAttrs[NSGA2_KEYS.generation] as number;

describe("NsgaIISampler", () => {
  it("is deterministic for a seed", async () => {
    const a = await run(new NsgaIISampler({ seed: 3, populationSize: 8 }), zdt1(5), 40);
    const b = await run(new NsgaIISampler({ seed: 3, populationSize: 8 }), zdt1(5), 40);
    const c = await run(new NsgaIISampler({ seed: 4, populationSize: 8 }), zdt1(5), 40);
    const params = (s: Study) => s.getTrials().map((t) => t.params);
    expect(params(a)).toEqual(params(b));
    expect(params(a)).not.toEqual(params(c));
  });

  it("numbers generations by populationSize COMPLETE trials and stores each generation's parents", async () => {
    const study = await run(new NsgaIISampler({ seed: 1, populationSize: 10 }), zdt1(4), 35);
    const trials = study.getTrials();
    expect(trials.map(gen)).toEqual(Array.from({ length: 35 }, (_, i) => Math.floor(i / 10)));
    // Generation 0 equals what RandomSampler with the same seed draws (independent sampling).
    const random = await run(new RandomSampler({ seed: 1 }), zdt1(4), 10);
    expect(trials.slice(0, 10).map((t) => t.params)).toEqual(random.getTrials().map((t) => t.params));
    // The first trial of each later generation holds its parents: the elite of the previous
    // generation and its parents.
    for (const g of [1, 2, 3]) {
      const holder = trials[10 * g]!;
      const rec = holder.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord;
      expect(rec.generation).toBe(g);
      expect(rec.trials).toHaveLength(10);
      for (const k of rec.trials) expect(k).toBeLessThan(10 * g);
      if (g >= 2) {
        const prev = trials[10 * (g - 1)]!.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord;
        const pool = new Set([...prev.trials, ...Array.from({ length: 10 }, (_, i) => 10 * (g - 1) + i)]);
        for (const k of rec.trials) expect(pool.has(k)).toBe(true);
      }
    }
  });

  it("breeds later generations from their parents: uniform crossover children take every value from a parent", async () => {
    const study = await run(
      new NsgaIISampler({ seed: 2, populationSize: 10, crossoverProb: 1, mutationProb: 0 }),
      zdt1(6),
      30,
    );
    const trials = study.getTrials();
    for (let i = 10; i < 30; i++) {
      const g = gen(trials[i]!);
      const rec = trials[10 * g]!.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord;
      const parents = rec.trials.map((k) => trials[k]!);
      for (const [name, v] of Object.entries(trials[i]!.params)) {
        expect(parents.some((p) => p.params[name] === v)).toBe(true);
      }
    }
  });

  it("parents are the survivors: rank-0 trials of the pool are kept", async () => {
    const study = await run(new NsgaIISampler({ seed: 5, populationSize: 10 }), zdt1(3), 20);
    const trials = study.getTrials();
    const rec = trials[10]!.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord;
    const firstGen = trials.slice(0, 10);
    // The parents of generation 1 are all of generation 0 (pool of exactly populationSize).
    expect([...rec.trials].sort((a, b) => a - b)).toEqual(firstGen.map((t) => t.number));
    const rec2 = trials[20 - 10];
    expect(rec2).toBeDefined();
  });

  it("beats random search on ZDT1 (30 variables) after a few generations (hypervolume)", async () => {
    const ref = [1.1, 11];
    const options: NsgaIISamplerOptions = { populationSize: 40, crossover: { kind: "sbx" }, seed: 11 };
    const nsga = await run(new NsgaIISampler(options), zdt1(30), 600);
    const random = await run(new RandomSampler({ seed: 11 }), zdt1(30), 600);
    const a = hv(nsga, ref);
    const b = hv(random, ref);
    expect(a).toBeGreaterThan(b * 1.1);
  });

  it("works with one objective (maximize) and improves over the first generation", async () => {
    const study = await run(
      new NsgaIISampler({ seed: 7, populationSize: 20, crossover: { kind: "blx-alpha" } }),
      (t) => -((t.suggestFloat("x", -5, 5) - 1) ** 2) - (t.suggestFloat("y", -5, 5) + 2) ** 2,
      200,
      ["maximize"],
    );
    const values = study.getTrials().map((t) => t.value!);
    const bestFirst = Math.max(...values.slice(0, 20));
    expect(Math.max(...values)).toBeGreaterThan(bestFirst);
    expect(Math.max(...values)).toBeGreaterThan(-0.1);
  });

  it("ignores FAIL and PRUNED trials: they fill no generation and are never parents", async () => {
    let calls = 0;
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new NsgaIISampler({ seed: 1, populationSize: 5 }),
      directions: ["minimize"],
    });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        calls++;
        if (calls % 3 === 0) throw new TrialPruned();
        if (calls % 7 === 0) throw new Error("boom");
        return x;
      },
      { nTrials: 40, catch: [Error] },
    );
    const trials = study.getTrials();
    const bad = new Set(trials.filter((t) => t.state !== "COMPLETE").map((t) => t.number));
    expect(bad.size).toBeGreaterThan(0);
    for (const t of trials) {
      const rec = t.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord | undefined;
      if (rec !== undefined) for (const k of rec.trials) expect(bad.has(k)).toBe(false);
    }
    // Each generation holds at most populationSize COMPLETE trials before the next starts.
    const complete = trials.filter((t) => t.state === "COMPLETE");
    for (let g = 0; g <= Math.max(...complete.map(gen)); g++) {
      expect(complete.filter((t) => gen(t) === g).length).toBeLessThanOrEqual(5);
    }
  });

  it("constraints steer to the feasible region", async () => {
    // Feasible when x + y >= 1.2; the objectives pull toward 0.
    const objective = (t: Trial): number[] => {
      const x = t.suggestFloat("x", 0, 1);
      const y = t.suggestFloat("y", 0, 1);
      t.setConstraint("c", 1.2 - x - y);
      return [x, y];
    };
    const feasibleShare = (s: Study, from: number) => {
      const ts = s.getTrials().slice(from);
      return (
        ts.filter((t) => (t.systemAttrs.constraints as Record<string, number>).c! <= 0).length / ts.length
      );
    };
    const con = await run(new NsgaIISampler({ seed: 9, populationSize: 20 }), objective, 200);
    const off = await run(
      new NsgaIISampler({ seed: 9, populationSize: 20, constraints: false }),
      objective,
      200,
    );
    // Seed 9: 0.58 of the last 100 trials feasible with constraints, 0.08 without (the region
    // is 32% of the square, and the objectives pull away from it).
    expect(feasibleShare(con, 100)).toBeGreaterThan(0.45);
    expect(feasibleShare(con, 100)).toBeGreaterThan(feasibleShare(off, 100) + 0.3);
  });

  it("handles categorical, integer, log and conditional parameters", async () => {
    const study = await run(
      new NsgaIISampler({ seed: 4, populationSize: 8, crossover: { kind: "sbx" } }),
      (t) => {
        const kind = t.suggestCategorical("kind", ["a", "b", "c"]);
        const n = t.suggestInt("n", 1, 64, { log: true });
        const k = t.suggestInt("k", 0, 20, { step: 5 });
        const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
        const extra = kind === "a" ? t.suggestFloat("extra", 0, 1) : 0;
        return [Math.abs(Math.log10(lr) + 3) + (kind === "b" ? 0 : 1) + extra, Math.abs(n - 8) + k];
      },
      60,
    );
    expect(study.getTrials().every((t) => t.state === "COMPLETE")).toBe(true);
    const late = study.getTrials().slice(30);
    expect(late.filter((t) => t.params.kind === "b").length).toBeGreaterThan(late.length / 3);
  });

  it("accepts a custom crossover object and a custom elite selection", async () => {
    const chosen: number[] = [];
    const sampler = new NsgaIISampler({
      seed: 1,
      populationSize: 6,
      crossover: sbxCrossover({ eta: 5 }),
      elitePopulationSelection: (population, ctx) => {
        chosen.push(population.length);
        return population.slice(0, ctx.populationSize);
      },
    });
    const study = await run(sampler, zdt1(3), 24);
    expect(chosen.length).toBe(3);
    const rec = study.getTrials()[6]!.systemAttrs[NSGA2_KEYS.parents] as unknown as ParentsRecord;
    expect(rec.trials).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("keeps parameter names that are Object.prototype keys intact", async () => {
    const names = ["__proto__", "constructor", "toString", "x"];
    const study = await run(
      new NsgaIISampler({ seed: 2, populationSize: 5, crossover: { kind: "sbx" } }),
      (t) => names.map((n) => t.suggestFloat(n, 0, 1)).reduce((a, b) => a + b, 0),
      30,
      ["minimize"],
    );
    for (const t of study.getTrials()) {
      expect(Object.keys(t.params).sort()).toEqual([...names].sort());
      for (const n of names)
        expect(typeof Object.getOwnPropertyDescriptor(t.params, n)?.value).toBe("number");
    }
    expect(study.getTrials().at(-1)!.systemAttrs[NSGA2_KEYS.generation]).toBe(5);
  });

  it("bad options are one-line errors naming the option", () => {
    expect(() => new NsgaIISampler({ populationSize: 1 })).toThrow(
      /NsgaIISampler: populationSize must be an integer >= 2, got 1/,
    );
    expect(() => new NsgaIISampler({ crossoverProb: 2 })).toThrow(
      /NsgaIISampler: crossoverProb must be a number in \[0, 1\], got 2/,
    );
    expect(() => new NsgaIISampler({ swappingProb: -1 })).toThrow(/swappingProb/);
    expect(() => new NsgaIISampler({ mutationProb: 1.5 })).toThrow(/mutationProb/);
    expect(() => new NsgaIISampler({ populationSize: 2, crossover: { kind: "undx" } })).toThrow(
      /populationSize must be >= the crossover's 3 parents, got 2/,
    );
    expect(() => new NsgaIISampler({ crossover: { kind: "sbx", eta: -1 } })).toThrow(/sbxCrossover: eta/);
    expect(() => new NsgaIISampler({ crossover: { kind: "nope" } as never })).toThrow(/kind must be one of/);
    expect(() => new NsgaIISampler({ populationsize: 3 } as never)).toThrow(/unknown option populationsize/);
    expect(() => new NsgaIISampler({ seed: 1.5 })).toThrow(/seed must be a safe integer/);
  });
});
