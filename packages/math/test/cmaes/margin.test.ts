import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CmaEs } from "../../src/cmaes/cma.js";
import { MarginCorrection } from "../../src/cmaes/margin.js";
import { normalCdf } from "../../src/special/normal.js";

const box = (lower: number[], upper: number[]) => ({
  lower: Float64Array.from(lower),
  upper: Float64Array.from(upper),
});

describe("MarginCorrection.encode", () => {
  it("maps m + A(x − m) to the grid value of its interval and copies continuous coordinates", () => {
    const mc = new MarginCorrection("t", { steps: [1, 0, 0.5] }, box([0, -1, -1], [3, 1, 1]), 3, 6);
    const m = Float64Array.of(1, 0, 0);
    expect(Array.from(mc.encode(Float64Array.of(1.49, 0.123, 0.26), m))).toEqual([1, 0.123, 0.5]);
    expect(Array.from(mc.encode(Float64Array.of(1.51, 0.5, -0.24), m))).toEqual([2, 0.5, 0]);
    expect(Array.from(mc.encode(Float64Array.of(-7, 0, 9), m))).toEqual([0, 0, 1]); // clipped to the grid
    mc.a[0] = 0.1; // A shrinks the spread around m
    expect(mc.encode(Float64Array.of(4, 0, 0), m)[0]).toBe(1);
    expect(mc.hasDiscrete).toBe(true);
  });

  it("rejects bad steps, missing bounds and a bad alpha", () => {
    expect(() => new MarginCorrection("X", { steps: [1] }, null, 1, 4)).toThrow(/X: discrete coordinate 0/);
    expect(() => new MarginCorrection("X", { steps: [Number.NaN] }, box([0], [1]), 1, 4)).toThrow(
      /steps\[0\]/,
    );
    expect(() => new MarginCorrection("X", { steps: [1], alpha: 0.5 }, box([0], [1]), 1, 4)).toThrow(/alpha/);
    expect(() => new MarginCorrection("X", { steps: [1], alpha: 0 }, box([0], [1]), 1, 4)).toThrow(/alpha/);
  });
});

describe("MarginCorrection.correct (property)", () => {
  it("lower-bounds the probability of leaving the mean's grid interval by α (Hamano et al. 2022)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }), // grid size K (2 = binary)
        fc.double({ min: -1, max: 6, noNaN: true }), // mean
        fc.double({ min: -4, max: 1, noNaN: true }), // log10 σ√C
        fc.double({ min: 1e-4, max: 0.2, noNaN: true }), // α
        (k, m0, logSd, alpha) => {
          const mc = new MarginCorrection("t", { steps: [1], alpha }, box([0], [k - 1]), 1, 4);
          const mean = Float64Array.of(m0);
          const sd = 10 ** logSd;
          mc.correct(mean, sd, Float64Array.of(1));
          const m = mean[0]!;
          const s = sd * mc.a[0]!;
          // Interval of m among thresholds 0.5, 1.5, …, k − 1.5.
          const j = Math.min(k - 1, Math.max(0, Math.ceil(m - 0.5)));
          const pLow = j > 0 ? normalCdf((j - 0.5 - m) / s) : 0;
          const pUp = j < k - 1 ? normalCdf(-(j + 0.5 - m) / s) : 0;
          const slack = 1e-9;
          if (j === 0 || j === k - 1) expect(pLow + pUp).toBeGreaterThanOrEqual(alpha - slack);
          else {
            expect(pLow).toBeGreaterThanOrEqual(alpha / 2 - slack);
            expect(pUp).toBeGreaterThanOrEqual(alpha / 2 - slack);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves m and A unchanged when the probabilities are already above the margin", () => {
    const mc = new MarginCorrection("t", { steps: [1, 1], alpha: 0.01 }, box([0, 0], [1, 4]), 2, 6);
    const mean = Float64Array.of(0.3, 2.1);
    mc.correct(mean, 0.5, Float64Array.of(1, 1));
    expect(Array.from(mean)).toEqual([0.3, 2.1]);
    expect(Array.from(mc.a)).toEqual([1, 1]);
  });
});

describe("CmaEs with margin", () => {
  // Binary onemax (5 bits, 10 per zero) plus a 5-D ellipsoid: without margin the variance of
  // the binary coordinates collapses before they reach 1 (Hamano et al. 2022, §1).
  const nc = 5;
  const n = 10;
  const f = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < nc; i++) s += 1000 ** (i / (nc - 1)) * x[i]! ** 2;
    for (let i = nc; i < n; i++) if (x[i]! < 0.5) s += 10;
    return s;
  };
  const bounds = {
    lower: Float64Array.from({ length: n }, (_, i) => (i < nc ? Number.NEGATIVE_INFINITY : 0)),
    upper: Float64Array.from({ length: n }, (_, i) => (i < nc ? Number.POSITIVE_INFINITY : 1)),
  };
  const steps = Float64Array.from({ length: n }, (_, i) => (i < nc ? 0 : 1));

  function solved(withMargin: boolean, seed: number): boolean {
    const es = new CmaEs({
      mean: new Float64Array(n),
      sigma: 2,
      seed,
      ...(withMargin ? { bounds, margin: { steps } } : {}),
    });
    for (let evals = 0; evals < 30_000 && !es.shouldStop(); ) {
      const sols = [];
      for (let k = 0; k < es.populationSize; k++) {
        const raw = es.ask();
        // Without margin, the naive discretization rounds the binary coordinates.
        const x = withMargin
          ? es.encode(raw)
          : Float64Array.from(raw, (v, i) => (i < nc ? v : v < 0.5 ? 0 : 1));
        const v = f(x);
        evals++;
        if (v < 1e-8) return true;
        sols.push({ x: raw, value: v });
      }
      es.tell(sols);
    }
    return false;
  }

  it("solves a binary/continuous problem where plain CMA-ES with rounding stalls", () => {
    const seeds = Array.from({ length: 10 }, (_, s) => s);
    const withMargin = seeds.filter((s) => solved(true, s)).length;
    const without = seeds.filter((s) => solved(false, s)).length;
    console.log(`mixed binary problem: solved ${withMargin}/10 with margin, ${without}/10 without`);
    expect(withMargin).toBe(10);
    expect(without).toBeLessThanOrEqual(3);
  });

  it("returns raw candidates from ask and grid values from encode", () => {
    const es = new CmaEs({ mean: new Float64Array(n), sigma: 2, seed: 1, bounds, margin: { steps } });
    const raw = es.ask();
    const x = es.encode(raw);
    for (let i = nc; i < n; i++) expect([0, 1]).toContain(x[i]);
    for (let i = 0; i < nc; i++) expect(x[i]).toBe(raw[i]);
    expect(() => es.encode([1, 2])).toThrow(/encode: x must have length 10/);
  });
});

/**
 * The interval of v as the materialized implementation found it: the grid and the thresholds
 * built as arrays (z_k = lower + k·step, ℓ_k = (z_k + z_{k+1})/2), then a binary search for
 * the number of thresholds below v. Only feasible for small K; the reference of the closed form.
 */
function materializedInterval(lower: number, step: number, k: number, v: number): number {
  const grid = Array.from({ length: k }, (_, i) => lower + i * step);
  const thr = Array.from({ length: k - 1 }, (_, i) => (grid[i]! + grid[i + 1]!) / 2);
  let lo = 0;
  let hi = thr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thr[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe("MarginCorrection without a materialized grid (issue 9, defect 3)", () => {
  it("finds the interval of any value exactly as the binary search over the built thresholds (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true })), // lower
        fc.oneof(
          fc.constantFrom(1, 0.1, 0.25, 1 / 3, 1e-3, 1e-12, 7),
          fc.double({ min: 1e-9, max: 1e3, noNaN: true }),
        ), // step
        fc.integer({ min: 1, max: 200 }), // K
        fc.integer({ min: -5, max: 205 }), // index near which v lies
        fc.constantFrom("threshold", "grid", "ulp-below", "ulp-above", "between", "nan", "inf", "-inf"),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lower, step, k, i, kind, t) => {
          const upper = lower + (k - 1) * step;
          const mc = new MarginCorrection("t", { steps: [step] }, box([lower], [upper]), 1, 4);
          const z = (j: number) => lower + j * step;
          const thr = (z(i) + z(i + 1)) / 2;
          const v =
            kind === "threshold"
              ? thr
              : kind === "grid"
                ? z(i)
                : kind === "ulp-below"
                  ? thr - Math.abs(thr) * Number.EPSILON
                  : kind === "ulp-above"
                    ? thr + Math.abs(thr) * Number.EPSILON
                    : kind === "between"
                      ? z(i) + t * step
                      : kind === "nan"
                        ? Number.NaN
                        : kind === "inf"
                          ? Number.POSITIVE_INFINITY
                          : Number.NEGATIVE_INFINITY;
          const expected = materializedInterval(lower, step, mc.gridCount(0), v);
          expect(mc.interval(0, v)).toBe(expected);
          const m = Float64Array.of(lower);
          expect(mc.encode(Float64Array.of(v), m)[0]).toBe(z(expected));
        },
      ),
      { numRuns: 3000 },
    );
  });

  // A 10-value grid 0..9 (step 1) and the same geometry inside a huge grid: window offset o,
  // so grid index k of the window is k + o there. Means are multiples of 2^-10, exact at both
  // magnitudes, so m − ℓ is exact in both and the correction must agree: A bit for bit, the
  // corrected mean up to the rounding of its last operation at magnitude o.
  const window = (k: number, o: number, mSmall: number, sd: number, alpha: number) => {
    const small = new MarginCorrection("t", { steps: [1], alpha }, box([0], [9]), 1, 4);
    const big = new MarginCorrection("t", { steps: [1], alpha }, box([0], [k - 1]), 1, 4);
    expect(big.gridCount(0)).toBe(k);
    const ms = Float64Array.of(mSmall);
    const mb = Float64Array.of(mSmall + o);
    expect(mb[0]! - o).toBe(mSmall); // the shifted mean is exact
    small.correct(ms, sd, Float64Array.of(1));
    big.correct(mb, sd, Float64Array.of(1));
    expect(big.interval(0, mb[0]!)).toBe(small.interval(0, ms[0]!) + o);
    return { small: { m: ms[0]!, a: small.a[0] }, big: { m: mb[0]! - o, a: big.a[0] } };
  };
  const arbWindow = {
    m: fc.integer({ min: 0, max: 10 * 1024 }).map((j) => j / 1024 - 0.25),
    sd: fc.double({ min: -4, max: 0.5, noNaN: true }).map((e) => 10 ** e),
    alpha: fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
  };

  it("corrects at K = 2^40 (window in the middle and at the top) as on a 10-value window (property)", () => {
    fc.assert(
      fc.property(arbWindow.m, arbWindow.sd, arbWindow.alpha, fc.boolean(), (m, sd, alpha, top) => {
        // Interior window: the small grid's edge intervals (index 0 and 9) are interior in the
        // big one, so m stays in (0.5, 8.5]; top window: index 9 is the top edge in both.
        const mm = top ? Math.max(m, 0.5 + 1 / 1024) : Math.min(Math.max(m, 0.5 + 1 / 1024), 8.5);
        const o = top ? 2 ** 40 - 10 : 2 ** 39;
        const r = window(2 ** 40, o, mm, sd, alpha);
        expect(r.big.a).toBe(r.small.a);
        // Each of the few operations rounds at magnitude 2^40 (ulp 2^-12).
        expect(Math.abs(r.big.m - r.small.m)).toBeLessThanOrEqual(4 * 2 ** -12);
      }),
      { numRuns: 500 },
    );
  });

  it("corrects at K = 2^53 (the largest grid) bit for bit as on a 10-value window below index 9 (property)", () => {
    fc.assert(
      fc.property(arbWindow.m, arbWindow.sd, arbWindow.alpha, (m, sd, alpha) => {
        const r = window(2 ** 53, 0, Math.min(m, 8.5), sd, alpha);
        expect(r.big).toEqual(r.small);
      }),
      { numRuns: 500 },
    );
  });

  it("lower-bounds the probability of leaving the interval by α at K = 2^31, 2^40 and 2^52 (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2 ** 31, 2 ** 40, 2 ** 52),
        fc.double({ min: 0, max: 1, noNaN: true }), // where in the grid
        fc.integer({ min: -512, max: 512 }).map((j) => j / 1024), // offset of m from a grid value
        fc.double({ min: -3, max: 1, noNaN: true }).map((e) => 10 ** e),
        fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
        (k, where, frac, sd, alpha) => {
          const mc = new MarginCorrection("t", { steps: [1], alpha }, box([0], [k - 1]), 1, 4);
          // A grid value ≤ 2^40 keeps m = z + frac exact (ulp ≤ 2^-12 below 2^41).
          const z = Math.min(Math.floor(where * (k - 1)), 2 ** 40);
          const mean = Float64Array.of(z + frac);
          mc.correct(mean, sd, Float64Array.of(1));
          const m = mean[0]!;
          const s = sd * mc.a[0]!;
          const j = mc.interval(0, m);
          // Thresholds j ± 1/2 in closed form.
          const pLow = j > 0 ? normalCdf((j - 0.5 - m) / s) : 0;
          const pUp = j < k - 1 ? normalCdf(-(j + 0.5 - m) / s) : 0;
          // The tail probabilities are computed from m − ℓ, rounded at the magnitude of m.
          const slack = 1e-9 + (Math.abs(m) * Number.EPSILON * 4) / s;
          if (j === 0 || j === k - 1) expect(pLow + pUp).toBeGreaterThanOrEqual(alpha - slack);
          else {
            expect(pLow).toBeGreaterThanOrEqual(alpha / 2 - slack);
            expect(pUp).toBeGreaterThanOrEqual(alpha / 2 - slack);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("encodes to the grid at K = 2^52 + 1 and with step 1e-12 on [0, 1] (ties go to the lower value)", () => {
    const big = new MarginCorrection("t", { steps: [1] }, box([0], [2 ** 52]), 1, 4);
    expect(big.gridCount(0)).toBe(2 ** 52 + 1);
    const m = Float64Array.of(0);
    const enc = (v: number) => big.encode(Float64Array.of(v), m)[0];
    expect(enc(-3)).toBe(0);
    expect(enc(0.5)).toBe(0); // on ℓ_0
    expect(enc(0.75)).toBe(1);
    expect(enc(2 ** 51 + 0.5)).toBe(2 ** 51); // on a threshold
    expect(enc(2 ** 51 + 0.75)).toBe(2 ** 51 + 1);
    expect(enc(2 ** 52 - 0.5)).toBe(2 ** 52 - 1); // on the top threshold
    expect(enc(2 ** 52)).toBe(2 ** 52);
    expect(enc(2 ** 60)).toBe(2 ** 52);
    expect(enc(Number.NaN)).toBe(0);

    const fine = new MarginCorrection("t", { steps: [1e-12] }, box([0], [1]), 1, 4);
    expect(fine.gridCount(0)).toBe(1e12 + 1);
    for (const v of [0, 1e-13, 0.3, 0.123456789012345, 0.5 + 5e-13, 1 - 1e-13, 1, 2]) {
      const x = fine.encode(Float64Array.of(v), m)[0]!;
      const k = fine.interval(0, v);
      expect(x).toBe(k * 1e-12);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(1e12);
      // The nearest grid value (the clamp aside): within half a step, up to the rounding of k·step.
      expect(Math.abs(x - Math.min(v, 1))).toBeLessThanOrEqual(0.5e-12 + 4 * Number.EPSILON);
    }
  });

  it("corrects with step 1e-12 on [0, 1] as with step 1 (scale invariance)", () => {
    // m = 0.5 + 0.25·step and σ = 0.05·step against m = 0.25 + window offset with step 1.
    for (const [frac, sdUnits] of [
      [0.25, 0.05],
      [-0.4, 0.2],
      [0.1, 1e-3],
    ] as const) {
      const fine = new MarginCorrection("t", { steps: [1e-12], alpha: 0.01 }, box([0], [1]), 1, 4);
      const unit = new MarginCorrection("t", { steps: [1], alpha: 0.01 }, box([0], [9]), 1, 4);
      const mf = Float64Array.of(0.5 + frac * 1e-12);
      const mu = Float64Array.of(5 + frac);
      fine.correct(mf, sdUnits * 1e-12, Float64Array.of(1));
      unit.correct(mu, sdUnits, Float64Array.of(1));
      // Near 0.5, doubles are 1.1e-16 apart: 1e-4 of a step.
      expect(Math.abs(fine.a[0]! / unit.a[0]! - 1)).toBeLessThan(1e-3);
      expect(Math.abs((mf[0]! - 0.5) / 1e-12 - (mu[0]! - 5))).toBeLessThan(1e-3);
      expect(unit.a[0]).not.toBe(1); // the correction acted
    }
  });

  it("handles bounds whose width overflows (±1e308 with step 1e307) like [−10, 10] with step 1", () => {
    const huge = new MarginCorrection("t", { steps: [1e307], alpha: 0.01 }, box([-1e308], [1e308]), 1, 4);
    const unit = new MarginCorrection("t", { steps: [1], alpha: 0.01 }, box([-10], [10]), 1, 4);
    expect(huge.gridCount(0)).toBe(21);
    const m = Float64Array.of(0);
    expect(huge.encode(Float64Array.of(3.3e307), m)[0]).toBeCloseTo(3e307, -296);
    expect(huge.encode(Float64Array.of(1e308), m)[0]).toBe(1e308);
    expect(huge.encode(Float64Array.of(-Number.MAX_VALUE), m)[0]).toBe(-1e308);
    for (const [m0, sd] of [
      [2.25, 0.05],
      [9.9, 0.05],
      [-9.75, 0.02],
    ] as const) {
      const mh = Float64Array.of(m0 * 1e307);
      const mu = Float64Array.of(m0);
      huge.a[0] = 1;
      unit.a[0] = 1;
      huge.correct(mh, sd * 1e307, Float64Array.of(1));
      unit.correct(mu, sd, Float64Array.of(1));
      expect(Number.isFinite(mh[0])).toBe(true);
      expect(Math.abs(huge.a[0] / unit.a[0] - 1)).toBeLessThan(1e-12);
      expect(Math.abs(mh[0]! / 1e307 - mu[0]!)).toBeLessThan(1e-12);
    }
  });

  it("refuses more than 2^53 grid values with an error naming the coordinate and the limit", () => {
    expect(() => new MarginCorrection("X", { steps: [0, 1] }, box([0, 0], [1, 2 ** 54]), 2, 4)).toThrow(
      "X: margin.steps[1] = 1 on [0, 18014398509481984] makes 1.801e+16 grid values, more than the 2^53 supported",
    );
    expect(() => new MarginCorrection("X", { steps: [1e-300] }, box([0], [1]), 1, 4)).toThrow(
      "X: margin.steps[0] = 1e-300 on [0, 1] makes 1.000e+300 grid values, more than the 2^53 supported",
    );
    expect(new MarginCorrection("X", { steps: [1] }, box([0], [2 ** 53 - 1]), 1, 4).gridCount(0)).toBe(
      2 ** 53,
    );
  });
});
