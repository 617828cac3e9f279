/**
 * Parzen estimator speed: building estimators from n observations in 10-D and evaluating the
 * log-density of 24 candidates (TPE's default n_ei_candidates), for n = 1000 and 10,000.
 *
 * Cases, each timed as the median of `repeats` runs:
 *   multivariate   one 10-D estimator (Optuna's multivariate bandwidth), build + log-pdf of 24
 *   univariate     ten 1-D estimators (neighbour bandwidths), build + log-pdf of 24 each
 *   univariate+ord the same with presorted columns (what a sampler keeping sorted columns pays)
 *   integer        one 10-D estimator over integers 0..100 (cell masses), build + log-pdf of 24
 *   sample         drawing 24 candidates from the 10-D estimator
 *   TPE step       the math of one TPE trial: split off the 25 best observations, build l and g,
 *                  draw 24 candidates from l, evaluate log l - log g at them (multivariate, and
 *                  univariate over the 10 dimensions)
 * Baseline in the same run: a direct implementation of the same mixture density
 * (log Σ_k w_k Π_d truncated-normal pdf with special/normalLogMass and logSumExp per
 * candidate), the way one would first write it.
 *
 * Run: npm run ts -- benchmarks/micro/parzen.ts [repeats=7]
 */
import {
  buildParzenEstimator,
  type ParzenDimension,
  type ParzenEstimator,
  parzenLogPdf,
  sampleParzen,
  stableOrder,
} from "@tunelab/math/parzen";
import { Rng } from "@tunelab/math/random";
import { logSumExp, normalLogMass, normalLogPdf } from "@tunelab/math/special";

const repeats = Number(process.argv[2] ?? 7);
const D = 10;
const M = 24;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(f: () => unknown): number {
  for (let w = 0; w < 5; w++) f(); // warm-up (JIT)
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
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

/** Direct baseline: log Σ_k w_k Π_d pdf_dk(x_d), one candidate at a time. */
function naiveLogPdf(est: ParzenEstimator, cand: Float64Array): Float64Array {
  const out = new Float64Array(cand.length / D);
  const terms = new Array<number>(est.nComponents);
  for (let j = 0; j < out.length; j++) {
    for (let k = 0; k < est.nComponents; k++) {
      let s = Math.log(est.weights[k]!);
      for (let d = 0; d < D; d++) {
        const ker = est.kernels[d]!;
        if (ker.kind !== "truncated-normal") continue;
        const mu = ker.mus[k]!;
        const sd = ker.sigmas[k]!;
        s +=
          normalLogPdf((cand[j * D + d]! - mu) / sd) -
          Math.log(sd) -
          normalLogMass((ker.low - mu) / sd, (ker.high - mu) / sd);
      }
      terms[k] = s;
    }
    out[j] = logSumExp(terms);
  }
  return out;
}

const rows: string[][] = [];
for (const n of [1000, 10_000]) {
  const rng = Rng.fromSeed(n);
  const obs = data(n, rng, false);
  const cand = new Float64Array(M * D);
  for (let i = 0; i < cand.length; i++) cand[i] = Math.max(-5, Math.min(5, rng.normal(0, 0.5)));
  const dims: ParzenDimension[] = Array.from({ length: D }, () => ({ kind: "continuous", low: -5, high: 5 }));

  let est = buildParzenEstimator(dims, obs);
  const tMulti = time(() => {
    est = buildParzenEstimator(dims, obs);
    parzenLogPdf(est, cand);
  });
  const tBuild = time(() => {
    est = buildParzenEstimator(dims, obs);
  });
  const tNaive = time(() => {
    naiveLogPdf(est, cand);
  });

  const cols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: n }, (_, i) => obs[i * D + d]!),
  );
  const candCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: M }, (_, i) => cand[i * D + d]!),
  );
  const dim1: ParzenDimension[] = [{ kind: "continuous", low: -5, high: 5 }];
  const tUni = time(() => {
    for (let d = 0; d < D; d++) parzenLogPdf(buildParzenEstimator(dim1, cols[d]!), candCols[d]!);
  });
  const orders = cols.map((c) => stableOrder(c));
  const tUniOrd = time(() => {
    for (let d = 0; d < D; d++) {
      parzenLogPdf(buildParzenEstimator(dim1, cols[d]!, { order: [orders[d]!] }), candCols[d]!);
    }
  });

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
  const tInt = time(() => {
    parzenLogPdf(buildParzenEstimator(idims, iobs), icand);
  });
  const srng = Rng.fromSeed(1);
  const tSample = time(() => {
    sampleParzen(est, srng, M);
  });

  // One TPE step: "below" = the 25 best observations (by distance to 0 here), "above" = the rest.
  const byScore = Array.from({ length: n }, (_, i) => i).sort((a, b) => score(obs, a) - score(obs, b));
  const below = new Float64Array(25 * D);
  const above = new Float64Array((n - 25) * D);
  for (let t = 0; t < n; t++) {
    const i = byScore[t]!;
    if (t < 25) below.set(obs.subarray(i * D, (i + 1) * D), t * D);
    else above.set(obs.subarray(i * D, (i + 1) * D), (t - 25) * D);
  }
  const trng = Rng.fromSeed(2);
  const tStepMulti = time(() => {
    const l = buildParzenEstimator(dims, below);
    const g = buildParzenEstimator(dims, above);
    const c = sampleParzen(l, trng, M);
    const ll = parzenLogPdf(l, c);
    const lg = parzenLogPdf(g, c);
    let best = 0;
    for (let j = 1; j < M; j++) if (ll[j]! - lg[j]! > ll[best]! - lg[best]!) best = j;
    return best;
  });
  const belowCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: 25 }, (_, i) => below[i * D + d]!),
  );
  const aboveCols = Array.from({ length: D }, (_, d) =>
    Float64Array.from({ length: n - 25 }, (_, i) => above[i * D + d]!),
  );
  const tStepUni = time(() => {
    for (let d = 0; d < D; d++) {
      const l = buildParzenEstimator(dim1, belowCols[d]!);
      const g = buildParzenEstimator(dim1, aboveCols[d]!);
      const c = sampleParzen(l, trng, M);
      const ll = parzenLogPdf(l, c);
      const lg = parzenLogPdf(g, c);
      let best = 0;
      for (let j = 1; j < M; j++) if (ll[j]! - lg[j]! > ll[best]! - lg[best]!) best = j;
    }
  });

  const f = (t: number): string => `${t.toFixed(2)} ms`;
  rows.push(
    [`n=${n} multivariate build+logpdf`, f(tMulti), `(build ${f(tBuild)})`],
    [`n=${n} univariate 10×1-D build+logpdf`, f(tUni), ""],
    [`n=${n} univariate, presorted`, f(tUniOrd), ""],
    [`n=${n} integer 10-D build+logpdf`, f(tInt), ""],
    [`n=${n} sample 24 (10-D)`, f(tSample), ""],
    [
      `n=${n} baseline: direct log-pdf of 24`,
      f(tNaive),
      `ratio baseline/multivariate = ${(tNaive / tMulti).toFixed(1)}×`,
    ],
    [`n=${n} TPE step, multivariate`, f(tStepMulti), ""],
    [`n=${n} TPE step, univariate (10 dims)`, f(tStepUni), ""],
  );
}
const w0 = Math.max(...rows.map((r) => r[0]!.length));
const w1 = Math.max(...rows.map((r) => r[1]!.length));
console.log(`Parzen estimator, D=${D}, ${M} candidates, median of ${repeats} (Node ${process.version})`);
for (const r of rows) console.log(`${r[0]!.padEnd(w0)}  ${r[1]!.padStart(w1)}  ${r[2]}`);
