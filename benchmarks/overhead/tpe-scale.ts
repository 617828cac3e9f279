/**
 * Issue 18: TPE's cost per trial after a warm start at n finished trials, without paying for
 * n TPE trials first. The study (10-D sphere, in memory) is filled by the same TpeSampler with
 * `nStartupTrials: n`, so the first n trials are its random start-up (prior draws) and trials
 * n..n+k are TPE trials. TPE reads only the history (the split, the columns, the estimators),
 * so a random-filled history of n trials costs what a TPE-made one of the same size does (the
 * below set is then spread more widely, which does not change the estimators' sizes).
 * `--tpe-fill` fills with TPE trials instead (costly: to check that claim).
 * CPU time (process.cpuUsage) of the k TPE trials, per trial, with the heap after them, the
 * CPU of the fill per trial (with `--tpe-fill`, the average TPE trial of a whole n-trial study)
 * and its collector's share, and the collector's pauses during the k trials (perf_hooks "gc"
 * entries: scavenges and mark-compacts, their time per trial and share of the CPU); sizes run
 * in one process, smallest first. `--profile DIR` writes a V8 CPU profile of the k TPE trials
 * alone (not the fill) per size, `DIR/tpe-N.cpuprofile`, for profile-top.ts.
 *
 *   npm run ts -- benchmarks/overhead/tpe-scale.ts [--k 200] [--univariate] [--tpe-fill]
 *     [--profile DIR] [N...]   (default N: 5000 10000 20000)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";
import { sphere10 } from "./study-trees.js";

setLogLevel("error");
const argv = process.argv.slice(2);
const kAt = argv.indexOf("--k");
const k = kAt < 0 ? 200 : Number(argv[kAt + 1]);
const multivariate = !argv.includes("--univariate");
// --tpe-fill: the first n trials are TPE's own (start-up 10), to compare with a random fill.
const tpeFill = argv.includes("--tpe-fill");
const profAt = argv.indexOf("--profile");
const profileDir = profAt < 0 ? null : argv[profAt + 1];
if (profileDir === undefined) throw new RangeError("tpe-scale: --profile needs a directory");
const sizes = argv.filter((a, i) => /^\d+$/.test(a) && i !== kAt + 1).map(Number);
if (sizes.length === 0) sizes.push(5000, 10000, 20000);
if (!(Number.isSafeInteger(k) && k >= 1))
  throw new RangeError(`tpe-scale: --k must be an integer >= 1, got ${k}`);

const sphere = sphere10;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

// The collector's pauses (ms) by kind, summed while `gcOn`.
let gcOn = false;
const gc = { minor: 0, major: 0, nMajor: 0 };
new PerformanceObserver((list) => {
  if (!gcOn) return;
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor += e.duration;
    else {
      gc.major += e.duration;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.nMajor++;
    }
  }
}).observe({ entryTypes: ["gc"] });
const session = profileDir === null ? null : new Session();
if (session !== null && profileDir !== null) {
  mkdirSync(profileDir, { recursive: true });
  session.connect();
  await session.post("Profiler.enable");
}

for (const n of sizes) {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new TpeSampler({ seed: 1, nStartupTrials: tpeFill ? 10 : n, multivariate }),
  });
  gc.minor = gc.major = gc.nMajor = 0;
  gcOn = true;
  let t0 = cpuMs();
  await study.optimize(sphere, { nTrials: n });
  const fill = (cpuMs() - t0) / n;
  await new Promise((r) => setTimeout(r, 50));
  const fillGc = `${((100 * (gc.minor + gc.major)) / (fill * n)).toFixed(0)}% GC, ${gc.nMajor} full collections`;
  // The k trials in four blocks: a rising cost within them means the TPE trials themselves
  // (not the size of the history) make the next ones dearer.
  const blocks: string[] = [];
  let total = 0;
  const sys0 = process.cpuUsage().system;
  gc.minor = gc.major = gc.nMajor = 0;
  gcOn = true;
  if (session !== null) await session.post("Profiler.start");
  for (let b = 0; b < 4; b++) {
    const kb = Math.floor((k * (b + 1)) / 4) - Math.floor((k * b) / 4);
    t0 = cpuMs();
    await study.optimize(sphere, { nTrials: kb });
    const ms = cpuMs() - t0;
    total += ms;
    blocks.push((ms / Math.max(kb, 1)).toFixed(1));
  }
  if (session !== null && profileDir !== null) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(join(profileDir, `tpe-${n}.cpuprofile`), JSON.stringify(profile));
  }
  // Entries arrive asynchronously: let the observer see the last ones.
  await new Promise((r) => setTimeout(r, 50));
  gcOn = false;
  const per = total / k;
  const sys = (process.cpuUsage().system - sys0) / 1e3 / k;
  const mem = process.memoryUsage();
  const heap = mem.heapUsed / 2 ** 20;
  const gcShare = (100 * (gc.minor + gc.major)) / total;
  console.log(
    `n=${n}: TPE trials ${n}..${n + k - 1}: ${per.toFixed(2)} ms/trial CPU (${sys.toFixed(2)} of it system; ${((per / n) * 1e6).toFixed(0)} ns per finished trial; by quarter ${blocks.join(" / ")}); GC ${((gc.minor + gc.major) / k).toFixed(2)} ms/trial (${gcShare.toFixed(0)}% of the CPU; scavenges ${(gc.minor / k).toFixed(2)}, mark-compact and incremental ${(gc.major / k).toFixed(2)} ms/trial, ${gc.nMajor} full collections); fill ${fill.toFixed(3)} ms/trial (${fillGc}); heap ${heap.toFixed(0)} MiB, RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB; best ${study.bestValue.toFixed(3)}`,
  );
}
session?.disconnect();
