import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accuracy, labelAccuracy, topKAccuracy } from "../../src/metrics/accuracy.js";

const { POSITIVE_INFINITY: INF, NEGATIVE_INFINITY: NINF, NaN: NAN } = Number;

describe("accuracy", () => {
  it("counts rows whose highest score is the label", () => {
    const scores = new Float64Array([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5]);
    expect(accuracy(scores, 3, [1, 0, 2])).toBe(1);
    expect(accuracy(scores, 3, [1, 1, 1])).toBeCloseTo(1 / 3, 15);
  });

  it("gives expected credit 1/g for a g-way tie at the top, 1 or 0 with the other rules", () => {
    const scores = new Float64Array([1, 1, 0, 2, 2, 2]);
    expect(accuracy(scores, 3, [0, 2])).toBeCloseTo((1 / 2 + 1 / 3) / 2, 15);
    expect(accuracy(scores, 3, [0, 2], { ties: "optimistic" })).toBe(1);
    expect(accuracy(scores, 3, [0, 2], { ties: "pessimistic" })).toBe(0);
  });

  it("treats ±Infinity as ordinary scores and returns NaN when a score is NaN", () => {
    expect(accuracy(new Float64Array([INF, 0, NINF, 0]), 2, [0, 1])).toBe(1);
    expect(accuracy(new Float64Array([INF, INF]), 2, [0])).toBe(0.5);
    expect(accuracy(new Float64Array([0, 1, NAN, 1]), 2, [1, 1])).toBeNaN();
  });

  it("is invariant to a monotone transform of each row (logits vs probabilities)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
        (z, labels) => {
          const probs = new Float64Array(12);
          for (let r = 0; r < 3; r++) {
            const row = z.slice(4 * r, 4 * r + 4);
            const m = Math.max(...row);
            const s = row.reduce((a, x) => a + Math.exp(x - m), 0);
            row.forEach((x, j) => {
              probs[4 * r + j] = Math.exp(x - m) / s;
            });
          }
          // exp is monotone, but distinct logits can round to equal probabilities: compare
          // with the optimistic rule, which only needs "no strictly larger score".
          const a = accuracy(Float64Array.from(z), 4, labels, { ties: "pessimistic" });
          const b = accuracy(probs, 4, labels, { ties: "optimistic" });
          return a <= b;
        },
      ),
    );
  });

  it("rejects out-of-range labels, mismatched lengths, empty input and unknown tie rules", () => {
    expect(() => accuracy(new Float64Array(4), 2, [0, 2])).toThrow(
      /accuracy: labels must be integers in \[0, 2\), got labels\[1\]=2/,
    );
    expect(() => accuracy(new Float64Array(4), 2, [0])).toThrow(
      /labels must have one entry per row \(2\), got 1/,
    );
    expect(() => accuracy(new Float64Array(0), 2, [])).toThrow(/at least one row/);
    expect(() => accuracy(new Float64Array(5), 2, [0, 0])).toThrow(/not a multiple of nClasses=2/);
    // @ts-expect-error an unknown rule is rejected at run time too
    expect(() => accuracy(new Float64Array(2), 2, [0], { ties: "random" })).toThrow(/ties must be one of/);
  });
});

describe("topKAccuracy", () => {
  it("counts the label among the k highest scores", () => {
    const scores = new Float64Array([0.1, 0.5, 0.4, 0.6, 0.3, 0.1]);
    expect(topKAccuracy(scores, 3, [2, 2], 1)).toBe(0);
    expect(topKAccuracy(scores, 3, [2, 2], 2)).toBe(0.5);
    expect(topKAccuracy(scores, 3, [2, 2], 3)).toBe(1);
  });

  it("is non-decreasing in k, equals accuracy at k = 1 and 1 at k = nClasses (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            // few distinct values, so ties are common
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4 * n, maxLength: 4 * n }),
            fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 4, maxLength: 4 }),
          ),
        ),
        fc.constantFrom("expected", "pessimistic", "optimistic" as const),
        ([n, z, labels], ties) => {
          const scores = Float64Array.from(z);
          let prev = 0;
          for (let k = 1; k <= n; k++) {
            const a = topKAccuracy(scores, n, labels, k, { ties });
            if (a < prev - 1e-15) return false;
            prev = a;
          }
          return (
            topKAccuracy(scores, n, labels, 1, { ties }) === accuracy(scores, n, labels, { ties }) &&
            topKAccuracy(scores, n, labels, n, { ties }) === 1
          );
        },
      ),
    );
  });

  it("orders the tie rules: pessimistic ≤ expected ≤ optimistic (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 1, max: 5 }),
        (z, labels, k) => {
          const s = Float64Array.from(z);
          const lo = topKAccuracy(s, 5, labels, k, { ties: "pessimistic" });
          const mid = topKAccuracy(s, 5, labels, k, { ties: "expected" });
          const hi = topKAccuracy(s, 5, labels, k, { ties: "optimistic" });
          return lo <= mid + 1e-15 && mid <= hi + 1e-15;
        },
      ),
    );
  });

  it("gives the exact random-tie-breaking probability (k - m)/g for a boundary tie", () => {
    // One class above the label (m = 1), label tied with two others (g = 3), k = 2: 1/3.
    expect(topKAccuracy(new Float64Array([5, 1, 1, 1, 0]), 5, [2], 2)).toBeCloseTo(1 / 3, 15);
    expect(topKAccuracy(new Float64Array([5, 1, 1, 1, 0]), 5, [2], 3)).toBeCloseTo(2 / 3, 15);
    expect(topKAccuracy(new Float64Array([5, 1, 1, 1, 0]), 5, [4], 4)).toBe(0);
  });

  it("rejects k out of range with a clear error", () => {
    const s = new Float64Array(6);
    expect(() => topKAccuracy(s, 3, [0, 0], 0)).toThrow(
      /topKAccuracy: k must be an integer in \[1, nClasses=3\], got 0/,
    );
    expect(() => topKAccuracy(s, 3, [0, 0], 4)).toThrow(/got 4/);
    expect(() => topKAccuracy(s, 3, [0, 0], 1.5)).toThrow(/got 1.5/);
    expect(() => topKAccuracy(s, 3, [0, 0], NaN)).toThrow(/got NaN/);
  });
});

describe("labelAccuracy", () => {
  it("is the fraction of equal labels", () => {
    expect(labelAccuracy([0, 1, 1], [0, 1, 0])).toBeCloseTo(2 / 3, 15);
    expect(labelAccuracy(new Int32Array([3]), [3])).toBe(1);
  });

  it("rejects mismatched lengths, empty arrays and non-integers", () => {
    expect(() => labelAccuracy([0], [0, 1])).toThrow(
      /labelAccuracy: predicted and labels must have the same length, got 1 and 2/,
    );
    expect(() => labelAccuracy([], [])).toThrow(/labels must not be empty/);
    expect(() => labelAccuracy([NaN], [0])).toThrow(/predicted must be integers, got predicted\[0\]=NaN/);
    expect(() => labelAccuracy([0], [INF])).toThrow(/labels must be integers/);
  });
});
