/**
 * The sampler contract: one vitest suite that every sampler runs through the study API.
 *
 * ```ts
 * samplerContract("RandomSampler", (seed) => new RandomSampler({ seed }));
 * ```
 */
import { describe, expect, it } from "vitest";
import { containsInternal, toInternal } from "../distributions/repr.js";
import type { Sampler } from "../sampler/sampler.js";
import { InMemoryStorage } from "../storage/in-memory.js";
import { createStudy } from "../study/create.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { StudyDirection } from "../trial/state.js";
import type { Trial } from "../trial/trial.js";

/** Options of {@link samplerContract}. */
export interface SamplerContractOptions {
  /** Trials per study in the tests (enough to get past a sampler's start-up phase). @defaultValue 40 */
  readonly nTrials?: number;
  /** Also run a two-objective study. @defaultValue true */
  readonly multiObjective?: boolean;
}

/** An objective touching every distribution kind. */
function everyKind(trial: Trial): number {
  const x = trial.suggestFloat("float", -3, 2);
  const lg = trial.suggestFloat("float_log", 1e-5, 10, { log: true });
  const st = trial.suggestFloat("float_step", 0, 1, { step: 0.1 });
  const i = trial.suggestInt("int", -4, 7);
  const is = trial.suggestInt("int_step", 0, 20, { step: 5 });
  const il = trial.suggestInt("int_log", 1, 1024, { log: true });
  const cs = trial.suggestCategorical("cat_str", ["a", "b", "c"]);
  const cn = trial.suggestCategorical("cat_num", [1, 2.5, -3]);
  const cb = trial.suggestCategorical("cat_bool", [true, false]);
  const cnull = trial.suggestCategorical("cat_null", [null, "x", "y"]);
  const one = trial.suggestFloat("single", 1.5, 1.5);
  return (
    x * x +
    Math.log10(lg) ** 2 +
    st +
    Math.abs(i) +
    is / 5 +
    Math.log2(il) +
    (cs === "b" ? 0 : 1) +
    cn +
    (cb ? 0 : 1) +
    (cnull === null ? 0 : 0.5) +
    one
  );
}

/** Every parameter of a finished trial lies in its distribution (bounds, grid, choices). */
function expectInSpace(trial: FrozenTrial): void {
  for (const name of Object.keys(trial.params)) {
    const d = trial.distributions[name]!;
    const internal = trial.internalParams[name]!;
    expect(
      containsInternal(d, internal),
      `${name}=${String(trial.params[name])} in trial ${trial.number}`,
    ).toBe(true);
    expect(toInternal(d, trial.params[name])).toBe(internal);
  }
}

/**
 * Registers the sampler contract tests.
 * @param name - shown in the test names.
 * @param make - a sampler for a given seed.
 */
export function samplerContract(
  name: string,
  make: (seed: number) => Sampler,
  options: SamplerContractOptions = {},
): void {
  const nTrials = options.nTrials ?? 40;

  async function run(
    seed: number,
    objective: (t: Trial) => number | number[] | Promise<number | number[]>,
    directions: StudyDirection[] = ["minimize"],
    concurrency = 1,
  ) {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: make(seed), directions });
    await study.optimize(objective, { nTrials, concurrency });
    return study;
  }

  describe(`sampler contract: ${name}`, () => {
    it("gives the same parameters for the same seed", async () => {
      const a = await run(7, everyKind);
      const b = await run(7, everyKind);
      expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    });

    it("serves two studies at once with one instance, each as a fresh sampler would", async () => {
      // Samplers keep caches; a cache keyed by nothing mixes the trials of two studies.
      // The two studies have the same name, in two storages, and opposite directions.
      const runWith = async (sampler: Sampler, direction: StudyDirection) => {
        const study = await createStudy({
          storage: new InMemoryStorage(),
          studyName: "contract-shared-sampler",
          sampler,
          direction,
        });
        await study.optimize(everyKind, { nTrials });
        return study.trials.map((t) => t.params);
      };
      const shared = make(11);
      const [a, b] = await Promise.all([runWith(shared, "minimize"), runWith(shared, "maximize")]);
      expect(a).toEqual(await runWith(make(11), "minimize"));
      expect(b).toEqual(await runWith(make(11), "maximize"));
    });

    it("gives different parameters for different seeds", async () => {
      const a = await run(1, everyKind);
      const b = await run(2, everyKind);
      expect(b.trials.map((t) => t.params)).not.toEqual(a.trials.map((t) => t.params));
    });

    it("keeps every distribution kind inside its bounds and on its grid", async () => {
      const study = await run(3, everyKind);
      expect(study.trials.length).toBe(nTrials);
      for (const t of study.trials) {
        expect(t.state).toBe("COMPLETE");
        expectInSpace(t);
        expect(t.params.single).toBe(1.5);
      }
    });

    it("samples varied values (not one point repeated)", async () => {
      const study = await run(4, everyKind);
      expect(new Set(study.trials.map((t) => t.params.float)).size).toBeGreaterThan(nTrials / 4);
      expect(new Set(study.trials.map((t) => t.params.cat_str)).size).toBeGreaterThan(1);
    });

    it("handles conditional search spaces", async () => {
      const study = await run(5, (trial) => {
        const kind = trial.suggestCategorical("model", ["linear", "tree", "none"]);
        if (kind === "linear") {
          const c = trial.suggestFloat("linear_c", 1e-3, 1e3, { log: true });
          return Math.abs(Math.log10(c));
        }
        if (kind === "tree") {
          const depth = trial.suggestInt("tree_depth", 1, 16);
          const lr = trial.suggestFloat("tree_lr", 0, 1);
          return Math.abs(depth - 6) / 6 + lr;
        }
        return 2;
      });
      for (const t of study.trials) {
        expect(t.state).toBe("COMPLETE");
        expectInSpace(t);
        const keys = Object.keys(t.params).sort();
        if (t.params.model === "linear") expect(keys).toEqual(["linear_c", "model"]);
        else if (t.params.model === "tree") expect(keys).toEqual(["model", "tree_depth", "tree_lr"]);
        else expect(keys).toEqual(["model"]);
      }
      expect(new Set(study.trials.map((t) => t.params.model)).size).toBeGreaterThan(1);
    });

    it("runs exactly nTrials trials with concurrency 8 and an async objective", async () => {
      const study = await run(
        6,
        async (trial) => {
          const x = trial.suggestFloat("x", -1, 1);
          const y = trial.suggestInt("y", 0, 3);
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.abs(x) * 3)));
          return x * x + y;
        },
        ["minimize"],
        8,
      );
      expect(study.trials.length).toBe(nTrials);
      expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
      expect(study.trials.map((t) => t.number)).toEqual(Array.from({ length: nTrials }, (_, i) => i));
      for (const t of study.trials) expectInSpace(t);
    });

    it("keeps going after pruned and failed trials", async () => {
      const { TrialPruned } = await import("../errors/index.js");
      const study = await run(8, (trial) => {
        const x = trial.suggestFloat("x", 0, 1);
        if (trial.number % 5 === 1) throw new TrialPruned();
        if (trial.number % 7 === 2) return Number.NaN;
        return x;
      });
      expect(study.trials.length).toBe(nTrials);
      expect(study.getTrials({ states: ["PRUNED"] }).length).toBeGreaterThan(0);
      expect(study.getTrials({ states: ["FAIL"] }).length).toBeGreaterThan(0);
      for (const t of study.trials) expectInSpace(t);
    });

    if (options.multiObjective ?? true) {
      it("works in a two-objective study", async () => {
        const study = await run(
          9,
          (trial) => {
            const x = trial.suggestFloat("x", 0, 1);
            const y = trial.suggestFloat("y", 0, 1);
            return [x, (1 + y) * (1 - Math.sqrt(x))];
          },
          ["minimize", "minimize"],
        );
        expect(study.trials.length).toBe(nTrials);
        expect(study.bestTrials.length).toBeGreaterThan(0);
        for (const t of study.trials) expectInSpace(t);
      });
    }
  });
}
