/**
 * Reference directions: how the Riesz s-energy directions compare with Das–Dennis lattices of
 * the same count (energy with s = 2M, smallest pairwise distance) and how long they take.
 *
 * Run: npm run ts -- benchmarks/micro/pareto-refdirs.ts
 */
import { Rng } from "@tunelab/math/random";
import { dasDennis, rieszEnergy, rieszEnergyDirections } from "@tunelab/math/refdirs";

function minDistance(x: Float64Array, m: number): number {
  const n = x.length / m;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let k = 0; k < m; k++) d += (x[i * m + k]! - x[j * m + k]!) ** 2;
      best = Math.min(best, Math.sqrt(d));
    }
  }
  return best;
}

console.log(`Riesz s-energy directions against Das–Dennis, s = 2M (Node ${process.version})`);
for (const [m, h] of [
  [3, 12],
  [5, 6],
] as const) {
  const lattice = dasDennis(m, h);
  const n = lattice.length / m;
  const t0 = performance.now();
  const riesz = rieszEnergyDirections(m, n, Rng.fromSeed(1));
  const ms = performance.now() - t0;
  const start = rieszEnergyDirections(m, n, Rng.fromSeed(1), { maxIterations: 0 });
  const e = (x: Float64Array): string => rieszEnergy(x, m, 2 * m).toExponential(3);
  console.log(
    `M=${m} N=${n}: energy lattice ${e(lattice)}, riesz ${e(riesz)} (start ${e(start)}); ` +
      `min distance lattice ${minDistance(lattice, m).toFixed(4)}, riesz ${minDistance(riesz, m).toFixed(4)}; ` +
      `riesz time ${ms.toFixed(0)} ms`,
  );
}
