import { Rng } from "@tunelab/math/random";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChildCounts, chooseChild } from "../../src/brute-force/choose.js";

/** Keys chosen over many draws. */
function drawn(size: number, children: readonly ChildCounts[], n = 400): Map<number, number> {
  const rng = Rng.fromSeed(3);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const { key } = chooseChild(size, children, rng);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("chooseChild", () => {
  it("chooses only open slots while there are any (tier 1)", () => {
    // Keys 0 and 3 are tried (leaves), 1 is held by a running trial, 2 is a subtree with 2 of 3 open.
    const children: ChildCounts[] = [
      { key: 0, free: 0, held: 0 },
      { key: 1, free: 1, held: 1 },
      { key: 2, free: 3, held: 1 },
      { key: 3, free: 0, held: 0 },
    ];
    const counts = drawn(6, children);
    expect([...counts.keys()].sort()).toEqual([2, 4, 5]);
    expect(chooseChild(6, children, Rng.fromSeed(1)).tier).toBe(1);
  });

  it("blends proportional and flat weights: ½·a/A + ½/P", () => {
    // Key 0: a subtree with 8 open slots; keys 1 and 2 never reached (1 each): A = 10, P = 3.
    const counts = drawn(3, [{ key: 0, free: 8, held: 0 }], 30000);
    const p0 = (counts.get(0) ?? 0) / 30000;
    expect(p0).toBeCloseTo(0.5 * 0.8 + 0.5 / 3, 1);
  });

  it("repeats a running trial's branch when nothing is open (tier 2), anything when all is tried (tier 3)", () => {
    const held: ChildCounts[] = [
      { key: 0, free: 0, held: 0 },
      { key: 1, free: 2, held: 2 },
    ];
    const c = chooseChild(2, held, Rng.fromSeed(0));
    expect(c).toEqual({ key: 1, tier: 2 });
    const tried: ChildCounts[] = [
      { key: 0, free: 0, held: 0 },
      { key: 1, free: 0, held: 0 },
    ];
    expect(chooseChild(2, tried, Rng.fromSeed(0)).tier).toBe(3);
  });

  it("never picks a slot without open combinations while one is open, and reaches every open one (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.nat(3), fc.nat(3)), { maxLength: 12 }),
        (size, raw) => {
          const byKey = new Map<number, ChildCounts>();
          for (const [key, free, held] of raw) {
            if (key < size) byKey.set(key, { key, free, held: Math.min(held, free) });
          }
          // Plain open slots (unexpanded, not held) are not passed in.
          const children = [...byKey.values()]
            .filter((c) => !(c.free === 1 && c.held === 0))
            .sort((a, b) => a.key - b.key);
          const open = new Set<number>();
          for (let k = 0; k < size; k++) {
            const c = children.find((x) => x.key === k);
            if (c === undefined || c.free - c.held > 0) open.add(k);
          }
          const counts = drawn(size, children, 300);
          for (const k of counts.keys()) expect(k >= 0 && k < size).toBe(true);
          if (open.size > 0) expect(new Set(counts.keys())).toEqual(open);
          else if (children.some((c) => c.free > 0))
            for (const k of counts.keys()) expect(children.find((c) => c.key === k)!.free).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
