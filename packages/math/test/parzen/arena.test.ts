/**
 * Estimators built in a reused arena (src/parzen/arena.ts, issue 18), and `tpeStep`, which
 * builds l and g in the module's two arenas: after the arena held a larger estimator (stale
 * values beyond and inside what the next one needs), everything read from an arena-built
 * estimator equals, bit for bit, what a freshly built one gives; public estimators never
 * share memory with their inputs or with an arena.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EstimatorArena } from "../../src/parzen/arena.js";
import { buildParzenEstimatorFromColumns, buildParzenEstimatorInArena } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import { parzenBestLogRatio } from "../../src/parzen/ratio.js";
import { sampleParzen } from "../../src/parzen/sample.js";
import type { BandwidthRule, ParzenDimension, ParzenEstimator } from "../../src/parzen/types.js";
import { Rng } from "../../src/random/rng.js";
import { tpeStep } from "../../src/tpe/step.js";

const cont = (d: number): ParzenDimension[] =>
  Array.from({ length: d }, () => ({ kind: "continuous", low: -5, high: 5 }) as const);
const mixed: ParzenDimension[] = [
  { kind: "continuous", low: -5, high: 5 },
  { kind: "stepped", low: 0, high: 1, step: 0.1 },
  { kind: "categorical", n: 3 },
];

/** n seeded observations of `dims`, by column. */
function columns(dims: readonly ParzenDimension[], n: number, seed: number): Float64Array[] {
  const rng = Rng.fromSeed(seed);
  return dims.map((dim) =>
    Float64Array.from({ length: n }, () => {
      if (dim.kind === "categorical") return Math.floor(rng.random() * dim.n);
      if (dim.kind === "stepped") return Math.round(rng.random() * 10) / 10;
      return -5 + 10 * rng.random();
    }),
  );
}

/** The indices sorting each numerical column ascending, ties by index (null for categoricals). */
function orders(dims: readonly ParzenDimension[], cols: readonly Float64Array[]): (Int32Array | null)[] {
  return cols.map((c, d) =>
    dims[d]!.kind === "categorical"
      ? null
      : Int32Array.from(
          Array.from(c, (_, i) => i).sort((a, b) => c[a]! - c[b]! || a - b),
          (i) => i,
        ),
  );
}

/** Every array of an estimator, copied. */
function arrays(e: ParzenEstimator): number[][] {
  const out = [Array.from(e.weights), Array.from(e.logBase)];
  for (const k of e.kernels) {
    if (k.kind === "categorical") out.push(Array.from(k.logProbabilities));
    else out.push(Array.from(k.mus), Array.from(k.sigmas), Array.from(k.logNormalizers));
  }
  return out;
}

const CASES: [string, ParzenDimension[], BandwidthRule, boolean][] = [
  // 1,100 observations: parzenBestLogRatio's bound-and-prune path (from 1,024) is taken too.
  ["10-D, Scott with orders (TPE's default)", cont(10), { kind: "scott" }, true],
  ["4-D, scaled range", cont(4), { kind: "scaled-range" }, false],
  ["1-D, neighbour with order", cont(1), { kind: "neighbour" }, true],
  ["mixed, with stepped and categorical dimensions", mixed, { kind: "scott" }, false],
];

describe("buildParzenEstimatorInArena", () => {
  it.each(CASES)(
    "%s: equal to a fresh estimator after a larger one in the arena (property)",
    (_n, dims, bandwidth, sorted) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 1100 }),
          fc.integer({ min: 0, max: 2 ** 30 }),
          fc.boolean(),
          (n, seed, considerPrior) => {
            const arena = new EstimatorArena();
            const options = (cols: Float64Array[]) => ({
              bandwidth,
              considerPrior,
              ...(sorted ? { order: orders(dims, cols) } : {}),
            });
            // A larger estimator first leaves other values in every buffer of the arena.
            const big = columns(dims, n + 37, seed + 1);
            const bigEst = buildParzenEstimatorInArena(arena, dims, big, options(big));
            const cand0 = sampleParzen(bigEst, Rng.fromSeed(seed + 2), 24);
            parzenLogPdf(bigEst, cand0);
            const cols = columns(dims, n, seed);
            const fresh = buildParzenEstimatorFromColumns(dims, cols, options(cols));
            const reused = buildParzenEstimatorInArena(arena, dims, cols, options(cols));
            expect(arrays(reused)).toEqual(arrays(fresh));
            const cand = sampleParzen(fresh, Rng.fromSeed(seed + 3), 24);
            expect(Array.from(sampleParzen(reused, Rng.fromSeed(seed + 3), 24))).toEqual(Array.from(cand));
            expect(Array.from(parzenLogPdf(reused, cand))).toEqual(Array.from(parzenLogPdf(fresh, cand)));
            const l = buildParzenEstimatorFromColumns(dims, columns(dims, 25, seed + 4), { bandwidth });
            expect(parzenBestLogRatio(l, reused, cand)).toEqual(parzenBestLogRatio(l, fresh, cand));
          },
        ),
        { numRuns: 12 },
      );
    },
  );

  it("is overwritten by the next estimator built in the same arena (the documented contract)", () => {
    const arena = new EstimatorArena();
    const dims = cont(2);
    const first = buildParzenEstimatorInArena(arena, dims, columns(dims, 50, 1), {});
    const before = arrays(first);
    buildParzenEstimatorInArena(arena, dims, columns(dims, 50, 2), {});
    expect(arrays(first)).not.toEqual(before);
  });
});

describe("public estimators own their arrays", () => {
  it("an estimator is unchanged when its input columns are overwritten afterwards (a sampler's reused gather buffers)", () => {
    const dims = cont(3);
    const cols = columns(dims, 200, 7);
    const est = buildParzenEstimatorFromColumns(dims, cols, {
      bandwidth: { kind: "scott" },
      order: orders(dims, cols),
    });
    const before = arrays(est);
    const cand = sampleParzen(est, Rng.fromSeed(8), 24);
    const logPdf = Array.from(parzenLogPdf(est, cand));
    for (const c of cols) c.fill(0.5);
    // And a TPE step in between, which builds its estimators in the module's arenas.
    tpeStep(dims, { columns: columns(dims, 25, 9) }, { columns: columns(dims, 400, 10) }, Rng.fromSeed(11));
    expect(arrays(est)).toEqual(before);
    expect(Array.from(parzenLogPdf(est, cand))).toEqual(logPdf);
  });
});

describe("tpeStep with its arenas", () => {
  /** The TPE step from the public pieces, every array new. */
  function reference(
    dims: ParzenDimension[],
    below: Float64Array[],
    above: Float64Array[],
    rng: Rng,
    bandwidth: BandwidthRule,
    sorted: boolean,
  ): number[] {
    const l = buildParzenEstimatorFromColumns(dims, below, { bandwidth });
    const g = buildParzenEstimatorFromColumns(dims, above, {
      bandwidth,
      ...(sorted ? { order: orders(dims, above) } : {}),
    });
    const candidates = sampleParzen(l, rng, 24);
    const best = Math.max(0, parzenBestLogRatio(l, g, candidates).index);
    return Array.from(candidates.slice(best * dims.length, (best + 1) * dims.length));
  }

  it.each(CASES)(
    "%s: step after step of shrinking and growing sizes, equal to the step from fresh estimators",
    (_n, dims, bandwidth, sorted) => {
      for (const [i, n] of [1200, 300, 1100, 40, 0, 700].entries()) {
        const below = columns(dims, Math.min(25, n), 100 + i);
        const above = columns(dims, n, 200 + i);
        const got = tpeStep(
          dims,
          { columns: below },
          { columns: above, ...(sorted ? { order: orders(dims, above) } : {}) },
          Rng.fromSeed(300 + i),
          { bandwidth },
        );
        expect(Array.from(got)).toEqual(
          reference(dims, below, above, Rng.fromSeed(300 + i), bandwidth, sorted),
        );
      }
    },
  );

  it("a step called from a weights function (re-entrant) uses new arrays and leaves the outer step's result as without it", () => {
    const dims = cont(3);
    const below = columns(dims, 25, 1);
    const above = columns(dims, 500, 2);
    const inner: number[][] = [];
    const weights = (n: number): Float64Array => {
      inner.push(
        Array.from(
          tpeStep(
            dims,
            { columns: columns(dims, 10, 3) },
            { columns: columns(dims, 900, 4) },
            Rng.fromSeed(5),
          ),
        ),
      );
      return new Float64Array(n).fill(1);
    };
    const plain = tpeStep(
      dims,
      { columns: below, weights: new Float64Array(25).fill(1) },
      { columns: above, weights: new Float64Array(500).fill(1) },
      Rng.fromSeed(6),
    );
    const nested = tpeStep(dims, { columns: below }, { columns: above }, Rng.fromSeed(6), { weights });
    expect(Array.from(nested)).toEqual(Array.from(plain));
    expect(inner.length).toBe(2);
    const alone = Array.from(
      tpeStep(dims, { columns: columns(dims, 10, 3) }, { columns: columns(dims, 900, 4) }, Rng.fromSeed(5)),
    );
    for (const r of inner) expect(r).toEqual(alone);
  });
});

describe("buildParzenEstimatorFromColumns and tpeStep: array kinds (issue 18)", () => {
  /** The same elements in a holey array (as `map` inlined into optimized code makes). */
  function holey<T>(xs: readonly T[]): T[] {
    const out = new Array<T>(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = xs[i]!;
    return out;
  }

  it("gives the same estimator and step for packed and holey dimension and column arrays (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2 ** 30 }), (n, seed) => {
        for (const dims of [cont(10), mixed]) {
          const cols = columns(dims, n, seed);
          const packed = buildParzenEstimatorFromColumns(dims, cols, { bandwidth: { kind: "scott" } });
          const loose = buildParzenEstimatorFromColumns(holey(dims), holey(cols), {
            bandwidth: { kind: "scott" },
          });
          expect(arrays(loose)).toEqual(arrays(packed));
          const below = { columns: columns(dims, 5, seed + 1) };
          const x = tpeStep(dims, below, { columns: cols }, Rng.fromSeed(seed));
          const y = tpeStep(
            holey(dims),
            { columns: holey(below.columns) },
            { columns: holey(cols) },
            Rng.fromSeed(seed),
          );
          expect(Array.from(y)).toEqual(Array.from(x));
        }
      }),
      { numRuns: 20 },
    );
  });

  it("tpeStep: an order given as undefined is the same as none", () => {
    const dims = cont(3);
    const above = { columns: columns(dims, 200, 7) };
    const below = { columns: columns(dims, 10, 8) };
    const x = tpeStep(dims, below, above, Rng.fromSeed(3));
    const y = tpeStep(dims, { ...below, order: undefined }, { ...above, order: undefined }, Rng.fromSeed(3));
    expect(Array.from(y)).toEqual(Array.from(x));
  });
});
