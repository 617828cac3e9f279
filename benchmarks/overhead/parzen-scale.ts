/**
 * Issue 18: the multivariate TPE estimator's cost per component as n grows, in one process
 * (no study): build g from n observations in 10-D (scaled-range bandwidth, TPE's multivariate
 * default), evaluate log g at 24 candidates drawn from a 25-observation l, and
 * parzenBestLogRatio(l, g) (the bound-and-prune path TPE takes from 1,024 observations).
 * CPU time per call, and per component; each size is run twice, the second pass after V8
 * has compiled everything. Shows whether a trial's estimator work stays linear in n.
 *
 *   npm run ts -- benchmarks/overhead/parzen-scale.ts [N...]   (default 3000 10000 30000)
 */
import {
  buildParzenEstimatorFromColumns,
  parzenBestLogRatio,
  parzenLogPdf,
  sampleParzen,
} from "@tunelab/math/parzen";
import { Rng } from "@tunelab/math/random";

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(3000, 10000, 30000);
const D = 10;
const dims = Array.from({ length: D }, () => ({ kind: "continuous", low: -5, high: 5 }) as const);
const rng = Rng.fromSeed(1);
const columns = (n: number): Float64Array[] =>
  Array.from({ length: D }, () => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = Math.max(-5, Math.min(5, rng.normal(0, 1.5)));
    return c;
  });
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const options = { bandwidth: { kind: "scaled-range" } } as const;
const l = buildParzenEstimatorFromColumns(dims, columns(25), options);
let sink = 0;
for (const pass of [1, 2]) {
  for (const n of sizes) {
    const c = columns(n);
    const reps = Math.max(3, Math.round(600_000 / n));
    let t0 = cpuMs();
    let g = buildParzenEstimatorFromColumns(dims, c, options);
    for (let r = 1; r < reps; r++) g = buildParzenEstimatorFromColumns(dims, c, options);
    const build = (cpuMs() - t0) / reps;
    t0 = cpuMs();
    for (let r = 0; r < reps; r++) sink += parzenLogPdf(g, sampleParzen(l, rng, 24))[0]!;
    const logPdf = (cpuMs() - t0) / reps;
    t0 = cpuMs();
    for (let r = 0; r < reps; r++) sink += parzenBestLogRatio(l, g, sampleParzen(l, rng, 24)).index;
    const ratio = (cpuMs() - t0) / reps;
    const per = (ms: number): string => `${((ms / n) * 1e6).toFixed(0)} ns/component`;
    console.log(
      `pass ${pass}, n=${n}: build ${build.toFixed(2)} ms (${per(build)}), log g at 24 ${logPdf.toFixed(2)} ms (${per(logPdf)}), best ratio ${ratio.toFixed(2)} ms (${per(ratio)})`,
    );
  }
}
if (!Number.isFinite(sink)) console.log("(non-finite sink)");
