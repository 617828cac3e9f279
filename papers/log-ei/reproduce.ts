/**
 * EI against log EI: Ament, Daulton, Eriksson, Balandat & Bakshy, "Unexpected Improvements
 * to Expected Improvement for Bayesian Optimization", NeurIPS 2023 (papers/log-ei/README.md).
 * Built on @tunelab/math/gp only (fitGp, createAcquisition, optimizeAcquisition, posterior).
 *
 *   E1  numerics: GPs fitted to n uniform points of Ackley in d dimensions; on 2000 uniform
 *       candidates, the fraction where the naive EI is exactly 0, where its gradient is
 *       exactly 0, and where ‖∇EI‖ < 1e-10 (the threshold of the paper's Fig. 1), against the
 *       fraction where log EI is finite with a non-zero gradient; then, for one fitted GP, the
 *       same fractions as the incumbent is made k output standard deviations better than observed.
 *   E2  optimization: a Bayesian-optimization loop (fitGp warm-started each trial, then
 *       optimizeAcquisition with the same seeded generator) with the naive EI against log EI,
 *       same seeds and initial designs; median best value over iterations and a paired
 *       Wilcoxon signed-rank test on the final best values.
 *
 * The naive EI is written here plainly, as most implementations do:
 *   EI = σ (φ(z) + z Φ(z)),  z = (y* - μ)/σ,  ∇EI = -Φ(z) ∇μ + φ(z) ∇σ
 * (Jones, Schonlau & Welch 1998; minimization), with φ and Φ from @tunelab/math/special, so
 * that its underflow (h(z) = φ(z) + zΦ(z) is 0 below z ≈ -38) is the real one of float64.
 * Mathematically EI = exp(log EI); the script checks that the two agree where EI is not tiny
 * (E1 prints the largest relative difference where EI > 1e-250). ∇μ and ∇σ come
 * from the public API: UCB with β = 0 is -μ (gradient -∇μ) and with β = 1 is -μ + σ, so
 * ∇σ is the difference of the two gradients. σ is floored as createAcquisition's log EI does
 * (standardized variance ≥ 1e-12), with a zero σ-gradient below the floor.
 *
 * Run: nice -n 19 npm run ts -- papers/log-ei/reproduce.ts [e1|e2] [--seeds 1-10] [--quick]
 *   [--iterations 50] [--problems 0,1,2,3,4] (E2's problems by index in `all`, below)
 */
import {
  type Acquisition,
  createAcquisition,
  fitGp,
  type GpDimension,
  type GpHyperparameters,
  type GpModel,
  type OptimizeAcquisitionOptions,
  optimizeAcquisition,
  posterior,
} from "@tunelab/math/gp";
import { Rng } from "@tunelab/math/random";
import { normalCdf, normalPdf } from "@tunelab/math/special";
import { median, wilcoxonSignedRank } from "@tunelab/math/stats";
import type { BoxFunction } from "@tunelab/test-functions/box";
import { ackley, levy, sphere } from "@tunelab/test-functions/classic";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const seedArg = args.indexOf("--seeds");
const [s0, s1] = (seedArg >= 0 ? args[seedArg + 1]! : quick ? "1-3" : "1-10").split("-").map(Number) as [
  number,
  number,
];
if (!(Number.isInteger(s0) && Number.isInteger(s1) && s1 >= s0)) {
  throw new RangeError(`--seeds must be a range a-b of integers with a <= b, got ${args[seedArg + 1]}`);
}
const seeds = Array.from({ length: s1 - s0 + 1 }, (_, i) => s0 + i);

/** Standardized-variance floor of createAcquisition's log EI (σ̃ ≥ 1e-6). */
const VAR_FLOOR = 1e-12;

/** The naive EI as an Acquisition (value, gradient, batched values), for minimization. */
function naiveEi(model: GpModel, best: number): Acquisition {
  const d = model.dimension;
  const minus = createAcquisition({ kind: "ucb", model, beta: 0 }); // -μ
  const upper = createAcquisition({ kind: "ucb", model, beta: 1 }); // -μ + σ
  const g0 = new Float64Array(d);
  const g1 = new Float64Array(d);
  const varFloor = VAR_FLOOR * model.yStd * model.yStd;

  function ei(mean: number, variance: number): number {
    const sigma = Math.sqrt(variance < varFloor ? varFloor : variance);
    const z = (best - mean) / sigma;
    return sigma * (normalPdf(z) + z * normalCdf(z));
  }
  function evaluate(x: Float64Array, grad: Float64Array | null): number {
    const p = posterior(model, x);
    const mean = p.mean[0]!;
    const variance = p.variance[0]!;
    if (grad === null) return ei(mean, variance);
    minus.valueAndGradient(x, g0);
    upper.valueAndGradient(x, g1);
    const floored = variance < varFloor;
    const sigma = Math.sqrt(floored ? varFloor : variance);
    const z = (best - mean) / sigma;
    const pdf = normalPdf(z);
    const cdf = normalCdf(z);
    // ∇μ = -g0, ∇σ = g1 - g0 (zero below the floor).
    for (let k = 0; k < d; k++) grad[k] = cdf * g0[k]! + (floored ? 0 : pdf * (g1[k]! - g0[k]!));
    return sigma * (pdf + z * cdf);
  }
  return {
    dimension: d,
    value: (x) => evaluate(x, null),
    valueAndGradient: (x, grad) => evaluate(x, grad),
    values(q, m) {
      const p = posterior(model, q);
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) out[i] = ei(p.mean[i]!, p.variance[i]!);
      return out;
    },
  };
}

function uniformCube(rng: Rng, n: number, d: number): Float64Array {
  return rng.fillRandom(new Float64Array(n * d));
}

/** f at a point of the unit cube. */
function evalCube(fn: BoxFunction, u: Float64Array, o: number, scratch: Float64Array): number {
  for (let j = 0; j < scratch.length; j++) {
    scratch[j] = fn.lower[j]! + u[o + j]! * (fn.upper[j]! - fn.lower[j]!);
  }
  return fn.evaluateVector(scratch);
}

function norm(g: Float64Array): number {
  let s = 0;
  for (let k = 0; k < g.length; k++) s += g[k]! * g[k]!;
  return Math.sqrt(s);
}

const pct = (a: number, n: number): string => `${((100 * a) / n).toFixed(1).padStart(5)}%`;

// ---------------------------------------------------------------------------------------
// E1: how much of the space has a vanishing EI.

interface Fractions {
  eiZero: number;
  gradZero: number;
  gradTiny: number;
  logFinite: number;
  logGradNonZero: number;
  zMedian: number;
  maxRelDiff: number;
}

function fractions(model: GpModel, best: number, cand: Float64Array, m: number): Fractions {
  const d = model.dimension;
  const naive = naiveEi(model, best);
  const logAcq = createAcquisition({ kind: "logEi", model, best });
  const g = new Float64Array(d);
  const x = new Float64Array(d);
  const p = posterior(model, cand);
  const zs = new Float64Array(m);
  const varFloor = VAR_FLOOR * model.yStd * model.yStd;
  const f: Fractions = {
    eiZero: 0,
    gradZero: 0,
    gradTiny: 0,
    logFinite: 0,
    logGradNonZero: 0,
    zMedian: 0,
    maxRelDiff: 0,
  };
  for (let i = 0; i < m; i++) {
    x.set(cand.subarray(i * d, (i + 1) * d));
    const v = p.variance[i]!;
    zs[i] = (best - p.mean[i]!) / Math.sqrt(v < varFloor ? varFloor : v);
    const ei = naive.valueAndGradient(x, g);
    const gn = norm(g);
    if (ei === 0) f.eiZero++;
    if (gn === 0) f.gradZero++;
    if (gn < 1e-10) f.gradTiny++;
    const le = logAcq.valueAndGradient(x, g);
    if (Number.isFinite(le)) f.logFinite++;
    if (Number.isFinite(le) && norm(g) > 0) f.logGradNonZero++;
    // EI = exp(log EI) where EI is well inside the normal range.
    if (ei > 1e-250) f.maxRelDiff = Math.max(f.maxRelDiff, Math.abs(Math.exp(le) - ei) / ei);
  }
  f.zMedian = median(zs);
  return f;
}

function experiment1(): void {
  const m = 2000;
  const dims = quick ? [4, 16] : [2, 4, 8, 16];
  const ns = quick ? [10, 40] : [10, 20, 40, 80, 160];
  const e1Seeds = seeds.slice(0, 5);
  console.log(`E1a: Ackley, n uniform observations, GP fitted (fitGp defaults), best = min y; ${m} uniform`);
  console.log(
    `     candidates per fit, seeds ${e1Seeds.join(",")} pooled. Columns: % of candidates with EI == 0 |`,
  );
  console.log("     ∇EI == 0 | ‖∇EI‖ < 1e-10 | log EI finite with ∇ ≠ 0 | median of the seeds' median z");
  let worstRel = 0;
  for (const d of dims) {
    for (const n of ns) {
      const tot = { eiZero: 0, gradZero: 0, gradTiny: 0, logOk: 0, z: [] as number[] };
      const fn = ackley(d);
      const scratch = new Float64Array(d);
      for (const seed of e1Seeds) {
        const rng = Rng.fromSeed(seed).fork(`e1-${d}-${n}`);
        const x = uniformCube(rng.fork("x"), n, d);
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) y[i] = evalCube(fn, x, i * d, scratch);
        const { model } = fitGp(x, y, { rng: rng.fork("fit") });
        const cand = uniformCube(rng.fork("cand"), m, d);
        const f = fractions(model, Math.min(...y), cand, m);
        tot.eiZero += f.eiZero;
        tot.gradZero += f.gradZero;
        tot.gradTiny += f.gradTiny;
        tot.logOk += f.logGradNonZero;
        tot.z.push(f.zMedian);
        worstRel = Math.max(worstRel, f.maxRelDiff);
      }
      const all = m * e1Seeds.length;
      console.log(
        `  d=${String(d).padStart(2)} n=${String(n).padStart(3)}: ${pct(tot.eiZero, all)} | ${pct(tot.gradZero, all)} | ${pct(tot.gradTiny, all)} | ${pct(tot.logOk, all)} | ${median(tot.z).toFixed(1)}`,
      );
    }
  }
  console.log(
    `  largest relative difference exp(log EI) vs naive EI where EI > 1e-250: ${worstRel.toExponential(1)}`,
  );

  // E1b: the incumbent's quality, one GP, best = min y - k·s_y.
  const d = 8;
  const n = 40;
  const ks = [0, 1, 2, 5, 10, 20, 50];
  console.log("");
  console.log(
    `E1b: Ackley d=${d}, n=${n}; the incumbent made better than observed: best = min y - k·s_y (s_y the`,
  );
  console.log(`     outputs' standard deviation); same columns, seeds ${e1Seeds.join(",")} pooled`);
  const fn = ackley(d);
  const scratch = new Float64Array(d);
  const fits = e1Seeds.map((seed) => {
    const rng = Rng.fromSeed(seed).fork(`e1-${d}-${n}`);
    const x = uniformCube(rng.fork("x"), n, d);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = evalCube(fn, x, i * d, scratch);
    return {
      model: fitGp(x, y, { rng: rng.fork("fit") }).model,
      y,
      cand: uniformCube(rng.fork("cand"), m, d),
    };
  });
  for (const k of ks) {
    const tot = { eiZero: 0, gradZero: 0, gradTiny: 0, logOk: 0, z: [] as number[] };
    for (const fit of fits) {
      const f = fractions(fit.model, Math.min(...fit.y) - k * fit.model.yStd, fit.cand, m);
      tot.eiZero += f.eiZero;
      tot.gradZero += f.gradZero;
      tot.gradTiny += f.gradTiny;
      tot.logOk += f.logGradNonZero;
      tot.z.push(f.zMedian);
    }
    const all = m * fits.length;
    console.log(
      `  k=${String(k).padStart(2)}: ${pct(tot.eiZero, all)} | ${pct(tot.gradZero, all)} | ${pct(tot.gradTiny, all)} | ${pct(tot.logOk, all)} | ${median(tot.z).toFixed(1)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// E2: Bayesian optimization with EI and with log EI.

interface BoRun {
  /** best value after each evaluation (nInit + nIter entries). */
  readonly trace: Float64Array;
  /** iterations whose chosen point had an acquisition value of exactly 0 (EI only). */
  readonly zeroPicks: number;
  /** mean fraction of 256 probe points (uniform) where the acquisition is 0 (EI) or not finite. */
  readonly zeroPrelim: number;
  /** mean fraction of the probe points where the acquisition's gradient norm is < 1e-10. */
  readonly tinyGradPrelim: number;
}

/** A problem: a test function and, optionally, one initial point near its optimum. */
interface Problem {
  readonly fn: BoxFunction;
  /** Half-width, in unit-cube coordinates, of the box around the optimum where one initial point is drawn. @defaultValue none */
  readonly goodStart?: number;
  /** Also run the configuration with the best observed point as a start. @defaultValue false */
  readonly withBestStart?: boolean;
}

function bo(
  problem: Problem,
  kind: "ei" | "logEi",
  seed: number,
  nInit: number,
  nIter: number,
  opt: OptimizeAcquisitionOptions & { readonly startFromBest: boolean },
): BoRun {
  const fn = problem.fn;
  const d = fn.lower.length;
  const space: GpDimension[] = Array.from({ length: d }, () => ({ kind: "float", low: 0, high: 1 }));
  const rng = Rng.fromSeed(seed).fork(`e2-${fn.name}`);
  const total = nInit + nIter;
  const x = new Float64Array(total * d);
  const y = new Float64Array(total);
  const trace = new Float64Array(total);
  const scratch = new Float64Array(d);
  x.set(uniformCube(rng.fork("init"), nInit, d));
  if (problem.goodStart !== undefined) {
    // Replace the last initial point by one near the optimum (the centre of the box for the
    // functions used here): an incumbent far better than most of the space.
    const opt = fn.optimizerVectors[0];
    if (opt === undefined) throw new Error(`${fn.name}: no known optimizer for goodStart`);
    const r = rng.fork("good");
    for (let j = 0; j < d; j++) {
      const c = (opt[j]! - fn.lower[j]!) / (fn.upper[j]! - fn.lower[j]!);
      x[(nInit - 1) * d + j] = Math.min(1, Math.max(0, c + problem.goodStart * (2 * r.random() - 1)));
    }
  }
  let best = Number.POSITIVE_INFINITY;
  let bestIndex = 0;
  for (let i = 0; i < nInit; i++) {
    y[i] = evalCube(fn, x, i * d, scratch);
    if (y[i]! < best) {
      best = y[i]!;
      bestIndex = i;
    }
    trace[i] = best;
  }
  let hyper: GpHyperparameters | undefined;
  let zeroPicks = 0;
  let zeroPrelim = 0;
  let tinyGradPrelim = 0;
  const g = new Float64Array(d);
  const px = new Float64Array(d);
  const probe = uniformCube(rng.fork("probe"), 256, d);
  for (let t = nInit; t < total; t++) {
    const { model } = fitGp(x.subarray(0, t * d), y.subarray(0, t), {
      ...(hyper === undefined ? {} : { warmStart: hyper }),
      restarts: hyper === undefined || t % 10 === 0 ? 2 : 0,
      rng: rng.fork(`fit-${t}`),
    });
    hyper = model.hyperparameters;
    const acq = kind === "ei" ? naiveEi(model, best) : createAcquisition({ kind: "logEi", model, best });
    const pv = acq.values(probe, 256);
    let z = 0;
    for (let i = 0; i < 256; i++) if (pv[i] === 0 || pv[i] === Number.NEGATIVE_INFINITY) z++;
    zeroPrelim += z / 256;
    let tiny = 0;
    for (let i = 0; i < 256; i++) {
      px.set(probe.subarray(i * d, (i + 1) * d));
      const v = acq.valueAndGradient(px, g);
      const gn = norm(g);
      if (!Number.isFinite(v) || !(gn >= 1e-10)) tiny++;
    }
    tinyGradPrelim += tiny / 256;
    const { startFromBest, ...options } = opt;
    const r = optimizeAcquisition(acq, space, rng.fork(`acq-${t}`), {
      ...options,
      ...(startFromBest ? { starts: x.slice(bestIndex * d, (bestIndex + 1) * d) } : {}),
    });
    if (kind === "ei" && r.value === 0) zeroPicks++;
    x.set(r.x, t * d);
    y[t] = evalCube(fn, x, t * d, scratch);
    if (y[t]! < best) {
      best = y[t]!;
      bestIndex = t;
    }
    trace[t] = best;
  }
  return { trace, zeroPicks, zeroPrelim: zeroPrelim / nIter, tinyGradPrelim: tinyGradPrelim / nIter };
}

function problemName(p: Problem): string {
  return p.goodStart === undefined
    ? p.fn.name
    : `${p.fn.name}, one initial point within ±${p.goodStart} of the optimum`;
}

function experiment2(): void {
  const nInit = 10;
  const iterArg = args.indexOf("--iterations");
  const nIter = iterArg >= 0 ? Number(args[iterArg + 1]) : quick ? 20 : 50;
  if (!(Number.isInteger(nIter) && nIter >= 5)) {
    throw new RangeError(`--iterations must be an integer >= 5, got ${args[iterArg + 1]}`);
  }
  const only = args.indexOf("--problems");
  // Indices 0-4 are the default run; 5-8 were tried while writing the README (--problems).
  const all: Problem[] = [
    { fn: ackley(4), withBestStart: true },
    { fn: levy(4), withBestStart: true },
    { fn: sphere(5), withBestStart: true },
    { fn: ackley(10) },
    { fn: sphere(20) },
    { fn: ackley(2), withBestStart: true },
    { fn: ackley(10), withBestStart: true },
    { fn: sphere(20), withBestStart: true },
    { fn: sphere(20), goodStart: 0.05, withBestStart: true },
  ];
  const pick = (i: string): Problem => {
    const p = all[Number(i)];
    if (p === undefined) throw new RangeError(`--problems takes indices 0-${all.length - 1}, got ${i}`);
    return p;
  };
  const problems =
    only >= 0 ? (args[only + 1] ?? "").split(",").map(pick) : quick ? [all[0]!] : all.slice(0, 5);
  const configs = [
    { name: "preliminary points only", startFromBest: false },
    { name: "+ best observed as a start", startFromBest: true },
  ];
  const checkpoints = [0, 0.2, 0.4, 0.6, 1].map((f) => nInit + Math.round(f * nIter));
  console.log("");
  console.log(
    `E2: BO with fitGp + optimizeAcquisition (1024 preliminary points, 10 local L-BFGS-B searches), ${nInit} uniform`,
  );
  console.log(
    `    initial points + ${nIter} iterations, seeds ${seeds[0]}-${seeds[seeds.length - 1]}; median best value after n evaluations;`,
  );
  console.log(
    "    in brackets, medians over seeds of: iterations whose pick had EI = 0 | % of 256 uniform probe points",
  );
  console.log("    with acquisition 0 (EI) | with ‖∇‖ < 1e-10, averaged over iterations");
  for (const problem of problems) {
    for (const cfg of problem.withBestStart === true ? configs : configs.slice(0, 1)) {
      const runs: Record<string, BoRun[]> = { ei: [], logEi: [] };
      const t0 = process.cpuUsage();
      for (const seed of seeds) {
        for (const kind of ["ei", "logEi"] as const) {
          runs[kind]!.push(bo(problem, kind, seed, nInit, nIter, { startFromBest: cfg.startFromBest }));
        }
      }
      const cpu = process.cpuUsage(t0);
      console.log(
        `  ${problemName(problem)}; ${cfg.name} (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU):`,
      );
      console.log(`    n:       ${checkpoints.map((c) => String(c).padStart(9)).join("")}`);
      for (const kind of ["ei", "logEi"] as const) {
        const rs = runs[kind]!;
        const row = checkpoints.map((c) =>
          median(rs.map((r) => r.trace[c - 1]!))
            .toPrecision(3)
            .padStart(9),
        );
        const zp = median(rs.map((r) => r.zeroPicks));
        const zf = median(rs.map((r) => r.zeroPrelim));
        const tg = median(rs.map((r) => r.tinyGradPrelim));
        console.log(
          `    ${kind === "ei" ? "EI     " : "log EI "} ${row.join("")}   [${zp} of ${nIter} | ${(100 * zf).toFixed(0)}% | ${(100 * tg).toFixed(0)}%]`,
        );
      }
      const fe = runs.ei!.map((r) => r.trace[nInit + nIter - 1]!);
      const fl = runs.logEi!.map((r) => r.trace[nInit + nIter - 1]!);
      const wins = fl.filter((v, i) => v < fe[i]!).length;
      const ties = fl.filter((v, i) => v === fe[i]!).length;
      const w = wilcoxonSignedRank(fl, fe);
      console.log(
        `    final: log EI better on ${wins} of ${seeds.length} seeds (${ties} ties); Wilcoxon signed-rank two-sided p = ${w.pValue.toPrecision(2)}`,
      );
    }
  }
}

const which = args.find((a) => a === "e1" || a === "e2");
if (which !== "e2") experiment1();
if (which !== "e1") experiment2();
