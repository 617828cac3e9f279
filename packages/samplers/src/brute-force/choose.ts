/**
 * Which value BruteForceSampler gives the parameter of an internal node, decided on plain
 * counts (brute-force.ts gathers them from the tree and the running trials).
 *
 * A slot of the node is *open* when something below it is neither tried nor held by a
 * RUNNING trial. Inputs: the node's number of values `size`, and each child that is not a
 * plain open slot (internal children, leaves, unexpanded children held by a running trial),
 * sorted by key, with free (unexpanded slots below it) and held (those of them held by
 * running trials). Every other slot (never reached, or an unexpanded child nobody holds) is
 * one open slot.
 *
 * Tiers:
 *   1. Some slot is open. Let a_c = free_c − held_c for each child with a_c > 0 (each single
 *      open slot has a_c = 1), A = Σ a_c and P = the number of such children. Child c is
 *      drawn with weight ½·a_c/A + ½/P: half proportional to the known open slots, half flat
 *      over the children that have any, so that a subtree whose size is not known yet (one
 *      unexpanded slot may hide many combinations) is not starved. Optuna's
 *      BruteForceSampler blends the same two weightings (α = 0.5; `_TreeNode.sample_child`).
 *   2. Nothing is open but running trials hold slots: a uniform draw among the children with
 *      free > 0, which repeats what a running trial is doing (it may still reveal parameters
 *      below it).
 *   3. Everything below is tried: a uniform draw among all values (a repeat).
 */
import { categorical, type Rng } from "@tunelab/math/random";

/** Counts of a child that is not a plain open slot. */
export interface ChildCounts {
  readonly key: number;
  /** Unexpanded slots below the child (1 for an unexpanded child, 0 for a leaf). */
  readonly free: number;
  /** How many of them RUNNING trials hold. */
  readonly held: number;
}

/** The value chosen and the tier that chose it. */
export interface ChildChoice {
  readonly key: number;
  readonly tier: 1 | 2 | 3;
}

/**
 * Draws the key of the next value (see the tiers above).
 * @param size - number of values of the node's parameter (≤ 2^53 − 1).
 * @param children - the children that are not plain open slots, sorted by key, keys distinct.
 */
export function chooseChild(size: number, children: readonly ChildCounts[], rng: Rng): ChildChoice {
  const open = size - children.length; // plain open slots, a_c = 1 each
  const subtrees: ChildCounts[] = [];
  let total = open;
  for (const c of children) {
    const a = c.free - c.held;
    if (a > 0) {
      subtrees.push(c);
      total += a;
    }
  }
  if (total > 0) {
    const count = open + subtrees.length;
    const weights = new Float64Array(subtrees.length + 1);
    weights[0] = open * (0.5 / total + 0.5 / count);
    subtrees.forEach((c, i) => {
      weights[i + 1] = (0.5 * (c.free - c.held)) / total + 0.5 / count;
    });
    const i = categorical(rng, weights);
    if (i > 0) return { key: subtrees[i - 1]!.key, tier: 1 };
    // The r-th key (ascending) that is not one of `children`.
    let key = rng.int(0, open - 1);
    for (const c of children) {
      if (c.key <= key) key++;
      else break;
    }
    return { key, tier: 1 };
  }
  const held = children.filter((c) => c.free > 0);
  if (held.length > 0) return { key: held[rng.int(0, held.length - 1)]!.key, tier: 2 };
  return { key: rng.int(0, size - 1), tier: 3 };
}
