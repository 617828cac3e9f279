import { describe, expect, it } from "vitest";
import { thinMask } from "../../src/plots/thin.js";

describe("thinMask", () => {
  it("keeps every row when they fit", () => {
    expect([...thinMask(5, 5, () => false)]).toEqual([1, 1, 1, 1, 1]);
  });

  it("keeps the rows it must, the last, and an even sample up to about max", () => {
    const must = new Set([3, 500, 997]);
    const m = thinMask(1000, 100, (i) => must.has(i));
    const kept = [...m.keys()].filter((i) => m[i] === 1);
    for (const i of [...must, 999]) expect(kept).toContain(i);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThanOrEqual(96);
    // Evenly spaced: no gap between kept rows much larger than n / max.
    const gaps = kept.slice(1).map((v, i) => v - kept[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(11);
  });
});
