/**
 * Parameter names are user strings: any non-empty string, "__proto__" and the names of
 * Object.prototype's members included, must come back intact from every sampler. Each
 * property runs once through MiniStudy (null-prototype records: only the sampler can fail)
 * and once through createStudy (the study layer too).
 */
import {
  categoricalDistribution,
  containsInternal,
  createStudy,
  type Distribution,
  type FrozenTrial,
  floatDistribution,
  InMemoryStorage,
  intDistribution,
  type ParamValue,
  type Sampler,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BruteForceSampler } from "../../src/brute-force/brute-force.js";
import { CmaEsSampler } from "../../src/cmaes/cmaes.js";
import { GridSampler } from "../../src/grid/grid.js";
import { PartialFixedSampler } from "../../src/partial-fixed/partial-fixed.js";
import { RandomSampler } from "../../src/random/random.js";
import { TpeSampler } from "../../src/tpe/tpe.js";
import { MiniStudy, type MiniTrial } from "./mini-study.js";

const SPECIAL = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"] as const;
const nameArb = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ minLength: 1, maxLength: 8 }));
const names = (n: number) => fc.uniqueArray(nameArb, { minLength: n, maxLength: n });
/** Every special name in the first run of each property. */
const SPECIAL_EXAMPLES: [string[]][] = [
  [["__proto__", "constructor", "toString", "hasOwnProperty"]],
  [["valueOf", "__proto__", "10", "2"]],
];

/** How a property's study is run: trials in, finished trials out. */
type Runner = (
  sampler: Sampler,
  objective: (suggest: (name: string, d: Distribution) => ParamValue) => number,
  nTrials: number,
) => Promise<readonly FrozenTrial[]>;

const throughMini: Runner = async (sampler, objective, nTrials) => {
  const study = new MiniStudy(sampler);
  study.run((t: MiniTrial) => objective((name, d) => t.suggest(name, d)), nTrials);
  return study.getTrials();
};

const throughStudy: Runner = async (sampler, objective, nTrials) => {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler });
  await study.optimize((t) => objective((name, d) => t.suggest(name, d)), { nTrials });
  return study.trials;
};

/** Each trial holds exactly `expected` as own keys, each value inside its distribution. */
function expectIntact(trials: readonly FrozenTrial[], expected: (t: FrozenTrial) => readonly string[]): void {
  for (const t of trials) {
    expect(t.state).toBe("COMPLETE");
    const want = [...expected(t)].sort();
    expect(Object.keys(t.params).sort()).toEqual(want);
    expect(Object.keys(t.internalParams).sort()).toEqual(want);
    for (const name of want) {
      expect(Object.hasOwn(t.distributions, name)).toBe(true);
      expect(containsInternal(t.distributions[name]!, t.internalParams[name]!)).toBe(true);
    }
  }
}

const F = floatDistribution(-2, 2);
const FL = floatDistribution(1e-3, 1, { log: true });
const I = intDistribution(0, 5);
const FS = floatDistribution(0, 1, { step: 0.5 });
const C = categoricalDistribution(["p", "q", "r"]);

/** Four parameters, every kind, no condition. */
const flat =
  ([a, b, c, d]: string[]) =>
  (suggest: (name: string, d: Distribution) => ParamValue): number =>
    (suggest(a!, F) as number) ** 2 +
    Math.log10(suggest(b!, FL) as number) ** 2 +
    (suggest(c!, I) as number) +
    (suggest(d!, C) === "q" ? 0 : 1);

/** `a` chooses whether `b` and `c` or `d` follow. */
const conditional =
  ([a, b, c, d]: string[]) =>
  (suggest: (name: string, dist: Distribution) => ParamValue): number => {
    if (suggest(a!, C) === "p") return (suggest(b!, F) as number) ** 2 + (suggest(c!, I) as number);
    return suggest(d!, FL) as number;
  };

const conditionalKeys =
  ([a, b, c, d]: string[]) =>
  (t: FrozenTrial): string[] =>
    t.params[a!] === "p" ? [a!, b!, c!] : [a!, d!];

function properties(run: Runner): void {
  it("RandomSampler", async () => {
    await fc.assert(
      fc.asyncProperty(names(4), async (ns) => {
        expectIntact(await run(new RandomSampler({ seed: 0 }), flat(ns), 6), () => ns);
      }),
      { examples: SPECIAL_EXAMPLES, numRuns: 30 },
    );
  });

  it("TpeSampler (multivariate, then univariate, then groups on a conditional space)", async () => {
    await fc.assert(
      fc.asyncProperty(names(4), async (ns) => {
        const opts = { seed: 0, nStartupTrials: 3, warnIndependentSampling: false };
        expectIntact(await run(new TpeSampler(opts), flat(ns), 8), () => ns);
        expectIntact(await run(new TpeSampler({ ...opts, multivariate: false }), flat(ns), 8), () => ns);
        expectIntact(
          await run(new TpeSampler({ ...opts, group: true }), conditional(ns), 12),
          conditionalKeys(ns),
        );
      }),
      { examples: SPECIAL_EXAMPLES, numRuns: 30 },
    );
  });

  it("CmaEsSampler", async () => {
    await fc.assert(
      fc.asyncProperty(names(4), async (ns) => {
        const sampler = new CmaEsSampler({ seed: 0, warnIndependentSampling: false, populationSize: 4 });
        expectIntact(await run(sampler, flat(ns), 10), () => ns);
      }),
      { examples: SPECIAL_EXAMPLES, numRuns: 20 },
    );
  });

  it("GridSampler (every point once)", async () => {
    await fc.assert(
      fc.asyncProperty(names(3), async ([a, b, c]) => {
        const grid = new GridSampler(
          Object.fromEntries([
            [a, [-1, 0, 1]],
            [b, [0, 5]],
            [c, ["p", "r"]],
          ]),
          { seed: 0 },
        );
        const trials = await run(
          grid,
          (suggest) =>
            (suggest(a!, intDistribution(-1, 1)) as number) +
            (suggest(b!, I) as number) +
            (suggest(c!, C) === "p" ? 0 : 1),
          100,
        );
        expect(trials).toHaveLength(12);
        expectIntact(trials, () => [a!, b!, c!]);
        expect(
          new Set(trials.map((t) => JSON.stringify([t.params[a!], t.params[b!], t.params[c!]]))).size,
        ).toBe(12);
      }),
      {
        examples: [[["__proto__", "constructor", "toString"]], [["hasOwnProperty", "valueOf", "1"]]],
        numRuns: 30,
      },
    );
  });

  it("BruteForceSampler (every combination once, conditional)", async () => {
    await fc.assert(
      fc.asyncProperty(names(4), async ([a, b, c, d]) => {
        const trials = await run(
          new BruteForceSampler({ seed: 0 }),
          (suggest) => {
            if (suggest(a!, C) === "p")
              return (suggest(b!, FS) as number) + (suggest(c!, intDistribution(0, 2)) as number);
            return suggest(d!, intDistribution(1, 4)) as number;
          },
          100,
        );
        // p: 3 × 3 = 9; q and r: 4 each.
        expect(trials).toHaveLength(17);
        expectIntact(trials, (t) => (t.params[a!] === "p" ? [a!, b!, c!] : [a!, d!]));
        const keys = trials.map((t) => JSON.stringify([a, b, c, d].map((n) => t.params[n!] ?? null)));
        expect(new Set(keys).size).toBe(17);
      }),
      { examples: SPECIAL_EXAMPLES, numRuns: 30 },
    );
  });

  it("PartialFixedSampler over TpeSampler", async () => {
    await fc.assert(
      fc.asyncProperty(names(4), async (ns) => {
        const [, , c, d] = ns;
        const fixed = new Map<string, ParamValue>([
          [c!, 3],
          [d!, "r"],
        ]);
        const sampler = new PartialFixedSampler(
          fixed,
          new TpeSampler({ seed: 0, nStartupTrials: 3, warnIndependentSampling: false }),
        );
        const trials = await run(sampler, flat(ns), 8);
        expectIntact(trials, () => ns);
        for (const t of trials) {
          expect(t.params[c!]).toBe(3);
          expect(t.params[d!]).toBe("r");
        }
      }),
      { examples: SPECIAL_EXAMPLES, numRuns: 30 },
    );
  });
}

describe("samplers keep arbitrary parameter names intact (MiniStudy)", () => {
  properties(throughMini);
});

describe("samplers keep arbitrary parameter names intact (createStudy)", () => {
  properties(throughStudy);
});
