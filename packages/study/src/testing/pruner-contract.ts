/**
 * The pruner contract: one vitest suite that every pruner runs through the study API, as
 * samplers run theirs.
 *
 * ```ts
 * prunerContract("MedianPruner", () => new MedianPruner());
 * ```
 *
 * Trials report seeded learning curves (trial k: a level drawn for k, plus 1/(1 + step), plus
 * a little noise) and call `trial.shouldPrune()` after each report, as an objective does.
 */
import { Rng } from "@tunelab/math/random";
import { describe, expect, it } from "vitest";
import type { Distribution } from "../distributions/distribution.js";
import { TrialPruned } from "../errors/index.js";
import type { Pruner } from "../pruner/index.js";
import type { Sampler, SearchSpace, StudyView } from "../sampler/sampler.js";
import { InMemoryStorage } from "../storage/in-memory.js";
import { createStudy } from "../study/create.js";
import type { Study } from "../study/study.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { StudyDirection } from "../trial/state.js";
import type { Trial } from "../trial/trial.js";

/** Options of {@link prunerContract}. */
export interface PrunerContractOptions {
  /** Trials per study. @defaultValue 40 */
  readonly nTrials?: number;
  /** Steps each trial reports when it is not pruned. @defaultValue 30 */
  readonly nSteps?: number;
  /**
   * The pruner stops some trials whose curves lie well above the others' (false for a pruner
   * that never prunes, such as `NopPruner`). @defaultValue true
   */
  readonly prunes?: boolean;
}

/** Where each trial stopped: the step at which it was pruned, or null when it ran to the end. */
type Decisions = (number | null)[];

/**
 * Proposes parameters from the trial number alone (the contract's studies need some
 * parameters, and the study package has no sampler of its own).
 */
const numberSampler: Sampler = {
  inferRelativeSearchSpace: (_s: StudyView, _t: FrozenTrial): SearchSpace => ({}),
  sampleRelative: (): Record<string, number> => ({}),
  sampleIndependent(_s: StudyView, trial: FrozenTrial, _name: string, d: Distribution): number {
    if (d.kind === "categorical") return trial.number % d.choices.length;
    const x = d.low + (d.high - d.low) * ((trial.number * 0.6180339887498949) % 1);
    return d.kind === "int" ? Math.round(x) : x;
  },
};

/** Seeded learning curves, one per trial: lower is better (negated for "maximize"). */
function curves(seed: number, nTrials: number, nSteps: number, direction: StudyDirection): number[][] {
  const sign = direction === "minimize" ? 1 : -1;
  return Array.from({ length: nTrials }, (_, k) => {
    const rng = Rng.fromSeed(seed).fork(k);
    const level = rng.uniform(0, 2);
    return Array.from({ length: nSteps }, (_, s) => sign * (level + 1 / (1 + s) + 0.02 * rng.normal()));
  });
}

/** The curves with NaN, +Infinity and -Infinity reports mixed in, for some trials and steps. */
function withSpecialValues(cs: number[][]): number[][] {
  return cs.map((c, k) =>
    c.map((v, s) => {
      if (k % 6 === 2) return Number.POSITIVE_INFINITY; // every report
      if (k % 4 === 1 && s === 2) return Number.NaN;
      if (k % 9 === 3 && s === 4) return Number.NEGATIVE_INFINITY;
      if (k % 5 === 4 && s === c.length - 1) return Number.NaN;
      if (k % 7 === 6 && s >= 1) return Number.NaN; // NaN from step 1 on
      return v;
    }),
  );
}

/** The value a trial that ran to its end returns: its last report, 1e9 when that is NaN. */
function finalValue(curve: readonly number[]): number {
  const last = curve[curve.length - 1]!;
  return Number.isNaN(last) ? 1e9 : last;
}

interface ObjectiveSetup {
  readonly curves: readonly (readonly number[])[];
  /** Filled with each trial's decision. */
  readonly decisions: Decisions;
  /** Suggest parameters and set attributes, which a pruner must not read. @defaultValue false */
  readonly decorated?: boolean;
  /** Wait a little (0-2 ms, by trial and step) after each report. @defaultValue false */
  readonly delays?: boolean;
}

/** The objective: reports its curve, asking shouldPrune() before the first report and after each. */
function objective(setup: ObjectiveSetup): (trial: Trial) => Promise<number> {
  return async (trial) => {
    const curve = setup.curves[trial.number]!;
    if (setup.decorated) {
      trial.suggestFloat("lr", 1e-5, 1, { log: true });
      trial.suggestCategorical("optimizer", ["adam", "sgd", "lion"]);
      trial.setUserAttr("note", `trial ${trial.number}`);
    }
    const before = trial.shouldPrune();
    if (before !== false) {
      throw new Error(
        `pruner contract: shouldPrune() returned ${String(before)} in trial ${trial.number} before any report`,
      );
    }
    for (let s = 0; s < curve.length; s++) {
      await trial.report(curve[s]!, s);
      if (setup.delays) await new Promise((resolve) => setTimeout(resolve, (trial.number + s) % 3));
      const prune = trial.shouldPrune();
      if (typeof prune !== "boolean") {
        throw new Error(
          `pruner contract: shouldPrune() returned ${String(prune)} (not a boolean) in trial ${trial.number} at step ${s}`,
        );
      }
      if (prune) {
        setup.decisions[trial.number] = s;
        throw new TrialPruned();
      }
    }
    setup.decisions[trial.number] = null;
    return finalValue(curve);
  };
}

/**
 * Registers the pruner contract tests.
 * @param name - shown in the test names.
 * @param make - a fresh pruner (with the options under test).
 */
export function prunerContract(name: string, make: () => Pruner, options: PrunerContractOptions = {}): void {
  const nTrials = options.nTrials ?? 40;
  const nSteps = options.nSteps ?? 30;
  const prunes = options.prunes ?? true;

  interface RunOptions {
    readonly pruner?: Pruner;
    readonly direction?: StudyDirection;
    readonly curves?: readonly (readonly number[])[];
    readonly decorated?: boolean;
    readonly concurrency?: number;
    readonly reproducible?: boolean;
    readonly delays?: boolean;
  }

  async function run(o: RunOptions = {}): Promise<{ study: Study; decisions: Decisions }> {
    const direction = o.direction ?? "minimize";
    const study = await createStudy({
      storage: new InMemoryStorage(),
      studyName: "contract-pruner",
      sampler: numberSampler,
      pruner: o.pruner ?? make(),
      direction,
    });
    const decisions: Decisions = [];
    await study.optimize(
      objective({
        curves: o.curves ?? curves(1, nTrials, nSteps, direction),
        decisions,
        decorated: o.decorated ?? false,
        delays: o.delays ?? false,
      }),
      { nTrials, concurrency: o.concurrency ?? 1, reproducible: o.reproducible ?? false },
    );
    return { study, decisions };
  }

  /** Every trial finished COMPLETE or PRUNED, a pruned one at a step it reported. */
  function expectWellFormed(study: Study, decisions: Decisions): void {
    expect(study.trials).toHaveLength(nTrials);
    for (const t of study.trials) {
      expect(["COMPLETE", "PRUNED"], `trial ${t.number} is ${t.state}`).toContain(t.state);
      const d = decisions[t.number];
      expect(d !== undefined, `trial ${t.number} has a decision`).toBe(true);
      if (t.state === "PRUNED") {
        expect(d, `trial ${t.number}`).not.toBeNull();
        expect(t.intermediateValues.has(d!)).toBe(true);
      } else {
        expect(d, `trial ${t.number}`).toBeNull();
      }
    }
  }

  describe(`pruner contract: ${name}`, () => {
    it("never prunes a trial that has reported nothing", async () => {
      // The objective checks shouldPrune() before each trial's first report; once the study
      // has history, a new trial without reports is not pruned either.
      const { study } = await run();
      const trial = await study.ask();
      expect(trial.shouldPrune()).toBe(false);
      await study.tell(trial, 0);
    });

    it("decides the same way for the same reports (deterministic)", async () => {
      const a = await run();
      const b = await run();
      expect(b.decisions).toEqual(a.decisions);
      expectWellFormed(a.study, a.decisions);
      if (prunes) expect(a.decisions.some((d) => d !== null)).toBe(true);
      else expect(a.decisions.every((d) => d === null)).toBe(true);
    });

    it("reads only intermediate values (parameters and attributes change nothing)", async () => {
      const plain = await run();
      const decorated = await run({ decorated: true });
      expect(decorated.decisions).toEqual(plain.decisions);
    });

    it("works through trial.shouldPrune() at concurrency 8 with an async objective", async () => {
      const { study, decisions } = await run({ concurrency: 8, delays: true });
      expectWellFormed(study, decisions);
      for (const t of study.getTrials({ states: ["PRUNED"] })) {
        // A pruned trial keeps its last report as its value.
        expect(t.value).toBe(t.intermediateValues.get(decisions[t.number]!));
      }
      if (prunes) expect(study.getTrials({ states: ["PRUNED"] }).length).toBeGreaterThan(0);
    });

    it("decides the same way at concurrency 4 in reproducible mode", async () => {
      const a = await run({ concurrency: 4, reproducible: true, delays: true });
      const b = await run({ concurrency: 4, reproducible: true, delays: true });
      expect(b.decisions).toEqual(a.decisions);
      expectWellFormed(a.study, a.decisions);
    });

    it("handles NaN, +Infinity and -Infinity reports (a boolean every time, the same twice)", async () => {
      const special = withSpecialValues(curves(2, nTrials, nSteps, "minimize"));
      const a = await run({ curves: special });
      const b = await run({ curves: special });
      expectWellFormed(a.study, a.decisions);
      expect(b.decisions).toEqual(a.decisions);
      const maximize = await run({ curves: special.map((c) => c.map((v) => -v)), direction: "maximize" });
      expectWellFormed(maximize.study, maximize.decisions);
    });

    it("serves two studies at once with one instance, each as a fresh pruner would", async () => {
      // Pruners may keep state (estimated resources, caches): state kept for no study in
      // particular mixes the two. The studies have the same name, in two storages, opposite
      // directions and curves of different lengths.
      const longSteps = Math.max(2 * nSteps, 250);
      const setups = [
        { direction: "minimize" as const, curves: curves(3, nTrials, nSteps, "minimize") },
        { direction: "maximize" as const, curves: curves(4, nTrials, longSteps, "maximize") },
      ];
      const shared = make();
      const together = await Promise.all(setups.map((s) => run({ ...s, pruner: shared })));
      for (const [i, s] of setups.entries()) {
        const alone = await run(s);
        expect(together[i]!.decisions, `study ${i} (${s.direction})`).toEqual(alone.decisions);
      }
    });
  });
}
