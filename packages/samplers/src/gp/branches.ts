/**
 * The branches of a conditional space, for `GpSampler({ branches: true })`: the categorical
 * parameter whose value decides which other parameters a trial holds (a model among several,
 * an optimizer among two), and for each of its choices the parameters every COMPLETE trial of
 * that branch holds.
 *
 * One GP per branch is the "independent GPs per leaf" arrangement of tree-structured spaces
 * (Jenatton, Archambeau, González, Seeger, "Bayesian optimization with tree-structured
 * dependencies", ICML 2017, §3, where it is the baseline their shared-parameter model
 * improves on at larger budgets; Lévesque, Durand, Gagné, Sabourin, "Bayesian optimization
 * for conditional hyperparameter spaces", IJCNN 2017). Its point here is the choice of the
 * branch: each branch's GP keeps the uncertainty of its own unexplored region, so a branch
 * whose first trials were poor but whose space is barely tried keeps a high expected
 * improvement, where a GP over the shared parameters alone sees only the branch's mean.
 */
import {
  type CategoricalDistribution,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  isSingleValue,
  type SearchSpace,
  setKey,
} from "@tunelab/study";

/** One choice of the branching parameter. */
export interface Branch {
  /** The choice index (the parameter's internal value). */
  readonly index: number;
  /** COMPLETE trials with this choice. */
  readonly complete: number;
  /**
   * The parameters (other than the branching one) every COMPLETE trial of the branch holds
   * with one distribution, without single-valued ones; empty for a branch without trials.
   */
  readonly space: SearchSpace;
}

/** A conditional space seen as branches of one categorical parameter. */
export interface BranchStructure {
  /** The branching parameter. */
  readonly parent: string;
  readonly parentDistribution: CategoricalDistribution;
  /** One per choice of the parent, in choice order. */
  readonly branches: readonly Branch[];
  /**
   * The relative search space: the parent and the union of the branches' spaces (a name two
   * branches hold with different distributions is left out of every branch).
   */
  readonly space: SearchSpace;
}

const SEP = "\u0000";

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function signature(t: FrozenTrial): string {
  return Object.keys(t.distributions).sort().join(SEP);
}

/**
 * The branch structure of `trials`, or null when the space is not conditional or no single
 * categorical parameter decides it.
 *
 * The parent is the first categorical parameter of `shared` (the relative search space every
 * COMPLETE trial holds, in the order the parameters were first suggested) such that the set of
 * parameter names of a COMPLETE trial is a function of its value, taking at least two sets.
 * A space whose branches depend on more than one parameter, or on a numeric one, has none;
 * so has one with a deeper condition inside a branch (an activation's slope under one model):
 * measured on the benchmark's `conditional-model-choice`, splitting there left the slope to
 * the independent sampler while the branch's GP judged the leaky activation by its poorly
 * drawn slopes, and 5 of 10 seeds stopped at the plain activation's 0.05 (one GP over the
 * shared parameters: 2 of 10 above 1e-3).
 * Nor has a space where one choice only adds parameters to another's (no set of names is a
 * subset of another: a fork, not an optional extra such as a degree for the polynomial kernel
 * or an l1_ratio for the elastic-net penalty): there one GP over the shared parameters, with
 * the choice as a categorical dimension, sees every trial's shared values, which splitting
 * would throw away.
 *
 * @param trials - the study's trials (only COMPLETE ones are read).
 * @param shared - the intersection search space, single-valued parameters left out.
 * @example
 * // trials of { model: "ridge", alpha } and { model: "svr", C, gamma }:
 * branchStructure(trials, { model })!.branches.map((b) => Object.keys(b.space)) // [["alpha"], ["C", "gamma"]]
 */
export function branchStructure(trials: readonly FrozenTrial[], shared: SearchSpace): BranchStructure | null {
  const complete: FrozenTrial[] = [];
  for (const t of trials) if (t.state === "COMPLETE") complete.push(t);
  if (complete.length < 2) return null;
  const signatures = complete.map(signature);
  let conditional = false;
  for (let i = 1; i < signatures.length && !conditional; i++) conditional = signatures[i] !== signatures[0];
  if (!conditional) return null;

  let found: string | null = null;
  for (const name of Object.keys(shared)) {
    const d = shared[name]!;
    if (d.kind !== "categorical") continue;
    const byValue = new Map<number, string>();
    let consistent = true;
    for (let i = 0; i < complete.length && consistent; i++) {
      const v = complete[i]!.internalParams[name]!;
      const seen = byValue.get(v);
      if (seen === undefined) byValue.set(v, signatures[i]!);
      else consistent = seen === signatures[i];
    }
    if (consistent && new Set(byValue.values()).size >= 2) {
      found = name;
      break;
    }
  }
  if (found === null) return null;
  const parent: string = found;
  // A fork, not an optional extra: no choice's names are a subset of another's.
  const distinct = [...new Set(signatures)].map((sig) => new Set(sig.split(SEP)));
  for (let i = 0; i < distinct.length; i++) {
    for (let j = 0; j < distinct.length; j++) {
      if (i !== j && isSubset(distinct[i]!, distinct[j]!)) return null;
    }
  }
  const parentDistribution = shared[parent] as CategoricalDistribution;

  const spaces: Record<string, Distribution>[] = [];
  const counts: number[] = [];
  for (let v = 0; v < parentDistribution.choices.length; v++) {
    const own: FrozenTrial[] = complete.filter((t) => t.internalParams[parent] === v);
    counts.push(own.length);
    const space: Record<string, Distribution> = {};
    if (own.length > 0) {
      for (const name of Object.keys(own[0]!.distributions)) {
        if (name === parent) continue;
        const d = own[0]!.distributions[name]!;
        if (isSingleValue(d)) continue;
        let everywhere = true;
        for (let i = 1; i < own.length && everywhere; i++) {
          const e = own[i]!.distributions[name];
          everywhere = e !== undefined && distributionsEqual(e, d);
        }
        if (everywhere) setKey(space, name, d);
      }
    }
    spaces.push(space);
  }

  // Names two branches hold with different distributions leave every branch.
  const union: Record<string, Distribution> = {};
  const conflicts = new Set<string>();
  for (const space of spaces) {
    for (const name of Object.keys(space)) {
      const seen = union[name];
      if (seen === undefined) setKey(union, name, space[name]!);
      else if (!distributionsEqual(seen, space[name]!)) conflicts.add(name);
    }
  }
  const relative: Record<string, Distribution> = {};
  setKey(relative, parent, parentDistribution);
  for (const name of Object.keys(union)) if (!conflicts.has(name)) setKey(relative, name, union[name]!);
  const branches = spaces.map((space, index): Branch => {
    const kept: Record<string, Distribution> = {};
    for (const name of Object.keys(space)) if (!conflicts.has(name)) setKey(kept, name, space[name]!);
    return { index, complete: counts[index]!, space: kept };
  });
  return { parent, parentDistribution, branches, space: relative };
}
