/**
 * The sampler registry: every sampler the benchmark can run, on either side of the peer
 * bridge. A tunelab sampler joins with one entry whose `create(seed, context)` builds it; an
 * Optuna sampler is an entry with side "optuna" and no factory (benchmarks/peers/optuna_peer.py
 * builds it by the same name). Names match the columns of the Optuna 3.1 baselines
 * (random, tpe, tpe_multivariate, cmaes, qmc, qmc_scrambled, nsga2_pop20), so that the same
 * name on both sides is compared head to head.
 */

import { AntColonySampler } from "@tunelab/samplers/aco";
import { AutoSampler } from "@tunelab/samplers/auto";
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { DifferentialEvolutionSampler } from "@tunelab/samplers/de";
import { GeneticSampler } from "@tunelab/samplers/ga";
import { GpSampler, type GpSamplerOptions } from "@tunelab/samplers/gp";
import { GridSampler } from "@tunelab/samplers/grid";
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { NsgaIIISampler } from "@tunelab/samplers/nsga3";
import { ParticleSwarmSampler } from "@tunelab/samplers/pso";
import { QmcSampler } from "@tunelab/samplers/qmc";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import type { Sampler } from "@tunelab/study";
import type { BenchmarkProblem } from "../problems/problem.js";
import { gridForProblem } from "./grid-space.js";

/** Which implementation runs a sampler. */
export type SamplerSide = "tunelab" | "optuna";

/** What a factory may look at to build a sampler for one run. */
export interface SamplerContext {
  readonly problem: BenchmarkProblem;
  /** Trials of the run. */
  readonly trials: number;
}

/** One sampler the benchmark can run. */
export interface SamplerEntry {
  /** Name shared by both sides for the same algorithm (e.g. "tpe"). */
  readonly name: string;
  readonly side: SamplerSide;
  readonly description: string;
  /** Handles multi-objective problems. */
  readonly multiObjective: boolean;
  /** Handles single-objective problems. @defaultValue true */
  readonly singleObjective?: boolean;
  /**
   * Builds the sampler of one run (tunelab side only), or returns null when it does not
   * apply to this problem (the run is then skipped and shown as n/a).
   */
  readonly create?: (seed: number, context: SamplerContext) => Sampler | null;
}

/**
 * Every registered sampler. To add a tunelab sampler, add one line, e.g.
 * `{ name: "tpe", side: "tunelab", description: "TPE", multiObjective: true, create: (seed) => new TpeSampler({ seed }) },`
 */
/**
 * A GpSampler whose independent sampler is a TpeSampler of the same seed (issue 20's
 * candidates), or null past 2,000 trials (exact GP inference costs O(n³) per trial).
 */
function gpWithTpe(seed: number, trials: number, options: Omit<GpSamplerOptions, "seed">): GpSampler | null {
  if (trials > 2000) return null;
  return new GpSampler({
    seed,
    independentSampler: new TpeSampler({ seed, warnIndependentSampling: false }),
    ...options,
  });
}

export const SAMPLERS: readonly SamplerEntry[] = [
  {
    name: "random",
    side: "tunelab",
    description: "RandomSampler: independent uniform draws",
    multiObjective: true,
    create: (seed) => new RandomSampler({ seed }),
  },
  {
    name: "cmaes",
    side: "tunelab",
    description: "CmaEsSampler (defaults: margin, orthogonal sampling)",
    multiObjective: false,
    create: (seed) => new CmaEsSampler({ seed }),
  },
  {
    name: "tpe",
    side: "tunelab",
    description: "TpeSampler (defaults: multivariate, Scott bandwidth, constant liar; MOTPE)",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed }),
  },
  {
    name: "tpe_univariate",
    side: "tunelab",
    description: "TpeSampler({ multivariate: false }): one 1-D estimator per parameter",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed, multivariate: false }),
  },
  {
    name: "tpe_group",
    side: "tunelab",
    description: "TpeSampler({ group: true }): each branch of a conditional space modelled jointly",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed, group: true }),
  },
  {
    name: "tpe_branch",
    side: "tunelab",
    description:
      "TpeSampler({ group: true, branchSplit: true, branchExploration: 0.3 }): issue 20's early-branch trap candidate",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed, group: true, branchSplit: true, branchExploration: 0.3 }),
  },
  {
    name: "tpe_clip30",
    side: "tunelab",
    description:
      "TpeSampler({ magicClipFrom: 30 }): the magic clip from the 30th finished trial on (issue 20's ablation)",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed, magicClipFrom: 30 }),
  },
  {
    name: "gp",
    side: "tunelab",
    description: "GpSampler (defaults: Matérn 5/2 ARD, log EI / log EHVI, kriging believer)",
    multiObjective: true,
    // Exact GP inference costs O(n³) per trial (n = 1,000: about 10 s; packages/samplers/src/gp/README.md):
    // runs of more than 2,000 trials (and the micro-benchmark's history of 10,000) are listed as n/a.
    create: (seed, { trials }) => (trials > 2000 ? null : new GpSampler({ seed })),
  },
  {
    name: "gp_tpe",
    side: "tunelab",
    description:
      "GpSampler({ independentSampler: TpeSampler }): parameters outside the GP's shared space from TPE's 1-D estimators instead of at random (issue 20 candidate)",
    multiObjective: true,
    create: (seed, { trials }) => gpWithTpe(seed, trials, {}),
  },
  {
    name: "gp_branch",
    side: "tunelab",
    description:
      "GpSampler({ branches: true, independentSampler: TpeSampler }): one GP per branch of a conditional space, the branch of largest log EI (issue 20 candidate)",
    multiObjective: true,
    create: (seed, { trials }) => gpWithTpe(seed, trials, { branches: true, warnIndependentSampling: false }),
  },
  {
    name: "auto",
    side: "tunelab",
    description:
      "AutoSampler: GpSampler (branch parameters from TPE) for one objective below 250 COMPLETE trials, else TpeSampler (issue 20)",
    multiObjective: true,
    // Its GP phase ends at 250 trials, so its cost is the GP's to there and TPE's beyond.
    create: (seed) => new AutoSampler({ seed }),
  },
  {
    name: "auto_s5",
    side: "tunelab",
    description:
      "AutoSampler({ gp: { nStartupTrials: 5 } }): 5 random start-up trials before the GP instead of 10 (issue 20 candidate for the 20-trial budget)",
    multiObjective: true,
    create: (seed) => new AutoSampler({ seed, gp: { nStartupTrials: 5 } }),
  },
  {
    name: "auto_qmc",
    side: "tunelab",
    description:
      "AutoSampler whose start-up trials are scrambled Sobol points (QmcSampler through the GP's TPE): issue 20 candidate for the 20-trial budget",
    multiObjective: true,
    create: (seed) =>
      new AutoSampler({
        seed,
        gp: {
          independentSampler: new TpeSampler({
            seed,
            warnIndependentSampling: false,
            startupSampler: new QmcSampler({ seed, scramble: true }),
          }),
        },
      }),
  },
  {
    name: "auto_lsprior",
    side: "tunelab",
    description:
      "AutoSampler whose GPs take Optuna's length-scale prior (-(0.1 l^2 + 0.1 / l^2)) instead of the dimension-scaled log-normal: issue 20 candidate",
    multiObjective: true,
    create: (seed) =>
      new AutoSampler({ seed, gp: { priors: { lengthScale: { kind: "precision", a: 0.1, b: 0.1 } } } }),
  },
  {
    name: "auto_maxmean",
    side: "tunelab",
    description:
      "AutoSampler whose GPs take the worst observed loss as their constant prior mean (De Ath et al. 2020) instead of the mean: issue 20 candidate",
    multiObjective: true,
    create: (seed) => new AutoSampler({ seed, gp: { priorMean: "max" } }),
  },
  {
    name: "auto_rank",
    side: "tunelab",
    description:
      "AutoSampler whose GPs take the rank output warping (Gaussian copula, Salinas et al. 2020) instead of Yeo-Johnson: issue 20 candidate",
    multiObjective: true,
    create: (seed) => new AutoSampler({ seed, gp: { outputWarping: { kind: "rank" } } }),
  },
  {
    name: "auto_plateau",
    side: "tunelab",
    description:
      "AutoSampler whose GPs warp the losses by ranks when a repeated value holds a quarter of them (a plateau), else Yeo-Johnson: issue 20 candidate",
    multiObjective: true,
    create: (seed) => new AutoSampler({ seed, gp: { outputWarping: { kind: "plateau" } } }),
  },
  {
    name: "auto_mix",
    side: "tunelab",
    description:
      "AutoSampler({ tpeEvery: 2 }): after the start-up, the GP phase alternates GP and TPE trials (trials 11, 13, ... from TPE): issue 20 candidate",
    multiObjective: true,
    create: (seed) => new AutoSampler({ seed, tpeEvery: 2 }),
  },
  {
    name: "nsga2",
    side: "tunelab",
    description: "NsgaIISampler (Optuna's defaults: population 50, uniform crossover)",
    multiObjective: true,
    create: (seed) => new NsgaIISampler({ seed }),
  },
  {
    name: "nsga2_pop20",
    side: "tunelab",
    description: "NsgaIISampler({ populationSize: 20 })",
    multiObjective: true,
    create: (seed) => new NsgaIISampler({ seed, populationSize: 20 }),
  },
  {
    name: "nsga3",
    side: "tunelab",
    description: "NsgaIIISampler (Optuna's defaults: population 50, uniform crossover, dividingParameter 3)",
    multiObjective: true,
    create: (seed) => new NsgaIIISampler({ seed }),
  },
  {
    name: "qmc",
    side: "tunelab",
    description: "QmcSampler (Sobol, unscrambled; trial i takes point i)",
    multiObjective: true,
    create: (seed) => new QmcSampler({ seed }),
  },
  {
    name: "qmc_scrambled",
    side: "tunelab",
    description: "QmcSampler({ scramble: true })",
    multiObjective: true,
    create: (seed) => new QmcSampler({ seed, scramble: true }),
  },
  {
    name: "tpe_qmc",
    side: "tunelab",
    description:
      "TpeSampler({ startupSampler: QmcSampler({ scramble: true }) }): quasi-random start-up trials",
    multiObjective: true,
    create: (seed) => new TpeSampler({ seed, startupSampler: new QmcSampler({ seed, scramble: true }) }),
  },
  {
    name: "grid",
    side: "tunelab",
    description: "GridSampler over k points per parameter, k^d ≈ trials (k ≥ 2), seeded visiting order",
    multiObjective: true,
    create: (seed, { problem, trials }) => {
      const grid = gridForProblem(problem, trials);
      return grid === null ? null : new GridSampler(grid, { seed });
    },
  },
  {
    name: "shade",
    side: "tunelab",
    description: "DifferentialEvolutionSampler (defaults: SHADE, NP = 20)",
    multiObjective: false,
    create: (seed) => new DifferentialEvolutionSampler({ seed }),
  },
  {
    name: "de",
    side: "tunelab",
    description: "DifferentialEvolutionSampler({ strategy: rand/1/bin, F = 0.5, CR = 0.9 }), NP = 20",
    multiObjective: false,
    create: (seed) => new DifferentialEvolutionSampler({ seed, strategy: { kind: "rand1bin" } }),
  },
  {
    name: "pso",
    side: "tunelab",
    description:
      "ParticleSwarmSampler (defaults: constriction φ = 4.1, global best, v_max = 0.5·range, 20 particles)",
    multiObjective: false,
    create: (seed) => new ParticleSwarmSampler({ seed }),
  },
  {
    name: "aco",
    side: "tunelab",
    description:
      "AntColonySampler (ACO_R/ACO_MV, Socha & Dorigo's defaults: k = 50, m = 2, q = 1e-4, ξ = 0.85)",
    multiObjective: false,
    create: (seed) => new AntColonySampler({ seed }),
  },
  {
    name: "ga",
    side: "tunelab",
    description:
      "GeneticSampler (defaults: population 50, SBX η = 15, polynomial mutation η = 20, elitist survival)",
    multiObjective: false,
    create: (seed) => new GeneticSampler({ seed }),
  },
  { name: "random", side: "optuna", description: "optuna.samplers.RandomSampler", multiObjective: true },
  { name: "tpe", side: "optuna", description: "optuna.samplers.TPESampler (defaults)", multiObjective: true },
  {
    name: "tpe_multivariate",
    side: "optuna",
    description: "TPESampler(multivariate=True)",
    multiObjective: true,
  },
  { name: "cmaes", side: "optuna", description: "optuna.samplers.CmaEsSampler", multiObjective: false },
  { name: "qmc", side: "optuna", description: "QMCSampler (Sobol, unscrambled)", multiObjective: true },
  { name: "qmc_scrambled", side: "optuna", description: "QMCSampler(scramble=True)", multiObjective: true },
  {
    name: "nsga2",
    side: "optuna",
    description: "optuna.samplers.NSGAIISampler (defaults)",
    multiObjective: true,
  },
  {
    name: "nsga2_pop20",
    side: "optuna",
    description: "NSGAIISampler(population_size=20)",
    multiObjective: true,
  },
  {
    name: "nsga3",
    side: "optuna",
    description: "optuna.samplers.NSGAIIISampler (defaults; Optuna >= 3.2, skipped under 3.1)",
    multiObjective: true,
  },
  // "<name>@<version>": the same sampler under another Optuna, in a child peer process
  // (benchmarks/peers/optuna_peer.py, forward_versioned), so one run holds both versions.
  {
    name: "tpe@3.1",
    side: "optuna",
    description: "TPESampler (defaults) under Optuna 3.1 (/usr/bin/python3)",
    multiObjective: true,
  },
  {
    name: "tpe_multivariate@3.1",
    side: "optuna",
    description: "TPESampler(multivariate=True) under Optuna 3.1 (/usr/bin/python3)",
    multiObjective: true,
  },
  {
    name: "nsga2@3.1",
    side: "optuna",
    description: "NSGAIISampler (defaults) under Optuna 3.1 (/usr/bin/python3)",
    multiObjective: true,
  },
  {
    // Optuna 5.0's CmaEsSampler needs a newer cmaes than Debian's python3-cmaes 0.9.1.
    name: "cmaes@3.1",
    side: "optuna",
    description: "CmaEsSampler under Optuna 3.1 (/usr/bin/python3)",
    multiObjective: false,
  },
];

/** A method: a sampler on one side, optionally with a pruner ("none" for no pruner). */
export interface MethodId {
  readonly side: SamplerSide;
  readonly sampler: string;
  readonly pruner: string;
}

/** The display label of a method: "random", "optuna/tpe", "random+median". */
export function methodLabel(m: MethodId): string {
  const base = m.side === "tunelab" ? m.sampler : `optuna/${m.sampler}`;
  return m.pruner === "none" ? base : `${base}+${m.pruner}`;
}

/**
 * The registry entry of a sampler.
 * @throws RangeError naming the known samplers of that side when there is none.
 */
export function samplerEntry(
  side: SamplerSide,
  name: string,
  registry: readonly SamplerEntry[] = SAMPLERS,
): SamplerEntry {
  const e = registry.find((s) => s.side === side && s.name === name);
  if (e === undefined) {
    const known = registry.filter((s) => s.side === side).map((s) => s.name);
    throw new RangeError(`samplerEntry: no ${side} sampler "${name}"; known: ${known.join(", ")}`);
  }
  return e;
}

/** Names of the registered samplers of one side. */
export function samplerNames(side: SamplerSide, registry: readonly SamplerEntry[] = SAMPLERS): string[] {
  return registry.filter((s) => s.side === side).map((s) => s.name);
}

/** Whether the sampler handles the problem's number of objectives. */
export function samplerApplies(entry: SamplerEntry, problem: BenchmarkProblem): boolean {
  return problem.directions.length > 1 ? entry.multiObjective : entry.singleObjective !== false;
}
