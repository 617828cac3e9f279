/**
 * The search tree of a define-by-run space as BruteForceSampler explores it. It knows
 * nothing of trials: brute-force.ts turns each trial into a path and walks it here.
 *
 * Notation:
 *   - a node stands for a partial assignment (the values chosen on the way from the root);
 *   - an internal node holds the parameter the objective asks next there (`name`,
 *     `distribution`) and one child slot per value of it, k = 0..size−1 (candidates.ts);
 *   - an unexpanded node was reached, but no trial asked anything after it: it may be a
 *     complete combination or hide a subtree;
 *   - a leaf is an unexpanded node where a finished trial ended: that combination is tried.
 *   - free(v) = the number of unexpanded nodes and never-reached slots below v (1 for an
 *     unexpanded node, 0 for a leaf). The tree is explored when free(root) = 0.
 *
 * Slots no trial reached are not materialized: an internal node with `size` slots and c
 * children holds size − c of them implicitly, each counting 1 in `free`, so memory grows with
 * the trials and not with the width of a range (`suggestInt("k", 0, 2 ** 40)` costs one node).
 * `free` is kept up to date by adding each change along the parent chain (O(depth)).
 *
 * The three states and the path representation follow Optuna's `_TreeNode`
 * (optuna/samplers/_brute_force.py, v4), which rebuilds its tree at every call; this one is
 * kept per study and updated incrementally.
 */
import { type Distribution, distributionsEqual } from "@tunelab/study";

/** What is known of a node. */
export type NodeState = "unexpanded" | "leaf" | "internal";

/** A node of the search tree. */
export class SearchNode {
  readonly parent: SearchNode | null;
  /** Index of this node's value among its parent's candidates (-1 for the root). */
  readonly key: number;
  readonly depth: number;
  state: NodeState = "unexpanded";
  /** Internal nodes: the parameter asked here, its distribution and number of values. */
  name: string | null = null;
  distribution: Distribution | null = null;
  size = 0;
  /** Internal nodes: the materialized children by key. */
  children: Map<number, SearchNode> | null = null;
  /** Unexpanded nodes and never-reached slots in the subtree. */
  free = 1;

  constructor(parent: SearchNode | null, key: number) {
    this.parent = parent;
    this.key = key;
    this.depth = parent === null ? 0 : parent.depth + 1;
  }
}

/** Adds `delta` to `free` of `node` and of its ancestors. */
function addFree(node: SearchNode, delta: number): void {
  if (delta === 0) return;
  for (let n: SearchNode | null = node; n !== null; n = n.parent) n.free += delta;
}

/**
 * Makes `node` the internal node of parameter `name` (an unexpanded node or a leaf: a trial
 * asked more after it), or checks that it already is.
 * @returns false when the node already asks another parameter or the same one with another
 * distribution (the trial does not fit the tree).
 */
export function expandNode(
  node: SearchNode,
  name: string,
  distribution: Distribution,
  size: number,
): boolean {
  if (node.state === "internal") {
    return node.name === name && distributionsEqual(node.distribution!, distribution);
  }
  const before = node.free;
  node.state = "internal";
  node.name = name;
  node.distribution = distribution;
  node.size = size;
  node.children = new Map();
  // Every slot starts unexpanded: free goes from 1 (unexpanded) or 0 (leaf) to `size`.
  addFree(node, size - before);
  return true;
}

/** The child of an internal node at slot `key`, materialized as unexpanded if new. */
export function childNode(node: SearchNode, key: number): SearchNode {
  const children = node.children!;
  let c = children.get(key);
  if (c === undefined) {
    // The slot was counted as one free slot; the new unexpanded child counts it instead.
    c = new SearchNode(node, key);
    children.set(key, c);
  }
  return c;
}

/** Marks an unexpanded node as a tried combination (no-op for leaves and internal nodes). */
export function markLeaf(node: SearchNode): void {
  if (node.state !== "unexpanded") return;
  node.state = "leaf";
  addFree(node, -1);
}

/** One step of a path: the parameter asked, its distribution and the index of its value. */
export interface PathStep {
  readonly name: string;
  readonly distribution: Distribution;
  readonly size: number;
  readonly key: number;
}

/** Why a path does not fit the tree. */
export interface PathConflict {
  readonly conflict: true;
  /** The step (index into the path) that does not fit. */
  readonly at: number;
  /** The parameter the tree asks there. */
  readonly expected: string;
}

/**
 * Follows (and grows) the tree along `path` from `root`: each step expands its node if it
 * was unexpanded or a leaf.
 * @returns the node the path ends at, or a conflict when a step asks another parameter
 * (or distribution) than the tree holds there.
 */
export function walkPath(root: SearchNode, path: readonly PathStep[]): SearchNode | PathConflict {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (!expandNode(node, step.name, step.distribution, step.size)) {
      return { conflict: true, at: i, expected: node.name! };
    }
    node = childNode(node, step.key);
  }
  return node;
}

/** The child of `ancestor` on the way to `node`, or null if `node` is not strictly below it. */
export function childTowards(ancestor: SearchNode, node: SearchNode): SearchNode | null {
  let n: SearchNode | null = node;
  while (n !== null && n.parent !== ancestor) n = n.parent;
  return n;
}
