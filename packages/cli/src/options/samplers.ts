/**
 * The samplers the CLI builds by name (`--sampler`), their options (`--sampler-kwargs`),
 * and where a study keeps its choice.
 *
 * Every `tunelab ask` is a fresh process, so the sampler is rebuilt at each call. The
 * choice made at `tunelab study create --sampler NAME --sampler-kwargs JSON` is stored in
 * the study's system attribute {@link SAMPLER_ATTR}, and each `ask` rebuilds that sampler,
 * so every process (and every language's script) samples the same way. `ask --sampler`
 * overrides it for one call, as `optuna ask --sampler` does. With a `seed`, trial n draws
 * from `Rng.fromSeed(seed).fork(n)` (TPE, Random, CMA-ES), so a seeded study proposes the
 * same parameters for trial n whichever process asks, given the same finished trials.
 * Without one, each process draws a seed from the OS and the draws are independent.
 */
import type { JsonValue, Sampler } from "@tunelab/study";
import { UsageError } from "../exit-codes.js";
import { type KwargSpec, parseKwargs } from "./kwargs.js";
import type { ClassChoice } from "./stored-choice.js";

/** The study system attribute that holds the sampler chosen at `study create`. */
export const SAMPLER_ATTR = "tunelab:cli:sampler";

/** A sampler by name and options, as stored in {@link SAMPLER_ATTR}. */
export type SamplerChoice = ClassChoice;

interface SamplerEntry {
  readonly name: string;
  readonly spec: KwargSpec;
  readonly build: (kwargs: Record<string, unknown>) => Promise<Sampler>;
}

const SEED: KwargSpec = { seed: "integer" };

/** The options NSGA-II and NSGA-III share that JSON can carry (not custom operator functions). */
const NSGA_OPTIONS: KwargSpec = {
  ...SEED,
  populationSize: "integer",
  crossover: "json",
  crossoverProb: "number",
  swappingProb: "number",
  mutationProb: "json",
  constraints: "boolean",
};

const ENTRIES: readonly SamplerEntry[] = [
  {
    name: "TpeSampler",
    spec: {
      ...SEED,
      nStartupTrials: "integer",
      nEiCandidates: "integer",
      priorWeight: "number",
      considerPrior: "boolean",
      considerMagicClip: "boolean",
      categoricalKernel: "json",
      multivariate: "boolean",
      group: "boolean",
      constantLiar: "boolean",
      constraints: "boolean",
      multivariateBandwidth: "json",
      univariateBandwidth: "json",
      warnIndependentSampling: "boolean",
      branchSplit: "boolean",
      branchExploration: "number",
      magicClipFrom: "integer",
    },
    build: async (k) => new (await import("@tunelab/samplers/tpe")).TpeSampler(k),
  },
  {
    name: "RandomSampler",
    spec: SEED,
    build: async (k) => new (await import("@tunelab/samplers/random")).RandomSampler(k),
  },
  {
    name: "CmaEsSampler",
    spec: {
      ...SEED,
      nStartupTrials: "integer",
      populationSize: "integer",
      restart: "json",
      margin: "json",
      variant: "json",
      start: "json",
      orthogonalSampling: "boolean",
      warnIndependentSampling: "boolean",
      considerPrunedTrials: "boolean",
    },
    build: async (k) => new (await import("@tunelab/samplers/cmaes")).CmaEsSampler(k),
  },
  {
    name: "GpSampler",
    spec: {
      ...SEED,
      nStartupTrials: "integer",
      deterministicObjective: "boolean",
      warnIndependentSampling: "boolean",
      kernel: "json",
      refitFraction: "number",
      restartEvery: "integer",
      restarts: "integer",
      acquisitionOptimizer: "json",
      outputWarping: "json",
    },
    build: async (k) => new (await import("@tunelab/samplers/gp")).GpSampler(k),
  },
  {
    name: "AutoSampler",
    spec: {
      ...SEED,
      gpBudget: "integer",
      conditionalSpaces: "json",
      gp: "json",
      tpe: "json",
      tpeEvery: "integer",
    },
    build: async (k) => new (await import("@tunelab/samplers/auto")).AutoSampler(k as never),
  },
  {
    name: "NsgaIISampler",
    spec: { ...NSGA_OPTIONS },
    build: async (k) => new (await import("@tunelab/samplers/nsga2")).NsgaIISampler(k),
  },
  {
    name: "NsgaIIISampler",
    spec: { ...NSGA_OPTIONS, referencePoints: "json", dividingParameter: "integer" },
    build: async (k) => new (await import("@tunelab/samplers/nsga3")).NsgaIIISampler(k as never),
  },
  {
    name: "QmcSampler",
    spec: { ...SEED, qmcType: "json", scramble: "boolean", warnIndependentSampling: "boolean" },
    build: async (k) => new (await import("@tunelab/samplers/qmc")).QmcSampler(k as never),
  },
  {
    name: "DifferentialEvolutionSampler",
    spec: { ...SEED, populationSize: "integer", strategy: "json" },
    build: async (k) => new (await import("@tunelab/samplers/de")).DifferentialEvolutionSampler(k as never),
  },
  {
    name: "ParticleSwarmSampler",
    spec: { ...SEED, populationSize: "integer", variant: "json", topology: "json", vMaxFraction: "json" },
    build: async (k) => new (await import("@tunelab/samplers/pso")).ParticleSwarmSampler(k as never),
  },
  {
    name: "AntColonySampler",
    spec: { ...SEED, archiveSize: "integer", ants: "integer", q: "number", xi: "number" },
    build: async (k) => new (await import("@tunelab/samplers/aco")).AntColonySampler(k),
  },
  {
    name: "GeneticSampler",
    spec: {
      ...SEED,
      populationSize: "integer",
      crossover: "json",
      crossoverProb: "number",
      swappingProb: "number",
      mutationProb: "json",
      constraints: "boolean",
      survival: "json",
    },
    build: async (k) => new (await import("@tunelab/samplers/ga")).GeneticSampler(k as never),
  },
  {
    name: "GridSampler",
    spec: { ...SEED, searchSpace: "json" },
    build: async (k) => {
      const { searchSpace, ...options } = k;
      if (searchSpace === undefined) {
        throw new RangeError('GridSampler needs search_space, e.g. {"search_space": {"x": [0, 0.5, 1]}}');
      }
      return new (await import("@tunelab/samplers/grid")).GridSampler(searchSpace as never, options);
    },
  },
  {
    name: "BruteForceSampler",
    spec: { ...SEED, avoidPrematureStop: "boolean" },
    build: async (k) => new (await import("@tunelab/samplers/brute-force")).BruteForceSampler(k),
  },
];

/** The sampler names `--sampler` accepts, as help texts list them. */
export const SAMPLER_NAMES: readonly string[] = ENTRIES.map((e) => e.name);

/** Short names (as the benchmark registry spells them) → the normalized class name. */
const ALIASES: Readonly<Record<string, string>> = {
  nsga2: "nsgaii",
  nsga3: "nsgaiii",
  de: "differentialevolution",
  pso: "particleswarm",
  aco: "antcolony",
  ga: "genetic",
};

/**
 * `TPESampler`, `tpe`, `TpeSampler`, `brute-force` → one key; `nsga2`/`nsga3` as
 * `NSGAII`/`NSGAIII`; `de`, `pso`, `aco`, `ga` as the population samplers.
 */
function normalize(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/[-_\s]/g, "")
    .replace(/sampler$/, "");
  return ALIASES[key] ?? key;
}

function entryOf(name: string, flag: string): SamplerEntry {
  const key = normalize(name);
  const entry = ENTRIES.find((e) => normalize(e.name) === key);
  if (entry === undefined) {
    throw new UsageError(
      `${flag}: unknown sampler ${JSON.stringify(name)}; allowed: ${SAMPLER_NAMES.join(", ")} (Optuna's names such as TPESampler, and short forms such as tpe, work too)`,
    );
  }
  return entry;
}

/**
 * Reads `--sampler NAME` and `--sampler-kwargs JSON` into a choice (not built yet).
 * @throws UsageError naming the flag: an unknown name, kwargs that are not a JSON object of
 *   the sampler's options, kwargs without a name.
 */
export function samplerChoice(name: string | undefined, kwargs: string | undefined): SamplerChoice | null {
  if (name === undefined) {
    if (kwargs !== undefined) {
      throw new UsageError(
        "--sampler-kwargs: give --sampler NAME too (the options belong to a named sampler)",
      );
    }
    return null;
  }
  const entry = entryOf(name, "--sampler");
  const options = kwargs === undefined ? {} : parseKwargs(kwargs, "--sampler-kwargs", entry.name, entry.spec);
  return { name: entry.name, kwargs: options as Record<string, JsonValue> };
}

/**
 * Builds the sampler of a choice; `null` builds the default (an unseeded `AutoSampler`, the
 * facade's default).
 * @param flag - named in errors (`--sampler`, or the study attribute it was read from).
 * @throws UsageError when the sampler's constructor refuses the options (the message names
 *   the option and its range).
 */
export async function buildSampler(choice: SamplerChoice | null, flag = "--sampler"): Promise<Sampler> {
  if (choice === null) return new (await import("@tunelab/samplers/auto")).AutoSampler();
  const entry = entryOf(choice.name, flag);
  try {
    return await entry.build({ ...choice.kwargs });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}-kwargs: ${e instanceof Error ? e.message : String(e)}`);
  }
}
