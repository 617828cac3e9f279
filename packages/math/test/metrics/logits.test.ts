import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  crossEntropyFromLogits,
  crossEntropyPerRow,
  logSoftmax,
  perplexityFromLogits,
} from "../../src/metrics/cross-entropy.js";

interface LogitCase {
  nClasses: number;
  logits: number[];
  labels: number[];
  logSoftmax: number[];
  perRow: number[];
  mean: number;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as {
  logits: LogitCase[];
};

function expectClose(actual: number, expected: number, tol = 1e-13): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const { POSITIVE_INFINITY: INF, NEGATIVE_INFINITY: NINF, NaN: NAN } = Number;

describe("logSoftmax", () => {
  it("matches scipy.special.log_softmax on the committed fixture (logit scales 1, 30, 1e4)", () => {
    for (const c of fixture.logits) {
      const out = logSoftmax(Float64Array.from(c.logits), c.nClasses);
      for (const [i, v] of c.logSoftmax.entries()) expectClose(out[i]!, v, 1e-13);
    }
  });

  it("is stable for logits of ±1e4 and invariant to adding a constant to a row", () => {
    const out = logSoftmax(new Float64Array([1e4, -1e4, 1e4, 0]), 2);
    expect(Array.from(out)).toEqual([0, -2e4, 0, -1e4]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (row, c) => {
          const a = logSoftmax(Float64Array.from(row), row.length);
          const b = logSoftmax(
            Float64Array.from(row, (x) => x + c),
            row.length,
          );
          return a.every((v, i) => Math.abs(v - b[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));
        },
      ),
    );
  });

  it("exponentiates to a distribution (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (row) => {
          const s = logSoftmax(Float64Array.from(row), row.length).reduce((a, v) => a + Math.exp(v), 0);
          return Math.abs(s - 1) < 1e-12;
        },
      ),
    );
  });

  it("takes rows with +Infinity to their limit and makes NaN or all -Infinity rows NaN", () => {
    const out = logSoftmax(new Float64Array([INF, 0, INF, NAN, 1, 2, NINF, NINF, NINF, NINF, 0, 5]), 3);
    expect(Array.from(out.subarray(0, 3))).toEqual([-Math.LN2, NINF, -Math.LN2]);
    expect(Array.from(out.subarray(3, 6)).every(Number.isNaN)).toBe(true);
    expect(Array.from(out.subarray(6, 9)).every(Number.isNaN)).toBe(true);
    expect(out[9]).toBe(NINF);
    expectClose(out[11]!, -Math.log1p(Math.exp(-5)));
  });

  it("writes into out (even in place) and returns an empty array for an empty matrix", () => {
    const z = new Float64Array([0, 0]);
    expect(logSoftmax(z, 2, z)).toBe(z);
    expect(Array.from(z)).toEqual([-Math.LN2, -Math.LN2]);
    expect(logSoftmax(new Float64Array(0), 3).length).toBe(0);
  });

  it("rejects a bad nClasses or out with clear errors", () => {
    expect(() => logSoftmax(new Float64Array(4), 3)).toThrow(
      /logSoftmax: logits length 4 is not a multiple of nClasses=3/,
    );
    expect(() => logSoftmax(new Float64Array(4), 0)).toThrow(
      /logSoftmax: nClasses must be an integer >= 1, got 0/,
    );
    expect(() => logSoftmax(new Float64Array(4), 2, new Float64Array(3))).toThrow(/out must have length 4/);
  });
});

describe("crossEntropyPerRow / crossEntropyFromLogits", () => {
  it("match -log_softmax at the labels from SciPy", () => {
    for (const c of fixture.logits) {
      const z = Float64Array.from(c.logits);
      const rows = crossEntropyPerRow(z, c.nClasses, c.labels);
      for (const [i, v] of c.perRow.entries()) expectClose(rows[i]!, v, 1e-13);
      expectClose(crossEntropyFromLogits(z, c.nClasses, c.labels), c.mean, 1e-13);
    }
  });

  it("equals the cross-entropy of the one-hot label against softmax(z) (fast-check)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: n, maxLength: n }),
              fc.integer({ min: 0, max: n - 1 }),
            ),
          ),
        ([row, y]) => {
          const m = Math.max(...row);
          const e = row.map((x) => Math.exp(x - m));
          const s = e.reduce((a, b) => a + b, 0);
          const q = e.map((x) => x / s);
          const p = row.map((_, i) => (i === y ? 1 : 0));
          const direct = crossEntropyFromLogits(Float64Array.from(row), row.length, [y]);
          return Math.abs(direct - crossEntropy(p, q)) <= 1e-10 * Math.max(1, direct);
        },
      ),
    );
  });

  it("is exact and finite for logits of ±1e4 (a naive softmax would give 0·∞ or log 0)", () => {
    const z = new Float64Array([1e4, -1e4, -1e4, 1e4, 1e4, 1e4]);
    expect(Array.from(crossEntropyPerRow(z, 2, [0, 0, 1]))).toEqual([0, 2e4, Math.LN2]);
    expect(crossEntropyFromLogits(z, 2, [0, 0, 1])).toBeCloseTo((2e4 + Math.LN2) / 3, 9);
  });

  it("handles non-finite logits: +Infinity limits, -Infinity at the label, NaN rows", () => {
    const z = new Float64Array([INF, INF, 0, INF, INF, 0, NINF, 0, 0, NINF, NAN, 0, NINF, NINF]);
    const labels = [0, 1, 1, 0, 0, 0, 0];
    const rows = crossEntropyPerRow(z, 2, labels);
    expect(rows[0]).toBeCloseTo(Math.LN2, 15); // two +Infinity classes share the mass
    expect(rows[1]).toBe(0); // the only +Infinity class is the label
    expect(rows[2]).toBe(INF); // the label is not among the +Infinity classes
    expect(rows[3]).toBe(INF); // probability 0 at the label
    expect(rows[4]).toBe(0); // the other class has probability 0
    expect(rows[5]).toBeNaN();
    expect(rows[6]).toBeNaN(); // no distribution at all
    expect(crossEntropyFromLogits(z, 2, labels)).toBeNaN();
    expect(crossEntropyFromLogits(new Float64Array([NINF, NINF]), 2, [0])).toBeNaN();
  });

  it("keeps full relative precision for tiny losses", () => {
    // -log softmax = log1p(e^-40) ≈ e^-40 ≈ 4.2e-18, which (1e4 + 4e-18) - 1e4 would lose.
    expectClose(
      crossEntropyPerRow(new Float64Array([1e4, 1e4 - 40]), 2, [0])[0]!,
      Math.log1p(Math.exp(-40)),
      1e-15,
    );
    expect(crossEntropyPerRow(new Float64Array([1e4, 1e4 - 40]), 2, [0])[0]! / Math.exp(-40)).toBeCloseTo(
      1,
      12,
    );
  });

  it("rejects labels out of range, wrong label counts, empty batches and bad nClasses", () => {
    const z = new Float64Array(6);
    expect(() => crossEntropyFromLogits(z, 3, [0, 3])).toThrow(
      /crossEntropyFromLogits: labels must be integers in \[0, 3\), got labels\[1\]=3/,
    );
    expect(() => crossEntropyFromLogits(z, 3, [0, -1])).toThrow(/labels\[1\]=-1/);
    expect(() => crossEntropyFromLogits(z, 3, [0, 1.5])).toThrow(/labels\[1\]=1.5/);
    expect(() => crossEntropyFromLogits(z, 3, [0])).toThrow(
      /labels must have one entry per row \(2\), got 1/,
    );
    expect(() => crossEntropyFromLogits(new Float64Array(0), 3, [])).toThrow(/must have at least one row/);
    expect(() => crossEntropyPerRow(z, 4, [0])).toThrow(/length 6 is not a multiple of nClasses=4/);
    expect(() => crossEntropyPerRow(z, Number.NaN, [0])).toThrow(/nClasses must be an integer >= 1, got NaN/);
  });
});

describe("perplexityFromLogits", () => {
  it("is 2 for a fair coin and 6 for a fair die (uniform logits), whatever the label", () => {
    expect(perplexityFromLogits(new Float64Array([3, 3, 3, 3]), 2, [0, 1])).toBeCloseTo(2, 14);
    expect(perplexityFromLogits(new Float64Array(6).fill(-1e4), 6, [5])).toBeCloseTo(6, 13);
  });

  it("is exp of the mean cross-entropy and 1 for a certain, correct model", () => {
    for (const c of fixture.logits.slice(0, 2)) {
      expectClose(
        perplexityFromLogits(Float64Array.from(c.logits), c.nClasses, c.labels),
        Math.exp(c.mean),
        1e-12,
      );
    }
    expect(perplexityFromLogits(new Float64Array([1e4, 0]), 2, [0])).toBe(1);
  });

  it("rejects bad labels", () => {
    expect(() => perplexityFromLogits(new Float64Array(2), 2, [2])).toThrow(
      /perplexityFromLogits: labels must be integers in \[0, 2\)/,
    );
  });
});
