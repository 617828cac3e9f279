/**
 * Issue 18: TPE's cost per trial after a warm start at n finished trials, without paying for
 * n TPE trials first. The study (10-D sphere, in memory) is filled by the same TpeSampler with
 * `nStartupTrials: n`, so the first n trials are its random start-up (prior draws) and trials
 * n..n+k are TPE trials. TPE reads only the history (the split, the columns, the estimators),
 * so a random-filled history of n trials costs what a TPE-made one of the same size does (the
 * below set is then spread more widely, which does not change the estimators' sizes).
 * `--tpe-fill` fills with TPE trials instead (costly: to check that claim).
 * CPU time (process.cpuUsage) of the k TPE trials, per trial, with the heap after them and the
 * CPU of the fill per trial; sizes run in one process, smallest first.
 *
 *   npm run ts -- benchmarks/overhead/tpe-scale.ts [--k 200] [--univariate] [--tpe-fill] [N...]
 *     (default N: 5000 10000 20000)
 */
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, setLogLevel, type Trial } from "@tunelab/study";

setLogLevel("error");
const argv = process.argv.slice(2);
const kAt = argv.indexOf("--k");
const k = kAt < 0 ? 200 : Number(argv[kAt + 1]);
const multivariate = !argv.includes("--univariate");
// --tpe-fill: the first n trials are TPE's own (start-up 10), to compare with a random fill.
const tpeFill = argv.includes("--tpe-fill");
const sizes = argv.filter((a, i) => /^\d+$/.test(a) && i !== kAt + 1).map(Number);
if (sizes.length === 0) sizes.push(5000, 10000, 20000);
if (!(Number.isSafeInteger(k) && k >= 1))
  throw new RangeError(`tpe-scale: --k must be an integer >= 1, got ${k}`);

const names = Array.from({ length: 10 }, (_, i) => `x${i}`);
const sphere = (t: Trial): number => {
  let s = 0;
  for (const name of names) {
    const x = t.suggestFloat(name, -5, 5);
    s += x * x;
  }
  return s;
};
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

for (const n of sizes) {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new TpeSampler({ seed: 1, nStartupTrials: tpeFill ? 10 : n, multivariate }),
  });
  let t0 = cpuMs();
  await study.optimize(sphere, { nTrials: n });
  const fill = (cpuMs() - t0) / n;
  // The k trials in four blocks: a rising cost within them means the TPE trials themselves
  // (not the size of the history) make the next ones dearer.
  const blocks: string[] = [];
  let total = 0;
  for (let b = 0; b < 4; b++) {
    const kb = Math.floor((k * (b + 1)) / 4) - Math.floor((k * b) / 4);
    t0 = cpuMs();
    await study.optimize(sphere, { nTrials: kb });
    const ms = cpuMs() - t0;
    total += ms;
    blocks.push((ms / Math.max(kb, 1)).toFixed(1));
  }
  const per = total / k;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `n=${n}: TPE trials ${n}..${n + k - 1}: ${per.toFixed(2)} ms/trial CPU (${((per / n) * 1e6).toFixed(0)} ns per finished trial; by quarter ${blocks.join(" / ")}); fill ${fill.toFixed(3)} ms/trial; heap ${heap.toFixed(0)} MiB; best ${study.bestValue.toFixed(3)}`,
  );
}
