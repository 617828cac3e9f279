/**
 * Parzen estimator speed: building estimators from n observations in 10-D and evaluating the
 * log-density of 24 candidates (TPE's default n_ei_candidates), for n = 1000 and 10,000.
 *
 * Cases:
 *   multivariate   one 10-D estimator (Optuna's multivariate bandwidth), build + log-pdf of 24
 *   build          the same, build only
 *   Scott build    the same with Scott's bandwidth, no sorting order (quartiles by selection)
 *   univariate     ten 1-D estimators (neighbour bandwidths), build + log-pdf of 24 each
 *   presorted      the same with presorted columns (what a sampler keeping sorted columns pays)
 *   blocked        ten 1-D estimators on sorted centres (the sampler's univariate "above"
 *                  estimators), log-pdf of 24 each: the blocked evaluation from 256 centres
 *   integer        one 10-D estimator over integers 0..100 (cell masses), build + log-pdf of 24
 *   sample         drawing 24 candidates from the 10-D estimator
 *   ratio          parzenBestLogRatio of 24 candidates against a prebuilt 10-D g with Scott's
 *                  bandwidth (the bound-and-prune evaluation from 1024 observations)
 *   TPE step       the math of one TPE trial: split off the 25 best observations, build l and g,
 *                  draw 24 candidates from l, evaluate log l - log g at them (multivariate, and
 *                  univariate over the 10 dimensions)
 *   baseline       a direct implementation of the same mixture density (log Σ_k w_k Π_d
 *                  truncated-normal pdf with special/normalLogMass and logSumExp per candidate),
 *                  the way one would first write it
 *
 * Run: npm run ts -- benchmarks/micro/parzen.ts [repeats=7] [--only REGEX]
 *        (median wall time of `repeats` runs per case)
 *      npm run ts -- benchmarks/micro/parzen.ts [rounds=15] --against DIR [--only REGEX]
 *        (this tree against the checkout DIR, e.g. the commit before a change, loaded in the
 *        same process and run alternately; CPU time (user + system) per case, median and
 *        minimum over the rounds, which a busy machine disturbs far less than wall time)
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ParzenDimension, ParzenEstimator } from "@tunelab/math/parzen";
import type { Rng } from "@tunelab/math/random";
import { arg } from "../compare/args.js";

const positional = process.argv
  .slice(2)
  .find((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
const against = arg("against", "");
const only = arg("only", "");
const filter = only === "" ? null : new RegExp(only);
const repeats = Number(positional ?? (against === "" ? 7 : 15));
const D = 10;
const M = 24;

/** The modules a case needs, from one tree (typed as this tree's: the cases use stable APIs). */
interface Lib {
  readonly parzen: typeof import("@tunelab/math/parzen");
  readonly random: typeof import("@tunelab/math/random");
  readonly special: typeof import("@tunelab/math/special");
}

async function load(root: string): Promise<Lib> {
  const url = (p: string) => pathToFileURL(resolve(root, p)).href;
  return {
    parzen: await import(url("packages/math/src/parzen/index.ts")),
    random: await import(url("packages/math/src/random/index.ts")),
    special: await import(url("packages/math/src/special/index.ts")),
  };
}

/** Observations clustered around the optimum as TPE's "above" set is, within [-5, 5]. */
function data(n: number, rng: Rng, integer: boolean): Float64Array {
  const x = new Float64Array(n * D);
  for (let i = 0; i < x.length; i++) {
    let v = Math.max(-5, Math.min(5, rng.normal(0, 1.5)));
    if (integer) v = Math.round((v + 5) * 10);
    x[i] = v;
  }
  return x;
}

function score(obs: Float64Array, i: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += obs[i * D + d]! ** 2;
  return s;
}

/** The cases at n observations, in report order: name → one run. */
function cases(lib: Lib, n: number): [string, () => unknown][] {
  const { buildParzenEstimator, parzenBestLogRatio, parzenLogPdf, sampleParzen, stableOrder } = lib.parzen;
  const { logSumExp, normalLogMass, normalLogPdf } = lib.special;
  const rng = lib.random.Rng.fromSeed(n);
  const obs = data(n, rng, false);
  const cand = new Float64Array(M * D);
  for (let i = 0; i < cand.length; i++) cand[i] = Math.max(-5, Math.min(5, rng.normal(0, 0.5)));
  const dims: ParzenDimension[] = Array.from({ length: D }, () => ({ kind: "continuous", low: -5, high: 5 }));
  const dim1: ParzenDimension[] = [{ kind: "continuous", low: -5, high: 5 }];
  const est = buildParzenEstimator(dims, obs);

  /** Direct baseline: log Σ_k w_k Π_d pdf_dk(x_d), one candidate at a time. */
  const naiveLogPdf = (e: ParzenEstimator, c: Float64Array): Float64Array => {
    const out = new Float64Array(c.length / D);
    const terms = new Array<number>(e.nComponents);
    for (let j = 0; j < out.length; j++) {
      for (let k = 0; k < e.nComponents; k++) {
        let s = Math.log(e.weights[k]!);
        for (let d = 0; d < D; d++) {
          const ker = e.kernels[d]!;
          if (ker.kind !== "truncated-normal") continue;
          const mu = ker.mus[k]!;
          const sd = ker.sigmas[k]!;
          s +=
            normalLogPdf((c[j * D + d]! - mu) / sd) -
            Math.log(sd) -
            normalLogMass((ker.low - mu) / sd, (ker.high - mu) / sd);
        }
        terms[k] = s;
      }
      out[j] = logSumExp(terms);
    }
    return out;
  };

  const cols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: n }, (_, i) => obs[i * D + d]!),
  );
  const candCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: M }, (_, i) => cand[i * D + d]!),
  );
  const orders = cols.map((c) => stableOrder(c));
  const sortedCols = cols.map((c) => c.slice().sort());
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const sortedEstimators = sortedCols.map((c) => buildParzenEstimator(dim1, c, { order: [identity] }));

  const iobs = data(n, rng, true);
  const icand = new Float64Array(M * D);
  for (let i = 0; i < icand.length; i++)
    icand[i] = Math.round((Math.max(-5, Math.min(5, rng.normal(0, 0.5))) + 5) * 10);
  const idims: ParzenDimension[] = Array.from({ length: D }, () => ({
    kind: "stepped",
    low: 0,
    high: 100,
    step: 1,
  }));
  const srng = lib.random.Rng.fromSeed(1);

  // One TPE step: "below" = the 25 best observations (by distance to 0 here), "above" = the rest.
  const byScore = Array.from({ length: n }, (_, i) => i).sort((a, b) => score(obs, a) - score(obs, b));
  const below = new Float64Array(25 * D);
  const above = new Float64Array((n - 25) * D);
  for (let t = 0; t < n; t++) {
    const i = byScore[t]!;
    if (t < 25) below.set(obs.subarray(i * D, (i + 1) * D), t * D);
    else above.set(obs.subarray(i * D, (i + 1) * D), (t - 25) * D);
  }
  const belowCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: 25 }, (_, i) => below[i * D + d]!),
  );
  const aboveCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: n - 25 }, (_, i) => above[i * D + d]!),
  );
  const trng = lib.random.Rng.fromSeed(2);
  const l = buildParzenEstimator(dims, below, { bandwidth: { kind: "scott" } });
  const g = buildParzenEstimator(dims, above, { bandwidth: { kind: "scott" } });
  const rrng = lib.random.Rng.fromSeed(3);
  const bestOf = (ll: Float64Array, lg: Float64Array): number => {
    let best = 0;
    for (let j = 1; j < M; j++) if (ll[j]! - lg[j]! > ll[best]! - lg[best]!) best = j;
    return best;
  };

  return [
    [`n=${n} multivariate build+logpdf`, () => parzenLogPdf(buildParzenEstimator(dims, obs), cand)],
    [`n=${n} multivariate build`, () => buildParzenEstimator(dims, obs)],
    [
      `n=${n} multivariate Scott build (quartiles)`,
      () => buildParzenEstimator(dims, obs, { bandwidth: { kind: "scott" } }),
    ],
    [
      `n=${n} univariate 10×1-D build+logpdf`,
      () => {
        for (let d = 0; d < D; d++) parzenLogPdf(buildParzenEstimator(dim1, cols[d]!), candCols[d]!);
      },
    ],
    [
      `n=${n} univariate, presorted`,
      () => {
        for (let d = 0; d < D; d++) {
          parzenLogPdf(buildParzenEstimator(dim1, cols[d]!, { order: [orders[d]] }), candCols[d]!);
        }
      },
    ],
    [
      `n=${n} blocked: 10 sorted 1-D logpdf`,
      () => {
        for (let d = 0; d < D; d++) parzenLogPdf(sortedEstimators[d]!, candCols[d]!);
      },
    ],
    [`n=${n} integer 10-D build+logpdf`, () => parzenLogPdf(buildParzenEstimator(idims, iobs), icand)],
    [`n=${n} sample 24 (10-D)`, () => sampleParzen(est, srng, M)],
    [`n=${n} ratio: best of 24, prebuilt g`, () => parzenBestLogRatio(l, g, sampleParzen(l, rrng, M))],
    [
      `n=${n} TPE step, multivariate`,
      () => {
        const ls = buildParzenEstimator(dims, below);
        const gs = buildParzenEstimator(dims, above);
        const c = sampleParzen(ls, trng, M);
        return bestOf(parzenLogPdf(ls, c), parzenLogPdf(gs, c));
      },
    ],
    [
      `n=${n} TPE step, univariate (10 dims)`,
      () => {
        for (let d = 0; d < D; d++) {
          const ls = buildParzenEstimator(dim1, belowCols[d]!);
          const gs = buildParzenEstimator(dim1, aboveCols[d]!);
          const c = sampleParzen(ls, trng, M);
          bestOf(parzenLogPdf(ls, c), parzenLogPdf(gs, c));
        }
      },
    ],
    [`n=${n} baseline: direct log-pdf of 24`, () => naiveLogPdf(est, cand)],
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median wall time of `repeats` runs after a warm-up (JIT). */
function wall(f: () => unknown): number {
  for (let w = 0; w < 5; w++) f();
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** CPU time (user + system) per run, over `reps` runs. */
function cpu(f: () => unknown, reps: number): number {
  const t0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) f();
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1000 / reps;
}

const here = await load(resolve(import.meta.dirname, "../.."));
const rows: string[][] = [];
if (against === "") {
  for (const n of [1000, 10_000]) {
    for (const [name, f] of cases(here, n))
      if (filter === null || filter.test(name)) rows.push([name, `${wall(f).toFixed(2)} ms`]);
  }
  console.log(`Parzen estimator, D=${D}, ${M} candidates, median of ${repeats} (Node ${process.version})`);
} else {
  const there = await load(resolve(against));
  for (const n of [1000, 10_000]) {
    const a = cases(here, n);
    const b = cases(there, n);
    const reps = n === 1000 ? 20 : 3;
    for (let c = 0; c < a.length; c++) {
      const [name, fa] = a[c]!;
      if (filter !== null && !filter.test(name)) continue;
      const fb = b[c]![1];
      cpu(fa, reps);
      cpu(fb, reps);
      const ta: number[] = [];
      const tb: number[] = [];
      for (let r = 0; r < repeats; r++) {
        ta.push(cpu(fa, reps));
        tb.push(cpu(fb, reps));
      }
      const ratio = (x: number, y: number) => (x / y).toFixed(3);
      rows.push([
        name,
        `${median(ta).toFixed(3)} ms`,
        `${median(tb).toFixed(3)} ms`,
        `median ${ratio(median(ta), median(tb))}, min ${ratio(Math.min(...ta), Math.min(...tb))}`,
      ]);
    }
  }
  console.log(
    `Parzen estimator, D=${D}, ${M} candidates: this tree vs ${against}, CPU time per run, ${repeats} alternating rounds (Node ${process.version})`,
  );
  rows.unshift(["case", "this tree", "other tree", "ratio this/other"]);
}
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows)
  console.log(r.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join("  "));
