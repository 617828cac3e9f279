import { MedianPruner } from "@tunelab/pruners/median";
import { PatientPruner } from "@tunelab/pruners/patient";
import { PercentilePruner } from "@tunelab/pruners/percentile";
import { ThresholdPruner } from "@tunelab/pruners/threshold";
import { WilcoxonPruner } from "@tunelab/pruners/wilcoxon";
import { AntColonySampler } from "@tunelab/samplers/aco";
import { AutoSampler } from "@tunelab/samplers/auto";
import { DifferentialEvolutionSampler } from "@tunelab/samplers/de";
import { GeneticSampler } from "@tunelab/samplers/ga";
import { GpSampler } from "@tunelab/samplers/gp";
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { NsgaIIISampler } from "@tunelab/samplers/nsga3";
import { ParticleSwarmSampler } from "@tunelab/samplers/pso";
import { QmcSampler } from "@tunelab/samplers/qmc";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/exit-codes.js";
import { camelCase } from "../../src/options/kwargs.js";
import { buildPruner, prunerChoice } from "../../src/options/pruners.js";
import { buildSampler, samplerChoice } from "../../src/options/samplers.js";
import { storedChoice } from "../../src/options/stored-choice.js";

describe("camelCase", () => {
  it("turns Optuna's snake_case into tunelab's camelCase", () => {
    expect(camelCase("n_startup_trials")).toBe("nStartupTrials");
    expect(camelCase("seed")).toBe("seed");
    expect(camelCase("nStartupTrials")).toBe("nStartupTrials");
  });
});

describe("samplerChoice and buildSampler", () => {
  it("accepts Optuna's names, tunelab's and short forms", () => {
    for (const name of ["TPESampler", "TpeSampler", "tpe"])
      expect(samplerChoice(name, undefined)?.name).toBe("TpeSampler");
    expect(samplerChoice("random", undefined)?.name).toBe("RandomSampler");
    expect(samplerChoice("CmaEsSampler", undefined)?.name).toBe("CmaEsSampler");
    expect(samplerChoice("brute-force", undefined)?.name).toBe("BruteForceSampler");
    for (const name of ["GPSampler", "gp"]) expect(samplerChoice(name, undefined)?.name).toBe("GpSampler");
    for (const name of ["NSGAIISampler", "nsga2", "NsgaIISampler"])
      expect(samplerChoice(name, undefined)?.name).toBe("NsgaIISampler");
    for (const name of ["NSGAIIISampler", "nsga3"])
      expect(samplerChoice(name, undefined)?.name).toBe("NsgaIIISampler");
  });

  it("builds GpSampler, NsgaIISampler and NsgaIIISampler with their options", async () => {
    const gp = await buildSampler(samplerChoice("gp", '{"seed": 3, "output_warping": {"kind": "none"}}'));
    expect(gp).toBeInstanceOf(GpSampler);
    const nsga2 = await buildSampler(
      samplerChoice("nsga2", '{"population_size": 20, "crossover": {"kind": "sbx"}}'),
    );
    expect(nsga2).toBeInstanceOf(NsgaIISampler);
    const nsga3 = await buildSampler(samplerChoice("NSGAIIISampler", '{"dividing_parameter": 4, "seed": 1}'));
    expect(nsga3).toBeInstanceOf(NsgaIIISampler);
    await expect(buildSampler(samplerChoice("nsga2", '{"population_size": 1}'))).rejects.toThrow(UsageError);
    const qmc = await buildSampler(
      samplerChoice("QMCSampler", '{"qmc_type": "halton", "scramble": true, "seed": 2}'),
    );
    expect(qmc).toBeInstanceOf(QmcSampler);
    await expect(buildSampler(samplerChoice("qmc", '{"qmc_type": "lattice"}'))).rejects.toThrow(UsageError);
  });

  it("builds AutoSampler by name with its options, nested sampler options as JSON", async () => {
    const auto = await buildSampler(
      samplerChoice(
        "auto",
        '{"seed": 3, "gp_budget": 40, "conditional_spaces": "tpe", "tpe": {"nStartupTrials": 5}, "tpe_every": 2}',
      ),
    );
    expect(auto).toBeInstanceOf(AutoSampler);
    expect((auto as AutoSampler).gpBudget).toBe(40);
    expect((auto as AutoSampler).conditionalSpaces).toBe("tpe");
    expect((auto as AutoSampler).seed).toBe(3);
    expect((auto as AutoSampler).tpeEvery).toBe(2);
    await expect(buildSampler(samplerChoice("AutoSampler", '{"gp_budget": -1}'))).rejects.toThrow(/gpBudget/);
    await expect(buildSampler(samplerChoice("AutoSampler", '{"tpe_every": 1}'))).rejects.toThrow(/tpeEvery/);
  });

  it("builds the population samplers by class name and short name, with their options", async () => {
    const de = await buildSampler(
      samplerChoice(
        "de",
        '{"seed": 1, "population_size": 12, "strategy": {"kind": "rand1bin", "f": 0.5, "cr": 0.9}}',
      ),
    );
    expect(de).toBeInstanceOf(DifferentialEvolutionSampler);
    const pso = await buildSampler(
      samplerChoice(
        "ParticleSwarmSampler",
        '{"seed": 1, "topology": {"kind": "ring"}, "v_max_fraction": 0.3}',
      ),
    );
    expect(pso).toBeInstanceOf(ParticleSwarmSampler);
    const aco = await buildSampler(
      samplerChoice("aco", '{"seed": 1, "archive_size": 10, "ants": 2, "xi": 0.85}'),
    );
    expect(aco).toBeInstanceOf(AntColonySampler);
    const ga = await buildSampler(
      samplerChoice("ga", '{"seed": 1, "population_size": 10, "survival": {"kind": "elitist"}}'),
    );
    expect(ga).toBeInstanceOf(GeneticSampler);
    await expect(buildSampler(samplerChoice("aco", '{"archive_size": 0}'))).rejects.toThrow(UsageError);
    expect(() => samplerChoice("pso", '{"inertia": 0.5}')).toThrow(UsageError);
  });

  it("reads snake_case and camelCase options and builds the sampler with them", async () => {
    const choice = samplerChoice("TPESampler", '{"seed": 7, "n_startup_trials": 3, "constantLiar": false}');
    expect(choice).toEqual({
      name: "TpeSampler",
      kwargs: { seed: 7, nStartupTrials: 3, constantLiar: false },
    });
    const sampler = await buildSampler(choice);
    expect(sampler).toBeInstanceOf(TpeSampler);
    expect((sampler as TpeSampler).seed).toBe(7);
    expect(await buildSampler(samplerChoice("random", '{"seed": 1}'))).toBeInstanceOf(RandomSampler);
  });

  it("builds an unseeded AutoSampler by default (the facade's default)", async () => {
    const a = await buildSampler(null);
    expect(a).toBeInstanceOf(AutoSampler);
    expect((a as AutoSampler).seed).not.toBe(((await buildSampler(null)) as AutoSampler).seed);
  });

  it("refuses an unknown sampler, listing the known ones", () => {
    expect(() => samplerChoice("MOEADSampler", undefined)).toThrow(
      /^--sampler: unknown sampler "MOEADSampler"; allowed: TpeSampler, RandomSampler, CmaEsSampler, GpSampler, AutoSampler, NsgaIISampler, NsgaIIISampler, QmcSampler, DifferentialEvolutionSampler, ParticleSwarmSampler, AntColonySampler, GeneticSampler, GridSampler, BruteForceSampler/,
    );
  });

  it("refuses options the sampler does not take, and ones of the wrong type", () => {
    expect(() => samplerChoice("tpe", '{"consider_endpoints": true}')).toThrow(
      /^--sampler-kwargs: TpeSampler has no option "consider_endpoints"; it takes seed, nStartupTrials/,
    );
    expect(() => samplerChoice("random", '{"seed": "x"}')).toThrow(
      /--sampler-kwargs: RandomSampler option seed must be an integer/,
    );
    expect(() => samplerChoice("random", "{seed: 1}")).toThrow(/^--sampler-kwargs: not JSON/);
    expect(() => samplerChoice("random", "[1]")).toThrow(/^--sampler-kwargs: expected a JSON object/);
    expect(() => samplerChoice("tpe", '{"seed": 1, "seed": 2}')).not.toThrow();
    expect(() => samplerChoice("tpe", '{"n_startup_trials": 1, "nStartupTrials": 2}')).toThrow(/given twice/);
  });

  it("refuses --sampler-kwargs without --sampler, as Optuna does", () => {
    expect(() => samplerChoice(undefined, '{"seed": 1}')).toThrow(
      /^--sampler-kwargs: give --sampler NAME too/,
    );
  });

  it("turns a constructor's refusal into a usage error naming the option", async () => {
    await expect(buildSampler(samplerChoice("tpe", '{"n_startup_trials": -1}'))).rejects.toThrow(UsageError);
    await expect(buildSampler(samplerChoice("grid", "{}"))).rejects.toThrow(/GridSampler needs search_space/);
  });
});

describe("prunerChoice and buildPruner", () => {
  it("builds MedianPruner and PercentilePruner with their options", async () => {
    const median = await buildPruner(prunerChoice("MedianPruner", '{"n_warmup_steps": 2}')!);
    expect(median).toBeInstanceOf(MedianPruner);
    expect((median as MedianPruner).nWarmupSteps).toBe(2);
    const pct = await buildPruner(prunerChoice("percentile", '{"percentile": 25}')!);
    expect(pct).toBeInstanceOf(PercentilePruner);
    expect((pct as PercentilePruner).percentile).toBe(25);
  });

  it("builds ThresholdPruner, WilcoxonPruner and PatientPruner (wrapping another pruner by name)", async () => {
    const threshold = await buildPruner(prunerChoice("threshold", '{"upper": 1.5, "n_warmup_steps": 2}')!);
    expect(threshold).toBeInstanceOf(ThresholdPruner);
    expect(await buildPruner(prunerChoice("WilcoxonPruner", '{"p_threshold": 0.05}')!)).toBeInstanceOf(
      WilcoxonPruner,
    );
    const patient = await buildPruner(
      prunerChoice(
        "PatientPruner",
        '{"patience": 2, "wrapped": {"name": "median", "kwargs": {"n_startup_trials": 3}}}',
      )!,
    );
    expect(patient).toBeInstanceOf(PatientPruner);
    expect(await buildPruner(prunerChoice("patient", '{"patience": 0, "wrapped": null}')!)).toBeInstanceOf(
      PatientPruner,
    );
    await expect(buildPruner(prunerChoice("patient", "{}")!)).rejects.toThrow(/PatientPruner needs patience/);
    await expect(
      buildPruner(prunerChoice("patient", '{"patience": 1, "wrapped": "median"}')!),
    ).rejects.toThrow(/PatientPruner option wrapped must be null or/);
    await expect(
      buildPruner(
        prunerChoice(
          "patient",
          '{"patience": 1, "wrapped": {"name": "median", "kwargs": {"percentile": 3}}}',
        )!,
      ),
    ).rejects.toThrow(/MedianPruner has no option "percentile"/);
  });

  it("refuses an unknown pruner and unknown options", () => {
    expect(() => prunerChoice("SomethingPruner", undefined)).toThrow(
      /^--pruner: unknown pruner "SomethingPruner"; allowed: MedianPruner/,
    );
    expect(() => prunerChoice("median", '{"percentile": 3}')).toThrow(
      /MedianPruner has no option "percentile"/,
    );
    expect(() => prunerChoice(undefined, "{}")).toThrow(/^--pruner-kwargs: give --pruner NAME too/);
  });

  it("turns a constructor's refusal into a usage error", async () => {
    await expect(buildPruner(prunerChoice("percentile", "{}")!)).rejects.toThrow(
      /PercentilePruner needs percentile/,
    );
    await expect(buildPruner(prunerChoice("percentile", '{"percentile": 150}')!)).rejects.toThrow(
      /^--pruner-kwargs: /,
    );
  });
});

describe("storedChoice", () => {
  it("reads a stored choice, and null when there is none", () => {
    expect(storedChoice({ a: { name: "RandomSampler", kwargs: { seed: 1 } } }, "a")).toEqual({
      name: "RandomSampler",
      kwargs: { seed: 1 },
    });
    expect(storedChoice({}, "a")).toBeNull();
  });

  it("names the attribute when its value is malformed", () => {
    expect(() => storedChoice({ a: "tpe" }, "a")).toThrow(/system attribute a is not/);
    expect(() => storedChoice({ a: { name: "x", kwargs: [] } }, "a")).toThrow(/system attribute a is not/);
  });
});
