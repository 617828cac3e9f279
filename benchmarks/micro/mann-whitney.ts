/**
 * Cost of `mannWhitneyU` (packages/math/src/stats/mann-whitney.ts) on unequal sample sizes,
 * where SciPy 1.10's `method="auto"` takes the exact path (min(n1, n2) ≤ 8, no ties): wall
 * time of one call and the process's peak resident memory, for 8 vs 3000 (the case of
 * issue 9) and a few others. Each size runs in a fresh process so that the peak memory is
 * that case's own.
 *
 * Samples: normal draws (Rng seed 1), y shifted by +0.3, no ties.
 *
 * Run: npm run ts -- benchmarks/micro/mann-whitney.ts [n1 n2]   (no arguments: every case)
 */
import { execFileSync } from "node:child_process";
import { Rng } from "@tunelab/math/random";
import { mannWhitneyU } from "@tunelab/math/stats";

const CASES: readonly (readonly [number, number])[] = [
  [8, 3000],
  [8, 30_000],
  [5, 100_000],
  [8, 8],
];

function sample(n1: number, n2: number): [number[], number[]] {
  const rng = Rng.fromSeed(1);
  const x = Array.from({ length: n1 }, () => rng.normal());
  const y = Array.from({ length: n2 }, () => rng.normal() + 0.3);
  return [x, y];
}

function one(n1: number, n2: number): void {
  const [x, y] = sample(n1, n2);
  const t0 = performance.now();
  const r = mannWhitneyU(x, y);
  const ms = performance.now() - t0;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${`${n1} vs ${n2}`.padEnd(12)} ${r.method.padEnd(10)} U1 = ${r.statistic}, p = ${r.pValue.toPrecision(
      6,
    )}: ${ms.toFixed(1)} ms, peak RSS ${peakMb.toFixed(0)} MB`,
  );
}

if (process.argv.length >= 4) {
  one(Number(process.argv[2]), Number(process.argv[3]));
} else {
  console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
  for (const [n1, n2] of CASES) {
    // a fresh process per case, so that the peak RSS is that case's own
    process.stdout.write(
      execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, String(n1), String(n2)], {
        encoding: "utf8",
      }),
    );
  }
}
