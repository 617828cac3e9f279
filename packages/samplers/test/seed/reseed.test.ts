import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  InMemoryStorage,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type Trial,
  type TrialState,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { BruteForceSampler } from "../../src/brute-force/brute-force.js";
import { CmaEsSampler } from "../../src/cmaes/cmaes.js";
import { GridSampler } from "../../src/grid/grid.js";
import { PartialFixedSampler } from "../../src/partial-fixed/partial-fixed.js";
import { RandomSampler } from "../../src/random/random.js";
import { TpeSampler } from "../../src/tpe/tpe.js";

/** A sampler with a seed that can be changed. */
interface Reseedable extends Sampler {
  readonly seed: number | undefined;
  reseed(seed?: number): void;
}

/** Delegates every call to `current`, which a test replaces between two `optimize` calls. */
class Switch implements Sampler {
  constructor(public current: Sampler) {}
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    return this.current.inferRelativeSearchSpace(study, trial);
  }
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, number> {
    return this.current.sampleRelative(study, trial, space);
  }
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, d: Distribution): number {
    return this.current.sampleIndependent(study, trial, name, d);
  }
  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.current.beforeTrial?.(study, trial);
  }
  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.current.afterTrial?.(study, trial, state, values);
  }
  isExhausted(study: StudyView): boolean {
    return this.current.isExhausted?.(study) ?? false;
  }
}

interface Case {
  readonly name: string;
  readonly make: (seed: number) => Reseedable;
  /** Calls `between` (if given) right after its first suggestion. */
  readonly objective: (t: Trial, between?: () => void) => number;
  /** Trials before the reseed, and after it. */
  readonly before: number;
  readonly after: number;
}

const continuous = (t: Trial, between?: () => void): number => {
  const x = t.suggestFloat("x", -3, 3);
  between?.();
  const y = t.suggestFloat("y", 1e-3, 10, { log: true });
  const k = t.suggestInt("k", 0, 6);
  const c = t.suggestCategorical("c", ["a", "b", "c"]);
  return x * x + Math.log10(y) ** 2 + Math.abs(k - 2) + (c === "b" ? 0 : 1);
};

const cases: readonly Case[] = [
  {
    name: "RandomSampler",
    make: (seed) => new RandomSampler({ seed }),
    objective: continuous,
    before: 5,
    after: 5,
  },
  {
    name: "GridSampler",
    make: (seed) => new GridSampler({ x: [-1, 0, 1, 2, 3], c: ["a", "b", "c", "d"] }, { seed }),
    objective: (t, between) => {
      const x = t.suggestInt("x", -1, 3);
      between?.();
      return x + (t.suggestCategorical("c", ["a", "b", "c", "d"]) === "a" ? 0 : 1);
    },
    before: 6,
    after: 8,
  },
  {
    name: "TpeSampler",
    make: (seed) => new TpeSampler({ seed, nStartupTrials: 4 }),
    objective: continuous,
    before: 8,
    after: 8,
  },
  {
    name: "TpeSampler univariate",
    make: (seed) => new TpeSampler({ seed, nStartupTrials: 4, multivariate: false }),
    objective: continuous,
    before: 8,
    after: 8,
  },
  {
    name: "CmaEsSampler",
    make: (seed) => new CmaEsSampler({ seed, warnIndependentSampling: false }),
    objective: continuous,
    before: 10,
    after: 10,
  },
  {
    name: "CmaEsSampler with an independent sampler",
    make: (seed) =>
      new CmaEsSampler({
        seed,
        warnIndependentSampling: false,
        independentSampler: new RandomSampler({ seed }),
      }),
    objective: continuous,
    before: 10,
    after: 10,
  },
  {
    name: "BruteForceSampler",
    make: (seed) => new BruteForceSampler({ seed }),
    objective: (t, between) => {
      const kind = t.suggestCategorical("kind", ["linear", "tree"]);
      between?.();
      if (kind === "linear") return t.suggestFloat("c", 0, 1, { step: 0.25 });
      return t.suggestInt("depth", 1, 4) + t.suggestInt("leaves", 2, 4);
    },
    before: 5,
    after: 8,
  },
  {
    name: "PartialFixedSampler over TpeSampler",
    make: (seed) => new PartialFixedSampler({ k: 3 }, new TpeSampler({ seed, nStartupTrials: 4 })),
    objective: continuous,
    before: 8,
    after: 8,
  },
];

const paramsOf = (trials: readonly FrozenTrial[]) => trials.map((t) => t.params);

describe.each(cases)("$name.reseed", ({ make, objective, before, after }) => {
  /** The parameters of the trials after the switch, for a sampler reseeded with `reseed`. */
  async function afterReseed(reseed: (s: Reseedable) => void): Promise<{ params: unknown[]; seed: number }> {
    const sampler = make(1);
    const study = await createStudy({ storage: new InMemoryStorage(), sampler });
    await study.optimize(objective, { nTrials: before });
    reseed(sampler);
    await study.optimize(objective, { nTrials: after });
    return { params: paramsOf(study.trials.slice(before)), seed: sampler.seed! };
  }

  /** The same, for a fresh sampler with `seed` taking over the same history. */
  async function freshTakesOver(seed: number): Promise<unknown[]> {
    const sw = new Switch(make(1));
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: sw });
    await study.optimize(objective, { nTrials: before });
    sw.current = make(seed);
    await study.optimize(objective, { nTrials: after });
    return paramsOf(study.trials.slice(before));
  }

  it("proposes what a fresh sampler with the new seed proposes for the same history", async () => {
    const { params, seed } = await afterReseed((s) => s.reseed(7));
    expect(seed).toBe(7);
    expect(params).toHaveLength(after);
    expect(params).toEqual(await freshTakesOver(7));
    // The new seed matters: going on with seed 1 gives other parameters.
    expect(params).not.toEqual(await freshTakesOver(1));
  });

  it("draws a fresh seed from the OS without an argument, and rejects a bad one", async () => {
    const { params, seed } = await afterReseed((s) => s.reseed());
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(seed).not.toBe(1);
    expect(params).toEqual(await freshTakesOver(seed));
    expect(() => make(1).reseed(1.5)).toThrow(/reseed: seed must be a safe integer, got 1.5/);
  });

  it("gives a trial running at the reseed the new seed's values for its next parameters", async () => {
    const sampler = make(1);
    const a = await createStudy({ storage: new InMemoryStorage(), sampler });
    await a.optimize(objective, { nTrials: before });
    const ta = await a.ask();
    await a.tell(
      ta,
      objective(ta, () => sampler.reseed(7)),
    );

    const sw = new Switch(make(1));
    const b = await createStudy({ storage: new InMemoryStorage(), sampler: sw });
    await b.optimize(objective, { nTrials: before });
    const tb = await b.ask();
    await b.tell(
      tb,
      objective(tb, () => {
        sw.current = make(7);
      }),
    );
    expect(ta.params).toEqual(tb.params);
  });
});
