/**
 * The TpeSampler variants of the ablations (issue 20): each is the default `TpeSampler` with
 * one option changed (Watanabe 2023, "Tree-structured Parzen estimator: understanding its
 * algorithm components", arXiv:2304.11127, ablates the same components), plus the candidate
 * fixes of the early-branch trap in conditional spaces.
 */
import { hyperoptGamma } from "@tunelab/math/tpe";
import { TpeSampler, type TpeSamplerOptions } from "@tunelab/samplers/tpe";

/** One variant: a name, what it changes, its options (the seed is added per run). */
export interface TpeVariant {
  readonly name: string;
  readonly description: string;
  readonly options: TpeSamplerOptions;
}

/** Linear γ of Watanabe 2023's ablation: ⌈0.1·n⌉ without the cap of 25. */
const linearGamma = (n: number): number => Math.ceil(0.1 * n);

/** Uniform observation weights (every trial weighs 1). */
const uniformWeights = (n: number): Float64Array => new Float64Array(n).fill(1);

/** The default and one-option-changed variants (the component ablation). */
export const ABLATION_VARIANTS: readonly TpeVariant[] = [
  {
    name: "default",
    description:
      "TpeSampler({}) (multivariate, Scott, prior 1, magic clip, γ = min(⌈0.1n⌉, 25), Optuna's weights, 10 start-up, 24 candidates)",
    options: {},
  },
  { name: "univariate", description: "multivariate: false", options: { multivariate: false } },
  {
    name: "bw-optuna",
    description: "multivariateBandwidth: Optuna's { kind: 'scaled-range', factor: 0.2 }",
    options: { multivariateBandwidth: { kind: "scaled-range", factor: 0.2 } },
  },
  { name: "prior-0.5", description: "priorWeight: 0.5", options: { priorWeight: 0.5 } },
  { name: "prior-2", description: "priorWeight: 2", options: { priorWeight: 2 } },
  { name: "no-prior", description: "considerPrior: false", options: { considerPrior: false } },
  { name: "no-magic-clip", description: "considerMagicClip: false", options: { considerMagicClip: false } },
  { name: "gamma-linear", description: "gamma: ⌈0.1n⌉ (no cap)", options: { gamma: linearGamma } },
  {
    name: "gamma-sqrt",
    description: "gamma: hyperoptGamma, min(⌈0.25√n⌉, 25)",
    options: { gamma: hyperoptGamma },
  },
  { name: "weights-uniform", description: "weights: uniform", options: { weights: uniformWeights } },
  { name: "startup-5", description: "nStartupTrials: 5", options: { nStartupTrials: 5 } },
  { name: "startup-20", description: "nStartupTrials: 20", options: { nStartupTrials: 20 } },
  { name: "cand-100", description: "nEiCandidates: 100", options: { nEiCandidates: 100 } },
];

/** Candidate fixes of the early-branch trap (conditional spaces). */
export const BRANCH_VARIANTS: readonly TpeVariant[] = [
  { name: "default", description: "TpeSampler({})", options: {} },
  { name: "group", description: "group: true", options: { group: true } },
  { name: "split", description: "branchSplit: true", options: { branchSplit: true } },
  { name: "explore-0.2", description: "branchExploration: 0.2", options: { branchExploration: 0.2 } },
  {
    name: "split-explore-0.1",
    description: "branchSplit: true, branchExploration: 0.1",
    options: { branchSplit: true, branchExploration: 0.1 },
  },
  {
    name: "split-explore-0.2",
    description: "branchSplit: true, branchExploration: 0.2",
    options: { branchSplit: true, branchExploration: 0.2 },
  },
  {
    name: "split-explore-0.3",
    description: "branchSplit: true, branchExploration: 0.3",
    options: { branchSplit: true, branchExploration: 0.3 },
  },
  {
    name: "split-explore-0.4",
    description: "branchSplit: true, branchExploration: 0.4",
    options: { branchSplit: true, branchExploration: 0.4 },
  },
  {
    name: "group-explore-0.2",
    description: "group: true, branchExploration: 0.2",
    options: { group: true, branchExploration: 0.2 },
  },
  {
    name: "group-split",
    description: "group: true, branchSplit: true",
    options: { group: true, branchSplit: true },
  },
  {
    name: "group-split-explore-0.1",
    description: "group: true, branchSplit: true, branchExploration: 0.1",
    options: { group: true, branchSplit: true, branchExploration: 0.1 },
  },
  {
    name: "group-split-explore-0.3",
    description: "group: true, branchSplit: true, branchExploration: 0.3",
    options: { group: true, branchSplit: true, branchExploration: 0.3 },
  },
  {
    name: "group-split-explore-0.2",
    description: "group: true, branchSplit: true, branchExploration: 0.2",
    options: { group: true, branchSplit: true, branchExploration: 0.2 },
  },
];

/** The magic clip from a number of finished trials on (`magicClipFrom`), after the ablation found it budget-dependent. */
export const SCHEDULE_VARIANTS: readonly TpeVariant[] = [
  { name: "default", description: "TpeSampler({})", options: {} },
  { name: "no-magic-clip", description: "considerMagicClip: false", options: { considerMagicClip: false } },
  ...[30, 50, 70].map((k) => ({
    name: `clip-from-${k}`,
    description: `magicClipFrom: ${k}`,
    options: { magicClipFrom: k },
  })),
];

const ALL: readonly TpeVariant[] = [...ABLATION_VARIANTS, ...BRANCH_VARIANTS, ...SCHEDULE_VARIANTS];

/** A variant by name from any list. @throws RangeError naming the known variants. */
export function tpeVariant(name: string): TpeVariant {
  const v = ALL.find((x) => x.name === name);
  if (v === undefined) {
    const known = [...new Set(ALL.map((x) => x.name))];
    throw new RangeError(`tpeVariant: unknown variant "${name}"; known: ${known.join(", ")}`);
  }
  return v;
}

/** The sampler of a variant for one seed. */
export function variantSampler(v: TpeVariant, seed: number): TpeSampler {
  return new TpeSampler({ ...v.options, seed });
}
