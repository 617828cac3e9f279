/**
 * The sampler contract: one vitest suite that every sampler runs through the study API.
 *
 * ```ts
 * samplerContract("RandomSampler", (seed) => new RandomSampler({ seed }));
 * // Samplers of finite spaces run it on discrete spaces, built from each test's grid:
 * samplerContract("GridSampler", (seed, grid) => new GridSampler(grid, { seed }), {
 *   space: "discrete",
 *   exhaustive: true,
 * });
 * ```
 */
import { describe, expect, it } from "vitest";
import {
  type CategoricalChoice,
  categoricalDistribution,
  type Distribution,
  floatDistribution,
  intDistribution,
} from "../distributions/distribution.js";
import { containsInternal, snapInternal, toExternal, toInternal } from "../distributions/repr.js";
import { SearchSpaceExhaustedError, TrialPruned } from "../errors/index.js";
import type { Sampler } from "../sampler/sampler.js";
import { InMemoryStorage } from "../storage/in-memory.js";
import { createStudy } from "../study/create.js";
import type { FrozenTrial, ParamValue } from "../trial/frozen.js";
import type { StudyDirection } from "../trial/state.js";
import type { Trial } from "../trial/trial.js";

/** Options of {@link samplerContract}. */
export interface SamplerContractOptions {
  /** Trials per study in the tests (enough to get past a sampler's start-up phase). @defaultValue 40 */
  readonly nTrials?: number;
  /** Also run a two-objective study. @defaultValue true */
  readonly multiObjective?: boolean;
  /**
   * The search spaces the tests run on. "mixed": every distribution kind, continuous floats
   * included. "discrete": finite distributions only (floats with a step, ints, categoricals),
   * for samplers that enumerate a space (GridSampler, BruteForceSampler); `make` then
   * receives the values of every parameter of the test's objective, and `nTrials` may be at
   * most {@link DISCRETE_CONTRACT_MAX_TRIALS}. @defaultValue "mixed"
   */
  readonly space?: "mixed" | "discrete";
  /**
   * With `space: "discrete"`: the sampler proposes each point of a finite space once and
   * then ends the study (`isExhausted`), so an `optimize` without `nTrials` runs exactly as
   * many trials as the space has points, all distinct. @defaultValue false
   */
  readonly exhaustive?: boolean;
}

/** The values of each parameter of a test's objective, by name (a grid, as GridSampler takes it). */
export type SamplerContractGrid = Readonly<Record<string, readonly CategoricalChoice[]>>;

/** The largest `nTrials` of the discrete mode: the size of the smallest space whose trials the tests count. */
export const DISCRETE_CONTRACT_MAX_TRIALS = 84;

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

/** A discrete search space: distributions by name, suggested in this order. */
type DiscreteSpace = Readonly<Record<string, Distribution>>;

/** Every discrete distribution kind (864 points). */
const EVERY_DISCRETE_KIND: DiscreteSpace = {
  float_step: floatDistribution(0, 1, { step: 0.5 }),
  int: intDistribution(-1, 1),
  int_step: intDistribution(0, 10, { step: 5 }),
  int_log: intDistribution(1, 2, { log: true }),
  cat_str: categoricalDistribution(["a", "b"]),
  cat_num: categoricalDistribution([1, 2.5]),
  cat_bool: categoricalDistribution([true, false]),
  cat_null: categoricalDistribution([null, "x"]),
  single: floatDistribution(1.5, 1.5),
};

/** The conditional space's parameters (which of them a trial asks depends on "model"). */
const CONDITIONAL_DISCRETE: DiscreteSpace = {
  model: categoricalDistribution(["linear", "tree", "none"]),
  linear_c: floatDistribution(0.5, 2, { step: 0.5 }),
  tree_depth: intDistribution(1, 4),
  tree_lr: floatDistribution(0, 1, { step: 0.25 }),
};

/** Two parameters for the concurrency test (84 points). */
const TWO_DISCRETE: DiscreteSpace = {
  x: floatDistribution(-1, 1, { step: 0.1 }),
  y: intDistribution(0, 3),
};

/** One parameter for the pruned-and-failed test (101 points). */
const ONE_DISCRETE: DiscreteSpace = { x: floatDistribution(0, 1, { step: 0.01 }) };

/** The two-objective test's parameters (121 points). */
const PAIR_DISCRETE: DiscreteSpace = {
  x: floatDistribution(0, 1, { step: 0.1 }),
  y: floatDistribution(0, 1, { step: 0.1 }),
};

/** Every value of a finite distribution, in order (external values). */
function valuesOf(d: Distribution): CategoricalChoice[] {
  if (d.kind === "categorical") return d.choices.slice();
  const step = d.kind === "int" ? (d.log ? 1 : d.step) : d.step;
  if (step === null) {
    if (d.low !== d.high) throw new Error(`samplerContract: ${d.kind}[${d.low}, ${d.high}] is not finite`);
    return [d.low];
  }
  const out: CategoricalChoice[] = [];
  for (let k = 0; d.low + k * step <= d.high + step * 1e-9; k++) {
    out.push(toExternal(d, snapInternal(d, d.low + k * step)) as number);
  }
  return out;
}

/** The grid of a discrete space (the values of each of its parameters). */
function gridOf(space: DiscreteSpace): SamplerContractGrid {
  const grid: Record<string, CategoricalChoice[]> = {};
  for (const name of Object.keys(space)) grid[name] = valuesOf(space[name]!);
  return grid;
}

/** The number of points of a discrete space. */
function sizeOf(space: DiscreteSpace): number {
  let n = 1;
  for (const values of Object.values(gridOf(space))) n *= values.length;
  return n;
}

/** Suggests every parameter of `space`, in its order. */
function suggestAll(trial: Trial, space: DiscreteSpace): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(space)) out[name] = trial.suggest(name, space[name]!);
  return out;
}

/** An objective on {@link EVERY_DISCRETE_KIND}. */
function everyDiscreteKind(trial: Trial): number {
  const p = suggestAll(trial, EVERY_DISCRETE_KIND);
  return (
    (p.float_step as number) +
    Math.abs(p.int as number) +
    (p.int_step as number) / 5 +
    (p.int_log as number) +
    (p.cat_str === "b" ? 0 : 1) +
    (p.cat_num as number) +
    (p.cat_bool ? 0 : 1) +
    (p.cat_null === null ? 0 : 0.5) +
    (p.single as number)
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

/** One test's objective, with the grid of its parameters in discrete mode. */
interface ContractCase {
  readonly objective: (t: Trial) => number | number[] | Promise<number | number[]>;
  /** The grid handed to `make` (empty in mixed mode, where spaces are not finite). */
  readonly grid: SamplerContractGrid;
}

/**
 * Registers the sampler contract tests.
 * @param name - shown in the test names.
 * @param make - a sampler for a given seed (in discrete mode, also given the grid of the
 *   test's objective).
 * @throws RangeError (at registration) for `nTrials` above {@link DISCRETE_CONTRACT_MAX_TRIALS}
 *   in discrete mode, or `exhaustive` without it.
 */
export function samplerContract(
  name: string,
  make: (seed: number) => Sampler,
  options?: SamplerContractOptions & { readonly space?: "mixed" },
): void;
export function samplerContract(
  name: string,
  make: (seed: number, grid: SamplerContractGrid) => Sampler,
  options: SamplerContractOptions & { readonly space: "discrete" },
): void;
export function samplerContract(
  name: string,
  make: (seed: number, grid: SamplerContractGrid) => Sampler,
  options: SamplerContractOptions = {},
): void {
  const nTrials = options.nTrials ?? 40;
  const discrete = (options.space ?? "mixed") === "discrete";
  if (discrete && nTrials > DISCRETE_CONTRACT_MAX_TRIALS) {
    throw new RangeError(
      `samplerContract: nTrials must be at most ${DISCRETE_CONTRACT_MAX_TRIALS} with space "discrete" (the smallest space whose trials the tests count), got ${nTrials}`,
    );
  }
  if (options.exhaustive && !discrete) {
    throw new RangeError('samplerContract: exhaustive needs space "discrete"');
  }

  /** The test's objective: the mixed one, or its discrete counterpart on `space`. */
  const pick = (
    mixed: ContractCase["objective"],
    space: DiscreteSpace,
    onDiscrete: ContractCase["objective"],
  ): ContractCase =>
    discrete ? { objective: onDiscrete, grid: gridOf(space) } : { objective: mixed, grid: {} };

  const everyKindCase = pick(everyKind, EVERY_DISCRETE_KIND, everyDiscreteKind);

  async function run(
    seed: number,
    c: ContractCase,
    directions: StudyDirection[] = ["minimize"],
    concurrency = 1,
  ) {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: make(seed, c.grid),
      directions,
    });
    await study.optimize(c.objective, { nTrials, concurrency });
    return study;
  }

  describe(`sampler contract: ${name}${discrete ? " (discrete spaces)" : ""}`, () => {
    it("gives the same parameters for the same seed", async () => {
      const a = await run(7, everyKindCase);
      const b = await run(7, everyKindCase);
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
        await study.optimize(everyKindCase.objective, { nTrials });
        return study.trials.map((t) => t.params);
      };
      const shared = make(11, everyKindCase.grid);
      const [a, b] = await Promise.all([runWith(shared, "minimize"), runWith(shared, "maximize")]);
      expect(a).toEqual(await runWith(make(11, everyKindCase.grid), "minimize"));
      expect(b).toEqual(await runWith(make(11, everyKindCase.grid), "maximize"));
    });

    it("gives different parameters for different seeds", async () => {
      const a = await run(1, everyKindCase);
      const b = await run(2, everyKindCase);
      expect(b.trials.map((t) => t.params)).not.toEqual(a.trials.map((t) => t.params));
    });

    it("keeps every distribution kind inside its bounds and on its grid", async () => {
      const study = await run(3, everyKindCase);
      expect(study.trials.length).toBe(nTrials);
      for (const t of study.trials) {
        expect(t.state).toBe("COMPLETE");
        expectInSpace(t);
        expect(t.params.single).toBe(1.5);
      }
    });

    it("samples varied values (not one point repeated)", async () => {
      const study = await run(4, everyKindCase);
      if (discrete) {
        const points = new Set(study.trials.map((t) => JSON.stringify(Object.entries(t.params).sort())));
        expect(points.size).toBeGreaterThan(nTrials / 4);
        expect(new Set(study.trials.map((t) => t.params.int)).size).toBeGreaterThan(1);
      } else {
        expect(new Set(study.trials.map((t) => t.params.float)).size).toBeGreaterThan(nTrials / 4);
      }
      expect(new Set(study.trials.map((t) => t.params.cat_str)).size).toBeGreaterThan(1);
    });

    it("handles conditional search spaces", async () => {
      const s = CONDITIONAL_DISCRETE;
      const conditional = pick(
        (trial) => {
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
        },
        s,
        (trial) => {
          const kind = trial.suggest("model", s.model!);
          if (kind === "linear") return Math.abs((trial.suggest("linear_c", s.linear_c!) as number) - 1);
          if (kind === "tree") {
            const depth = trial.suggest("tree_depth", s.tree_depth!) as number;
            return Math.abs(depth - 3) / 3 + (trial.suggest("tree_lr", s.tree_lr!) as number);
          }
          return 2;
        },
      );
      const study = await run(5, conditional);
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
      const pause = (x: number) => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.abs(x) * 3)));
      const study = await run(
        6,
        pick(
          async (trial) => {
            const x = trial.suggestFloat("x", -1, 1);
            const y = trial.suggestInt("y", 0, 3);
            await pause(x);
            return x * x + y;
          },
          TWO_DISCRETE,
          async (trial) => {
            const { x, y } = suggestAll(trial, TWO_DISCRETE) as { x: number; y: number };
            await pause(x);
            return x * x + y;
          },
        ),
        ["minimize"],
        8,
      );
      expect(study.trials.length).toBe(nTrials);
      expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
      expect(study.trials.map((t) => t.number)).toEqual(Array.from({ length: nTrials }, (_, i) => i));
      for (const t of study.trials) expectInSpace(t);
    });

    it("keeps going after pruned and failed trials", async () => {
      const objective = (x: number, trial: Trial): number => {
        if (trial.number % 5 === 1) throw new TrialPruned();
        if (trial.number % 7 === 2) return Number.NaN;
        return x;
      };
      const study = await run(
        8,
        pick(
          (trial) => objective(trial.suggestFloat("x", 0, 1), trial),
          ONE_DISCRETE,
          (trial) => objective(trial.suggest("x", ONE_DISCRETE.x!) as number, trial),
        ),
      );
      expect(study.trials.length).toBe(nTrials);
      expect(study.getTrials({ states: ["PRUNED"] }).length).toBeGreaterThan(0);
      expect(study.getTrials({ states: ["FAIL"] }).length).toBeGreaterThan(0);
      for (const t of study.trials) expectInSpace(t);
    });

    if (options.multiObjective ?? true) {
      it("works in a two-objective study", async () => {
        const front = (x: number, y: number): number[] => [x, (1 + y) * (1 - Math.sqrt(x))];
        const study = await run(
          9,
          pick(
            (trial) => front(trial.suggestFloat("x", 0, 1), trial.suggestFloat("y", 0, 1)),
            PAIR_DISCRETE,
            (trial) => {
              const { x, y } = suggestAll(trial, PAIR_DISCRETE) as { x: number; y: number };
              return front(x, y);
            },
          ),
          ["minimize", "minimize"],
        );
        expect(study.trials.length).toBe(nTrials);
        expect(study.bestTrials.length).toBeGreaterThan(0);
        for (const t of study.trials) expectInSpace(t);
      });
    }

    if (options.exhaustive) {
      it("proposes every point of a finite space once, then ends the study", async () => {
        const size = sizeOf(EVERY_DISCRETE_KIND);
        const study = await createStudy({
          storage: new InMemoryStorage(),
          sampler: make(12, everyKindCase.grid),
        });
        await study.optimize(everyDiscreteKind);
        expect(study.trials).toHaveLength(size);
        const points = new Set(study.trials.map((t) => JSON.stringify(Object.entries(t.params).sort())));
        expect(points.size).toBe(size);
        for (const t of study.trials) expectInSpace(t);
        await expect(study.ask()).rejects.toBeInstanceOf(SearchSpaceExhaustedError);
      });
    }
  });
}
