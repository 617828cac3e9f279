import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pixelColumnPoints, thinMask } from "../../src/plots/thin.js";

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

describe("pixelColumnPoints", () => {
  /** Whether the polyline through `kept` of (xs, ys) has a point at height y within `px` of x. */
  function near(xs: number[], ys: number[], kept: number[], x: number, y: number, px: number): boolean {
    for (let k = 0; k + 1 < kept.length; k++) {
      const [a, b] = [kept[k]!, kept[k + 1]!];
      const [xa, xb, ya, yb] = [xs[a]!, xs[b]!, ys[a]!, ys[b]!];
      if (y < Math.min(ya, yb) || y > Math.max(ya, yb)) continue;
      if (ya === yb) {
        if (x >= xa - px && x <= xb + px) return true;
        continue;
      }
      const at = xa + ((y - ya) / (yb - ya)) * (xb - xa);
      if (Math.abs(at - x) <= px * (1 + 1e-9)) return true;
    }
    return kept.length === 1 && ys[kept[0]!] === y && Math.abs(xs[kept[0]!]! - x) <= px;
  }

  it("keeps within one pixel column of every point, first and last kept, at most 4 a column, exact when they fit", () => {
    const curve = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), {
        minLength: 1,
        maxLength: 800,
      })
      .map((pts) => {
        const bySteps = new Map(pts);
        const xs = [...bySteps.keys()].sort((a, b) => a - b);
        return { xs, ys: xs.map((x) => bySteps.get(x)!) };
      });
    fc.assert(
      fc.property(curve, fc.integer({ min: 1, max: 600 }), ({ xs, ys }, width) => {
        const x0 = Math.min(0, xs[0]!);
        const span = Math.max(0, xs[xs.length - 1]!) - x0;
        const px = span / width;
        const kept = pixelColumnPoints(xs, ys, x0, px);
        expect(kept[0]).toBe(0);
        expect(kept[kept.length - 1]).toBe(xs.length - 1);
        for (let k = 1; k < kept.length; k++) expect(kept[k]!).toBeGreaterThan(kept[k - 1]!);
        for (let i = 0; i < xs.length; i++)
          expect(near(xs, ys, kept, xs[i]!, ys[i]!, px), `point ${i}`).toBe(true);
        const columns = new Map<number, number>();
        for (const i of kept) {
          const c = Math.floor((xs[i]! - x0) / px);
          columns.set(c, (columns.get(c) ?? 0) + 1);
        }
        for (const n of columns.values()) expect(n).toBeLessThanOrEqual(4);
        if (xs.length <= width / 4 || span === 0) {
          // Few points: when no column holds more than 4, every point is kept.
          const all = new Map<number, number>();
          for (const x of xs)
            all.set(Math.floor((x - x0) / px), (all.get(Math.floor((x - x0) / px)) ?? 0) + 1);
          if ([...all.values()].every((n) => n <= 4)) expect(kept.length).toBe(xs.length);
        }
      }),
    );
  });

  it("keeps everything for a pixel of zero, Infinity or NaN", () => {
    for (const px of [0, Number.POSITIVE_INFINITY, Number.NaN])
      expect(pixelColumnPoints([0, 1, 1.5], [3, 2, 1], 0, px)).toEqual([0, 1, 2]);
  });
});
