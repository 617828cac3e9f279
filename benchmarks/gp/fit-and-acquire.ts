/**
 * What one GP trial costs: fitting the GP to n points in 10-D and one acquisition
 * optimization (log EI), at n = 50, 100, 300, 1000, each n in a fresh child process so
 * that its peak RSS is its own.
 *
 * Data: n seeded uniform points of a 10-D float space, y = Styblinski–Tang (a smooth
 * multimodal function) plus nothing (a deterministic objective, the noise still fitted).
 * Per n, after a warm-up of every code path on 20 points (the JIT; a sampler runs them every
 * trial), in CPU time of the child (user + system, process.cpuUsage):
 *   warm fit  fitGp on n points from the hyperparameters fitted on the first n - 1, no
 *             random restarts: what a sampler pays per trial;
 *   cold fit  fitGp from the default start with the default 2 random restarts;
 *   acquire   createAcquisition(logEi) + optimizeAcquisition with the defaults (1024
 *             preliminary points, 10 local searches) plus the best observed point as a start;
 *   peak RSS  process.resourceUsage().maxRSS of the child at the end.
 * Evaluations: likelihood evaluations of the fits; acquisition evaluations (batched points
 * counted one by one).
 *
 * Run: npm run ts -- benchmarks/gp/fit-and-acquire.ts [n ...]   (default 50 100 300 1000)
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createAcquisition, fitGp, type GpDimension, normalize, optimizeAcquisition } from "@tunelab/math/gp";
import { Rng } from "@tunelab/math/random";

const D = 10;

function styblinskiTang(v: Float64Array, o: number): number {
  let s = 0;
  for (let j = 0; j < D; j++) {
    const t = v[o + j]!;
    s += t ** 4 - 16 * t * t + 5 * t;
  }
  return s / 2;
}

function cpuMs(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

function child(n: number): void {
  const space: GpDimension[] = Array.from(
    { length: D },
    () => ({ kind: "float", low: -5, high: 5 }) as const,
  );
  const rng = Rng.fromSeed(n);
  const values = new Float64Array(n * D);
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-5, 5);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = styblinskiTang(values, i * D);
  const x = normalize(space, values);
  // Warm-up of the code paths on a small problem (the JIT: a sampler runs them every trial),
  // then the previous trial's fit.
  const small = fitGp(x.subarray(0, 20 * D), y.subarray(0, 20), { restarts: 0 }).model;
  optimizeAcquisition(
    createAcquisition({ kind: "logEi", model: small, best: Math.min(...y.subarray(0, 20)) }),
    space,
    Rng.fromSeed(3),
  );
  const previous = fitGp(x.subarray(0, (n - 1) * D), y.subarray(0, n - 1), { restarts: 0 }).model
    .hyperparameters;

  let warm = fitGp(x, y, { warmStart: previous, restarts: 0 });
  const warmMs = cpuMs(() => {
    warm = fitGp(x, y, { warmStart: previous, restarts: 0 });
  });
  let cold = warm;
  const coldMs = cpuMs(() => {
    cold = fitGp(x, y, { rng: Rng.fromSeed(1) });
  });
  let best = 0;
  for (let i = 1; i < n; i++) if (y[i]! < y[best]!) best = i;
  let evals = 0;
  const acqMs = cpuMs(() => {
    const acq = createAcquisition({ kind: "logEi", model: warm.model, best: y[best]! });
    evals = optimizeAcquisition(acq, space, Rng.fromSeed(2), {
      starts: x.slice(best * D, best * D + D),
    }).evaluations;
  });
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      n,
      warmMs,
      warmEvals: warm.evaluations,
      coldMs,
      coldEvals: cold.evaluations,
      acqMs,
      acqEvals: evals,
      rssMiB: rss,
    }),
  );
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  child(Number(args[1]));
} else {
  const ns = args.length > 0 ? args.map(Number) : [50, 100, 300, 1000];
  const self = fileURLToPath(import.meta.url);
  console.log(
    "| n | warm fit ms (evals) | cold fit ms (evals) | acquisition ms (evals) | warm fit + acquisition ms | peak RSS MiB |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const n of ns) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, "--child", String(n)], {
      encoding: "utf8",
    });
    const r = JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
    const f = (v: number) => (v < 100 ? v.toFixed(1) : v.toFixed(0));
    console.log(
      `| ${r.n} | ${f(r.warmMs!)} (${r.warmEvals}) | ${f(r.coldMs!)} (${r.coldEvals}) | ${f(r.acqMs!)} (${r.acqEvals}) | ${f(r.warmMs! + r.acqMs!)} | ${r.rssMiB!.toFixed(0)} |`,
    );
  }
}
