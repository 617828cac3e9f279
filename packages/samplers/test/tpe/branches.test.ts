/**
 * TpeSampler's options for conditional spaces (issue 20's early-branch trap):
 * `branchExploration` (a share of the trials on the least-tried branch) and `branchSplit`
 * (each branch's parameters modelled on that branch's trials), and the helpers of branches.ts.
 */

import { Rng } from "@tunelab/math/random";
import {
  categoricalDistribution,
  createFrozenTrial,
  createStudy,
  type FrozenTrial,
  floatDistribution,
  InMemoryStorage,
  setLogLevel,
  type Trial,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { TrialColumns } from "../../src/columns/trial-columns.js";
import { branchParameters, leastExploredChoice } from "../../src/tpe/branches.js";
import { splitTrials } from "../../src/tpe/study-split.js";
import { TpeSampler, type TpeSamplerOptions } from "../../src/tpe/tpe.js";

setLogLevel("error");

const MODELS = ["linear", "boost", "mlp"];

/**
 * A three-branch objective with the trap: "linear" is flat at 0.5 and beats a random draw of
 * the others, "boost" reaches 0 at (0.8, 0.2) and "mlp" 0.25 at 0.3.
 */
function trap(t: Trial): number {
  const model = t.suggestCategorical("model", MODELS);
  if (model === "linear") return 0.5 + 0.05 * t.suggestFloat("alpha", 0, 1);
  if (model === "boost") {
    const a = t.suggestFloat("lr", 0, 1) - 0.8;
    const b = t.suggestFloat("sub", 0, 1) - 0.2;
    return 6 * (a * a + b * b);
  }
  const c = t.suggestFloat("drop", 0, 1) - 0.3;
  return 0.25 + 3 * c * c;
}

async function run(options: TpeSamplerOptions, nTrials: number) {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(options) });
  await study.optimize(trap, { nTrials });
  return study.trials;
}

function counts(trials: readonly FrozenTrial[]): number[] {
  return MODELS.map((m) => trials.filter((t) => t.params.model === m).length);
}

describe("TpeSampler branchExploration", () => {
  it("rejects a share outside [0, 1) with a message naming the option", () => {
    expect(() => new TpeSampler({ branchExploration: 1 })).toThrow(
      /branchExploration must be in \[0, 1\), got 1/,
    );
    expect(() => new TpeSampler({ branchExploration: -0.1 })).toThrow(/branchExploration/);
    expect(() => new TpeSampler({ branchExploration: Number.NaN })).toThrow(/branchExploration/);
  });

  it("with a share near 1, keeps the branches' trial counts within one of each other after the start-up", async () => {
    for (const seed of [1, 2, 3]) {
      const trials = await run({ seed, branchExploration: 0.999 }, 40);
      // The start-up trials are random; afterwards every trial goes to a least-tried branch.
      const c = counts(trials);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    }
  });

  it("leaves the start-up trials and the TPE draws of non-exploring trials as without it", async () => {
    const base = await run({ seed: 7 }, 30);
    const explored = await run({ seed: 7, branchExploration: 0.3 }, 30);
    for (let i = 0; i < 10; i++) expect(explored[i]!.params).toEqual(base[i]!.params);
    // It does change the study (trial 10 on is TPE's, with some trials forced to a branch).
    expect(explored.map((t) => t.params.model)).not.toEqual(base.map((t) => t.params.model));
  });

  it("is off by default: the same trials as branchExploration: 0", async () => {
    const a = await run({ seed: 11 }, 25);
    const b = await run({ seed: 11, branchExploration: 0 }, 25);
    expect(b.map((t) => t.params)).toEqual(a.map((t) => t.params));
  });
});

describe("TpeSampler branchSplit", () => {
  it("is off by default and changes nothing on a space without conditions", async () => {
    const plain = async (options: TpeSamplerOptions) => {
      const study = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(options) });
      await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2 + t.suggestFloat("y", 0, 1), {
        nTrials: 25,
      });
      return study.trials.map((t) => t.params);
    };
    expect(await plain({ seed: 4, branchSplit: true })).toEqual(await plain({ seed: 4 }));
  });

  it("tunes a branch that has no trial among the study's best (its own split), where the study-wide split draws it from the prior", async () => {
    // 30 trials: 20 on "linear" (value 0.5..0.55, all better than any boost trial), 10 on
    // "boost" with values by distance to lr = 0.8. Then 60 boost proposals of lr.
    const lin = (i: number): FrozenTrial =>
      createFrozenTrial({
        state: "COMPLETE",
        values: [0.5 + 0.0025 * i],
        params: { model: "linear", alpha: i / 20 },
        distributions: { model: categoricalDistribution(MODELS), alpha: floatDistribution(0, 1) },
      });
    const boost = (lr: number): FrozenTrial =>
      createFrozenTrial({
        state: "COMPLETE",
        values: [1 + 6 * (lr - 0.8) ** 2],
        params: { model: "boost", lr },
        distributions: { model: categoricalDistribution(MODELS), lr: floatDistribution(0, 1) },
      });
    const history = [
      ...Array.from({ length: 20 }, (_, i) => lin(i)),
      ...[0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.78, 0.82, 0.95].map(boost),
    ];
    const meanDistance = async (options: TpeSamplerOptions): Promise<number> => {
      const study = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(options) });
      for (const t of history) study.addTrial(t);
      let d = 0;
      const n = 60;
      for (let i = 0; i < n; i++) {
        const trial = await study.ask({ model: categoricalDistribution(MODELS) });
        const lr = trial.suggestFloat("lr", 0, 1);
        d += Math.abs(lr - 0.8);
        await study.tell(trial, { state: "FAIL" });
      }
      return d / n;
    };
    const own = await meanDistance({ seed: 5, branchSplit: true, warnIndependentSampling: false });
    const shared = await meanDistance({ seed: 5, warnIndependentSampling: false });
    expect(own).toBeLessThan(0.15);
    expect(shared).toBeGreaterThan(0.2);
  });
});

describe("branches.ts helpers", () => {
  const cat = categoricalDistribution(MODELS);
  const x = floatDistribution(0, 1);
  const t = (
    params: Record<string, number | string>,
    dists: Record<string, typeof cat | typeof x>,
    n: number,
  ) => ({
    ...createFrozenTrial({ state: "COMPLETE", values: [n], params, distributions: dists }),
    number: n,
    trialId: n,
  });

  it("branchParameters: the always-present categoricals of a conditional space, none otherwise", () => {
    const trials = [
      t({ model: "linear", alpha: 0.1 }, { model: cat, alpha: x }, 0),
      t({ model: "boost", lr: 0.1 }, { model: cat, lr: x }, 1),
    ];
    expect([...branchParameters(trials)]).toEqual(["model"]);
    const flat = [
      t({ model: "linear", alpha: 0.1 }, { model: cat, alpha: x }, 0),
      t({ model: "boost", alpha: 0.3 }, { model: cat, alpha: x }, 1),
    ];
    expect(branchParameters(flat).size).toBe(0);
    expect(branchParameters([]).size).toBe(0);
  });

  it("leastExploredChoice: the choice held by the fewest finished trials, ties drawn uniformly", () => {
    const table = new TrialColumns(["minimize"]);
    table.update([
      t({ model: "linear" }, { model: cat }, 0),
      t({ model: "linear" }, { model: cat }, 1),
      t({ model: "boost" }, { model: cat }, 2),
    ]);
    expect(leastExploredChoice(table, "model", 3, Rng.fromSeed(1))).toBe(2);
    const seen = new Set<number>();
    const table2 = new TrialColumns(["minimize"]);
    table2.update([t({ model: "linear" }, { model: cat }, 0)]);
    for (let s = 0; s < 50; s++) seen.add(leastExploredChoice(table2, "model", 3, Rng.fromSeed(s)));
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it("splitTrials with holding: splits only the trials holding the columns, by their own ranks", () => {
    const table = new TrialColumns(["minimize"]);
    table.update([
      t({ model: "linear", alpha: 0.1 }, { model: cat, alpha: x }, 0),
      t({ model: "boost", lr: 0.1 }, { model: cat, lr: x }, 1),
      t({ model: "linear", alpha: 0.2 }, { model: cat, alpha: x }, 2),
      t({ model: "boost", lr: 0.3 }, { model: cat, lr: x }, 3),
      t({ model: "boost", lr: 0.5 }, { model: cat, lr: x }, 4),
    ]);
    const s = splitTrials(table, new Map(), 5, 1, {
      constantLiar: true,
      constraints: true,
      holding: [table.column("lr")!],
    });
    expect([...s.below]).toEqual([1]);
    expect([...s.above]).toEqual([3, 4]);
    expect(s.role[0]).toBe(0);
  });
});
