/**
 * DifferentialEvolutionSampler: differential evolution over a study, a thin adapter of
 * `@tunelab/math/population` (SHADE by default, or rand/1/bin) on the slot population core
 * (`../population/slot-sampler.ts`: generations, slots and the population in trial system attributes, so
 * workers in several processes share one population).
 *
 * A generation's state is stored as trial numbers (the population and SHADE's archive) and
 * SHADE's memory; the vectors are the unit-box coordinates of those trials' parameters
 * (`../population/unit-space.ts`), so the state survives a change of the relative space. Generation 1's
 * population is the NP best COMPLETE trials of generation 0 (sampled independently, i.e.
 * uniformly by default); from then on trial i of generation g is the trial vector of target
 * `slot` (`proposeDeTrial`, drawn from a generator keyed by the seed and the trial number,
 * its CR and F stored in `de:draws`), and generation g + 1 is the selection of
 * `nextDeGeneration` over g's COMPLETE trials.
 *
 * Closest elsewhere: Optuna has no DE sampler; SciPy's `scipy.optimize.differential_evolution`
 * (a batch optimizer, strategies `rand1bin`, `best1bin`, ...) and pymoo's `DE`.
 */
import {
  type DeGenerationState,
  type DeMember,
  type DeResult,
  type DeStrategy,
  initialDeState,
  nextDeGeneration,
  proposeDeTrial,
  type ResolvedDeStrategy,
  resolveDeOptions,
} from "@tunelab/math/population";
import type { Rng } from "@tunelab/math/random";
import type { JsonValue } from "@tunelab/study";
import type { ParentsRecord } from "../population/history.js";
import {
  checkSlotOptions,
  type SlotAlgorithm,
  type SlotContext,
  type SlotKeys,
  type SlotMember,
  SlotPopulationSampler,
  type SlotSamplerOptions,
} from "../population/slot-sampler.js";

/** System attribute keys of DifferentialEvolutionSampler. */
export const DE_KEYS: SlotKeys = {
  generation: "de:generation",
  parents: "de:parents",
  slot: "de:slot",
  draws: "de:draws",
};

/** Options of {@link DifferentialEvolutionSampler}. */
export interface DifferentialEvolutionSamplerOptions extends SlotSamplerOptions {
  /**
   * The strategy and its parameters (`@tunelab/math/population`'s records): `{ kind: "shade" }`
   * (memorySize H, pMax, archiveRate) or `{ kind: "rand1bin", f, cr }`.
   * @defaultValue \{ kind: "shade" \} with H = NP, p_max = 0.2, |A| = NP (Tanabe & Fukunaga 2013)
   */
  readonly strategy?: DeStrategy;
}

/** The JSON of a generation's state. */
interface DeRecordState {
  readonly population: readonly number[];
  readonly archive: readonly number[];
  readonly memory: {
    readonly cr: readonly number[];
    readonly f: readonly number[];
    readonly k: number;
  } | null;
}

const UNIT = (d: number) => ({ lower: new Array<number>(d).fill(0), upper: new Array<number>(d).fill(1) });

function toDeMember(m: SlotMember): DeMember {
  return { x: Array.from(m.u), value: m.value, id: m.number };
}

function deAlgorithm(strategy: ResolvedDeStrategy): SlotAlgorithm<DeGenerationState> {
  return {
    name: "DifferentialEvolutionSampler",
    keys: DE_KEYS,
    stream: "de",
    advance(previous, members, ctx: SlotContext, rng: Rng) {
      const np = ctx.populationSize;
      if (previous === null || previous.population.length < 4) {
        // Generation 0 → 1 (or a fresh start): the NP best of the members.
        if (members.length < 4) return null;
        const results: DeResult[] = members.map((m) => ({
          slot: 0,
          x: Array.from(m.u),
          value: m.value,
          cr: Number.NaN,
          f: Number.NaN,
          id: m.number,
        }));
        const size = Math.min(np, results.length);
        const next = nextDeGeneration(initialDeState(strategy), results, size, strategy, rng);
        return { ...next, generation: ctx.generation };
      }
      const results: DeResult[] = [];
      for (const m of members) {
        if (m.slot === null) continue;
        results.push({
          slot: m.slot % previous.population.length,
          x: Array.from(m.u),
          value: m.value,
          cr: m.draws?.[0] ?? Number.NaN,
          f: m.draws?.[1] ?? Number.NaN,
          id: m.number,
        });
      }
      return { ...nextDeGeneration(previous, results, np, strategy, rng), generation: ctx.generation };
    },
    propose(state, slot, ctx, rng) {
      const t = proposeDeTrial(state, slot, UNIT(ctx.space.dim), strategy, rng);
      return { u: t.x, draws: Number.isNaN(t.cr) ? null : [t.cr, t.f] };
    },
    toRecord(state) {
      const json: DeRecordState = {
        population: state.population.map((m) => m.id),
        archive: state.archive.map((m) => m.id),
        memory: state.memory,
      };
      return { trials: [...json.population], state: json as unknown as JsonValue };
    },
    fromRecord(record: ParentsRecord, ctx) {
      const r = record.state as unknown as DeRecordState | undefined;
      if (r === undefined || r === null || !Array.isArray(r.population) || !Array.isArray(r.archive))
        return null;
      const population: DeMember[] = [];
      for (const k of r.population) {
        const m = typeof k === "number" ? ctx.member(k) : null;
        if (m === null) return null; // a trial not seen yet, or lacking a parameter of the space
        population.push(toDeMember(m));
      }
      const archive: DeMember[] = [];
      for (const k of r.archive) {
        const m = typeof k === "number" ? ctx.member(k) : null;
        if (m !== null) archive.push(toDeMember(m));
      }
      if (population.length < 4) return null;
      const memory =
        strategy.kind === "shade" &&
        r.memory !== null &&
        typeof r.memory === "object" &&
        Array.isArray(r.memory.cr)
          ? { cr: [...r.memory.cr], f: [...r.memory.f], k: r.memory.k }
          : initialDeState(strategy).memory;
      return { version: 1, generation: record.generation, population, archive, memory };
    },
  };
}

/**
 * Differential evolution (SHADE by default) as a sampler; see the module comment.
 * @example
 * ```ts
 * import { createStudy } from "@tunelab/study";
 * import { DifferentialEvolutionSampler } from "@tunelab/samplers/de";
 * const study = await createStudy({ sampler: new DifferentialEvolutionSampler({ populationSize: 20, seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2 + t.suggestInt("n", 1, 9), { nTrials: 400 });
 * ```
 */
export class DifferentialEvolutionSampler extends SlotPopulationSampler<DeGenerationState> {
  /**
   * @throws TypeError / RangeError on an unknown option, populationSize not an integer ≥ 4, a
   *   malformed strategy (its field and range named), an independentSampler that is not a
   *   Sampler, or a bad seed.
   */
  constructor(options: DifferentialEvolutionSamplerOptions = {}) {
    const where = "DifferentialEvolutionSampler";
    checkSlotOptions(where, options, ["strategy"]);
    let strategy: ResolvedDeStrategy;
    try {
      // The math checks the strategy (dimension and NP only matter for its defaults).
      strategy = resolveDeOptions({
        dim: 1,
        populationSize: options.populationSize ?? 20,
        strategy: options.strategy ?? { kind: "shade" },
        seed: 0,
      }).strategy;
    } catch (e) {
      const message =
        e instanceof Error ? e.message.replace(/^DifferentialEvolution:/, `${where}:`) : String(e);
      throw e instanceof TypeError ? new TypeError(message) : new RangeError(message);
    }
    super(options, deAlgorithm(strategy));
  }
}
