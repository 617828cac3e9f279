import { categoricalDistribution, type Distribution, intDistribution } from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  childNode,
  childTowards,
  expandNode,
  markLeaf,
  type PathStep,
  SearchNode,
  walkPath,
} from "../../src/brute-force/tree.js";

const int = (n: number): Distribution => intDistribution(0, n - 1);
const step = (name: string, size: number, key: number): PathStep => ({
  name,
  distribution: int(size),
  size,
  key,
});

/** free recomputed from scratch: 1 per unexpanded node or never-reached slot. */
function naiveFree(node: SearchNode): number {
  if (node.state === "unexpanded") return 1;
  if (node.state === "leaf") return 0;
  let total = node.size - node.children!.size;
  for (const c of node.children!.values()) total += naiveFree(c);
  return total;
}

function everyNode(node: SearchNode, f: (n: SearchNode) => void): void {
  f(node);
  if (node.children !== null) for (const c of node.children.values()) everyNode(c, f);
}

describe("SearchNode / expandNode / childNode / markLeaf", () => {
  it("counts unexpanded slots as trials reveal and try them", () => {
    const root = new SearchNode(null, -1);
    expect(root.free).toBe(1); // nothing known: one unexpanded node
    expect(expandNode(root, "a", int(3), 3)).toBe(true);
    expect(root.free).toBe(3);
    const a1 = childNode(root, 1);
    expect(root.free).toBe(3); // materializing a slot changes nothing
    expect(expandNode(a1, "b", int(2), 2)).toBe(true);
    expect(root.free).toBe(4);
    markLeaf(childNode(a1, 0));
    expect([a1.free, root.free]).toEqual([1, 3]);
    markLeaf(childNode(a1, 0)); // a repeat
    expect(root.free).toBe(3);
    markLeaf(childNode(a1, 1));
    expect([a1.free, root.free]).toEqual([0, 2]);
  });

  it("refuses another parameter or distribution at an internal node", () => {
    const root = new SearchNode(null, -1);
    expandNode(root, "a", int(3), 3);
    expect(expandNode(root, "a", int(3), 3)).toBe(true);
    expect(expandNode(root, "b", int(3), 3)).toBe(false);
    expect(expandNode(root, "a", int(4), 4)).toBe(false);
    expect(expandNode(root, "a", categoricalDistribution([0, 1, 2]), 3)).toBe(false);
  });

  it("turns a leaf into an internal node when a trial asks more after it", () => {
    const root = new SearchNode(null, -1);
    expandNode(root, "a", int(2), 2);
    const a0 = childNode(root, 0);
    markLeaf(a0);
    expect(root.free).toBe(1);
    expandNode(a0, "b", int(3), 3);
    expect(a0.state).toBe("internal");
    expect(root.free).toBe(4);
  });
});

describe("walkPath / childTowards", () => {
  it("follows and grows the tree, and reports where a path does not fit", () => {
    const root = new SearchNode(null, -1);
    const end = walkPath(root, [step("a", 2, 1), step("b", 3, 2)]);
    expect(end).toBeInstanceOf(SearchNode);
    const node = end as SearchNode;
    expect([node.depth, node.key, node.parent!.name]).toEqual([2, 2, "b"]);
    expect(childTowards(root, node)).toBe(root.children!.get(1));
    expect(childTowards(node, root)).toBeNull();
    expect(walkPath(root, [step("a", 2, 1), step("c", 3, 0)])).toEqual({
      conflict: true,
      at: 1,
      expected: "b",
    });
    expect(walkPath(root, [])).toBe(root);
  });

  it("keeps free equal to a recount from scratch, whatever trials are added (property)", () => {
    // A random conditional space: at each node, the parameter depends on the path so far.
    const pathArb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, fc.boolean()), { maxLength: 40 }), (trials) => {
        const root = new SearchNode(null, -1);
        for (const [keys, finished] of trials) {
          const path: PathStep[] = [];
          keys.forEach((k, depth) => {
            const size = 2 + ((depth + (path[depth - 1]?.key ?? 0)) % 3); // 2..4 values
            path.push(step(`p${depth}:${path[depth - 1]?.key ?? "-"}`, size, k % size));
          });
          const end = walkPath(root, path);
          expect(end).toBeInstanceOf(SearchNode);
          if (finished) markLeaf(end as SearchNode);
        }
        everyNode(root, (n) => {
          expect(n.free).toBe(naiveFree(n));
        });
      }),
    );
  });
});
